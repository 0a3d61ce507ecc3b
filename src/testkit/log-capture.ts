import { createLogger, type Logger, type LogLevel } from '../logger';

export type LogLine = Record<string, unknown>;

/** A real logger whose lines are kept, raw and parsed, for tests of what gets written. */
export function captureLog(level: LogLevel = 'debug'): {
  log: Logger;
  raw: Array<{ line: string; level: LogLevel }>;
  lines: () => LogLine[];
} {
  const raw: Array<{ line: string; level: LogLevel }> = [];
  const log = createLogger(level, (line, at) => raw.push({ line, level: at }));
  const lines = () => raw.map((r) => JSON.parse(r.line) as LogLine);
  return { log, raw, lines };
}

/** Digs a value out of a parsed line by path, for readable assertions on nested errors. */
export const pathIn = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
