import { and, eq, isNull } from 'drizzle-orm';
import { kpiTargets } from '../../db/schema';

import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from '../partners/find-partner';
import { type KpiTarget } from '../../domain/scores/kpi';

/** `/accord kpi target <partner>|default …`: each target replaces the one for its metric. */
export async function setKpiTargets({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string | 'default'; targets: KpiTarget[] };
}): Promise<void> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = input.partner === 'default' ? undefined : await findActivePartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const t of input.targets) {
      const scope = partner ? eq(kpiTargets.partnerId, partner.id) : isNull(kpiTargets.partnerId);
      await tx.delete(kpiTargets).where(and(scope, eq(kpiTargets.metric, t.metric)));
      await tx.insert(kpiTargets).values({
        partnerId: partner?.id ?? null,
        metric: t.metric,
        op: t.op,
        value: t.value,
        unit: t.unit,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      });
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'kpi_targets.set',
      entityType: 'partner',
      entityId: partner?.id ?? 'default',
      data: { targets: input.targets },
    });
  });
}
