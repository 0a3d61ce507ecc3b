import { riskLabel } from '../../domain/checkins/risks';
import { escapeText, mentionUser } from '../mrkdwn';

// What Accord posts in a check-in's thread and message as it runs.

/** A risk whose review date passed, flagged on a risk check-in's message. */
export function overdueRiskLine(r: {
  id: number;
  title: string;
  reviewOn: string | null;
  ownerUserId: string | null;
}): string {
  return `• ${riskLabel(r.id)} ${escapeText(r.title)} — review was due ${r.reviewOn}${r.ownerUserId ? `, owner ${mentionUser(r.ownerUserId)}` : ''}`;
}

/** The reminder, naming those who have not answered; `closes` is when the check-in closes. */
export const reminderNotice = (missing: readonly string[], closes: string) =>
  `:bell: Still waiting for ${missing.map(mentionUser).join(', ')}: press *Answer* above or reply here. It closes ${closes}.`;

/** The summary posted at the close; `lines` are the summary's own (src/domain/checkins/summary.ts). */
export function summaryNotice(title: string, answered: number, lines: readonly string[]): string {
  const head = `:memo: *${escapeText(title)} summary* (${answered} answer${answered === 1 ? '' : 's'})`;
  return [head, ...lines].join('\n');
}
