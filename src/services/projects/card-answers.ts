import { eq } from 'drizzle-orm';
import { projects } from '../../db/schema';
import { validation } from '../../errors';
import { projectRefusals } from '../../messages/project';
import type { ServiceContext } from '../context';
import { can, requirePermission, type PermissionAction } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { partnersOfProject, type ProjectRow } from './find-project';

/**
 * The project a card button stands for. The value is the project id Accord put there; it must be
 * the project of the channel the button was pressed in, and the actor must be allowed `action`
 * on it (a partner member only in projects of their own partner).
 */
export async function projectOfCard({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { projectId: number; action: PermissionAction };
}): Promise<{ project: ProjectRow; partners: PartnerRow[] }> {
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, input.projectId));
  if (!project || project.channelId !== ctx.channelId) throw validation(projectRefusals.notThisCard());
  const partners = await partnersOfProject(ctx.db, project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id) };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource))
    throw validation(projectRefusals.notThisCard());
  requirePermission(ctx.actor, input.action, resource);
  return { project, partners };
}

/** The partners of the project the actor speaks for: their own, for a partner member; all of them for the vendor. */
export function partnersInView(
  ctx: ServiceContext,
  partners: readonly PartnerRow[],
): { own: boolean; partners: PartnerRow[] } {
  if (ctx.actor.role === 'partner')
    return { own: true, partners: partners.filter((p) => ctx.actor.partners.some((m) => m.partnerId === p.id)) };
  return { own: false, partners: [...partners] };
}
