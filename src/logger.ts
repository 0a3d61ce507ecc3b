import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/** Message first, fields second: the order every caller reads best, whatever pino's own order is. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Receives each log line, without its newline, as soon as it is written. */
export type LogSink = (line: string, level: LogLevel) => void;

const stdSink: LogSink = (line, level) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

export const REDACTED = '[Redacted]';

/**
 * Keys whose values are user data and never reach the log: query parameters (drizzle's `params`,
 * postgres.js's `parameters` and `args`, PGlite's `params`), PostgreSQL's `detail` (it quotes row
 * values: "Key (slug)=(acme) already exists"), and what people write in Slack (message `text`,
 * `blocks`, `attachments`, a form's `state`). Query text, SQLSTATE `code` and the error messages stay.
 */
export const USER_DATA_KEYS: readonly string[] = [
  'params',
  'parameters',
  'args',
  'detail',
  'text',
  'blocks',
  'attachments',
  'state',
];
const userDataKeys = new Set(USER_DATA_KEYS);

/** Where pino's redaction looks: the key itself, and two levels down in any field (`payload.text`, `err.cause.params`). */
export const REDACT_PATHS: readonly string[] = USER_DATA_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

const MAX_CAUSES = 8;

/**
 * An error as a plain object: type, message, stack, every own field (PostgreSQL's `code`,
 * `severity`, `where`, drizzle's `query`…) with user data censored at any depth, and its `cause`
 * chain nested rather than flattened into one message.
 */
export function serialiseError(err: Error, seen: Set<unknown> = new Set()): Record<string, unknown> {
  seen.add(err);
  let message = err.message;
  let stack = err.stack;
  if (err instanceof DrizzleQueryError) {
    // drizzle puts the parameters into its message, and so into the stack's first line.
    message = `Failed query: ${err.query}`;
    const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    stack = [`${err.name}: ${message}`, ...frames].join('\n');
  }
  const out: Record<string, unknown> = { type: err.constructor.name || err.name, message, stack };
  for (const [key, value] of Object.entries(err)) {
    if (key === 'cause' || key in out) continue;
    out[key] = userDataKeys.has(key) ? REDACTED : serialiseNested(value, seen);
  }
  if (err instanceof AggregateError) out.errors = err.errors.map((e: unknown) => serialiseNested(e, seen));
  if (err.cause !== undefined) {
    if (seen.size > MAX_CAUSES) out.cause = '[causes cut short]';
    else if (seen.has(err.cause)) out.cause = '[Circular]';
    else out.cause = serialiseNested(err.cause, seen);
  }
  return out;
}

function serialiseNested(value: unknown, seen: Set<unknown>): unknown {
  if (!(value instanceof Error)) return value;
  if (seen.has(value)) return '[Circular]';
  return serialiseError(value, seen);
}

/** Errors anywhere at the top of the fields become plain objects; other values go to pino as they are. */
function serialiseFields(fields: LogFields): LogFields {
  let out: LogFields | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      out ??= { ...fields };
      out[key] = serialiseError(value);
    }
  }
  return out ?? fields;
}

const levelOfLine = (line: string): LogLevel => {
  const level = /^\{"level":"(debug|info|warn|error)"/.exec(line)?.[1];
  return (level as LogLevel | undefined) ?? 'info';
};

function sinkStream(sink: LogSink): DestinationStream {
  return {
    write(chunk: string) {
      const line = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
      sink(line, levelOfLine(line));
    },
  };
}

function wrap(p: PinoLogger): Logger {
  const at = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (p.isLevelEnabled(level)) p[level](fields ?? {}, msg);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(p.child(fields)),
  };
}

/**
 * One JSON object per line (`level` by name, ISO `time`, `msg`, then the fields): what log
 * collectors want, and grep-able in a terminal. Lines go to `sink` synchronously, one call each.
 * BigInt values are written as their digits; circular references as "[Circular]".
 */
export function createLogger(level: LogLevel = 'info', sink: LogSink = stdSink, bound: LogFields = {}): Logger {
  const root = pino(
    {
      level,
      timestamp: stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => serialiseFields(bindings),
        log: (fields) => serialiseFields(fields),
      },
      // Errors are already plain objects by now: pino's own error serialiser must not redo them.
      serializers: { err: (value: unknown) => value },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    sinkStream(sink),
  );
  return wrap(Object.keys(bound).length > 0 ? root.child(bound) : root);
}

export const silentLogger: Logger = wrap(pino({ level: 'silent' }, { write: () => undefined }));

/** Bolt wants its own logger shape; route it into ours so there is one log stream. */
export function toBoltLogger(log: Logger, level: LogLevel): BoltLogger {
  let boltLevel = level as BoltLogLevel;
  const scoped = log.child({ component: 'bolt' });
  // Strings make the message; anything else Bolt passes goes in as a field, so it is serialised and redacted like ours.
  const emit =
    (write: (msg: string, fields?: LogFields) => void) =>
    (...parts: unknown[]) => {
      const text = parts.filter((p) => typeof p === 'string').join(' ');
      const rest = parts.filter((p) => typeof p !== 'string').map((p) => (p instanceof Error ? serialiseError(p) : p));
      write(text, rest.length > 0 ? { parts: rest } : undefined);
    };
  return {
    debug: emit(scoped.debug),
    info: emit(scoped.info),
    warn: emit(scoped.warn),
    error: emit(scoped.error),
    setLevel: (l: BoltLogLevel) => {
      boltLevel = l;
    },
    getLevel: () => boltLevel ?? BoltLogLevel.INFO,
    setName: () => undefined,
  };
}
