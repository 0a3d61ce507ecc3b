import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partners, projectPartners, projects } from '../../db/schema';
import { notFound, usageError } from '../../errors';
import { projectRefusals } from '../../messages/project';
import type { ServiceContext } from '../context';
import { can, requirePermission, type PermissionAction } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';

export type ProjectRow = typeof projects.$inferSelect;

export interface ProjectWithPartners {
  project: ProjectRow;
  /** In the order they were named at creation; the first is the default escalation target. */
  partners: PartnerRow[];
}

export async function partnersOfProject(db: DbOrTx, projectId: number): Promise<PartnerRow[]> {
  const rows = await db
    .select({ partner: partners })
    .from(projectPartners)
    .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
    .where(eq(projectPartners.projectId, projectId))
    .orderBy(asc(projectPartners.position));
  return rows.map((r) => r.partner);
}

export async function projectInChannel(db: DbOrTx, channelId: string | undefined): Promise<ProjectRow | undefined> {
  if (!channelId) return undefined;
  const [row] = await db.select().from(projects).where(eq(projects.channelId, channelId));
  return row;
}

/**
 * The project a command is about: the slug when given, else the project whose channel the command
 * was typed in. The actor must be allowed `action` on it; a partner member asking about a project
 * their partner is not in is told it does not exist, so no other partner's work is revealed.
 */
export async function resolveProject(
  ctx: ServiceContext,
  slug: string | undefined,
  action: PermissionAction,
): Promise<ProjectWithPartners> {
  // Guests are refused before any lookup, so the answer is the same whether the project exists.
  if (ctx.actor.role === 'guest') requirePermission(ctx.actor, action);
  if (slug === undefined && !ctx.channelId) throw usageError(projectRefusals.notAProjectChannel());
  // The project and its partners in one round trip (every command about a project starts here).
  const rows = await ctx.db
    .select({ project: projects, partner: partners })
    .from(projects)
    .leftJoin(projectPartners, eq(projectPartners.projectId, projects.id))
    .leftJoin(partners, eq(partners.id, projectPartners.partnerId))
    .where(slug !== undefined ? eq(projects.slug, slug) : eq(projects.channelId, ctx.channelId ?? ''))
    .orderBy(asc(projectPartners.position));
  const project = rows[0]?.project;
  if (!project) {
    if (slug !== undefined) throw notFound(projectRefusals.noSuchProject(slug));
    throw usageError(projectRefusals.notAProjectChannel());
  }
  const projectPartnerRows = rows.flatMap((r) => (r.partner ? [r.partner] : []));
  const resource = { projectPartnerIds: projectPartnerRows.map((p) => p.id) };
  // Not-found rather than forbidden: whether another partner has a project must not leak.
  if (ctx.actor.role === 'partner' && slug !== undefined && !can(ctx.actor, 'seeProject', resource)) {
    throw notFound(projectRefusals.noSuchProject(slug));
  }
  requirePermission(ctx.actor, action, resource);
  return { project, partners: projectPartnerRows };
}
