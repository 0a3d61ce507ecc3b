import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, slackOutbox } from '../../src/db/schema';
import { OutboxWorker } from '../../src/outbound/outbox-worker';
import { silentLogger } from '../../src/logger';
import { createWebApi } from '../../src/outbound/web-api';
import { drivers } from '../../src/testkit/databases';
import { useOutboxRig } from '../../src/testkit/outbox-rig';
import { BOT_TOKEN, people } from '../../src/testkit/world';

/** The outbox's half of cross-organisation notices: a refused DM goes to its fallback, once. */
describe.each(drivers)('re-routing refused DMs (%s)', (driver) => {
  const rig = useOutboxRig(driver);
  beforeEach(() => {
    rig.standIn.addChannel({ id: 'C0PROJ', name: 'accord-proj', members: new Set([people.pat.id, people.victor.id]) });
  });

  it('the stand-in refuses a bot DM to a user of another team, as conversations.open and chat.postMessage', async () => {
    const slack = createWebApi({ token: BOT_TOKEN, apiUrl: rig.standIn.apiUrl, log: silentLogger });
    await expect(slack.call('conversations.open', { users: people.pat.id })).rejects.toMatchObject({
      failure: { kind: 'permanent', error: 'invalid_user_combination' },
    });
    await expect(slack.call('chat.postMessage', { channel: people.pat.id, text: 'hi' })).rejects.toMatchObject({
      failure: { kind: 'permanent', error: 'channel_not_found' },
    });
    expect(await slack.call('conversations.open', { users: people.victor.id })).toMatchObject({
      ok: true,
      channel: { id: 'D0VICTOR', is_im: true },
    });
  });

  it('delivers a DM Slack accepts as a DM, and never uses its fallback', async () => {
    await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.victor.id,
      { text: 'for you' },
      { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id },
    );
    await rig.drain(rig.workerFor({ channelIntervalMs: 0 }));
    expect(rig.standIn.messagesIn('D0VICTOR').map((m) => m.text)).toEqual(['for you']);
    expect(rig.standIn.ephemerals).toEqual([]);
    // Accord's own notes on the row never reach Slack.
    expect(rig.standIn.callsTo('chat.postMessage').map((c) => Object.keys(c.args).sort())).toEqual([
      ['channel', 'metadata', 'text', 'unfurl_links', 'unfurl_media'],
    ]);
  });

  it('sends a refused DM to its fallback once, even when two workers race for it', async () => {
    await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.pat.id,
      { text: 'your statement' },
      { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id },
    );
    await Promise.all([
      rig.workerFor({ channelIntervalMs: 0 }).deliverDue(),
      rig.workerFor({ channelIntervalMs: 0 }).deliverDue(),
    ]);
    await rig.drain(rig.workerFor({ channelIntervalMs: 0 }));
    expect(rig.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === people.pat.id)).toHaveLength(1);
    expect(rig.standIn.ephemerals).toEqual([
      {
        channel: 'C0PROJ',
        user: people.pat.id,
        text: ':envelope_with_arrow: Slack would not let me send you this as a direct message, so here it is, visible only to you:\nyour statement',
      },
    ]);
    const [dm, fallback] = await rig.rows();
    expect(dm).toMatchObject({ status: 'failed', lastError: 'channel_not_found (re-routed)' });
    expect(fallback).toMatchObject({ method: 'chat.postEphemeral', status: 'sent', reportTo: people.alice.id });
    const audit = await rig.database.db.select().from(auditEvents);
    expect(audit.map((a) => a.action)).toEqual(['slack_message.rerouted']);
    // Nobody was told of a failure: the notice arrived.
    expect(rig.standIn.messagesIn('D0ALICE')).toEqual([]);
  });

  it('mentions the person in the channel for a notice their partner may read', async () => {
    await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.pat.id,
      { text: 'a certificate expires' },
      { fallback: { channel: 'C0PROJ', kind: 'mention' } },
    );
    await rig.drain(rig.workerFor({ channelIntervalMs: 0 }));
    expect(rig.standIn.messagesIn('C0PROJ').map((m) => m.text)).toEqual([
      ':envelope_with_arrow: <@U0PAT>, Slack would not let me send you this as a direct message:\na certificate expires',
    ]);
  });

  it('reports, with the notice quoted, when the fallback is refused too', async () => {
    rig.standIn.addChannel({ id: 'C0GONE', name: 'gone', isArchived: true });
    await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.pat.id,
      { text: 'your statement' },
      { fallback: { channel: 'C0GONE', kind: 'ephemeral' }, reportTo: people.alice.id },
    );
    await rig.drain(rig.workerFor({ channelIntervalMs: 0 }));
    expect(rig.standIn.ephemerals).toEqual([]);
    expect(rig.standIn.messagesIn('D0ALICE').map((m) => m.text)).toEqual([
      ':warning: I could not reach <@U0PAT> by direct message (Slack answered `is_archived`), nor in <#C0GONE>. Please pass this on to them:\n> your statement',
    ]);
  });

  it('does not re-route a refusal of the message itself, and does not re-route after giving up on an outage', async () => {
    rig.standIn.inject('chat.postMessage', { error: 'invalid_blocks' });
    await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.pat.id,
      { text: 'bad blocks' },
      { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id },
    );
    await rig.drain(rig.workerFor({ channelIntervalMs: 0 }));
    expect(rig.standIn.ephemerals).toEqual([]);
    expect((await rig.rows())[0]).toMatchObject({ status: 'failed', lastError: 'invalid_blocks' });
    expect(rig.standIn.messagesIn('D0ALICE').map((m) => m.text)).toEqual([
      expect.stringContaining('Slack answered `invalid_blocks`'),
    ]);

    await rig.database.db.delete(slackOutbox);
    const worker = new OutboxWorker({
      db: rig.database.db,
      slack: createWebApi({ token: BOT_TOKEN, apiUrl: rig.standIn.apiUrl, log: silentLogger }),
      clock: rig.clock,
      log: silentLogger,
      channelIntervalMs: 0,
      maxAttempts: 2,
    });
    rig.standIn.inject('chat.postMessage', { status: 503 }, 2);
    const ref = await rig.gateway.sendDirectMessage(
      rig.database.db,
      people.victor.id,
      { text: 'during an outage' },
      { fallback: { channel: 'C0PROJ', kind: 'ephemeral' } },
    );
    await worker.deliverDue();
    rig.clock.advance(60_000);
    await rig.drain(worker);
    const [row] = await rig.database.db.select().from(slackOutbox).where(eq(slackOutbox.id, ref.outboxId));
    expect(row?.lastError).toMatch(/^gave up after 2 attempts/);
    expect(rig.standIn.ephemerals).toEqual([]);
  });
});
