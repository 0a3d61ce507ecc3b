import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { projectPartners, projects } from '../../db/schema';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';

/**
 * Which of a partner's hand-added members are people of this workspace (`local`, invited and
 * removed directly) and which belong to the partner's own Slack organisation (`external`, reached
 * through a Slack Connect invitation). Without a registered team everyone is local. A user whose
 * team Slack will not tell is treated as external: that is what hidden profiles usually mean.
 */
export async function splitMembers(ctx: Pick<ServiceContext, 'directory'>, partner: PartnerRow, userIds: readonly string[]): Promise<{ local: string[]; external: string[] }> {
  if (!partner.slackTeamId) return { local: [...userIds], external: [] };
  const local: string[] = [];
  const external: string[] = [];
  for (const userId of userIds) {
    const team = await ctx.directory.teamOf(userId);
    (team === undefined || team === partner.slackTeamId ? external : local).push(userId);
  }
  return { local, external };
}

export async function invitePartnerMembers(
  ctx: Pick<ServiceContext, 'directory' | 'gateway'>,
  tx: DbOrTx,
  channelId: string,
  partner: PartnerRow,
  userIds: readonly string[],
  reportTo: string,
): Promise<{ external: string[] }> {
  const { local, external } = await splitMembers(ctx, partner, userIds);
  if (local.length > 0) await ctx.gateway.inviteToChannel(tx, channelId, local, { reportTo });
  if (external.length > 0) await ctx.gateway.inviteSharedToChannel(tx, channelId, external, { reportTo });
  return { external };
}

/** The channels of the projects a partner takes part in. */
export async function channelsOfPartner(tx: DbOrTx, partnerId: number): Promise<string[]> {
  const rows = await tx.select({ channelId: projects.channelId }).from(projectPartners).innerJoin(projects, eq(projects.id, projectPartners.projectId)).where(eq(projectPartners.partnerId, partnerId));
  return rows.map((r) => r.channelId);
}
