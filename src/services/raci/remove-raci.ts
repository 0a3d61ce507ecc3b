import { eq } from 'drizzle-orm';
import { raciActivities } from '../../db/schema';
import { raciNotices } from '../../messages/raci';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { refreshProjectCard } from '../projects/project-card';
import { resolveProject } from '../projects/find-project';
import { assignmentOf, findActivity, missingActivity } from './raci-common';

export async function removeRaci({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; activity: string };
}): Promise<{ activity: string }> {
  const { project, partners } = await resolveProject(ctx, input.project, 'manageProjects');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await findActivity(tx, project.id, input.activity, true);
    if (!existing) throw await missingActivity(tx, project, input.activity);
    await tx.delete(raciActivities).where(eq(raciActivities.id, existing.id));
    const before = assignmentOf(existing);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'raci.removed',
      entityType: 'raci_activity',
      entityId: existing.id,
      data: { project: project.slug, activity: existing.name, before, after: null },
    });
    await ctx.gateway.postMessage(
      tx,
      project.channelId,
      raciNotices.removed(ctx.actor.userId, existing.name, before, partners),
      { reportTo: ctx.actor.userId },
    );
    await refreshProjectCard(tx, ctx.gateway, project.id);
    return { activity: existing.name };
  });
}
