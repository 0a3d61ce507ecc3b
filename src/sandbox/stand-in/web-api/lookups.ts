import { SlackApiError } from '../errors';
import { str, type Args } from '../args';
import type { StandInStore } from '../store';
import type { StandInChannel } from '../types';

/** How a Web API method finds the conversation a call names, with the errors Slack gives when it cannot. */

export function channelOf(s: StandInStore, args: Args): StandInChannel {
  const id = str(args.channel);
  const channel = id ? s.channels.get(id) : undefined;
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}

/**
 * The bot's DM with a user, as conversations.open and a post addressed to a user id open it. A
 * user of another organisation gets none: Slack refuses DMs with external people unless they
 * already share a channel (`invalid_user_combination`,
 * https://docs.slack.dev/reference/methods/conversations.open), either side's admins may turn
 * Slack Connect DMs off, and the app's Messages tab is only in the organisation that installed
 * it. The stand-in takes the strict reading, so no partner flow can come to rely on such a DM.
 */
export function dmWith(s: StandInStore, userId: string, refusal: string): StandInChannel {
  const user = s.users.get(userId);
  if (!user) throw new SlackApiError(refusal === 'invalid_user_combination' ? 'user_not_found' : refusal);
  if (user.teamId !== s.teamId) throw new SlackApiError(refusal);
  return s.openDm(userId);
}

/** Posting to a user id opens (or reuses) the bot's DM with that user, as Slack does. */
export function writableChannel(s: StandInStore, args: Args): StandInChannel {
  const id = str(args.channel);
  // For a DM it cannot open, chat.postMessage has no conversation to post in: `channel_not_found`.
  if (id && /^[UW]/.test(id)) return dmWith(s, id, 'channel_not_found');
  const channel = channelOf(s, args);
  if (channel.isArchived) throw new SlackApiError('is_archived');
  if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
  return channel;
}
