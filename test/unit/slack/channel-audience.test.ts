import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger';
import { createSlackChannels, MAX_AUDIENCE_MEMBERS } from '../../../src/outbound/channels';
import { SlackCallError, type SlackCaller, type SlackResponse } from '../../../src/outbound/web-api';

type Handler = (args: Record<string, unknown>) => Record<string, unknown> | SlackCallError;

/** A Web API that answers conversations.info and conversations.members from the given handlers, recording each call. */
function fakeSlack(handlers: Record<string, Handler>) {
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const slack: SlackCaller = {
    async call(method, args) {
      calls.push({ method, args });
      const answer =
        handlers[method]?.(args) ?? new SlackCallError(method, { kind: 'permanent', error: 'unknown_method' });
      if (answer instanceof SlackCallError) throw answer;
      return { ok: true, ...answer } as SlackResponse;
    },
    async uploadBytes() {},
  };
  return { slack, calls };
}

/** conversations.members over `all`, `pageSize` at a time, with Slack's cursors. */
const paged =
  (all: string[], pageSize: number): Handler =>
  (args) => {
    const start = typeof args.cursor === 'string' ? Number(args.cursor) : 0;
    const end = Math.min(start + pageSize, all.length);
    return { members: all.slice(start, end), response_metadata: { next_cursor: end < all.length ? String(end) : '' } };
  };

const noSleep = async () => undefined;

describe('the channels port: who is in a conversation', () => {
  it('reads every page of members, and how the conversation is shared', async () => {
    const all = Array.from({ length: 450 }, (_, i) => `U${String(i).padStart(5, '0')}`);
    const { slack, calls } = fakeSlack({
      'conversations.info': () => ({
        channel: { id: 'C1', is_channel: true, is_private: false, is_ext_shared: false },
      }),
      'conversations.members': paged(all, 200),
    });
    const audience = await createSlackChannels(slack, silentLogger, noSleep).audience('C1');
    expect(audience).toEqual({
      ok: true,
      kind: 'public',
      externallyShared: false,
      sharedWithWorkspaces: false,
      members: all,
      truncated: false,
    });
    expect(calls.filter((c) => c.method === 'conversations.members').map((c) => c.args.cursor)).toEqual([
      undefined,
      '200',
      '400',
    ]);
    expect(calls.every((c) => c.method !== 'conversations.members' || c.args.limit === 200)).toBe(true);
  });

  it.each([
    [{ is_im: true, user: 'U1' }, 'im', false, false],
    [{ is_mpim: true, is_private: true }, 'mpim', false, false],
    [{ is_group: true, is_private: true }, 'private', false, false],
    [{ is_channel: true, is_ext_shared: true, is_shared: true }, 'public', true, true],
    [{ is_channel: true, is_pending_ext_shared: true }, 'public', true, false],
    [{ is_channel: true, is_org_shared: true }, 'public', false, true],
  ])(
    'reads %o as %s (externally shared %s, shared with workspaces %s)',
    async (channel, kind, externallyShared, sharedWithWorkspaces) => {
      const { slack } = fakeSlack({
        'conversations.info': () => ({ channel }),
        'conversations.members': paged(['U1', 'UBOT'], 200),
      });
      expect(await createSlackChannels(slack, silentLogger, noSleep).audience('X1')).toMatchObject({
        ok: true,
        kind,
        externallyShared,
        sharedWithWorkspaces,
      });
    },
  );

  it('stops at the most members it reads, and says the list is incomplete', async () => {
    const all = Array.from({ length: MAX_AUDIENCE_MEMBERS + 1 }, (_, i) => `U${i}`);
    const { slack } = fakeSlack({
      'conversations.info': () => ({ channel: { is_channel: true } }),
      'conversations.members': paged(all, 200),
    });
    const audience = await createSlackChannels(slack, silentLogger, noSleep).audience('C1');
    expect(audience).toMatchObject({ ok: true, truncated: true });
    expect(audience.ok && audience.members.length).toBe(MAX_AUDIENCE_MEMBERS);
  });

  it('tells a refusal from an answer that did not come', async () => {
    const refused = fakeSlack({
      'conversations.info': () =>
        new SlackCallError('conversations.info', { kind: 'permanent', error: 'channel_not_found' }),
    });
    expect(await createSlackChannels(refused.slack, silentLogger, noSleep).audience('D1')).toEqual({
      ok: false,
      error: 'channel_not_found',
      temporary: false,
    });
    const down = fakeSlack({
      'conversations.info': () => ({ channel: { is_channel: true } }),
      'conversations.members': () =>
        new SlackCallError('conversations.members', { kind: 'transient', reason: 'HTTP 503', uncertain: true }),
    });
    expect(await createSlackChannels(down.slack, silentLogger, noSleep).audience('C1')).toEqual({
      ok: false,
      error: 'transient',
      temporary: true,
    });
    // Retried a few times before giving up.
    expect(down.calls.filter((c) => c.method === 'conversations.members')).toHaveLength(3);
  });
});
