import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string, level: LogLevel) => void;

const stdSink: LogSink = (line, level) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
};

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** One JSON object per line: what log collectors want, and grep-able in a terminal. */
export function createLogger(level: LogLevel = 'info', sink: LogSink = stdSink, bound: LogFields = {}): Logger {
  const write = (at: LogLevel, msg: string, fields?: LogFields) => {
    if (order[at] < order[level]) return;
    const entries = Object.entries({ ...bound, ...fields }).map(([k, v]) => [k, serialise(v)]);
    sink(JSON.stringify({ t: new Date().toISOString(), level: at, msg, ...Object.fromEntries(entries) }), at);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, sink, { ...bound, ...fields }),
  };
}

export const silentLogger: Logger = createLogger('error', () => undefined);

/** Bolt wants its own logger shape; route it into ours so there is one log stream. */
export function toBoltLogger(log: Logger, level: LogLevel): BoltLogger {
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(serialise(p)))).join(' ');
  let boltLevel = level as BoltLogLevel;
  const scoped = log.child({ component: 'bolt' });
  return {
    debug: (...m: unknown[]) => scoped.debug(text(m)),
    info: (...m: unknown[]) => scoped.info(text(m)),
    warn: (...m: unknown[]) => scoped.warn(text(m)),
    error: (...m: unknown[]) => scoped.error(text(m)),
    setLevel: (l: BoltLogLevel) => {
      boltLevel = l;
    },
    getLevel: () => boltLevel ?? BoltLogLevel.INFO,
    setName: () => undefined,
  };
}
