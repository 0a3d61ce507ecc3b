import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partners, scoreWeights } from '../../db/schema';
import {
  computeScore,
  defaultWeights,
  validateWeights,
  type ComponentId,
  type Evidence,
  type ScoreResult,
  bestImprovement,
} from '../../domain/scores/score';
import { notFound } from '../../errors';
import { scoreRefusals } from '../../messages/score';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { emptyEvidence, gatherEvidence, hasUndatedEscalations } from './evidence';
import { periodOf, previousPeriods, type Period } from '../../domain/period';

export const TREND_PERIODS = 6;

export async function currentWeights(db: DbOrTx): Promise<Record<ComponentId, number>> {
  const [row] = await db.select().from(scoreWeights).where(eq(scoreWeights.id, 1));
  if (!row) return { ...defaultWeights };
  const checked = validateWeights(row.weights);
  return checked.ok ? checked.weights : { ...defaultWeights };
}

/** Scores of many partners over several periods, oldest period first. */
export async function scoresFor(
  db: DbOrTx,
  partnerIds: readonly number[],
  periods: readonly Period[],
  tz: string,
  now: Date,
): Promise<Array<Map<number, { evidence: Evidence; score: ScoreResult }>>> {
  const [weights, anyUndated] = await Promise.all([currentWeights(db), hasUndatedEscalations(db)]);
  // Periods are independent: on PostgreSQL their queries run side by side on the pool.
  const evidence = await Promise.all(
    periods.map((period) => gatherEvidence(db, partnerIds, period, tz, now, anyUndated)),
  );
  return evidence.map(
    (byPartner) => new Map([...byPartner].map(([id, e]) => [id, { evidence: e, score: computeScore(e, weights) }])),
  );
}

export interface PartnerScore {
  partner: PartnerRow;
  period: Period;
  score: ScoreResult;
  trend: Array<{ period: Period; y: number | null }>;
  improvement: string | undefined;
}

/**
 * `/score [<partner>] [period=…]`. A partner member sees their own partner only (asking about
 * another is refused without saying whether it exists); vendor users may name any partner, and
 * without one get the table of all active partners.
 */
export async function partnerScore({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string | undefined; period: Period | undefined };
}): Promise<
  | { kind: 'one'; result: PartnerScore }
  | { kind: 'table'; period: Period; rows: Array<{ partner: PartnerRow; score: ScoreResult }> }
> {
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  const period = input.period ?? periodOf(now, 'month', tz);
  let slug = input.partner;
  if (slug === undefined && ctx.actor.role === 'partner') slug = ctx.actor.partners[0]?.slug;
  if (slug === undefined) {
    requirePermission(ctx.actor, 'seePartner', {});
    const all = await ctx.db.select().from(partners).where(eq(partners.status, 'active')).orderBy(asc(partners.slug));
    const [scores] = await scoresFor(
      ctx.db,
      all.map((p) => p.id),
      [period],
      tz,
      now,
    );
    const rows = all.map((partner) => ({
      partner,
      score: scores?.get(partner.id)?.score ?? computeScore(emptyEvidence()),
    }));
    rows.sort((a, b) => (b.score.y ?? -1) - (a.score.y ?? -1) || a.partner.slug.localeCompare(b.partner.slug));
    return { kind: 'table', period, rows };
  }
  const [partner] = await ctx.db.select().from(partners).where(eq(partners.slug, slug));
  const own = ctx.actor.partners.some((p) => p.slug === slug);
  if (ctx.actor.role === 'partner' && !own) requirePermission(ctx.actor, 'seePartner', { partnerId: -1 });
  if (!partner) throw notFound(scoreRefusals.noSuchPartner(slug));
  requirePermission(ctx.actor, 'seePartner', { partnerId: partner.id });
  const periods = [...previousPeriods(period, TREND_PERIODS - 1), period];
  const series = await scoresFor(ctx.db, [partner.id], periods, tz, now);
  const latest = series.at(-1)?.get(partner.id);
  if (!latest) throw new Error('no score computed for the period asked');
  const weights = await currentWeights(ctx.db);
  return {
    kind: 'one',
    result: {
      partner,
      period,
      score: latest.score,
      trend: periods.map((p, i) => ({ period: p, y: series[i]?.get(partner.id)?.score.y ?? null })),
      improvement: bestImprovement(latest.evidence, weights)?.sentence,
    },
  };
}
