import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AccordProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
  exited: Promise<number | null>;
}

export interface StartOptions {
  /** The entry point, relative to the repository; `src/main.ts` unless told. */
  script?: string;
  /**
   * The directory it is started in, where it looks for `.env` and resolves relative paths. By
   * default an empty directory of its own, removed when it exits, so that a developer's `.env`
   * in the repository never reaches a test and nothing is written into the repository.
   */
  cwd?: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
// From another directory `--import tsx` would not resolve, nor would tsx find the tsconfig.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The real Accord process (`src/main.ts`) with only `env` (and PATH) as its environment. One
 * process, tsx as a loader rather than its CLI wrapper, so SIGKILL really kills Accord itself.
 */
export function startAccordProcess(env: Record<string, string>, options: StartOptions = {}): AccordProcess {
  const ownCwd = options.cwd === undefined ? mkdtempSync(join(tmpdir(), 'accord-cwd-')) : undefined;
  let output = '';
  const child = spawn(process.execPath, ['--import', tsxLoader, join(root, options.script ?? 'src/main.ts')], {
    cwd: options.cwd ?? ownCwd,
    env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (ownCwd) rmSync(ownCwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/**
 * Polls `probe` until it returns a value. The budget is generous on purpose: a process started on
 * a busy machine (PGlite's first start runs initdb and every migration in WASM) can take minutes
 * where an idle one takes seconds, and a test that waits on what it can observe loses nothing by
 * allowing for that; only a failing test waits it out.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 300_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The port of a process once it has logged that it is running; fails at once if it exits first. */
/** The port of the JSON log line 'Accord is running', whatever the order of its fields. */
export function runningPortIn(output: string): string | undefined {
  const line = output.split('\n').find((l) => l.includes('"msg":"Accord is running"'));
  return line === undefined ? undefined : /"port":(\d+)/.exec(line)?.[1];
}

export const runningPort = (run: AccordProcess): Promise<string> =>
  waitFor('Accord to start', () => {
    const port = runningPortIn(run.output());
    if (port === undefined && (run.child.exitCode !== null || run.child.signalCode !== null))
      throw new Error(`Accord exited before it was running:\n${run.output()}`);
    return port;
  });

/**
 * Per-test budget for a test that starts the real process (once or a few times): at a load
 * average of 20 on two CPUs one such test took three and a half minutes.
 */
export const PROCESS_TEST_TIMEOUT = 600_000;

/** How long a test waits for a command's reply from a real process. */
export const REPLY_TIMEOUT = 120_000;
