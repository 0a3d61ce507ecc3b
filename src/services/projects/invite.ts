import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { projectPartners, projects } from '../../db/schema';
import type { SlackGateway } from '../../slack/gateway';
import type { PartnerRow } from '../partners/find-partner';

/**
 * Members of a partner with its own Slack organisation are reached by a Slack Connect invitation;
 * members of a partner without one are people of this workspace (guests, usually).
 */
export async function invitePartnerMembers(gateway: SlackGateway, tx: DbOrTx, channelId: string, partner: PartnerRow, userIds: string[], reportTo: string): Promise<void> {
  if (userIds.length === 0) return;
  if (partner.slackTeamId) await gateway.inviteSharedToChannel(tx, channelId, userIds, { reportTo });
  else await gateway.inviteToChannel(tx, channelId, userIds, { reportTo });
}

/** The channels of the projects a partner takes part in. */
export async function channelsOfPartner(tx: DbOrTx, partnerId: number): Promise<string[]> {
  const rows = await tx
    .select({ channelId: projects.channelId })
    .from(projectPartners)
    .innerJoin(projects, eq(projects.id, projectPartners.projectId))
    .where(eq(projectPartners.partnerId, partnerId));
  return rows.map((r) => r.channelId);
}
