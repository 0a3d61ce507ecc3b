import { and, eq } from 'drizzle-orm';
import { changeRequests, projects } from '../../db/schema';
import type { Party } from '../../domain/raci/party';
import { formatLocal } from '../../domain/time-zone';
import { conflict, forbidden, notFound } from '../../errors';
import { changeDecidedNotice, changeLabel, changeRefusals, changeRequestMessage } from '../../messages/change-request';
import { recordAudit } from '../audit';
import type { Actor, ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import { partnersOfProject } from '../projects/find-project';
import { describeDecider } from './propose-change';

export type ChangeDecision = 'approved' | 'rejected';

/** The decider party decides: that person, any member of that partner, or the vendor team. */
export function mayDecide(actor: Actor, decider: Party): boolean {
  if (actor.role === 'guest') return false;
  switch (decider.kind) {
    case 'user':
      return actor.userId === decider.userId;
    case 'partner':
      return actor.partners.some((p) => p.slug === decider.slug);
    case 'vendor':
      return actor.role === 'admin' || actor.role === 'vendor';
  }
}

/**
 * Approves or rejects a change request. Only the decider may; the first decision wins (a double
 * click or two deciders at once record one decision and announce it once).
 */
export async function decideChange({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { changeRequestId: number; decision: ChangeDecision };
}): Promise<{ label: string }> {
  const [row] = await ctx.db
    .select({ cr: changeRequests, project: projects })
    .from(changeRequests)
    .innerJoin(projects, eq(projects.id, changeRequests.projectId))
    .where(eq(changeRequests.id, input.changeRequestId));
  if (!row) throw notFound(changeRefusals.gone());
  const { cr, project } = row;
  const label = changeLabel(cr.number);
  const partners = await partnersOfProject(ctx.db, project.id);
  // Visibility first, as for every other record of a project: someone who may not see the project
  // learns nothing about the request (a partner member hears it does not exist, like a wrong id).
  const resource = { projectPartnerIds: partners.map((p) => p.id) };
  if (ctx.actor.role === 'guest') requirePermission(ctx.actor, 'seeProject', resource);
  if (!can(ctx.actor, 'seeProject', resource)) throw notFound(changeRefusals.gone());
  const deciderText = await describeDecider(ctx.db, cr.decider, project, partners);
  if (cr.status !== 'proposed') throw conflict(changeRefusals.alreadyDecided(label, cr.status, cr.decidedBy));
  if (!mayDecide(ctx.actor, cr.decider)) {
    // A partner member is not told who else decides: that may be another partner or its people.
    throw forbidden(changeRefusals.notTheDecider(label, ctx.actor.role === 'partner' ? undefined : deciderText));
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [decided] = await tx
      .update(changeRequests)
      .set({ status: input.decision, decidedBy: ctx.actor.userId, decidedAt: now })
      .where(and(eq(changeRequests.id, cr.id), eq(changeRequests.status, 'proposed')))
      .returning();
    if (!decided) throw conflict(changeRefusals.decidedAMomentAgo(label));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: `change_request.${input.decision}`,
      entityType: 'change_request',
      entityId: cr.id,
      data: { project: project.slug, number: cr.number, title: cr.title },
    });
    const view = {
      id: cr.id,
      number: cr.number,
      title: cr.title,
      proposedBy: cr.proposedBy,
      decider: deciderText,
      plannedFor: cr.plannedFor ? formatLocal(cr.plannedFor, project.timeZone) : undefined,
      activity: cr.activity ?? undefined,
      status: input.decision,
      decidedBy: ctx.actor.userId,
      decidedAt: formatLocal(now, project.timeZone),
    };
    const announcement = changeDecidedNotice(ctx.actor.userId, input.decision, label, cr.title, cr.proposedBy);
    if (cr.messageOutboxId !== null) {
      const parent = { outboxId: cr.messageOutboxId };
      await ctx.gateway.updateMessage(tx, parent, changeRequestMessage(view));
      await ctx.gateway.postMessage(tx, project.channelId, announcement, {
        threadOf: parent,
        reportTo: ctx.actor.userId,
      });
    } else {
      await ctx.gateway.postMessage(tx, project.channelId, announcement, { reportTo: ctx.actor.userId });
    }
    return { label };
  });
}
