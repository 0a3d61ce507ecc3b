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

export const validation = (message: string, usage?: string) => new AccordError('VALIDATION', message, { usage });
export const usageError = (message: string, usage: string) => new AccordError('USAGE', message, { usage });
export const notFound = (message: string) => new AccordError('NOT_FOUND', message);
export const forbidden = (message: string) => new AccordError('FORBIDDEN', message);
export const conflict = (message: string) => new AccordError('CONFLICT', message);

/** Short, unambiguous id a user can quote to an admin, who finds it in the logs. */
export function newReferenceId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
