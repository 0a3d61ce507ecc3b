import { eq } from 'drizzle-orm';
import { escalations } from '../../db/schema';
import { escalationDeadlines } from '../../domain/escalations/policy';
import { validation } from '../../errors';
import { upgradedNotice } from '../../messages/escalation/notices';
import { escalationRefusals } from '../../messages/escalation/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { policyFor } from './policies';
import { addEvent, postInThread, refreshMessage } from './present';
import { cancelAllTimers, scheduleOpeningTimers } from './timers';
import { escalationDeps, lockFor } from './transition-common';

/** A vendor admin restores the severity the quota lowered; its policy and timers start over from now. */
export async function upgradeEscalation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<{ id: number }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded } = await lockFor(ctx, tx, input.id, { kind: 'upgrade' });
    const e = loaded.escalation;
    if (!e.requestedSeverity) throw validation(escalationRefusals.nothingToUpgrade(e.id));
    const severity = e.requestedSeverity;
    const policy = await policyFor(tx, severity, loaded.project.id, e.targetPartnerId);
    await cancelAllTimers(tx, ctx.timers, now, e);
    const [row] = await tx
      .update(escalations)
      .set({
        severity,
        requestedSeverity: null,
        policy,
        // The scores judge the upgraded escalation by the stricter policy counted from its opening, as they always did.
        ...escalationDeadlines(e.openedAt, policy, loaded.project.timeZone),
        breachedAt: null,
        generation: e.generation + 1,
      })
      .where(eq(escalations.id, e.id))
      .returning();
    if (!row) throw new Error('escalation vanished while locked');
    await addEvent(tx, e.id, now, ctx.actor.userId, 'upgraded', { from: e.severity, to: severity });
    // The stricter timers count from the upgrade: the time already passed is not held against anyone.
    await scheduleOpeningTimers(tx, ctx.timers, now, row, loaded.project.timeZone, now);
    await postInThread(tx, escalationDeps(ctx), loaded, upgradedNotice(ctx.actor.userId, e.id, severity));
    await refreshMessage(tx, escalationDeps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.upgraded',
      entityType: 'escalation',
      entityId: e.id,
      data: { from: e.severity, to: severity },
    });
    return { id: e.id };
  });
}
