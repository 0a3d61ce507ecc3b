import type { Token } from '../domain/args/token';
import { parseArgs } from '../domain/args/tokenize';

/** The value of a domain rule's `T | { error }` result, failing the test when it is an error. */
export function ok<T>(result: T | { error: string }): T {
  if (typeof result === 'object' && result !== null && 'error' in result) {
    throw new Error(`unexpected error: ${result.error}`);
  }
  return result as T;
}

/** The error text of a domain rule's result, failing the test when it is not an error. */
export function err(result: unknown): string {
  if (typeof result === 'object' && result !== null && 'error' in result && typeof result.error === 'string') {
    return result.error;
  }
  throw new Error(`expected an error, got ${JSON.stringify(result)}`);
}

/** The value token of `key=value` exactly as the command layer would receive it. */
export function named(text: string): Token {
  const token = Object.values(parseArgs(text).named)[0];
  if (token === undefined) throw new Error(`no named argument in ${text}`);
  return token;
}
