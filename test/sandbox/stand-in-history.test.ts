import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/sandbox/stand-in';

/** A Web API call to the stand-in with the bot's token, as Accord makes it. */
async function callSlack(
  standIn: SlackStandIn,
  method: string,
  args: Record<string, unknown>,
): Promise<{ ok: boolean; error?: string; ts?: string; messages?: Array<{ ts: string }> }> {
  const res = await fetch(`${standIn.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: boolean; error?: string; ts?: string };
}

/**
 * The stand-in finds a message by channel and ts through an index (a long history must not make
 * every thread reply and update slower); these are the answers that index must keep giving.
 */
describe('the stand-in’s message history', () => {
  const standIn = new SlackStandIn({ users: [{ id: 'U0VICTOR', teamId: 'T0VENDOR', name: 'victor' }] });
  let one = '';
  let two = '';

  beforeAll(async () => {
    await standIn.start();
    one = standIn.addChannel({ name: 'one', members: new Set(['U0VICTOR']) }).id;
    two = standIn.addChannel({ name: 'two', members: new Set(['U0VICTOR']) }).id;
  });
  afterAll(() => standIn.stop());

  it('finds a message by its channel and ts, and only there', async () => {
    const posted = await callSlack(standIn, 'chat.postMessage', { channel: one, text: 'parent' });
    expect(posted.ok).toBe(true);
    const ts = posted.ts ?? '';
    expect(standIn.messageAt(one, ts)?.text).toBe('parent');
    expect(standIn.messageAt(two, ts)).toBeUndefined();
    expect(await callSlack(standIn, 'chat.postMessage', { channel: one, text: 'reply', thread_ts: ts })).toMatchObject({
      ok: true,
    });
    expect(await callSlack(standIn, 'chat.postMessage', { channel: two, text: 'x', thread_ts: ts })).toMatchObject({
      ok: false,
      error: 'thread_not_found',
    });
    expect(await callSlack(standIn, 'chat.update', { channel: one, ts, text: 'edited' })).toMatchObject({ ok: true });
    expect(standIn.messagesIn(one).map((m) => m.text)).toEqual(['edited', 'reply']);
    expect(await callSlack(standIn, 'conversations.replies', { channel: one, ts })).toMatchObject({ ok: true });
    expect(await callSlack(standIn, 'pins.add', { channel: one, timestamp: ts })).toMatchObject({ ok: true });
  });

  it('a message someone posts is found like the bot’s', async () => {
    const said = standIn.postAsUser('U0VICTOR', two, 'hello');
    expect(standIn.messageAt(two, said.ts)).toBe(said);
    expect(await callSlack(standIn, 'chat.postMessage', { channel: two, text: 'r', thread_ts: said.ts })).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it('a removed message is gone for every method, the rest stay', async () => {
    const a = await callSlack(standIn, 'chat.postMessage', { channel: one, text: 'a' });
    const b = await callSlack(standIn, 'chat.postMessage', { channel: one, text: 'b' });
    const gone = standIn.messageAt(one, a.ts ?? '');
    if (!gone) throw new Error('the message was not stored');
    standIn.removeMessage(gone);
    expect(standIn.messageAt(one, a.ts ?? '')).toBeUndefined();
    expect(standIn.messages).not.toContain(gone);
    expect(await callSlack(standIn, 'chat.update', { channel: one, ts: a.ts, text: 'z' })).toMatchObject({
      ok: false,
      error: 'message_not_found',
    });
    expect(await callSlack(standIn, 'conversations.replies', { channel: one, ts: a.ts })).toMatchObject({
      ok: false,
      error: 'thread_not_found',
    });
    expect(await callSlack(standIn, 'chat.update', { channel: one, ts: b.ts, text: 'b2' })).toMatchObject({ ok: true });
  });

  it('a cleared history finds nothing', async () => {
    const c = await callSlack(standIn, 'chat.postMessage', { channel: one, text: 'c' });
    standIn.clearMessages();
    expect(standIn.messages).toHaveLength(0);
    expect(await callSlack(standIn, 'pins.add', { channel: one, timestamp: c.ts })).toMatchObject({
      ok: false,
      error: 'message_not_found',
    });
  });
});
