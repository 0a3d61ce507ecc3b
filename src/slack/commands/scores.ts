import { tokenText } from '../../domain/args/token';
import { componentIds, formatPoints, formatScore, isComponentId, type ComponentId, type ScoreResult } from '../../domain/scores/score';
import { usageError } from '../../errors';
import { ratePartner, recordKpis, setKpiTargets } from '../../services/scores/kpis';
import { partnerScore, setWeights, type PartnerScore } from '../../services/scores/scores';
import type { PartnerRow } from '../../services/partners/find-partner';
import { escapeText } from '../../messages/mrkdwn';
import { echoToken, periodOption, refuseExtraPositional, refuseUnknownNamed, requireSlug } from './arg-helpers';
import { defineSubcommand } from './types';
import type { Reply } from '../../messages/types';
import { formatPeriod, type Period } from '../../domain/period';
import { formatKpiTarget, parseKpiReading, parseKpiTarget } from '../../domain/scores/kpi';

const SCORE = '/score [<partner>] [period=YYYY-MM|YYYY-Qn]';
const WEIGHTS = '/accord score weights [ack=<n>] [resolve=<n>] [checkins=<n>] [risks=<n>] [satisfaction=<n>] [kpi=<n>]';
const KPI_TARGET = '/accord kpi target <partner>|default <metric><=|>=<value> …';
const KPI_RECORD = '/accord kpi record <partner> <metric>=<value> … [period=YYYY-MM|YYYY-Qn]';
const RATE = '/accord rate <partner> <1-5> ["comment"]';

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
    (c) => `• ${c.label}: ${c.value === null ? '—' : formatPoints(c.value)} (${c.figures}${c.value === null ? '' : `; weight ${formatPoints(c.effectiveWeight)}%`})`,
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

export const scoreSubcommands = [
  defineSubcommand({
    name: 'score',
    topic: 'scores',
    usage: SCORE,
    summary: 'a partner’s service quality score, coefficient and trend (vendor: all partners)',
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = args.positional[0] ? requireSlug(args.positional[0], 'partner') : undefined;
      if (partner === 'weights') throw usageError('`/accord score weights …` sets the weights; see `/accord help scores`.', WEIGHTS);
      refuseExtraPositional(args, 1);
      return { partner, period: periodOption(args) };
    },
    async run(ctx, input) {
      const r = await partnerScore({ ctx, input });
      return r.kind === 'table' ? scoreTableReply(r.period, r.rows) : scoreReply(r.result);
    },
  }),
  defineSubcommand({
    name: 'score weights',
    topic: 'scores',
    usage: WEIGHTS,
    summary: 'the weights of the score’s components (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, [...componentIds]);
      refuseExtraPositional(args, 0);
      const weights: Partial<Record<ComponentId, number>> = {};
      for (const [key, token] of Object.entries(args.named)) {
        if (!isComponentId(key)) continue;
        const text = tokenText(token);
        if (!/^\d{1,3}$/.test(text)) throw usageError(`\`${key}=\` takes a whole number from 0 to 100, not \`${echoToken(token)}\`.`);
        weights[key] = Number(text);
      }
      if (Object.keys(weights).length === 0) throw usageError('Give at least one weight, e.g. `satisfaction=30`.');
      return { weights };
    },
    async run(ctx, input) {
      const w = await setWeights({ ctx, input: { ...input } });
      return { text: `:white_check_mark: Score weights: ${componentIds.map((id) => `${id} ${w[id]}`).join(' · ')}.` };
    },
  }),
  defineSubcommand({
    name: 'kpi target',
    topic: 'scores',
    usage: KPI_TARGET,
    summary: 'KPI targets of a partner, or the default for all',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const who = requireSlug(args.positional[0], 'partner');
      const rest = args.positional.slice(1);
      if (rest.length === 0) throw usageError('Give at least one target, e.g. `service_level>=80%`.');
      const targets = rest.map((t) => {
        const parsed = parseKpiTarget(tokenText(t));
        if ('error' in parsed) throw usageError(parsed.error);
        return parsed;
      });
      return { partner: who, targets };
    },
    async run(ctx, input) {
      await setKpiTargets({ ctx, input });
      return {
        text: `:white_check_mark: KPI targets for ${input.partner === 'default' ? 'every partner without its own' : `\`${input.partner}\``}: ${input.targets.map((t) => escapeText(formatKpiTarget(t))).join(', ')}.`,
      };
    },
  }),
  defineSubcommand({
    name: 'kpi record',
    topic: 'scores',
    usage: KPI_RECORD,
    summary: 'KPI readings of a partner for a period',
    parse({ args }) {
      // Every name but period= is a metric, so only repeated names are refused here.
      if (args.duplicates.length > 0) throw usageError(`${args.duplicates.map((k) => `\`${k}=\``).join(', ')} given more than once.`);
      const partner = requireSlug(args.positional[0], 'partner');
      const rest = args.positional.slice(1);
      // `metric=value` arrives as a named argument; positional ones are the same readings typed with spaces removed.
      const readings = [
        ...Object.entries(args.named)
          .filter(([k]) => k !== 'period')
          .map(([k, v]) => `${k}=${tokenText(v)}`),
        ...rest.map(tokenText),
      ].map((text) => {
        const parsed = parseKpiReading(text);
        if ('error' in parsed) throw usageError(parsed.error);
        return parsed;
      });
      if (readings.length === 0) throw usageError('Give at least one reading, e.g. `aht=280s`.');
      return { partner, readings, period: periodOption(args) };
    },
    async run(ctx, input) {
      const r = await recordKpis({ ctx, input });
      return { text: `:white_check_mark: Recorded ${input.readings.length} KPI reading${input.readings.length === 1 ? '' : 's'} for \`${input.partner}\` in ${r.period}.` };
    },
  }),
  defineSubcommand({
    name: 'rate',
    topic: 'scores',
    usage: RATE,
    summary: 'a customer satisfaction rating of a partner, 1–5',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const partner = requireSlug(args.positional[0], 'partner');
      const ratingToken = args.positional[1];
      const text = ratingToken ? tokenText(ratingToken) : '';
      if (!/^[1-5]$/.test(text)) throw usageError(`Give a rating from 1 to 5${ratingToken ? `, not \`${echoToken(ratingToken)}\`` : ''}.`);
      const commentToken = args.positional[2];
      if (commentToken && commentToken.kind !== 'quoted' && commentToken.kind !== 'word') throw usageError('Put the comment in quotes.');
      refuseExtraPositional(args, 3);
      return { partner, rating: Number(text), comment: commentToken ? tokenText(commentToken) : undefined };
    },
    async run(ctx, input) {
      await ratePartner({ ctx, input });
      return { text: `:white_check_mark: Rating ${input.rating}/5 recorded for \`${input.partner}\`.` };
    },
  }),
];
