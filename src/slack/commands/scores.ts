import { tokenText } from '../../domain/args/token';
import { componentIds, isComponentId, type ComponentId } from '../../domain/scores/score';
import { usageError } from '../../errors';
import { ratePartner } from '../../services/scores/rate-partner';
import { recordKpis } from '../../services/scores/record-kpis';
import { partnerScore } from '../../services/scores/scores';
import { setKpiTargets } from '../../services/scores/set-kpi-targets';
import { setWeights } from '../../services/scores/set-weights';
import { scoreReplies, scoreReply, scoreTableReply, scoreUsageRefusals } from '../../messages/score';
import { echoToken, periodOption, refuseExtraPositional, refuseUnknownNamed, requireSlug } from './arg-helpers';
import { defineSubcommand } from './types';
import { parseKpiReading, parseKpiTarget } from '../../domain/scores/kpi';

const SCORE = '/score [<partner>] [period=YYYY-MM|YYYY-Qn]';
const WEIGHTS = '/accord score weights [ack=<n>] [resolve=<n>] [checkins=<n>] [risks=<n>] [satisfaction=<n>] [kpi=<n>]';
const KPI_TARGET = '/accord kpi target <partner>|default <metric><=|>=<value> …';
const KPI_RECORD = '/accord kpi record <partner> <metric>=<value> … [period=YYYY-MM|YYYY-Qn]';
const RATE = '/accord rate <partner> <1-5> ["comment"]';

export const scoreSubcommands = [
  defineSubcommand({
    name: 'score',
    topic: 'scores',
    usage: SCORE,
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = args.positional[0] ? requireSlug(args.positional[0], 'partner') : undefined;
      if (partner === 'weights') throw usageError(scoreUsageRefusals.weightsHere(), WEIGHTS);
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
    parse({ args }) {
      refuseUnknownNamed(args, [...componentIds]);
      refuseExtraPositional(args, 0);
      const weights: Partial<Record<ComponentId, number>> = {};
      for (const [key, token] of Object.entries(args.named)) {
        if (!isComponentId(key)) continue;
        const text = tokenText(token);
        if (!/^\d{1,3}$/.test(text)) throw usageError(scoreUsageRefusals.notAWeight(key, echoToken(token)));
        weights[key] = Number(text);
      }
      if (Object.keys(weights).length === 0) throw usageError(scoreUsageRefusals.noWeights());
      return { weights };
    },
    async run(ctx, input) {
      return scoreReplies.weights(await setWeights({ ctx, input: { ...input } }));
    },
  }),
  defineSubcommand({
    name: 'kpi target',
    topic: 'scores',
    usage: KPI_TARGET,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const who = requireSlug(args.positional[0], 'partner');
      const rest = args.positional.slice(1);
      if (rest.length === 0) throw usageError(scoreUsageRefusals.noTargets());
      const targets = rest.map((t) => {
        const parsed = parseKpiTarget(tokenText(t));
        if ('error' in parsed) throw usageError(parsed.error);
        return parsed;
      });
      return { partner: who, targets };
    },
    async run(ctx, input) {
      await setKpiTargets({ ctx, input });
      return scoreReplies.kpiTargets(input.partner, input.targets);
    },
  }),
  defineSubcommand({
    name: 'kpi record',
    topic: 'scores',
    usage: KPI_RECORD,
    parse({ args }) {
      // Every name but period= is a metric, so only repeated names are refused here.
      if (args.duplicates.length > 0) throw usageError(scoreUsageRefusals.givenTwice(args.duplicates));
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
      if (readings.length === 0) throw usageError(scoreUsageRefusals.noReadings());
      return { partner, readings, period: periodOption(args) };
    },
    async run(ctx, input) {
      const r = await recordKpis({ ctx, input });
      return scoreReplies.kpisRecorded(input.partner, input.readings.length, r.period);
    },
  }),
  defineSubcommand({
    name: 'rate',
    topic: 'scores',
    usage: RATE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const partner = requireSlug(args.positional[0], 'partner');
      const ratingToken = args.positional[1];
      const text = ratingToken ? tokenText(ratingToken) : '';
      if (!/^[1-5]$/.test(text))
        throw usageError(scoreUsageRefusals.notARating(ratingToken ? echoToken(ratingToken) : undefined));
      const commentToken = args.positional[2];
      if (commentToken && commentToken.kind !== 'quoted' && commentToken.kind !== 'word')
        throw usageError(scoreUsageRefusals.commentInQuotes());
      refuseExtraPositional(args, 3);
      return { partner, rating: Number(text), comment: commentToken ? tokenText(commentToken) : undefined };
    },
    async run(ctx, input) {
      await ratePartner({ ctx, input });
      return scoreReplies.rated(input.partner, input.rating);
    },
  }),
];
