import { raciActivities } from '../../db/schema';
import { normaliseActivity } from '../../domain/raci/activity';
import { isCustomerStage, raciTemplate, type CustomerStage } from '../../domain/raci/stages';
import { usageError } from '../../errors';
import { raciNotices, raciRefusals } from '../../messages/raci';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { refreshProjectCard } from '../projects/project-card';
import { resolveProject } from '../projects/find-project';
import { findActivity } from './raci-common';

export interface TemplateResult {
  stage: CustomerStage;
  added: string[];
  kept: string[];
}

/**
 * Fills the activities of a customer life-cycle stage (docs/domain.md §2): the project's partners
 * Responsible, the vendor Accountable. Activities that already exist are kept as they are, because
 * someone chose those roles; only missing ones are added. The stage defaults to the project's.
 */
export async function applyRaciTemplate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; stage: string | undefined };
}): Promise<TemplateResult> {
  const { project, partners: projectPartners } = await resolveProject(ctx, input.project, 'manageProjects');
  // A partner that has left the programme keeps its place in the project's history, not new duties.
  const partners = projectPartners.filter((p) => p.status === 'active');
  const stageText = input.stage ?? project.stage;
  if (!isCustomerStage(stageText)) throw usageError(raciRefusals.notACustomerStage(stageText));
  const stage: CustomerStage = stageText;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const added: string[] = [];
    const kept: string[] = [];
    for (const { activity, assignment } of raciTemplate(
      stage,
      partners.map((p) => p.slug),
    )) {
      if (await findActivity(tx, project.id, activity, true)) {
        kept.push(activity);
        continue;
      }
      const [row] = await tx
        .insert(raciActivities)
        .values({
          projectId: project.id,
          name: activity,
          nameKey: normaliseActivity(activity),
          ...assignment,
          updatedBy: ctx.actor.userId,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        kept.push(activity);
        continue;
      }
      added.push(activity);
      await recordAudit(tx, now, ctx.actor.userId, {
        action: 'raci.created',
        entityType: 'raci_activity',
        entityId: row.id,
        data: { project: project.slug, activity, before: null, after: assignment, template: stage },
      });
    }
    if (added.length > 0) {
      const message = raciNotices.templateApplied(
        ctx.actor.userId,
        stage,
        added,
        partners.map((p) => p.name),
      );
      await ctx.gateway.postMessage(tx, project.channelId, message, { reportTo: ctx.actor.userId });
    }
    if (added.length > 0) await refreshProjectCard(tx, ctx.gateway, project.id);
    return { stage, added, kept };
  });
}
