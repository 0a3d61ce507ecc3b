import { spawn, type ChildProcess } from 'node:child_process';

export interface AccordProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The real Accord process (`src/main.ts`) with only `env` (and PATH) as its environment. One
 * process, tsx as a loader rather than its CLI wrapper, so SIGKILL really kills Accord itself.
 */
export function startAccordProcess(env: Record<string, string>): AccordProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
