import type { Logger } from '../logger';
import type { SlackChannels } from '../services/context';
import { SlackCallError, type SlackCaller, type SlackFailure } from './web-api';

const ATTEMPTS = 3;
// Longer waits would outlast the person's patience; the outbox handles slow retries for posts.
const MAX_WAIT_MS = 5_000;

/**
 * Channel set-up needs Slack's answer at once (the new channel's id, or that the name is taken),
 * so unlike posts it is called directly, with a few quick retries for rate limits and hiccups.
 */
export function createSlackChannels(slack: SlackCaller, log: Logger, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): SlackChannels {
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
  const errorOf = (err: unknown) => (err instanceof SlackCallError && err.failure.kind === 'permanent' ? err.failure.error : undefined);

  return {
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
        const channel = res.channel as { is_member?: unknown; is_private?: unknown; is_archived?: unknown; name?: unknown } | undefined;
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
