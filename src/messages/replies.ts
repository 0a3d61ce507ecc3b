import { AccordError } from '../errors';
import type { Reply } from './types';

/** The one place an AccordError becomes what the user reads. */
export function errorReply(err: AccordError): Reply {
  const usage = err.details.usage ? `\nUsage: \`${err.details.usage}\`` : '';
  const hint = err.details.hint ? `\n${err.details.hint}` : '';
  const prefix = err.code === 'FORBIDDEN' ? ':no_entry: ' : ':warning: ';
  return { text: `${prefix}${err.message}${usage}${hint}` };
}

/** When the database is unreachable (e.g. restarting): nothing was done, and trying again will work. */
export function databaseUnavailableReply(): Reply {
  return {
    text: ":hourglass_flowing_sand: Accord can't reach its database right now, so nothing was changed. Please try again in a minute.",
  };
}

/**
 * When the database went away while the change was being committed: it may have been saved, so
 * "nothing was changed" would be wrong, and trying again blindly could do it twice.
 */
export function commitOutcomeUnknownReply(): Reply {
  return {
    text: ':hourglass_flowing_sand: Accord lost its database connection just as it was saving this, so it cannot tell whether it was saved. Please check whether it is there (e.g. with the matching `list` or `show` command) before you try again, so that it is not done twice.',
  };
}

export function unexpectedErrorReply(referenceId: string): Reply {
  return {
    text: `:x: Sorry, something went wrong on Accord's side and nothing was changed. If it happens again, give an admin this reference: \`${referenceId}\`.`,
  };
}

/** Slack sent a slash command without its user or text (it should not happen; nothing was done). */
export function incompleteCommandReply(): Reply {
  return {
    text: ':warning: Slack sent this command without the fields Accord needs (user and text); please try again.',
  };
}

/** A command typed without arguments opens a form, and Slack would not open it (e.g. the trigger expired). */
export function formNotOpenedReply(): Reply {
  return {
    text: ':warning: Slack would not open the form; type the command with its arguments instead, e.g. `/escalate sev2 Calls drop after 30 s`.',
  };
}

/**
 * In the acknowledgement, when the work of many requests is already waiting: the person knows it
 * was received and that the answer is on its way, rather than wondering whether to type it again.
 */
export const QUEUED_REPLY_OPENING = ':hourglass_flowing_sand: Got it. Accord is busy right now:';

export function queuedReply(ahead: number): Reply {
  return {
    text: `${QUEUED_REPLY_OPENING} ${ahead} ${ahead === 1 ? 'request is' : 'requests are'} ahead of yours. The answer will follow here; no need to send it again.`,
  };
}
