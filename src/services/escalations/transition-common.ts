import type { Tx } from '../../db/client';
import { conflict, notFound } from '../../errors';
import { escalationRefusals, type EscalationSettledBy } from '../../messages/escalation/refusals';
import type { ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import { partnersOfProject } from '../projects/find-project';
import { escalationResource, loadEscalation, type LoadedEscalation } from './find-escalation';
import type { EscalationTimerDeps } from './timers';
import { transition, type EscalationAction } from '../../domain/escalations/state';

// What every change of an escalation's state starts with (acknowledge-escalation.ts and its siblings).

/**
 * Loads and locks an escalation for a change, checks the actor may see it (a partner member who
 * cannot is told it does not exist) and that the state machine allows `action`.
 */
export async function lockFor(
  ctx: ServiceContext,
  tx: Tx,
  id: number,
  action: EscalationAction,
): Promise<{ loaded: LoadedEscalation; resource: ReturnType<typeof escalationResource> }> {
  const loaded = await loadEscalation(tx, id, true);
  const partnerIds = (await partnersOfProject(tx, loaded.project.id)).map((p) => p.id);
  const resource = escalationResource(loaded, partnerIds);
  if (ctx.actor.role !== 'guest' && !can(ctx.actor, 'seeProject', resource))
    throw notFound(escalationRefusals.notFound(id));
  if (ctx.actor.role === 'guest') requirePermission(ctx.actor, 'seeProject', resource);
  const e = loaded.escalation;
  const step = transition(e.status, action);
  if (!step.ok) {
    const settled: EscalationSettledBy =
      e.status === 'acknowledged' && e.acknowledgedBy
        ? { status: 'acknowledged', userId: e.acknowledgedBy }
        : e.status === 'resolved' && e.resolvedBy
          ? { status: 'resolved', userId: e.resolvedBy }
          : e.status === 'cancelled' && e.cancelledBy
            ? { status: 'cancelled', userId: e.cancelledBy }
            : undefined;
    throw conflict(escalationRefusals.notAllowed(id, step.error, settled));
  }
  return { loaded, resource };
}

/** What the presenting and timer helpers need of the request's context. */
export const escalationDeps = (ctx: ServiceContext): EscalationTimerDeps => ({
  gateway: ctx.gateway,
  settings: ctx.settings,
  timers: ctx.timers,
});
