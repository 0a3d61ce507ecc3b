import { AccordError } from '../../errors';
import type { Reply } from '../commands/types';

/** The one place an AccordError becomes what the user reads. */
export function errorReply(err: AccordError): Reply {
  const usage = err.details.usage ? `\nUsage: \`${err.details.usage}\`` : '';
  const hint = err.details.hint ? `\n${err.details.hint}` : '';
  const prefix = err.code === 'FORBIDDEN' ? ':no_entry: ' : ':warning: ';
  return { text: `${prefix}${err.message}${usage}${hint}` };
}

export function unexpectedErrorReply(referenceId: string): Reply {
  return {
    text: `:x: Sorry, something went wrong on Accord's side and nothing was changed. If it happens again, give an admin this reference: \`${referenceId}\`.`,
  };
}
