import type { KnownBlock } from '@slack/types';
import { actionIds } from './ids';
import type { Reply, SlackMessage } from './types';
import { context, escapeText, mentionUser, section, truncate } from './mrkdwn';

export interface ChangeRequestView {
  id: number;
  number: number;
  title: string;
  proposedBy: string;
  /** Already mrkdwn: who decides, e.g. a mention or a partner's name. */
  decider: string;
  plannedFor: string | undefined;
  activity: string | undefined;
  status: 'proposed' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export const changeLabel = (number: number) => `CR-${number}`;

/** The change request's channel message: buttons while it is open, the decision once made. */
export function changeRequestMessage(cr: ChangeRequestView): SlackMessage {
  const head = `:arrows_counterclockwise: *${changeLabel(cr.number)}: ${escapeText(truncate(cr.title, 200))}*`;
  const details = [
    `Proposed by ${mentionUser(cr.proposedBy)}`,
    cr.activity ? `activity *${escapeText(cr.activity)}*` : undefined,
    cr.plannedFor ? `planned for ${cr.plannedFor}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const blocks: KnownBlock[] = [section(`${head}\n${details}`)];
  if (cr.status === 'proposed') {
    blocks.push(context(`Waiting for a decision by ${cr.decider}.`));
    blocks.push({
      type: 'actions',
      block_id: `change_request:${cr.id}`,
      elements: [
        {
          type: 'button',
          action_id: actionIds.changeApprove,
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          value: String(cr.id),
        },
        {
          type: 'button',
          action_id: actionIds.changeReject,
          text: { type: 'plain_text', text: 'Reject' },
          style: 'danger',
          value: String(cr.id),
        },
      ],
    });
  } else {
    const verdict = cr.status === 'approved' ? ':white_check_mark: Approved' : ':x: Rejected';
    blocks.push(
      context(`${verdict} by ${mentionUser(cr.decidedBy ?? '')}${cr.decidedAt ? ` on ${cr.decidedAt}` : ''}.`),
    );
  }
  const fallback = `${changeLabel(cr.number)}: ${cr.title} — ${cr.status === 'proposed' ? `waiting for ${cr.decider}` : cr.status}`;
  return { text: escapeText(truncate(fallback, 300)), blocks };
}

/** Who decides a change request, as its message and the refusals name them (mrkdwn). */
export type DeciderView =
  | { kind: 'user'; userId: string }
  | { kind: 'vendor'; ownerUserId: string }
  | { kind: 'partner'; name: string; leadIds: readonly string[] };

export function deciderText(d: DeciderView): string {
  if (d.kind === 'user') return mentionUser(d.userId);
  if (d.kind === 'vendor') return `the vendor team (${mentionUser(d.ownerUserId)}, project owner)`;
  return d.leadIds.length > 0 ? `${d.name} (${d.leadIds.map(mentionUser).join(', ')})` : d.name;
}

/** In the request's thread (or the channel): the decision. */
export const changeDecidedNotice = (
  byUserId: string,
  decision: 'approved' | 'rejected',
  label: string,
  title: string,
  proposedBy: string,
): SlackMessage => ({
  text: `${decision === 'approved' ? ':white_check_mark:' : ':x:'} ${mentionUser(byUserId)} ${decision} *${label}: ${escapeText(title)}* (proposed by ${mentionUser(proposedBy)}).`,
});

export const changeRefusals = {
  gone: () => 'That change request no longer exists.',
  alreadyDecided: (label: string, status: string, decidedBy: string | null) =>
    `${label} was already ${status} by ${mentionUser(decidedBy ?? '')}.`,
  notTheDecider: (label: string, decider: string | undefined) =>
    decider === undefined
      ? `Only the decider named on ${label} can approve or reject it.`
      : `Only ${decider} can approve or reject ${label}.`,
  decidedAMomentAgo: (label: string) => `${label} was decided a moment ago by someone else.`,
  titleLength: () => 'Give the change a title of 1–200 characters.',
  whenNotADate: (typed: string, timeZone: string) =>
    `\`when=${escapeText(typed)}\` is not a date and time; write it as YYYY-MM-DDTHH:MM in the project’s time zone (${timeZone}), e.g. \`when=2026-04-02T22:00\`.`,
  whenInThePast: (typed: string, timeZone: string) =>
    `\`when=${escapeText(typed)}\` (${timeZone}) is in the past; propose changes that are still to come.`,
};

export const changeUsageRefusals = {
  titleInQuotes: () => 'Give the change a title in quotes',
};

export const changeProposedReply = (r: { label: string; decider: string }): Reply => ({
  text: `:white_check_mark: *${r.label}* posted in the project channel for ${r.decider} to approve or reject.`,
});
