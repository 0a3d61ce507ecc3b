import { isReviewOverdue, riskLabel, riskScore } from '../domain/checkins/risks';
import { escapeText, mentionUser } from './mrkdwn';
import type { Reply } from './types';

// Every word about risks (R-<n>): what the channel is told, what the asker is told, and why a
// request was refused.

/** A risk as its messages show it. */
export interface RiskView {
  id: number;
  title: string;
  category: string;
  likelihood: number;
  impact: number;
  ownerUserId: string | null;
  reviewOn: string | null;
  status: 'open' | 'closed';
}

/** One change `/accord risk update` made, old value first. */
export type RiskChange =
  | { field: 'title'; to: string }
  | { field: 'category'; from: string; to: string }
  | { field: 'likelihood' | 'impact'; from: number; to: number }
  | { field: 'review'; from: string | null; to: string }
  | { field: 'mitigation'; cleared: boolean }
  | { field: 'owner'; from: string | null; to: string };

export function riskChangeText(c: RiskChange): string {
  switch (c.field) {
    case 'title':
      return `title “${escapeText(c.to)}”`;
    case 'category':
    case 'likelihood':
    case 'impact':
      return `${c.field} ${c.from} → ${c.to}`;
    case 'review':
      return `review ${c.from ?? '—'} → ${c.to}`;
    case 'mitigation':
      return c.cleared ? 'mitigation cleared' : 'mitigation updated';
    case 'owner':
      return `owner ${c.from ? mentionUser(c.from) : '—'} → ${mentionUser(c.to)}`;
  }
}

const changesText = (changes: readonly RiskChange[]) => changes.map(riskChangeText).join('; ');

// In the project channel.

export const riskAddedNotice = (actor: string, r: RiskView, owner: string) =>
  `:warning: ${mentionUser(actor)} added *${riskLabel(r.id)}: ${escapeText(r.title)}* (${r.category}, likelihood ${r.likelihood} × impact ${r.impact}; owner ${mentionUser(owner)}).`;

export const riskUpdatedNotice = (actor: string, id: number, changes: readonly RiskChange[]) =>
  `:pencil2: ${mentionUser(actor)} updated *${riskLabel(id)}*: ${changesText(changes)}.`;

export const riskClosedNotice = (actor: string, r: { id: number; title: string }, note: string) =>
  `:white_check_mark: ${mentionUser(actor)} closed *${riskLabel(r.id)}: ${escapeText(r.title)}*: ${escapeText(note)}`;

/** In the risk review's thread, when a reported problem was made a risk. */
export const riskFromProblemNotice = (actor: string, r: { id: number; title: string }, reporter: string) =>
  `:warning: ${mentionUser(actor)} recorded *${riskLabel(r.id)}: ${escapeText(r.title)}* from the risk review (owner ${mentionUser(reporter)}). Rate it with \`/accord risk update ${riskLabel(r.id)} likelihood=… impact=…\`.`;

/** The title of a risk made from a reported problem: the area and the answer's note, if any. */
export const riskFromProblemTitle = (areaLabel: string, note: string) =>
  note ? `${areaLabel}: ${note}`.slice(0, 200) : `${areaLabel} problem reported in the risk review`;

// To the person who asked.

export function riskAddedReply(r: RiskView): Reply {
  const { score, level } = riskScore(r.likelihood, r.impact);
  return {
    text: `:white_check_mark: *${riskLabel(r.id)}* recorded: ${escapeText(r.title)} — score ${score} (${level}).`,
  };
}

/** The register, highest score first; `today` is the project's date, for overdue reviews. */
export function riskListReply(o: {
  projectSlug: string;
  which: 'open' | 'all';
  items: readonly RiskView[];
  today: string;
}): Reply {
  if (o.items.length === 0) return { text: `\`${o.projectSlug}\` has no ${o.which === 'open' ? 'open ' : ''}risks.` };
  const sorted = [...o.items].sort((a, b) => b.likelihood * b.impact - a.likelihood * a.impact || a.id - b.id);
  const lines = sorted.map((k) => {
    const { score, level } = riskScore(k.likelihood, k.impact);
    const overdue = k.status === 'open' && isReviewOverdue(k.reviewOn, o.today) ? ' :warning: review overdue' : '';
    return `• *${riskLabel(k.id)}* ${escapeText(k.title)} — ${k.category}, ${k.likelihood}×${k.impact} = ${score} (${level})${k.ownerUserId ? `, owner ${mentionUser(k.ownerUserId)}` : ''}${k.reviewOn ? `, review ${k.reviewOn}` : ''}${k.status === 'closed' ? ' — closed' : ''}${overdue}`;
  });
  return { text: `*Risks of \`${o.projectSlug}\`*\n${lines.join('\n')}` };
}

export const riskUpdatedReply = (id: number, changes: readonly RiskChange[]): Reply => ({
  text: `:white_check_mark: ${riskLabel(id)} updated: ${changesText(changes)}.`,
});

export const riskClosedReply = (id: number): Reply => ({ text: `:white_check_mark: ${riskLabel(id)} closed.` });

/** A second click on *Make “…” a risk*. */
export const problemAlreadyRisk = (id: number): Reply => ({
  text: `:information_source: That problem is already ${riskLabel(id)}.`,
});

/** Shown inside the *Add risk* form when the title is left empty. */
export const riskFormTitleMissing = 'Say what the risk is.';

export const riskRefusals = {
  notFound: (id: number) => `There is no ${riskLabel(id)}.`,
  closed: (id: number) => `${riskLabel(id)} is closed; add a new risk if it came back.`,
  alreadyClosed: (id: number) => `${riskLabel(id)} is already closed.`,
  nothingChanged: (id: number) =>
    `Nothing changed: give a new value, e.g. \`/accord risk update ${riskLabel(id)} impact=4\`.`,
  closeNoteLength: () => 'Say why it is closed, in 1–1000 characters.',
  unknownArea: () => 'That problem area is not one Accord knows.',
};

/** The argument checks of `/accord risk …`. */
export const riskUsage = {
  refMissing: () => 'Name the risk, e.g. `R-3`.',
  /** `echoed` is the token as echoToken shows it. */
  notARef: (echoed: string) => `\`${echoed}\` is not a risk number; they look like \`R-3\`.`,
  /** The labels requireText puts before its complaint. */
  titleLabel: 'Give the risk a title in quotes',
  closeNoteLabel: 'Say why it is closed, in quotes',
};
