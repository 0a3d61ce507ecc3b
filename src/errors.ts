import { randomBytes } from 'node:crypto';
import { en, type Translator } from './messages/i18n/translator';

export const errorCodes = ['VALIDATION', 'USAGE', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * What a refusal says: English text as it stands, or words from the catalogue, written out in the
 * reader's language where the reply is made (a command's arguments are refused before anyone's
 * language is known).
 */
export type Words = string | ((t: Translator) => string);

/**
 * The one error type services throw on purpose. Its message is written for the person who typed
 * the command: say what was wrong and what to do instead, never anything about other partners.
 * `message` is its English (for the logs); `textIn` is what a reader of `t`'s language is told.
 */
export class AccordError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly words: Words,
    readonly details: { usage?: string; hint?: Words } = {},
  ) {
    super(typeof words === 'string' ? words : words(en));
    this.name = 'AccordError';
  }

  textIn(t: Translator): string {
    return typeof this.words === 'string' ? this.words : this.words(t);
  }

  hintIn(t: Translator): string | undefined {
    const hint = this.details.hint;
    return hint === undefined ? undefined : typeof hint === 'string' ? hint : hint(t);
  }
}

export const validation = (message: Words) => new AccordError('VALIDATION', message);
/**
 * The request was put the wrong way. The reply adds the usage line of the command that ran: the
 * command registry knows it (see withUsage), so services never spell slash syntax; `usage` is for
 * the rare refusal that points at another command's usage.
 */
export const usageError = (message: Words, usage?: string) =>
  new AccordError('USAGE', message, usage === undefined ? {} : { usage });
export const notFound = (message: Words) => new AccordError('NOT_FOUND', message);
export const forbidden = (message: Words) => new AccordError('FORBIDDEN', message);
export const conflict = (message: Words) => new AccordError('CONFLICT', message);

/** A USAGE error with the usage line of the command that ran, unless it names one already. */
export function withUsage(err: unknown, usage: string | undefined): unknown {
  if (usage === undefined || !(err instanceof AccordError) || err.code !== 'USAGE' || err.details.usage !== undefined)
    return err;
  return new AccordError(err.code, err.words, { ...err.details, usage });
}

/** Short, unambiguous id a user can quote to an admin, who finds it in the logs. */
export function newReferenceId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
