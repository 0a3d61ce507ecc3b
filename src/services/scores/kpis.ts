import { and, eq, isNull, or } from 'drizzle-orm';
import { kpiReadings, kpiTargets, ratings } from '../../db/schema';

import { validation } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from '../partners/find-partner';
import { formatPeriod, periodOf, type Period } from '../../domain/period';
import { kpiMet, type KpiTarget, type KpiUnit } from '../../domain/scores/kpi';

/** `/accord kpi target <partner>|default …`: each target replaces the one for its metric. */
export async function setKpiTargets({ ctx, input }: { ctx: ServiceContext; input: { partner: string | 'default'; targets: KpiTarget[] } }): Promise<void> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = input.partner === 'default' ? undefined : await findActivePartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const t of input.targets) {
      const scope = partner ? eq(kpiTargets.partnerId, partner.id) : isNull(kpiTargets.partnerId);
      await tx.delete(kpiTargets).where(and(scope, eq(kpiTargets.metric, t.metric)));
      await tx.insert(kpiTargets).values({ partnerId: partner?.id ?? null, metric: t.metric, op: t.op, value: t.value, unit: t.unit, updatedBy: ctx.actor.userId, updatedAt: now });
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'kpi_targets.set', entityType: 'partner', entityId: partner?.id ?? 'default', data: { targets: input.targets } });
  });
}

/** `/accord kpi record <partner> metric=value … [period=…]` (default: the current month). */
export async function recordKpis({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string; readings: Array<{ metric: string; value: number; unit: KpiUnit }>; period: Period | undefined };
}): Promise<{ period: string }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.partner);
  // A reading in another unit than its target could never be compared: refused, with the reason.
  const targets = await ctx.db
    .select()
    .from(kpiTargets)
    .where(or(isNull(kpiTargets.partnerId), eq(kpiTargets.partnerId, partner.id)));
  for (const r of input.readings) {
    const target = targets.find((t) => t.metric === r.metric && t.partnerId === partner.id) ?? targets.find((t) => t.metric === r.metric && t.partnerId === null);
    if (!target) continue;
    const met = kpiMet({ metric: target.metric, op: target.op, value: Number(target.value), unit: target.unit }, r);
    if (typeof met !== 'boolean') throw validation(met.error);
  }
  const now = ctx.clock.now();
  const period = formatPeriod(input.period ?? periodOf(now, 'month', ctx.settings.defaultTimeZone));
  await ctx.db.transaction(async (tx) => {
    for (const r of input.readings) {
      await tx.insert(kpiReadings).values({ partnerId: partner.id, period, metric: r.metric, value: r.value, unit: r.unit, recordedBy: ctx.actor.userId, recordedAt: now });
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'kpi_readings.recorded', entityType: 'partner', entityId: partner.id, data: { period, readings: input.readings } });
  });
  return { period };
}

/** `/accord rate <partner> <1-5> ["comment"]`: a customer satisfaction rating, admins only. */
export async function ratePartner({ ctx, input }: { ctx: ServiceContext; input: { partner: string; rating: number; comment: string | undefined } }): Promise<void> {
  requirePermission(ctx.actor, 'manageNetwork');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw validation('A rating is a whole number from 1 (poor) to 5 (excellent).');
  const comment = input.comment?.trim() || null;
  if (comment !== null && comment.length > 500) throw validation('Keep the comment to 500 characters.');
  const partner = await findActivePartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(ratings).values({ partnerId: partner.id, rating: input.rating, comment, ratedBy: ctx.actor.userId, ratedAt: now }).returning();
    await recordAudit(tx, now, ctx.actor.userId, { action: 'rating.recorded', entityType: 'partner', entityId: partner.id, data: { ratingId: row?.id, rating: input.rating, comment } });
  });
}
