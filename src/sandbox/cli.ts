import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createLogger, silentLogger, type Logger } from '../logger';
import { SandboxWorkspace, formatTime } from './workspace';

/**
 * `npm run sandbox`: Accord in a simulated Slack workspace, interactively or, with
 * `--script FILE`, running a script and printing the transcript.
 *
 * Accord's own JSON log goes to ./data/sandbox.log (or the file `--log` names) rather than the
 * terminal: the transcript stays readable, and the reference id an error message mentions can
 * still be looked up there. The sandbox needs no configuration, so it reads neither the
 * environment nor .env.
 */

const DEFAULT_LOG_FILE = './data/sandbox.log';
const USAGE = 'Usage: npm run sandbox [-- --script FILE] [--log FILE]';

type CliArgs = (
  { mode: 'interactive' } | { mode: 'script'; file: string } | { mode: 'help' } | { mode: 'error'; message: string }
) & { logFile: string };

export function parseCliArgs(argv: readonly string[]): CliArgs {
  // npm passes `-- --script FILE` through as is on some versions; the bare `--` means nothing here.
  const args = argv.filter((a) => a !== '--');
  const refuse = () => ({
    mode: 'error' as const,
    message: `I don't understand the arguments “${args.join(' ')}”.\n${USAGE}`,
    logFile: DEFAULT_LOG_FILE,
  });
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h'))
    return { mode: 'help', logFile: DEFAULT_LOG_FILE };
  const options = new Map<string, string>();
  // Each option once, as `--name VALUE` or `--name=VALUE`.
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if ((name !== '--script' && name !== '--log') || options.has(name)) return refuse();
    let value = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined) {
      i += 1;
      value = args[i];
    }
    if (!value) return refuse();
    options.set(name, value);
  }
  const logFile = options.get('--log') ?? DEFAULT_LOG_FILE;
  const script = options.get('--script');
  return script === undefined ? { mode: 'interactive', logFile } : { mode: 'script', file: script, logFile };
}

function fileLogger(logFile: string): Logger {
  try {
    mkdirSync(dirname(logFile), { recursive: true });
    return createLogger('info', (line) => {
      try {
        appendFileSync(logFile, `${line}\n`);
      } catch {
        // A log that cannot be written must not end the session.
      }
    });
  } catch {
    return silentLogger;
  }
}

const print = (lines: readonly string[]) => {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
};

async function runScript(file: string, logFile: string): Promise<number> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`Cannot read the script ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const workspace = new SandboxWorkspace({ echo: true, log: fileLogger(logFile) });
  await workspace.start();
  try {
    for (const line of source.replace(/\r?\n$/, '').split(/\r?\n/)) {
      print(await workspace.run(line));
      if (workspace.finished) break;
    }
  } finally {
    await workspace.stop();
  }
  return 0;
}

function welcome(workspace: SandboxWorkspace, logFile: string): string[] {
  return [
    'Accord sandbox: the real Accord, an in-memory database and a simulated Slack workspace. No Slack needed.',
    `You are alice (a vendor admin) in #general; it is ${formatTime(workspace.now)} in the sandbox, and time only moves when you type "advance".`,
    'Try: /accord help · /accord whoami · as victor · home · advance 1h — "help" lists everything, "quit" leaves.',
    `Accord's own log is in ${logFile}.`,
    '',
  ];
}

async function runInteractive(logFile: string): Promise<number> {
  const piped = !process.stdin.isTTY;
  const workspace = new SandboxWorkspace({ echo: piped, log: fileLogger(logFile) });
  await workspace.start();
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: !piped && process.stdout.isTTY,
  });
  rl.on('SIGINT', () => rl.close());
  const prompt = () => {
    if (piped) return;
    rl.setPrompt(workspace.prompt);
    rl.prompt();
  };
  try {
    if (!piped) print(welcome(workspace, logFile));
    prompt();
    for await (const line of rl) {
      print(await workspace.run(line));
      if (workspace.finished) break;
      prompt();
    }
  } finally {
    rl.close();
    await workspace.stop();
  }
  return 0;
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  switch (args.mode) {
    case 'help':
      print([
        USAGE,
        'Without --script it is interactive; type "help" there for what you can do.',
        `Accord's own log goes to ${DEFAULT_LOG_FILE} unless --log names another file.`,
      ]);
      return 0;
    case 'error':
      process.stderr.write(`${args.message}\n`);
      return 1;
    case 'script':
      return runScript(args.file, args.logFile);
    case 'interactive':
      return runInteractive(args.logFile);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is stopped by now; this only ends a process some stray handle would keep alive.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`The sandbox stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
