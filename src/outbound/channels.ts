import type { Logger } from '../logger';

import { SlackCallError, type SlackCaller, type SlackFailure } from './web-api';
import type { ConversationAudience, SlackChannels } from '../services/ports';

const ATTEMPTS = 3;
/** Slack recommends pages of at most 200 for conversations.members. */
const MEMBERS_PAGE = 200;
/**
 * The most members an audience look-up reads. Each is resolved like a requester (users.info,
 * cached), so a bigger channel would take minutes and Slack's rate limits; it is reported as
 * truncated instead, and a caller that needs every member refuses it.
 */
export const MAX_AUDIENCE_MEMBERS = 1000;
// Longer waits would outlast the person's patience; the outbox handles slow retries for posts.
const MAX_WAIT_MS = 5_000;

/**
 * Channel set-up needs Slack's answer at once (the new channel's id, or that the name is taken),
 * so unlike posts it is called directly, with a few quick retries for rate limits and hiccups.
 */
export function createSlackChannels(
  slack: SlackCaller,
  log: Logger,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): SlackChannels {
  async function call(method: string, args: Record<string, unknown>) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await slack.call(method, args);
      } catch (err) {
        const failure: SlackFailure | undefined = err instanceof SlackCallError ? err.failure : undefined;
        if (!failure || failure.kind === 'permanent' || attempt >= ATTEMPTS) throw err;
        const wait = failure.kind === 'rate_limited' ? failure.retryAfterMs : 300 * attempt;
        if (wait > MAX_WAIT_MS) throw err;
        log.warn('Slack channel call failed; retrying', { method, attempt, failure });
        await sleep(wait);
      }
    }
  }
  const errorOf = (err: unknown) =>
    err instanceof SlackCallError && err.failure.kind === 'permanent' ? err.failure.error : undefined;

  const flag = (channel: Record<string, unknown>, key: string) => channel[key] === true;

  async function readAudience(channelId: string): Promise<ConversationAudience> {
    const info = await call('conversations.info', { channel: channelId });
    const channel = (typeof info.channel === 'object' && info.channel !== null ? info.channel : {}) as Record<
      string,
      unknown
    >;
    const kind = flag(channel, 'is_im')
      ? 'im'
      : flag(channel, 'is_mpim')
        ? 'mpim'
        : flag(channel, 'is_private')
          ? 'private'
          : 'public';
    const externallyShared = flag(channel, 'is_ext_shared') || flag(channel, 'is_pending_ext_shared');
    const sharedWithWorkspaces = flag(channel, 'is_shared') || flag(channel, 'is_org_shared');
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('conversations.members', {
        channel: channelId,
        limit: MEMBERS_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const ids = Array.isArray(page.members) ? page.members.filter((m): m is string => typeof m === 'string') : [];
      members.push(...ids);
      const next = (page.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
      cursor = typeof next === 'string' && next !== '' ? next : undefined;
    } while (cursor && members.length < MAX_AUDIENCE_MEMBERS);
    return {
      ok: true,
      kind,
      externallyShared,
      sharedWithWorkspaces,
      members: [...new Set(members)].slice(0, MAX_AUDIENCE_MEMBERS),
      truncated: cursor !== undefined || members.length > MAX_AUDIENCE_MEMBERS,
    };
  }

  return {
    async audience(channelId) {
      try {
        return await readAudience(channelId);
      } catch (err) {
        const error = errorOf(err);
        if (error) return { ok: false, error, temporary: false };
        // A timeout, a 5xx or a rate limit that outlasted the retries: the answer is unknown, not "no".
        log.warn('could not read who is in a conversation', { channelId, err });
        return { ok: false, error: err instanceof SlackCallError ? err.failure.kind : 'unknown', temporary: true };
      }
    },
    async create(name) {
      try {
        const res = await call('conversations.create', { name, is_private: false });
        const channel = res.channel as { id?: unknown } | undefined;
        if (typeof channel?.id !== 'string') throw new Error('conversations.create answered without a channel id');
        return { ok: true, channelId: channel.id };
      } catch (err) {
        const error = errorOf(err);
        if (error) return { ok: false, error };
        throw err;
      }
    },
    async prepare(channelId) {
      try {
        const res = await call('conversations.info', { channel: channelId });
        const channel = res.channel as
          { is_member?: unknown; is_private?: unknown; is_archived?: unknown; name?: unknown } | undefined;
        if (channel?.is_archived === true) return { ok: false, error: 'is_archived' };
        if (channel?.is_member !== true) {
          if (channel?.is_private === true) return { ok: false, error: 'not_in_channel' };
          await call('conversations.join', { channel: channelId });
        }
        return { ok: true, channelId, name: typeof channel?.name === 'string' ? channel.name : undefined };
      } catch (err) {
        const error = errorOf(err);
        if (error) return { ok: false, error };
        throw err;
      }
    },
  };
}
