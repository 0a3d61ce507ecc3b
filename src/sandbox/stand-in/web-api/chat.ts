import { jsonish, str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';
import type { StandInMessage } from '../types';
import { writableChannel } from './lookups';

/** chat.*: posting, updating and ephemeral messages. chat.postMessage's rate limit is the server's (limitMessages). */

function contentOf(s: StandInStore, args: Args): { text: string; blocks?: unknown[] } {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = jsonish<unknown[]>(args.blocks);
  if (!text && (!blocks || blocks.length === 0)) throw new SlackApiError('no_text');
  if (text.length > 40_000) throw new SlackApiError('msg_too_long');
  if (blocks && (!Array.isArray(blocks) || blocks.length > 50)) throw new SlackApiError('invalid_blocks');
  return { text, ...(blocks ? { blocks } : {}) };
}

function postMessage(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = writableChannel(s, args);
  const content = contentOf(s, args);
  const threadTs = str(args.thread_ts);
  if (threadTs && !s.messageAt(channel.id, threadTs)) throw new SlackApiError('thread_not_found');
  const metadata = jsonish<StandInMessage['metadata']>(args.metadata);
  const message: StandInMessage = {
    channel: channel.id,
    ts: s.nextTs(),
    user: s.botUserId,
    ...content,
    ...(threadTs ? { threadTs } : {}),
    ...(metadata ? { metadata } : {}),
  };
  s.addMessage(message);
  s.emit('message', message);
  return { channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts, user: message.user } };
}

function updateMessage(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = writableChannel(s, args);
  const message = s.messageAt(channel.id, str(args.ts));
  if (!message) throw new SlackApiError('message_not_found');
  if (message.user !== s.botUserId) throw new SlackApiError('cant_update_message');
  const content = contentOf(s, args);
  message.text = content.text;
  message.blocks = content.blocks;
  message.edited = true;
  s.emit('update', message);
  return { channel: channel.id, ts: message.ts, text: message.text };
}

function postEphemeral(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = writableChannel(s, args);
  const user = str(args.user);
  if (!user || !s.users.has(user)) throw new SlackApiError('user_not_found');
  // Slack delivers an ephemeral only to a member of the conversation: https://docs.slack.dev/reference/methods/chat.postEphemeral/
  if (!channel.members.has(user)) throw new SlackApiError('user_not_in_channel');
  const content = contentOf(s, args);
  s.ephemerals.push({ channel: channel.id, user, ...content });
  s.emit('ephemeral', { channel: channel.id, user, ...content });
  return { message_ts: s.nextTs() };
}

export const chat: Readonly<Record<string, WebApiMethod>> = {
  'chat.postMessage': postMessage,
  'chat.update': updateMessage,
  'chat.postEphemeral': postEphemeral,
};
