import { randomBytes } from 'node:crypto';

export const errorCodes = ['VALIDATION', 'USAGE', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * The one error type services throw on purpose. Its message is written for the person who typed
 * the command: say what was wrong and what to do instead, never anything about other partners.
 */
export class AccordError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { usage?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'AccordError';
  }
}

export const validation = (message: string) => new AccordError('VALIDATION', message);
/**
 * The request was put the wrong way. The reply adds the usage line of the command that ran: the
 * command registry knows it (see withUsage), so services never spell slash syntax; `usage` is for
 * the rare refusal that points at another command's usage.
 */
export const usageError = (message: string, usage?: string) =>
  new AccordError('USAGE', message, usage === undefined ? {} : { usage });
export const notFound = (message: string) => new AccordError('NOT_FOUND', message);
export const forbidden = (message: string) => new AccordError('FORBIDDEN', message);
export const conflict = (message: string) => new AccordError('CONFLICT', message);

/** A USAGE error with the usage line of the command that ran, unless it names one already. */
export function withUsage(err: unknown, usage: string | undefined): unknown {
  if (usage === undefined || !(err instanceof AccordError) || err.code !== 'USAGE' || err.details.usage !== undefined)
    return err;
  return new AccordError(err.code, err.message, { ...err.details, usage });
}

/** Short, unambiguous id a user can quote to an admin, who finds it in the logs. */
export function newReferenceId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
