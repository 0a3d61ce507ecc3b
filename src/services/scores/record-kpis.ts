import { eq, isNull, or } from 'drizzle-orm';
import { kpiReadings, kpiTargets } from '../../db/schema';

import { validation } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from '../partners/find-partner';
import { formatPeriod, periodOf, type Period } from '../../domain/period';
import { kpiMet, type KpiUnit } from '../../domain/scores/kpi';

/** `/accord kpi record <partner> metric=value … [period=…]` (default: the current month). */
export async function recordKpis({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    partner: string;
    readings: Array<{ metric: string; value: number; unit: KpiUnit }>;
    period: Period | undefined;
  };
}): Promise<{ period: string }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.partner);
  // A reading in another unit than its target could never be compared: refused, with the reason.
  const targets = await ctx.db
    .select()
    .from(kpiTargets)
    .where(or(isNull(kpiTargets.partnerId), eq(kpiTargets.partnerId, partner.id)));
  for (const r of input.readings) {
    const target =
      targets.find((t) => t.metric === r.metric && t.partnerId === partner.id) ??
      targets.find((t) => t.metric === r.metric && t.partnerId === null);
    if (!target) continue;
    const met = kpiMet({ metric: target.metric, op: target.op, value: Number(target.value), unit: target.unit }, r);
    if (typeof met !== 'boolean') throw validation(met.error);
  }
  const now = ctx.clock.now();
  const period = formatPeriod(input.period ?? periodOf(now, 'month', ctx.settings.defaultTimeZone));
  await ctx.db.transaction(async (tx) => {
    for (const r of input.readings) {
      await tx.insert(kpiReadings).values({
        partnerId: partner.id,
        period,
        metric: r.metric,
        value: r.value,
        unit: r.unit,
        recordedBy: ctx.actor.userId,
        recordedAt: now,
      });
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'kpi_readings.recorded',
      entityType: 'partner',
      entityId: partner.id,
      data: { period, readings: input.readings },
    });
  });
  return { period };
}
