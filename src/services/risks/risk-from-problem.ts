import { and, eq } from 'drizzle-orm';
import { checkinAnswers, checkinRuns, projects, risks } from '../../db/schema';
import { isRiskArea, riskAreaLabels } from '../../domain/checkins/questions';
import { notFound, validation } from '../../errors';
import { checkinRefusals } from '../../messages/checkin/refusals';
import { riskFromProblemNotice, riskFromProblemTitle, riskRefusals } from '../../messages/risk';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import { partnersOfProject } from '../projects/find-project';
import { partnerOfOwner, type RiskRow } from './risk-common';

/**
 * One click on a problem reported in a risk review: the risk is recorded with the answer's note,
 * owned by whoever reported it. Keyed by run, reporter and area, so a second click (or a second
 * person) finds the risk already made.
 */
export async function riskFromProblem({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { runId: number; reporter: string; area: string };
}): Promise<{ risk: RiskRow; created: boolean }> {
  if (!isRiskArea(input.area)) throw validation(riskRefusals.unknownArea());
  const area = input.area;
  const [row] = await ctx.db
    .select({ run: checkinRuns, project: projects })
    .from(checkinRuns)
    .innerJoin(projects, eq(projects.id, checkinRuns.projectId))
    .where(eq(checkinRuns.id, input.runId));
  if (!row) throw notFound(checkinRefusals.runGone());
  const partners = await partnersOfProject(ctx.db, row.project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id) };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource))
    throw notFound(checkinRefusals.runGone());
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
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'risk.added',
      entityType: 'risk',
      entityId: risk.id,
      data: { project: row.project.slug, fromRun: input.runId, area },
    });
    await ctx.gateway.postMessage(
      tx,
      row.project.channelId,
      { text: riskFromProblemNotice(ctx.actor.userId, risk, input.reporter) },
      row.run.messageOutboxId === null ? {} : { threadOf: { outboxId: row.run.messageOutboxId } },
    );
    return { risk, created: true };
  });
}
