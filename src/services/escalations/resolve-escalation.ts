import { eq } from 'drizzle-orm';
import { escalations } from '../../db/schema';
import { slaMiss } from '../../domain/escalations/policy';
import { validation } from '../../errors';
import { resolvedNotice } from '../../messages/escalation/message';
import { escalationRefusals } from '../../messages/escalation/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { addEvent, postInThread, projectTime, refreshMessageAndCard } from './present';
import { cancelAllTimers } from './timers';
import { escalationDeps, lockFor } from './transition-common';

const RESOLUTION_MAX = 2000;

/** Resolved with a summary of what was done; nothing more is due. */
export async function resolveEscalation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; summary: string };
}): Promise<{ id: number }> {
  const summary = input.summary.trim();
  if (summary.length === 0) throw validation(escalationRefusals.summaryMissing());
  if (summary.length > RESOLUTION_MAX) throw validation(escalationRefusals.summaryTooLong(RESOLUTION_MAX));
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'resolve' });
    requirePermission(ctx.actor, 'acknowledgeEscalation', resource);
    const e = loaded.escalation;
    // Resolving an open escalation acknowledges it too, so time-to-acknowledge is never missing.
    const ack = e.acknowledgedAt ? {} : { acknowledgedBy: ctx.actor.userId, acknowledgedAt: now };
    await tx
      .update(escalations)
      .set({ status: 'resolved', resolvedBy: ctx.actor.userId, resolvedAt: now, resolution: summary, ...ack })
      .where(eq(escalations.id, e.id));
    await cancelAllTimers(tx, ctx.timers, now, e);
    const afterMs = now.getTime() - e.openedAt.getTime();
    if (!e.acknowledgedAt)
      await addEvent(tx, e.id, now, ctx.actor.userId, 'acknowledged', { afterMs, level: e.level, byResolving: true });
    await addEvent(tx, e.id, now, ctx.actor.userId, 'resolved', { afterMs, summary });
    const miss = slaMiss(e.openedAt, now, e.policy.resolveMs, e.policy.hours, loaded.project.timeZone);
    await postInThread(
      tx,
      escalationDeps(ctx),
      loaded,
      resolvedNotice(ctx.actor.userId, afterMs, summary, miss, projectTime(loaded)),
    );
    await refreshMessageAndCard(tx, escalationDeps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.resolved',
      entityType: 'escalation',
      entityId: e.id,
      data: { afterMs, summary },
    });
    return { id: e.id };
  });
}
