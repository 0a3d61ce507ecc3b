import { jsonish, str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';
import type { StandInInvitation } from '../types';
import { channelOf } from './lookups';

/** Slack Connect from Accord's side: conversations.inviteShared. The invitee's side is ../partner-side. */

/**
 * conversations.inviteShared as https://docs.slack.dev/reference/methods/conversations.inviteShared
 * describes it: one user id or one email per call ("even though the emails and user_ids arguments
 * accept arrays, only one email or one user ID may be invited at a time"), `external_limited`
 * true unless said otherwise, and an invitation that stays pending until it is accepted. Several
 * emails get the documented `too_many_emails`; the page names no code for several user ids, so
 * they get `invalid_arguments`. When Slack answers `connection_limit_exceeded_pending` is not
 * documented beyond "this channel already has a pending invite": tests inject it.
 */
function inviteShared(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  const list = (v: unknown): string[] => {
    const parsed = jsonish<unknown>(v);
    const items = Array.isArray(parsed) ? parsed.map(String) : (str(v) ?? '').split(',');
    return items.map((x) => x.trim()).filter(Boolean);
  };
  const userIds = list(args.user_ids);
  const emails = list(args.emails);
  if (userIds.length === 0 && emails.length === 0) throw new SlackApiError('recipients_not_specified');
  if (emails.length > 1) throw new SlackApiError('too_many_emails');
  if (userIds.length > 1 || (userIds.length > 0 && emails.length > 0)) throw new SlackApiError('invalid_arguments');
  if (channel.isArchived) throw new SlackApiError('channel_archived');
  if (channel.name === 'general') throw new SlackApiError('cannot_share_mandatory_channel');
  const [userId] = userIds;
  const [email] = emails;
  if (userId !== undefined) {
    const user = s.users.get(userId);
    if (!user) throw new SlackApiError('user_not_found');
    if (channel.members.has(userId)) throw new SlackApiError('already_in_channel');
  }
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new SlackApiError('invalid_email');
  const now = Math.floor(s.clock.now().getTime() / 1000);
  const invitation: StandInInvitation = {
    id: s.newId('I'),
    channel: channel.id,
    ...(userId ? { userId } : {}),
    ...(email ? { email: email.toLowerCase() } : {}),
    externalLimited: String(args.external_limited ?? 'true') !== 'false',
    dateCreated: now,
    dateInvalid: now + 14 * 24 * 3600,
    state: 'pending',
  };
  s.invitations.push(invitation);
  s.emit('invitation', invitation);
  return { invite_id: invitation.id, is_legacy_shared_channel: false };
}

export const connect: Readonly<Record<string, WebApiMethod>> = {
  'conversations.inviteShared': inviteShared,
};
