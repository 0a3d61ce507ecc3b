import { asc, eq, inArray } from 'drizzle-orm';
import { partners, projectPartners, projects } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import type { ProjectRow } from './find-project';

export interface ProjectSummary {
  project: ProjectRow;
  partnerNames: string[];
}

/** Vendor users see every project; partner members only those their partner takes part in. */
export async function listProjects({ ctx }: { ctx: ServiceContext }): Promise<ProjectSummary[]> {
  requirePermission(ctx.actor, 'seeProject', { projectPartnerIds: ctx.actor.partners.map((p) => p.partnerId) });
  const links = await ctx.db
    .select({
      projectId: projectPartners.projectId,
      partnerId: projectPartners.partnerId,
      name: partners.name,
      position: projectPartners.position,
    })
    .from(projectPartners)
    .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
    .orderBy(asc(projectPartners.position));
  const own = new Set(ctx.actor.partners.map((p) => p.partnerId));
  const visibleIds =
    ctx.actor.role === 'partner'
      ? [...new Set(links.filter((l) => own.has(l.partnerId)).map((l) => l.projectId))]
      : undefined;
  if (visibleIds?.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(visibleIds ? inArray(projects.id, visibleIds) : undefined)
    .orderBy(asc(projects.slug));
  return rows.map((project) => ({
    project,
    // A partner member sees the other partners of a shared project: they work in the same channel.
    partnerNames: links.filter((l) => l.projectId === project.id).map((l) => l.name),
  }));
}
