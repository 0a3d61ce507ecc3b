import { str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';
import type { StandInChannel, StandInMessage } from '../types';
import { channelOf, dmWith } from './lookups';

/** conversations.*: channels, their members and their history, and the bot's DMs. (inviteShared is in ./connect.) */

/** Slack's conversation object: a DM is `is_im` with its `user`; a private channel the bot is not in is not found. */
function channelJson(s: StandInStore, c: StandInChannel): Record<string, unknown> {
  const im = c.id.startsWith('D');
  const shared = [...c.sharedWithTeams].some((t) => t !== s.teamId);
  const flags = {
    is_channel: !im && !c.isMpim && !c.isPrivate,
    is_group: !im && !c.isMpim && c.isPrivate,
    is_im: im,
    is_mpim: c.isMpim,
    is_private: c.isPrivate || im || c.isMpim,
    is_archived: c.isArchived,
    is_shared: shared,
    is_ext_shared: shared,
    is_org_shared: false,
    is_pending_ext_shared: !shared && s.pendingInvitations(c.id).length > 0,
  };
  if (im) return { id: c.id, created: 0, ...flags, user: [...c.members][0], is_open: true };
  return { id: c.id, name: c.name, ...flags, is_member: c.botIsMember, shared_team_ids: [s.teamId] };
}

function messageJson(s: StandInStore, m: StandInMessage, withMetadata: boolean): Record<string, unknown> {
  const files = m.files?.map(({ id, name, title }) => ({ id, name, title }));
  return {
    type: 'message',
    user: m.user,
    text: m.text,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(files ? { files } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** Whose members a bot token can read: public channels, and private ones, DMs and group DMs it is in. */
function visibleChannel(s: StandInStore, args: Args): StandInChannel {
  const channel = channelOf(s, args);
  if ((channel.isPrivate || channel.isMpim) && !channel.botIsMember) throw new SlackApiError('channel_not_found');
  return channel;
}

function history(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  const oldest = Number(str(args.oldest) ?? '0');
  const limit = Number(args.limit ?? 100);
  const withMetadata = String(args.include_all_metadata) === 'true';
  const list = s.messages
    .filter((m) => m.channel === channel.id && !m.threadTs && Number(m.ts) >= oldest)
    .reverse()
    .slice(0, limit);
  return { messages: list.map((m) => messageJson(s, m, withMetadata)), has_more: false };
}

function replies(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  const ts = str(args.ts);
  const parent = s.messageAt(channel.id, ts);
  if (!parent) throw new SlackApiError('thread_not_found');
  const withMetadata = String(args.include_all_metadata) === 'true';
  const thread = [parent, ...s.messages.filter((m) => m.channel === channel.id && m.threadTs === ts)];
  return { messages: thread.map((m) => messageJson(s, m, withMetadata)), has_more: false };
}

function createChannel(s: StandInStore, args: Args): Record<string, unknown> {
  const name = str(args.name);
  if (!name) throw new SlackApiError('invalid_name_required');
  if (!/^[a-z0-9_-]{1,80}$/.test(name)) throw new SlackApiError('invalid_name_specials');
  if ([...s.channels.values()].some((c) => c.name === name)) throw new SlackApiError('name_taken');
  const channel = s.addChannel({ name, isPrivate: String(args.is_private) === 'true' });
  return { channel: channelJson(s, channel) };
}

function invite(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
  const users = (str(args.users) ?? '').split(',').filter(Boolean);
  if (users.length === 0) throw new SlackApiError('no_user');
  for (const u of users) if (!s.users.has(u)) throw new SlackApiError('user_not_found');
  if (users.every((u) => channel.members.has(u))) throw new SlackApiError('already_in_channel');
  for (const u of users) channel.members.add(u);
  return { channel: channelJson(s, channel) };
}

/** conversations.members: user ids, the bot's own included, in pages with `response_metadata.next_cursor`. */
function members(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = visibleChannel(s, args);
  const all = [...channel.members, ...(channel.botIsMember && !channel.members.has(s.botUserId) ? [s.botUserId] : [])];
  const limit = args.limit === undefined ? 100 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
  const cursor = str(args.cursor);
  const start = cursor
    ? Number(
        Buffer.from(cursor, 'base64')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw new SlackApiError('invalid_cursor');
  const end = Math.min(start + limit, all.length);
  const next = end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { members: all.slice(start, end), response_metadata: { next_cursor: next } };
}

function kick(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  const user = str(args.user) ?? '';
  if (!s.users.has(user)) throw new SlackApiError('user_not_found');
  if (!channel.members.delete(user)) throw new SlackApiError('not_in_channel');
  return {};
}

function open(s: StandInStore, args: Args): Record<string, unknown> {
  const users = (str(args.users) ?? '').split(',').filter(Boolean);
  if (users.length === 0)
    throw new SlackApiError(str(args.channel) ? 'method_not_supported_for_channel_type' : 'users_list_not_supplied');
  // Only the bot's 1:1 DMs are modelled; a group DM of people is not something Accord opens.
  if (users.length > 1) throw new SlackApiError('method_not_supported_for_channel_type');
  const dm = dmWith(s, users[0] ?? '', 'invalid_user_combination');
  return { channel: channelJson(s, dm) };
}

function join(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  channel.botIsMember = true;
  return { channel: channelJson(s, channel) };
}

export const conversations: Readonly<Record<string, WebApiMethod>> = {
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.create': createChannel,
  'conversations.invite': invite,
  'conversations.kick': kick,
  'conversations.open': open,
  // Slack answers channel_not_found for a private channel the bot is not in; the stand-in
  // describes it (is_member false) so that channel set-up can say why it cannot be used.
  'conversations.info': (s, args) => ({ channel: channelJson(s, channelOf(s, args)) }),
  'conversations.members': members,
  'conversations.join': join,
};
