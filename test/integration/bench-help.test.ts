import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = `${root}bench/results.md`;
const scenarios = [
  'commands',
  'outbox',
  'escalate',
  'timers',
  'scores',
  'fanout',
  'pgbench',
  'scaling',
  'memory',
  'ack',
];

/** `npm run bench -- …` as a child process, without a PostgreSQL to run on. */
function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'TEST_DATABASE_URL' && !name.startsWith('BENCH_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'bench/run.ts', ...args],
      { cwd: root, env, timeout: 110_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs `look` and checks that bench/results.md is as it was, content and modification time. */
async function leavesResultsAlone<T>(look: () => Promise<T>): Promise<T> {
  const before = { text: readFileSync(results, 'utf8'), mtime: statSync(results).mtimeMs };
  const value = await look();
  expect({ text: readFileSync(results, 'utf8'), mtime: statSync(results).mtimeMs }).toEqual(before);
  return value;
}

describe('npm run bench -- --help', () => {
  it(
    'lists every scenario with what it needs and takes, says results.md is rewritten, and runs nothing',
    { timeout: 120_000 },
    async () => {
      const { code, stdout, stderr } = await leavesResultsAlone(() => bench(['--', '--help']));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      // A row per scenario: its name, what it needs, how long it takes, what it measures.
      for (const name of scenarios)
        expect(stdout).toMatch(new RegExp(`^  ${name} +(-|PostgreSQL) +[^ ].* min(ute)?\\b.* [a-z]`, 'm'));
      expect(stdout).toMatch(/^ {2}memory +PostgreSQL /m);
      expect(stdout).toMatch(/^ {2}pgbench +PostgreSQL /m);
      expect(stdout).toMatch(/^ {2}ack +- /m);
      expect(stdout).toMatch(/^ {2}commands +- /m);
      expect(stdout).toContain('Every run rewrites bench/results.md');
      // Nothing was measured: no table was printed.
      expect(stdout).not.toContain('| scenario |');
    },
  );

  it('refuses an unknown scenario with the list, before running anything', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await leavesResultsAlone(() => bench(['outbox,frobnicate']));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      `Unknown scenario: frobnicate. Choose from ${scenarios.join(', ')} (npm run bench -- --help says what each measures).`,
    );
  });

  it(
    'refuses a scenario that needs PostgreSQL when there is none, rather than writing an empty table',
    { timeout: 120_000 },
    async () => {
      const { code, stdout, stderr } = await leavesResultsAlone(() => bench(['memory']));
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe(
        'memory needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the bench may create databases on.',
      );
    },
  );
});
