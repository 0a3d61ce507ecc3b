import { actionIds } from './ids';
import { escapeText, mentionUser } from './mrkdwn';
import type { SlackMessage } from './types';
import type { Recommendation } from '../domain/scores/lifecycle';

/** What a month-end recommendation proposes, in a few words. */
const labelOf = (r: Recommendation) =>
  r.kind === 'promote'
    ? `Move to the ${r.to} stage`
    : r.kind === 'exit_review'
      ? 'Start an exit review'
      : 'Plan capability-improvement training';

/** A lifecycle recommendation as admins get it: Apply / Dismiss until one of them decides, then who did. */
export function recommendationMessage(o: {
  id: number;
  partnerName: string;
  period: string;
  rec: Recommendation;
  decided?: { status: 'applied' | 'dismissed'; by: string };
}): SlackMessage {
  const head = `:compass: *${escapeText(o.partnerName)}* after ${o.period}: ${labelOf(o.rec)}.\n${escapeText(o.rec.reason)}`;
  const blocks: SlackMessage['blocks'] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  if (o.decided) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${o.decided.status === 'applied' ? ':white_check_mark: Applied' : ':heavy_multiplication_x: Dismissed'} by ${mentionUser(o.decided.by)}.`,
        },
      ],
    });
  } else {
    blocks.push({
      type: 'actions',
      block_id: `recommendation:${o.id}`,
      elements: [
        {
          type: 'button',
          action_id: actionIds.recommendationApply,
          text: { type: 'plain_text', text: o.rec.kind === 'training' ? 'Plan it' : 'Apply' },
          style: 'primary',
          value: String(o.id),
        },
        {
          type: 'button',
          action_id: actionIds.recommendationDismiss,
          text: { type: 'plain_text', text: 'Dismiss' },
          value: String(o.id),
        },
      ],
    });
  }
  return { text: `${o.partnerName}: ${labelOf(o.rec)}`, blocks };
}
