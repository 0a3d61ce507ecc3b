import { validation } from '../../errors';
import { tamperedButtonRefusal } from '../../messages/buttons';

/**
 * The record a button stands for, from the value Accord put on it. Slack sends back what Accord
 * set, so anything else was made by hand: a clear refusal, never an unexpected error, and the
 * value is not echoed.
 */
export function recordIdOf(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw validation(tamperedButtonRefusal());
  return id;
}
