import { formatPeriod, type Period } from '../domain/period';
import { formatKpiTarget, type KpiTarget } from '../domain/scores/kpi';
import { componentIds, formatPoints, formatScore, type ComponentId, type ScoreResult } from '../domain/scores/score';
import type { PartnerRow } from '../services/partners/find-partner';
import type { PartnerScore } from '../services/scores/scores';
import { escapeText, mentionUser } from './mrkdwn';
import type { Reply } from './types';

const pct = (p: number) => `${formatPoints(p)}%`;

/** The table of partners' scores for a period, as `/score` shows it to the vendor. */
export function scoreTableReply(period: Period, rows: Array<{ partner: PartnerRow; score: ScoreResult }>): Reply {
  if (rows.length === 0) return { text: 'No active partners yet.' };
  const lines = rows.map(
    ({ partner, score }) =>
      `• *${escapeText(partner.name)}* \`${partner.slug}\` — ${formatScore(score.y)}${score.y === null ? '' : `/100 · ${pct(score.p)}`}${score.exitReview ? ' · :warning: exit review' : ''}`,
  );
  return { text: `*Partner scores for ${formatPeriod(period)}*\n${lines.join('\n')}` };
}

/** One partner's score, its components, trend and what would raise it, as `/score` shows it. */
export function scoreReply({ partner, period, score, trend, improvement }: PartnerScore): Reply {
  const components = score.components.map(
    (c) =>
      `• ${c.label}: ${c.value === null ? '—' : formatPoints(c.value)} (${c.figures}${c.value === null ? '' : `; weight ${formatPoints(c.effectiveWeight)}%`})`,
  );
  const lines = [
    `*${escapeText(partner.name)} · ${formatPeriod(period)}*`,
    `Score: ${formatScore(score.y)}${score.y === null ? '' : '/100'}`,
    `Coefficient: ${pct(score.p)}${score.y === null ? ' (nothing is held back without evidence)' : ''}`,
    ...components,
    ...(score.penalty > 0 ? [`• Minor violations: −${score.penalty} points`] : []),
    ...(score.exitReview ? [':warning: A major violation this period: the partner is up for exit review.'] : []),
    `Trend: ${trend.map((t) => `${formatPeriod(t.period)} ${formatScore(t.y)}`).join(' → ')}`,
    ...(improvement ? [`To raise it most: ${improvement}`] : []),
  ];
  return { text: lines.join('\n') };
}

export const scoreReplies = {
  weights: (w: Record<ComponentId, number>): Reply => ({
    text: `:white_check_mark: Score weights: ${componentIds.map((id) => `${id} ${w[id]}`).join(' · ')}.`,
  }),
  kpiTargets: (partner: string, targets: readonly KpiTarget[]): Reply => ({
    text: `:white_check_mark: KPI targets for ${partner === 'default' ? 'every partner without its own' : `\`${partner}\``}: ${targets.map((t) => escapeText(formatKpiTarget(t))).join(', ')}.`,
  }),
  kpisRecorded: (partner: string, readings: number, period: string): Reply => ({
    text: `:white_check_mark: Recorded ${readings} KPI reading${readings === 1 ? '' : 's'} for \`${partner}\` in ${period}.`,
  }),
  rated: (partner: string, rating: number): Reply => ({
    text: `:white_check_mark: Rating ${rating}/5 recorded for \`${partner}\`.`,
  }),
  /** The card's *Our score* for a partner member whose partner has no score yet. */
  noneInProject: (): Reply => ({ text: 'Your partner has no score in this project yet.' }),
};

export const scoreRefusals = {
  noSuchPartner: (slug: string) => `There is no partner \`${slug}\`.`,
  ratingRange: () => 'A rating is a whole number from 1 (poor) to 5 (excellent).',
  commentLength: () => 'Keep the comment to 500 characters.',
};

/** Score commands put the wrong way (the registry adds the usage line). */
export const scoreUsageRefusals = {
  weightsHere: () => '`/accord score weights …` sets the weights; see `/accord help scores`.',
  notAWeight: (key: string, echoed: string) => `\`${key}=\` takes a whole number from 0 to 100, not \`${echoed}\`.`,
  noWeights: () => 'Give at least one weight, e.g. `satisfaction=30`.',
  noTargets: () => 'Give at least one target, e.g. `service_level>=80%`.',
  givenTwice: (keys: readonly string[]) => `${keys.map((k) => `\`${k}=\``).join(', ')} given more than once.`,
  noReadings: () => 'Give at least one reading, e.g. `aht=280s`.',
  notARating: (echoed: string | undefined) =>
    `Give a rating from 1 to 5${echoed !== undefined ? `, not \`${echoed}\`` : ''}.`,
  commentInQuotes: () => 'Put the comment in quotes.',
};

/** What deciding a lifecycle recommendation did, for the admin who pressed the button. */
export type RecommendationOutcome =
  | { kind: 'dismissed' }
  | { kind: 'recorded' }
  | { kind: 'promoted'; partnerName: string; stage: string }
  | { kind: 'exit_review'; partnerName: string }
  | { kind: 'training'; partnerName: string };

export function recommendationDecidedReply(o: RecommendationOutcome): Reply {
  const summary =
    o.kind === 'dismissed'
      ? 'Dismissed; nothing changed.'
      : o.kind === 'recorded'
        ? 'Recorded.'
        : o.kind === 'promoted'
          ? `${escapeText(o.partnerName)} is now in the ${o.stage} stage.`
          : o.kind === 'exit_review'
            ? `${escapeText(o.partnerName)} is marked for exit review.`
            : `Training for ${escapeText(o.partnerName)} is recorded as planned.`;
  return { text: `:white_check_mark: ${summary}` };
}

export const recommendationRefusals = {
  gone: () => 'That recommendation no longer exists.',
  alreadyDecided: (status: string, decidedBy: string | null) =>
    `That recommendation was already ${status} by ${mentionUser(decidedBy ?? '')}.`,
  partnerLeft: (partnerName: string) => `${escapeText(partnerName)} has left the network.`,
  stageMoved: (partnerName: string, stage: string, from: string) =>
    `${escapeText(partnerName)} is in the ${stage} stage now, not ${from}; this recommendation no longer applies. Dismiss it.`,
};
