import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { escalations } from '../../db/schema';
import { slaMiss, type SlaMiss } from '../../domain/escalations/policy';
import { conflict, forbidden, notFound, validation } from '../../errors';
import { cancelledNotice, upgradedNotice } from '../../messages/escalation-notices';
import { escalationRefusals, type EscalationSettledBy } from '../../messages/escalation-refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import { partnersOfProject } from '../projects/find-project';
import { escalationResource, loadEscalation, type LoadedEscalation } from './find-escalation';
import { policyFor } from './policies';
import { acknowledgedNotice, resolvedNotice } from '../../messages/escalation';
import { addEvent, postInThread, projectTime, refreshMessage, refreshMessageAndCard } from './present';
import { cancelAckTimers, cancelAllTimers, escalateNowSteps, scheduleOpeningTimers } from './timers';
import { transition, type EscalationAction } from '../../domain/escalations/state';

const RESOLUTION_MAX = 2000;
// A second “Escalate now” this soon after a notification is taken for a double click.
const ESCALATE_AGAIN_AFTER_MS = 60_000;

/**
 * Loads and locks an escalation for a change, checks the actor may see it (a partner member who
 * cannot is told it does not exist) and that the state machine allows `action`.
 */
async function lockFor(ctx: ServiceContext, tx: Tx, id: number, action: EscalationAction): Promise<{ loaded: LoadedEscalation; resource: ReturnType<typeof escalationResource> }> {
  const loaded = await loadEscalation(tx, id, true);
  const partnerIds = (await partnersOfProject(tx, loaded.project.id)).map((p) => p.id);
  const resource = escalationResource(loaded, partnerIds);
  if (ctx.actor.role !== 'guest' && !can(ctx.actor, 'seeProject', resource)) throw notFound(escalationRefusals.notFound(id));
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

const deps = (ctx: ServiceContext) => ({ gateway: ctx.gateway, settings: ctx.settings, timers: ctx.timers });

export async function acknowledgeEscalation({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<{ id: number; afterMs: number; miss: SlaMiss | undefined; timeZone: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'acknowledge' });
    requirePermission(ctx.actor, 'acknowledgeEscalation', resource);
    const e = loaded.escalation;
    await tx.update(escalations).set({ status: 'acknowledged', acknowledgedBy: ctx.actor.userId, acknowledgedAt: now }).where(eq(escalations.id, e.id));
    await cancelAckTimers(tx, ctx.timers, now, e);
    const afterMs = now.getTime() - e.openedAt.getTime();
    await addEvent(tx, e.id, now, ctx.actor.userId, 'acknowledged', { afterMs, level: e.level });
    const miss = slaMiss(e.openedAt, now, e.policy.ackMs, e.policy.hours, loaded.project.timeZone);
    await postInThread(tx, deps(ctx), loaded, acknowledgedNotice(ctx.actor.userId, afterMs, miss, projectTime(loaded)));
    await refreshMessageAndCard(tx, deps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'escalation.acknowledged', entityType: 'escalation', entityId: e.id, data: { afterMs, late: miss !== undefined } });
    return { id: e.id, afterMs, miss, timeZone: loaded.project.timeZone };
  });
}

export async function resolveEscalation({ ctx, input }: { ctx: ServiceContext; input: { id: number; summary: string } }): Promise<{ id: number }> {
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
    if (!e.acknowledgedAt) await addEvent(tx, e.id, now, ctx.actor.userId, 'acknowledged', { afterMs, level: e.level, byResolving: true });
    await addEvent(tx, e.id, now, ctx.actor.userId, 'resolved', { afterMs, summary });
    const miss = slaMiss(e.openedAt, now, e.policy.resolveMs, e.policy.hours, loaded.project.timeZone);
    await postInThread(tx, deps(ctx), loaded, resolvedNotice(ctx.actor.userId, afterMs, summary, miss, projectTime(loaded)));
    await refreshMessageAndCard(tx, deps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'escalation.resolved', entityType: 'escalation', entityId: e.id, data: { afterMs, summary } });
    return { id: e.id };
  });
}

/** The person who raised it, or the vendor team (admins and members), may cancel. */
export async function cancelEscalation({ ctx, input }: { ctx: ServiceContext; input: { id: number; reason: string } }): Promise<{ id: number }> {
  const reason = input.reason.trim();
  if (reason.length === 0) throw validation(escalationRefusals.cancelReasonMissing());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded } = await lockFor(ctx, tx, input.id, { kind: 'cancel' });
    const e = loaded.escalation;
    if (e.openedBy !== ctx.actor.userId && !can(ctx.actor, 'manageProjects')) {
      throw forbidden(escalationRefusals.cancelForbidden(e.id));
    }
    await tx.update(escalations).set({ status: 'cancelled', cancelledBy: ctx.actor.userId, cancelledAt: now, cancelReason: reason }).where(eq(escalations.id, e.id));
    await cancelAllTimers(tx, ctx.timers, now, e);
    await addEvent(tx, e.id, now, ctx.actor.userId, 'cancelled', { reason });
    await postInThread(tx, deps(ctx), loaded, cancelledNotice(ctx.actor.userId, reason));
    await refreshMessageAndCard(tx, deps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'escalation.cancelled', entityType: 'escalation', entityId: e.id, data: { reason } });
    return { id: e.id };
  });
}

/** Those who may acknowledge an escalation (its target, vendor admins) may pull in the next level. */
export async function escalateNow({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<{ id: number; level: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'escalate' });
    requirePermission(ctx.actor, 'escalateEscalation', resource);
    const e = loaded.escalation;
    if (now.getTime() - e.notifiedAt.getTime() < ESCALATE_AGAIN_AFTER_MS && e.level > 1) {
      throw conflict(escalationRefusals.escalatedMomentAgo(e.id, e.level));
    }
    const level = await escalateNowSteps(tx, deps(ctx), loaded, now, ctx.actor.userId);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'escalation.escalated', entityType: 'escalation', entityId: e.id, data: { level } });
    return { id: e.id, level };
  });
}

/** A vendor admin restores the severity the quota lowered; its policy and timers start over from now. */
export async function upgradeEscalation({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<{ id: number }> {
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
      .set({ severity, requestedSeverity: null, policy, breachedAt: null, generation: e.generation + 1 })
      .where(eq(escalations.id, e.id))
      .returning();
    if (!row) throw new Error('escalation vanished while locked');
    await addEvent(tx, e.id, now, ctx.actor.userId, 'upgraded', { from: e.severity, to: severity });
    // The stricter timers count from the upgrade: the time already passed is not held against anyone.
    await scheduleOpeningTimers(tx, ctx.timers, now, row, loaded.project.timeZone, now);
    await postInThread(tx, deps(ctx), loaded, upgradedNotice(ctx.actor.userId, e.id, severity));
    await refreshMessage(tx, deps(ctx), loaded);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'escalation.upgraded', entityType: 'escalation', entityId: e.id, data: { from: e.severity, to: severity } });
    return { id: e.id };
  });
}

/** Before the resolve form opens: is there anything to resolve, and may this person? */
export async function checkCanResolve({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<{ title: string }> {
  return ctx.db.transaction(async (tx) => {
    const { loaded, resource } = await lockFor(ctx, tx, input.id, { kind: 'resolve' });
    requirePermission(ctx.actor, 'acknowledgeEscalation', resource);
    return { title: loaded.escalation.title };
  });
}
