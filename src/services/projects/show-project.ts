import { asc, eq } from 'drizzle-orm';
import { projectPartners, raciActivities } from '../../db/schema';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectWithPartners } from './find-project';

export type InvitationOfPartner = Pick<
  typeof projectPartners.$inferSelect,
  'invitationState' | 'invitedAt' | 'invitationChangedAt' | 'reinvites'
>;

export interface ProjectDetails extends ProjectWithPartners {
  activities: Array<typeof raciActivities.$inferSelect>;
  /**
   * Each partner's Slack Connect invitation, by partner id. A partner member is shown their own
   * partner's only: how another organisation answered its invitation is that partner's business.
   */
  invitations: Map<number, InvitationOfPartner>;
}

export async function showProject({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string | undefined };
}): Promise<ProjectDetails> {
  const found = await resolveProject(ctx, input.slug, 'seeProject');
  const activities = await ctx.db
    .select()
    .from(raciActivities)
    .where(eq(raciActivities.projectId, found.project.id))
    .orderBy(asc(raciActivities.id));
  const links = await ctx.db
    .select({
      partnerId: projectPartners.partnerId,
      invitationState: projectPartners.invitationState,
      invitedAt: projectPartners.invitedAt,
      invitationChangedAt: projectPartners.invitationChangedAt,
      reinvites: projectPartners.reinvites,
    })
    .from(projectPartners)
    .where(eq(projectPartners.projectId, found.project.id));
  const own = new Set(ctx.actor.partners.map((p) => p.partnerId));
  const visible = links.filter((l) => ctx.actor.role !== 'partner' || own.has(l.partnerId));
  return { ...found, activities, invitations: new Map(visible.map(({ partnerId, ...rest }) => [partnerId, rest])) };
}
