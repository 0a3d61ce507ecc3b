/**
 * `npm run test:mutants`: shows that the tests guarding the job and outbox claims can fail. Each
 * mutant is one small change to the source that breaks a guarantee (SKIP LOCKED, the row lock,
 * the outbox's claim lock, completion after the work); it is applied to a fresh copy of the
 * project in a temporary folder, never to this checkout, and the tests that should notice it run
 * there. A mutant is killed when one of them fails; the run exits 1 if any mutant survives.
 *
 * Needs PostgreSQL (TEST_DATABASE_URL): the claims' guarantees are about concurrent connections.
 * Not part of `npm test`: it runs the fault tests once per mutant (several minutes).
 *
 *   npm run test:mutants                 every mutant, each until the first of its tests fails
 *   npm run test:mutants -- skip-locked  only those whose name contains the word
 *   npm run test:mutants -- --all        every test of each mutant, to see which of them notice it
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Mutant {
  name: string;
  /** What the change breaks, for the table. */
  breaks: string;
  file: string;
  /** Must occur exactly once in the file, so a mutant never applies to code it was not written for. */
  find: string;
  replace: string;
  /** Test files (or `file -t name`), run in order until one fails; the quick ones first. */
  tests: string[];
}

const JOBS = 'src/jobs/job-queue.ts';
const CLAIM = 'src/outbound/outbox-claim.ts';
const JOB_TESTS = 'test/integration/jobs.test.ts';

const mutants: Mutant[] = [
  {
    name: 'job-claim-without-skip-locked',
    breaks: 'a runner waits for the rows another runner holds instead of taking the next ones',
    file: JOBS,
    find: `.for('update', { skipLocked: true })`,
    replace: `.for('update')`,
    tests: [JOB_TESTS, 'test/faults/replicas.test.ts', 'test/faults/kill.test.ts'],
  },
  {
    name: 'job-claim-without-row-lock',
    breaks: 'two runners claim the same due jobs',
    file: JOBS,
    find: `.for('update', { skipLocked: true })`,
    replace: ``,
    tests: [JOB_TESTS, 'test/faults/replicas.test.ts', 'test/faults/kill.test.ts'],
  },
  {
    name: 'job-done-before-the-handler',
    breaks: "a batch's jobs are marked done before they have run",
    file: JOBS,
    find: `        const done: JobRow[] = [];\n`,
    replace:
      `        const done: JobRow[] = [];\n` +
      `        if (claimed.length > 0) await tx.update(jobs).set({ status: 'done', finishedAt: now }).where(inArray(jobs.id, claimed.map((j) => j.id)));\n`,
    tests: [JOB_TESTS, 'test/faults/kill.test.ts'],
  },
  {
    name: 'job-handler-without-savepoint',
    breaks: "a failing job's effects commit with the batch, or its SQL error aborts the whole batch",
    file: JOBS,
    find: `await tx.transaction((savepoint) => this.runHandler(savepoint, job, now));`,
    replace: `await this.runHandler(tx, job, now);`,
    tests: [JOB_TESTS],
  },
  {
    name: 'outbox-claim-without-advisory-lock',
    breaks: 'two workers both take the head of a lane and post it twice',
    file: CLAIM,
    find: 'await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_ID})`);',
    replace: '',
    tests: [
      'test/integration/outbox-claim.test.ts',
      'test/integration/outbox-batches.test.ts',
      'test/integration/outbox.test.ts',
      'test/faults/replicas.test.ts',
    ],
  },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The project's files as git knows them (tracked and new, not ignored), copied into `dir`. */
function copyProject(dir: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      copyFileSync(join(root, file), target);
    } catch (err) {
      // A file deleted in the working tree but still in the index is simply left out.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
}

function applyMutant(dir: string, m: Mutant): void {
  const path = join(dir, m.file);
  const source = readFileSync(path, 'utf8');
  const at = source.indexOf(m.find);
  if (at < 0 || source.indexOf(m.find, at + 1) >= 0)
    throw new Error(`mutant ${m.name}: its text must occur exactly once in ${m.file}; the source has changed`);
  writeFileSync(path, source.slice(0, at) + m.replace + source.slice(at + m.find.length));
}

interface Outcome {
  mutant: Mutant;
  /** The tests that failed, i.e. noticed the mutant. */
  killedBy: string[];
  ran: string[];
}

function runMutant(m: Mutant, all: boolean): Outcome {
  const dir = mkdtempSync(join(tmpdir(), `accord-mutant-${m.name}-`));
  const ran: string[] = [];
  const killedBy: string[] = [];
  try {
    copyProject(dir);
    applyMutant(dir, m);
    for (const test of m.tests) {
      ran.push(test);
      process.stdout.write(`  ${m.name}: ${test} … `);
      const result = spawnSync('npx', ['vitest', 'run', ...test.split(' ')], {
        cwd: dir,
        // Plain text, so the failing tests' lines can be picked out of it.
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const failed = result.status !== 0;
      process.stdout.write(`${failed ? 'failed (mutant killed)' : 'passed'}\n`);
      if (failed) {
        const failures = `${result.stdout}\n${result.stderr}`
          .split('\n')
          .filter((line) => /(FAIL|×)/.test(line))
          .map((line) => line.trim())
          .slice(0, 4);
        for (const line of failures) process.stdout.write(`      ${line}\n`);
        killedBy.push(test);
        if (!all) break;
      }
    }
    return { mutant: m, killedBy, ran };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  if (!process.env.TEST_DATABASE_URL) {
    process.stderr.write('test:mutants needs PostgreSQL: set TEST_DATABASE_URL (see README, "Tests").\n');
    return 2;
  }
  const all = process.argv.includes('--all');
  const words = process.argv.slice(2).filter((w) => w !== '--all');
  const chosen = words.length > 0 ? mutants.filter((m) => words.some((w) => m.name.includes(w))) : mutants;
  if (chosen.length === 0) {
    process.stderr.write(
      `no mutant matches ${words.join(', ')}; there are: ${mutants.map((m) => m.name).join(', ')}\n`,
    );
    return 2;
  }
  const outcomes = chosen.map((m) => {
    process.stdout.write(`${m.name} (${m.file}): ${m.breaks}\n`);
    return runMutant(m, all);
  });
  const table = [
    '| mutant | tests | result |',
    '|---|---|---|',
    ...outcomes.map(
      (o) =>
        `| ${o.mutant.name} | ${o.ran.map((t) => `${t} ${o.killedBy.includes(t) ? '✗' : '✓'}`).join(', ')} | ${o.killedBy.length > 0 ? 'killed' : 'SURVIVED'} |`,
    ),
    '',
    '✗: the test failed with the mutant in place (it noticed the mutant); ✓: it passed.',
  ];
  process.stdout.write(`\n${table.join('\n')}\n`);
  return outcomes.every((o) => o.killedBy.length > 0) ? 0 : 1;
}

process.exitCode = main();
