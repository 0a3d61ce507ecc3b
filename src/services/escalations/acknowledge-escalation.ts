import { eq } from 'drizzle-orm';
import { escalations } from '../../db/schema';
import { slaMiss, type SlaMiss } from '../../domain/escalations/policy';
import { acknowledgedNotice } from '../../messages/escalation/message';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { addEvent, postInThread, projectTime, refreshMessageAndCard } from './present';
import { cancelAckTimers } from './timers';
import { escalationDeps, lockFor } from './transition-common';

/** The target (or a vendor admin) takes it on: the ladder stops, the resolution timers stay. */
export async function acknowledgeEscalation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<{ id: number; afterMs: number; miss: SlaMiss | undefined; timeZone: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'acknowledge' });
    requirePermission(ctx.actor, 'acknowledgeEscalation', resource);
    const e = loaded.escalation;
    await tx
      .update(escalations)
      .set({ status: 'acknowledged', acknowledgedBy: ctx.actor.userId, acknowledgedAt: now })
      .where(eq(escalations.id, e.id));
    await cancelAckTimers(tx, ctx.timers, now, e);
    const afterMs = now.getTime() - e.openedAt.getTime();
    await addEvent(tx, e.id, now, ctx.actor.userId, 'acknowledged', { afterMs, level: e.level });
    const miss = slaMiss(e.openedAt, now, e.policy.ackMs, e.policy.hours, loaded.project.timeZone);
    await postInThread(
      tx,
      escalationDeps(ctx),
      loaded,
      acknowledgedNotice(ctx.actor.userId, afterMs, miss, projectTime(loaded)),
    );
    await refreshMessageAndCard(tx, escalationDeps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.acknowledged',
      entityType: 'escalation',
      entityId: e.id,
      data: { afterMs, late: miss !== undefined },
    });
    return { id: e.id, afterMs, miss, timeZone: loaded.project.timeZone };
  });
}
