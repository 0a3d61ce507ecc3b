import { validation } from '../../errors';

/**
 * The record a button stands for, from the value Accord put on it. Slack sends back what Accord
 * set, so anything else was made by hand: a clear refusal, never an unexpected error, and the
 * value is not echoed.
 */
export function recordIdOf(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw validation('That button does not belong to a message of Accord’s, so nothing was done. Use the buttons on Accord’s own messages, or the command instead.');
  return id;
}
