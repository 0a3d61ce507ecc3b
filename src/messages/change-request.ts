import type { KnownBlock } from '@slack/types';
import { actionIds } from './ids';
import type { SlackMessage } from './types';
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
  const details = [`Proposed by ${mentionUser(cr.proposedBy)}`, cr.activity ? `activity *${escapeText(cr.activity)}*` : undefined, cr.plannedFor ? `planned for ${cr.plannedFor}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const blocks: KnownBlock[] = [section(`${head}\n${details}`)];
  if (cr.status === 'proposed') {
    blocks.push(context(`Waiting for a decision by ${cr.decider}.`));
    blocks.push({
      type: 'actions',
      block_id: `change_request:${cr.id}`,
      elements: [
        { type: 'button', action_id: actionIds.changeApprove, text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: String(cr.id) },
        { type: 'button', action_id: actionIds.changeReject, text: { type: 'plain_text', text: 'Reject' }, style: 'danger', value: String(cr.id) },
      ],
    });
  } else {
    const verdict = cr.status === 'approved' ? ':white_check_mark: Approved' : ':x: Rejected';
    blocks.push(context(`${verdict} by ${mentionUser(cr.decidedBy ?? '')}${cr.decidedAt ? ` on ${cr.decidedAt}` : ''}.`));
  }
  const fallback = `${changeLabel(cr.number)}: ${cr.title} — ${cr.status === 'proposed' ? `waiting for ${cr.decider}` : cr.status}`;
  return { text: escapeText(truncate(fallback, 300)), blocks };
}
