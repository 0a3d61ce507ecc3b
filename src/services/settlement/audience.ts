import { AccordError, validation } from '../../errors';
import type { ServiceContext } from '../context';
import { resolveActor } from '../resolve-actor';

const WHERE_INSTEAD = 'Settle in a DM with Accord, or in a channel whose members are all vendor admins or vendor members.';
const SHOWN = 5;

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
    if (audience.temporary)
      throw new AccordError('UNAVAILABLE', `I could not check who is in this conversation (Slack did not answer in time), so nothing was settled or posted. Please try again in a minute.`);
    throw validation(`I cannot see who is in this conversation (Slack answered \`${audience.error}\`), so nothing was settled or posted: the CSV lists every partner's figures. ${WHERE_INSTEAD}`);
  }
  if (audience.externallyShared) {
    throw validation(
      `This conversation is shared with another organisation through Slack Connect (or an invitation to share it is pending), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
    );
  }
  if (audience.sharedWithWorkspaces) {
    throw validation(`This conversation is shared with other workspaces, so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`);
  }
  if (audience.truncated) {
    throw validation(`This conversation has too many members for me to check that all of them are vendor people, so nothing was settled or posted. ${WHERE_INSTEAD}`);
  }
  const outsiders: string[] = [];
  // One at a time: each look-up may ask Slack (users.info), and a burst would meet its rate limit.
  for (const userId of audience.members) {
    if (userId === ctx.settings.botUserId) continue;
    const member = await resolveActor(ctx, { userId, userTeam: undefined });
    if (member.role !== 'admin' && member.role !== 'vendor') outsiders.push(userId);
  }
  if (outsiders.length > 0) {
    const named = outsiders
      .slice(0, SHOWN)
      .map((id) => `<@${id}>`)
      .join(', ');
    const more = outsiders.length > SHOWN ? ` and ${outsiders.length - SHOWN} more` : '';
    throw validation(
      `${named}${more} ${outsiders.length === 1 ? 'is' : 'are'} in this conversation but not vendor people (a partner member, or someone of another organisation or unknown to Accord), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
    );
  }
}
