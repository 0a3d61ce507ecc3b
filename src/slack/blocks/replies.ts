import { AccordError } from '../../errors';
import type { Reply } from '../commands/types';

/** The one place an AccordError becomes what the user reads. */
export function errorReply(err: AccordError): Reply {
  const usage = err.details.usage ? `\nUsage: \`${err.details.usage}\`` : '';
  const hint = err.details.hint ? `\n${err.details.hint}` : '';
  const prefix = err.code === 'FORBIDDEN' ? ':no_entry: ' : ':warning: ';
  return { text: `${prefix}${err.message}${usage}${hint}` };
}

/** When the database is unreachable (e.g. restarting): nothing was done, and trying again will work. */
export function databaseUnavailableReply(): Reply {
  return { text: ":hourglass_flowing_sand: Accord can't reach its database right now, so nothing was changed. Please try again in a minute." };
}

export function unexpectedErrorReply(referenceId: string): Reply {
  return {
    text: `:x: Sorry, something went wrong on Accord's side and nothing was changed. If it happens again, give an admin this reference: \`${referenceId}\`.`,
  };
}
