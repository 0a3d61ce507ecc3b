import { eq } from 'drizzle-orm';
import { escalations } from '../../db/schema';
import { forbidden, validation } from '../../errors';
import { cancelledNotice } from '../../messages/escalation/notices';
import { escalationRefusals } from '../../messages/escalation/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { can } from '../permissions';
import { addEvent, postInThread, refreshMessageAndCard } from './present';
import { cancelAllTimers } from './timers';
import { escalationDeps, lockFor } from './transition-common';

/** The person who raised it, or the vendor team (admins and members), may cancel. */
export async function cancelEscalation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; reason: string };
}): Promise<{ id: number }> {
  const reason = input.reason.trim();
  if (reason.length === 0) throw validation(escalationRefusals.cancelReasonMissing());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded } = await lockFor(ctx, tx, input.id, { kind: 'cancel' });
    const e = loaded.escalation;
    if (e.openedBy !== ctx.actor.userId && !can(ctx.actor, 'manageProjects')) {
      throw forbidden(escalationRefusals.cancelForbidden(e.id));
    }
    await tx
      .update(escalations)
      .set({ status: 'cancelled', cancelledBy: ctx.actor.userId, cancelledAt: now, cancelReason: reason })
      .where(eq(escalations.id, e.id));
    await cancelAllTimers(tx, ctx.timers, now, e);
    await addEvent(tx, e.id, now, ctx.actor.userId, 'cancelled', { reason });
    await postInThread(tx, escalationDeps(ctx), loaded, cancelledNotice(ctx.actor.userId, reason));
    await refreshMessageAndCard(tx, escalationDeps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.cancelled',
      entityType: 'escalation',
      entityId: e.id,
      data: { reason },
    });
    return { id: e.id };
  });
}
