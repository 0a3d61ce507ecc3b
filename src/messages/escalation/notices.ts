import { formatDuration } from '../../domain/duration';
import type { Severity } from '../../domain/escalations/state';
import type { AccordError } from '../../errors';
import { escalationLabel } from './message';
import { escapeText, mentionUser } from '../mrkdwn';

// What Accord posts about an escalation as it moves on: in its thread, or in the project channel.

/** The people of a level, as the messages name them. */
export const mentionList = (users: readonly string[]) => users.map(mentionUser).join(', ');

/**
 * Why a level is notified: the reason opens the thread notice and is kept with the `notified`
 * event of the timeline.
 */
export const escalationReasons = {
  notAcknowledged: (afterMs: number) => `Not acknowledged after ${formatDuration(afterMs)}.`,
  notResolved: (resolveMs: number) => `Not resolved within ${formatDuration(resolveMs)}.`,
  escalateNow: (actor: string) => `${mentionUser(actor)} asked to escalate now.`,
  moreHelp: (actor: string) => `${mentionUser(actor)} asked for more help.`,
};

export interface LevelNotifiedView {
  reason: string;
  level: number;
  /** Already mrkdwn: the people of the level. */
  mentions: string;
  /** Still open: the notice says whose acknowledgement it waits for. */
  open: boolean;
  /** The target partner's name; undefined when the escalation is the vendor team's. */
  targetName: string | undefined;
}

/**
 * In the thread, when a level is notified. Level people are not always allowed to acknowledge (a
 * vendor member, for a partner's escalation), so it says whose acknowledgement it waits for.
 */
export function levelNotifiedNotice(n: LevelNotifiedView): string {
  const waitingFor = n.targetName !== undefined ? `${escapeText(n.targetName)} (or a vendor admin)` : 'the vendor team';
  const ask = n.open ? ` It waits for an acknowledgement from ${waitingFor}: \`ack\` in this thread.` : '';
  return `:rotating_light: ${n.reason} Escalating to level ${n.level}: ${n.mentions}.${ask}`;
}

/** In the channel, when a level is notified. */
export const levelNotifiedChannelNotice = (id: number, level: number, mentions: string) =>
  `:rotating_light: *${escalationLabel(id)}* escalated to level ${level} (${mentions}).`;

/** At 75% of the time to acknowledge; `due` is the deadline, when one is named. */
export const ackWarning = (mentions: string, due: string | undefined) =>
  `:hourglass_flowing_sand: 75% of the time to acknowledge has passed; ${mentions}, please acknowledge${due ? ` by ${due}` : ''} before it escalates.`;

/** At 75% of the time to resolve; `who` is already mrkdwn. */
export const resolveWarning = (resolveMs: number, who: string, due: string | undefined) =>
  `:hourglass_flowing_sand: 75% of the time to resolve (${formatDuration(resolveMs)}) has passed; ${who}, resolve it${due ? ` by ${due}` : ''} with \`resolved: <summary>\` or say what is blocking.`;

/** In the channel, when the resolution deadline passes. */
export const breachedNotice = (id: number, resolveMs: number, due: string | undefined) =>
  `:rotating_light: *${escalationLabel(id)}* breached its SLA: not resolved within ${formatDuration(resolveMs)}${due ? ` (due ${due})` : ''}.`;

export const cancelledNotice = (by: string, reason: string) =>
  `:heavy_multiplication_x: Cancelled by ${mentionUser(by)}: ${escapeText(reason)}`;

export const upgradedNotice = (by: string, id: number, severity: Severity) =>
  `:arrow_up: ${mentionUser(by)} upgraded ${escalationLabel(id)} to ${severity}; its SLA timers start again from now.`;

/** In the thread of an escalation the quota opened at a lower severity. */
export const downgradedNotice = (id: number, severity: Severity, requestedSeverity: Severity) =>
  `:information_source: ${escalationLabel(id)} was opened as ${severity}: this project's ${requestedSeverity} quota for the month is used up. A vendor admin can upgrade it with the button.`;

/** To the author of a `resolved:` thread reply with nothing after the colon. */
export const resolveWithoutSummaryHint = () =>
  ':warning: Add what was done after the colon, e.g. `resolved: restarted the SIP trunk`.';

/** To the author of a thread reply that was refused (not allowed, already resolved, no summary). */
export const threadReplyRefusal = (err: AccordError) =>
  `${err.code === 'FORBIDDEN' ? ':no_entry:' : ':warning:'} ${err.message}`;
