import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { checkinAnswers, checkinRuns, projects, risks } from '../../db/schema';
import { isRiskArea, riskAreaLabels } from '../../domain/checkins/questions';
import { localDate } from '../../domain/time-zone';
import { conflict, notFound, validation, usageError } from '../../errors';
import { checkinRefusals } from '../../messages/checkin-refusals';
import { riskAddedNotice, riskChangeText, riskClosedNotice, riskFromProblemNotice, riskFromProblemTitle, riskRefusals, riskUpdatedNotice, type RiskChange } from '../../messages/risk';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { partnersOfProject, resolveProject, type ProjectRow } from '../projects/find-project';
import { notOfProjectError, projectStandingOf } from '../projects/project-people';
import { validateRisk, type RiskInput } from '../../domain/checkins/risks';

export type RiskRow = typeof risks.$inferSelect;

const today = (ctx: ServiceContext, tz: string) => localDate(ctx.clock.now(), tz);

/**
 * Who may own a risk, and the partner it then counts for (its score's risk reviews). Anyone of
 * the vendor may give a risk to anyone in the project; a partner member records risks only for
 * themselves and their own partner's people, so one partner cannot put work, or a late review,
 * on another. The owner is placed as the actor is (docs/product.md §2).
 */
async function partnerOfOwner(ctx: ServiceContext, partners: readonly PartnerRow[], owner: string): Promise<number | null> {
  const standing = await projectStandingOf(ctx, owner, partners);
  const projectPartnerIds = partners.map((p) => p.id);
  if (ctx.actor.role === 'partner') {
    const partnerIds = standing.belongs && standing.side === 'partner' ? standing.partnerIds : [];
    requirePermission(ctx.actor, 'recordRiskFor', { projectPartnerIds, recordOwner: { self: owner === ctx.actor.userId, partnerIds } });
    // A member of several of the project's partners records for the one they share with the actor.
    return partnerIds.find((id) => ctx.actor.partners.some((p) => p.partnerId === id)) ?? partnerIds[0] ?? null;
  }
  if (!standing.belongs) throw notOfProjectError(standing.teamKnown ? [owner] : [], standing.teamKnown ? [] : [owner], 'risks');
  return standing.side === 'partner' ? (standing.partnerIds[0] ?? null) : null;
}

export interface AddRiskInput extends RiskInput {
  project: string | undefined;
  owner: string | undefined;
}

async function announce(ctx: ServiceContext, tx: Tx, project: ProjectRow, text: string): Promise<void> {
  await ctx.gateway.postMessage(tx, project.channelId, { text }, { reportTo: ctx.actor.userId });
}

export async function addRisk({ ctx, input }: { ctx: ServiceContext; input: AddRiskInput }): Promise<RiskRow> {
  const { project, partners } = await resolveProject(ctx, input.project, 'contribute');
  const checked = validateRisk(input, today(ctx, project.timeZone), 'add');
  if (!checked.ok) throw usageError(checked.error);
  const v = checked.value;
  const owner = input.owner ?? ctx.actor.userId;
  // Before the transaction: placing the owner may ask Slack, which must not hold a lock.
  const partnerId = await partnerOfOwner(ctx, partners, owner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [risk] = await tx
      .insert(risks)
      .values({
        projectId: project.id,
        title: v.title ?? '',
        category: v.category ?? 'other',
        likelihood: v.likelihood ?? 3,
        impact: v.impact ?? 3,
        ownerUserId: owner,
        partnerId,
        reviewOn: v.review ?? null,
        mitigation: v.mitigation ?? null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      })
      .returning();
    if (!risk) throw new Error('risk insert returned no row');
    await recordAudit(tx, now, ctx.actor.userId, { action: 'risk.added', entityType: 'risk', entityId: risk.id, data: { project: project.slug, ...v, owner } });
    await announce(ctx, tx, project, riskAddedNotice(ctx.actor.userId, risk, owner));
    return risk;
  });
}

export async function listRisks({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; which: 'open' | 'all' };
}): Promise<{ project: ProjectRow; items: RiskRow[]; today: string }> {
  const { project } = await resolveProject(ctx, input.project, 'seeProject');
  const items = await ctx.db
    .select()
    .from(risks)
    .where(and(eq(risks.projectId, project.id), input.which === 'open' ? eq(risks.status, 'open') : undefined))
    .orderBy(asc(risks.id));
  return { project, items, today: today(ctx, project.timeZone) };
}

/**
 * Loads a risk (and locks it inside a transaction); a partner member outside its project is told
 * it does not exist, and one of another partner of the project may not change it.
 */
async function loadRisk(ctx: ServiceContext, db: DbOrTx, id: number, lock: boolean): Promise<{ risk: RiskRow; project: ProjectRow; partners: PartnerRow[] }> {
  const query = db.select({ risk: risks, project: projects }).from(risks).innerJoin(projects, eq(projects.id, risks.projectId)).where(eq(risks.id, id));
  const [row] = lock ? await query.for('update', { of: risks }) : await query;
  if (!row) throw notFound(riskRefusals.notFound(id));
  const partners = await partnersOfProject(db, row.project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id), recordPartnerId: row.risk.partnerId };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource)) throw notFound(riskRefusals.notFound(id));
  requirePermission(ctx.actor, 'contribute', resource);
  requirePermission(ctx.actor, 'changeRisk', resource);
  return { ...row, partners };
}

export async function updateRisk({ ctx, input }: { ctx: ServiceContext; input: RiskInput & { id: number; owner: string | undefined } }): Promise<{ risk: RiskRow; changes: RiskChange[] }> {
  // A new owner is placed before the transaction (it may ask Slack); the lock then re-checks the risk.
  const ownerPartnerId = input.owner === undefined ? undefined : await partnerOfOwner(ctx, (await loadRisk(ctx, ctx.db, input.id, false)).partners, input.owner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { risk, project } = await loadRisk(ctx, tx, input.id, true);
    if (risk.status === 'closed') throw conflict(riskRefusals.closed(risk.id));
    const checked = validateRisk(input, today(ctx, project.timeZone), 'update');
    if (!checked.ok) throw usageError(checked.error);
    const v = checked.value;
    const set: Partial<RiskRow> = {};
    const changes: RiskChange[] = [];
    if (v.title !== undefined && v.title !== risk.title) {
      set.title = v.title;
      changes.push({ field: 'title', to: v.title });
    }
    if (v.category !== undefined && v.category !== risk.category) {
      set.category = v.category;
      changes.push({ field: 'category', from: risk.category, to: v.category });
    }
    if (v.likelihood !== undefined && v.likelihood !== risk.likelihood) {
      set.likelihood = v.likelihood;
      changes.push({ field: 'likelihood', from: risk.likelihood, to: v.likelihood });
    }
    if (v.impact !== undefined && v.impact !== risk.impact) {
      set.impact = v.impact;
      changes.push({ field: 'impact', from: risk.impact, to: v.impact });
    }
    if (v.review !== undefined && v.review !== risk.reviewOn) {
      set.reviewOn = v.review;
      changes.push({ field: 'review', from: risk.reviewOn, to: v.review });
    }
    if (v.mitigation !== undefined && v.mitigation !== (risk.mitigation ?? '')) {
      set.mitigation = v.mitigation === '' ? null : v.mitigation;
      changes.push({ field: 'mitigation', cleared: v.mitigation === '' });
    }
    if (input.owner !== undefined && input.owner !== risk.ownerUserId) {
      set.ownerUserId = input.owner;
      set.partnerId = ownerPartnerId ?? null;
      changes.push({ field: 'owner', from: risk.ownerUserId, to: input.owner });
    }
    if (changes.length === 0) throw usageError(riskRefusals.nothingChanged(risk.id));
    const [updated] = await tx
      .update(risks)
      .set({ ...set, updatedBy: ctx.actor.userId, updatedAt: now })
      .where(eq(risks.id, risk.id))
      .returning();
    if (!updated) throw new Error('risk vanished while locked');
    await recordAudit(tx, now, ctx.actor.userId, { action: 'risk.updated', entityType: 'risk', entityId: risk.id, data: { before: risk, changes: changes.map(riskChangeText) } });
    await announce(ctx, tx, project, riskUpdatedNotice(ctx.actor.userId, risk.id, changes));
    return { risk: updated, changes };
  });
}

export async function closeRisk({ ctx, input }: { ctx: ServiceContext; input: { id: number; note: string } }): Promise<RiskRow> {
  const note = input.note.trim();
  if (note.length === 0 || note.length > 1000) throw usageError(riskRefusals.closeNoteLength());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { risk, project } = await loadRisk(ctx, tx, input.id, true);
    if (risk.status === 'closed') throw conflict(riskRefusals.alreadyClosed(risk.id));
    const [closed] = await tx.update(risks).set({ status: 'closed', closeNote: note, closedAt: now, updatedBy: ctx.actor.userId, updatedAt: now }).where(eq(risks.id, risk.id)).returning();
    if (!closed) throw new Error('risk vanished while locked');
    await recordAudit(tx, now, ctx.actor.userId, { action: 'risk.closed', entityType: 'risk', entityId: risk.id, data: { note } });
    await announce(ctx, tx, project, riskClosedNotice(ctx.actor.userId, risk, note));
    return closed;
  });
}

/**
 * One click on a problem reported in a risk review: the risk is recorded with the answer's note,
 * owned by whoever reported it. Keyed by run, reporter and area, so a second click (or a second
 * person) finds the risk already made.
 */
export async function riskFromProblem({ ctx, input }: { ctx: ServiceContext; input: { runId: number; reporter: string; area: string } }): Promise<{ risk: RiskRow; created: boolean }> {
  if (!isRiskArea(input.area)) throw validation(riskRefusals.unknownArea());
  const area = input.area;
  const [row] = await ctx.db.select({ run: checkinRuns, project: projects }).from(checkinRuns).innerJoin(projects, eq(projects.id, checkinRuns.projectId)).where(eq(checkinRuns.id, input.runId));
  if (!row) throw notFound(checkinRefusals.runGone());
  const partners = await partnersOfProject(ctx.db, row.project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id) };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource)) throw notFound(checkinRefusals.runGone());
  requirePermission(ctx.actor, 'contribute', resource);
  // The reporter comes from the button, so it is held to the same rule as an owner typed in a command.
  const partnerId = await partnerOfOwner(ctx, partners, input.reporter);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const sourceKey = `run:${input.runId}:${input.reporter}:${area}`;
    const [existing] = await tx.select().from(risks).where(eq(risks.sourceKey, sourceKey));
    if (existing) return { risk: existing, created: false };
    const [answer] = await tx
      .select()
      .from(checkinAnswers)
      .where(and(eq(checkinAnswers.runId, input.runId), eq(checkinAnswers.userId, input.reporter)));
    const note = answer?.values[`${area}_note`]?.trim() ?? '';
    const title = riskFromProblemTitle(riskAreaLabels[area], note);
    const [risk] = await tx
      .insert(risks)
      .values({
        projectId: row.project.id,
        title,
        category: area,
        likelihood: 3,
        impact: 3,
        ownerUserId: input.reporter,
        partnerId,
        mitigation: null,
        sourceRunId: input.runId,
        sourceKey,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!risk) {
      const [raced] = await tx.select().from(risks).where(eq(risks.sourceKey, sourceKey));
      if (!raced) throw new Error('risk from problem neither inserted nor found');
      return { risk: raced, created: false };
    }
    await recordAudit(tx, now, ctx.actor.userId, { action: 'risk.added', entityType: 'risk', entityId: risk.id, data: { project: row.project.slug, fromRun: input.runId, area } });
    await ctx.gateway.postMessage(
      tx,
      row.project.channelId,
      { text: riskFromProblemNotice(ctx.actor.userId, risk, input.reporter) },
      row.run.messageOutboxId === null ? {} : { threadOf: { outboxId: row.run.messageOutboxId } },
    );
    return { risk, created: true };
  });
}
