import { AccordError, validation } from '../../errors';
import { audienceRefusals } from '../../messages/settlement/refusals';
import type { ServiceContext } from '../context';
import { resolveActor } from '../resolve-actor';

/**
 * The settlement CSV lists every partner's money, so it is posted only where everyone who can
 * read it is a vendor person: vendor admins, and people of the vendor's workspace who belong to
 * no partner (bots of that workspace included). The channel must not be shared with another
 * organisation or workspace, and each member is resolved as if they had typed a command. When
 * Slack cannot say who is there, nothing is settled or posted.
 */
export async function requireVendorOnlyAudience(ctx: ServiceContext, channelId: string): Promise<void> {
  const audience = await ctx.channels.audience(channelId);
  if (!audience.ok) {
    if (audience.temporary) throw new AccordError('UNAVAILABLE', audienceRefusals.slackSlow());
    throw validation(audienceRefusals.unseen(audience.error));
  }
  if (audience.externallyShared) {
    throw validation(audienceRefusals.externallyShared());
  }
  if (audience.sharedWithWorkspaces) {
    throw validation(audienceRefusals.sharedWithWorkspaces());
  }
  if (audience.truncated) {
    throw validation(audienceRefusals.tooMany());
  }
  const outsiders: string[] = [];
  // One at a time: each look-up may ask Slack (users.info), and a burst would meet its rate limit.
  for (const userId of audience.members) {
    if (userId === ctx.settings.botUserId) continue;
    const member = await resolveActor(ctx, { userId, userTeam: undefined });
    if (member.role !== 'admin' && member.role !== 'vendor') outsiders.push(userId);
  }
  if (outsiders.length > 0) throw validation(audienceRefusals.outsiders(outsiders));
}
