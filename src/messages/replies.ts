import { AccordError } from '../errors';
import { languages } from '../domain/language';
import { en, translator, type Translator } from './i18n/translator';
import type { Reply } from './types';

/** The one place an AccordError becomes what the user reads, in their language (`t`). */
export function errorReply(err: AccordError, t: Translator = en): Reply {
  const usage = err.details.usage ? `\n${t.msg('error.usage', { usage: err.details.usage })}` : '';
  const hintText = err.hintIn(t);
  const hint = hintText ? `\n${hintText}` : '';
  const prefix = err.code === 'FORBIDDEN' ? ':no_entry: ' : ':warning: ';
  return { text: `${prefix}${err.textIn(t)}${usage}${hint}` };
}

/** When the database is unreachable (e.g. restarting): nothing was done, and trying again will work. */
export function databaseUnavailableReply(t: Translator = en): Reply {
  return { text: t.msg('reply.databaseUnavailable') };
}

/**
 * When the database went away while the change was being committed: it may have been saved, so
 * "nothing was changed" would be wrong, and trying again blindly could do it twice.
 */
export function commitOutcomeUnknownReply(t: Translator = en): Reply {
  return { text: t.msg('reply.commitOutcomeUnknown') };
}

export function unexpectedErrorReply(referenceId: string, t: Translator = en): Reply {
  return { text: t.msg('reply.unexpectedError', { referenceId }) };
}

/** Slack sent a slash command without its user or text (it should not happen; nothing was done). */
export function incompleteCommandReply(t: Translator = en): Reply {
  return { text: t.msg('reply.incompleteCommand') };
}

/** A command typed without arguments opens a form, and Slack would not open it (e.g. the trigger expired). */
export function formNotOpenedReply(t: Translator = en): Reply {
  return { text: t.msg('reply.formNotOpened') };
}

/**
 * In the acknowledgement, when the work of many requests is already waiting: the person knows it
 * was received and that the answer is on its way, rather than wondering whether to type it again.
 */
export function queuedReply(ahead: number, t: Translator = en): Reply {
  return { text: `${t.msg('reply.queuedOpening')} ${t.msg('reply.queuedAhead', { ahead })}` };
}

/** Whether `text` is that acknowledgement, in any language (the sandbox's driver and the bench skip it). */
export function isQueuedReply(text: string): boolean {
  return languages.some((l) => text.startsWith(translator(l).msg('reply.queuedOpening')));
}
