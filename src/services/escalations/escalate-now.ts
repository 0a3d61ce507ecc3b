import { conflict } from '../../errors';
import { escalationRefusals } from '../../messages/escalation/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { escalateNowSteps } from './timers';
import { escalationDeps, lockFor } from './transition-common';

// A second “Escalate now” this soon after a notification is taken for a double click.
const ESCALATE_AGAIN_AFTER_MS = 60_000;

/** Those who may acknowledge an escalation (its target, vendor admins) may pull in the next level. */
export async function escalateNow({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<{ id: number; level: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'escalate' });
    requirePermission(ctx.actor, 'escalateEscalation', resource);
    const e = loaded.escalation;
    if (now.getTime() - e.notifiedAt.getTime() < ESCALATE_AGAIN_AFTER_MS && e.level > 1) {
      throw conflict(escalationRefusals.escalatedMomentAgo(e.id, e.level));
    }
    const level = await escalateNowSteps(tx, escalationDeps(ctx), loaded, now, ctx.actor.userId);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.escalated',
      entityType: 'escalation',
      entityId: e.id,
      data: { level },
    });
    return { id: e.id, level };
  });
}
