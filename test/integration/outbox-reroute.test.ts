import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { Database } from '../../src/db/client';
import { auditEvents, slackOutbox, slackPacing } from '../../src/db/schema';
import { OutboxWorker } from '../../src/outbound/outbox-worker';
import { silentLogger } from '../../src/logger';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { createOutboxGateway } from '../../src/outbound/outbox';
import { createWebApi } from '../../src/outbound/web-api';
import { drivers, openTestDatabase } from '../../src/testkit/databases';
import { BOT_TOKEN, people, PINNED_START } from '../../src/testkit/world';

/** The outbox's half of cross-organisation notices: a refused DM goes to its fallback, once. */
describe.each(drivers)('re-routing refused DMs (%s)', (driver) => {
  let database: Database;
  let standIn: SlackStandIn;
  let clock: ManualClock;
  let gateway: ReturnType<typeof createOutboxGateway>;
  const workerFor = () =>
    new OutboxWorker({ db: database.db, slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger, timeoutMs: 500 }), clock, log: silentLogger, channelIntervalMs: 0 });
  const rows = () => database.db.select().from(slackOutbox).orderBy(slackOutbox.id);
  const drain = async (worker: OutboxWorker) => {
    while ((await worker.deliverDue()) > 0);
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    standIn = new SlackStandIn({ botToken: BOT_TOKEN, users: Object.values(people) });
    await standIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(slackOutbox);
    await database.db.delete(slackPacing);
    await database.db.delete(auditEvents);
    standIn.messages.length = 0;
    standIn.ephemerals.length = 0;
    standIn.calls.length = 0;
    standIn.clearFaults();
    standIn.addChannel({ id: 'C0PROJ', name: 'accord-proj', members: new Set([people.pat.id, people.victor.id]) });
    clock = new ManualClock(PINNED_START);
    gateway = createOutboxGateway(clock);
  });

  it('the stand-in refuses a bot DM to a user of another team, as conversations.open and chat.postMessage', async () => {
    const slack = createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger });
    await expect(slack.call('conversations.open', { users: people.pat.id })).rejects.toMatchObject({ failure: { kind: 'permanent', error: 'invalid_user_combination' } });
    await expect(slack.call('chat.postMessage', { channel: people.pat.id, text: 'hi' })).rejects.toMatchObject({ failure: { kind: 'permanent', error: 'channel_not_found' } });
    expect(await slack.call('conversations.open', { users: people.victor.id })).toMatchObject({ ok: true, channel: { id: 'D0VICTOR', is_im: true } });
  });

  it('delivers a DM Slack accepts as a DM, and never uses its fallback', async () => {
    await gateway.sendDirectMessage(database.db, people.victor.id, { text: 'for you' }, { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id });
    await drain(workerFor());
    expect(standIn.messagesIn('D0VICTOR').map((m) => m.text)).toEqual(['for you']);
    expect(standIn.ephemerals).toEqual([]);
    // Accord's own notes on the row never reach Slack.
    expect(standIn.callsTo('chat.postMessage').map((c) => Object.keys(c.args).sort())).toEqual([['channel', 'metadata', 'text', 'unfurl_links', 'unfurl_media']]);
  });

  it('sends a refused DM to its fallback once, even when two workers race for it', async () => {
    await gateway.sendDirectMessage(database.db, people.pat.id, { text: 'your statement' }, { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id });
    await Promise.all([workerFor().deliverDue(), workerFor().deliverDue()]);
    await drain(workerFor());
    expect(standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === people.pat.id)).toHaveLength(1);
    expect(standIn.ephemerals).toEqual([
      { channel: 'C0PROJ', user: people.pat.id, text: ':envelope_with_arrow: Slack would not let me send you this as a direct message, so here it is, visible only to you:\nyour statement' },
    ]);
    const [dm, fallback] = await rows();
    expect(dm).toMatchObject({ status: 'failed', lastError: 'channel_not_found (re-routed)' });
    expect(fallback).toMatchObject({ method: 'chat.postEphemeral', status: 'sent', reportTo: people.alice.id });
    const audit = await database.db.select().from(auditEvents);
    expect(audit.map((a) => a.action)).toEqual(['slack_message.rerouted']);
    // Nobody was told of a failure: the notice arrived.
    expect(standIn.messagesIn('D0ALICE')).toEqual([]);
  });

  it('mentions the person in the channel for a notice their partner may read', async () => {
    await gateway.sendDirectMessage(database.db, people.pat.id, { text: 'a certificate expires' }, { fallback: { channel: 'C0PROJ', kind: 'mention' } });
    await drain(workerFor());
    expect(standIn.messagesIn('C0PROJ').map((m) => m.text)).toEqual([':envelope_with_arrow: <@U0PAT>, Slack would not let me send you this as a direct message:\na certificate expires']);
  });

  it('reports, with the notice quoted, when the fallback is refused too', async () => {
    standIn.addChannel({ id: 'C0GONE', name: 'gone', isArchived: true });
    await gateway.sendDirectMessage(database.db, people.pat.id, { text: 'your statement' }, { fallback: { channel: 'C0GONE', kind: 'ephemeral' }, reportTo: people.alice.id });
    await drain(workerFor());
    expect(standIn.ephemerals).toEqual([]);
    expect(standIn.messagesIn('D0ALICE').map((m) => m.text)).toEqual([
      ':warning: I could not reach <@U0PAT> by direct message (Slack answered `is_archived`), nor in <#C0GONE>. Please pass this on to them:\n> your statement',
    ]);
  });

  it('does not re-route a refusal of the message itself, and does not re-route after giving up on an outage', async () => {
    standIn.inject('chat.postMessage', { error: 'invalid_blocks' });
    await gateway.sendDirectMessage(database.db, people.pat.id, { text: 'bad blocks' }, { fallback: { channel: 'C0PROJ', kind: 'ephemeral' }, reportTo: people.alice.id });
    await drain(workerFor());
    expect(standIn.ephemerals).toEqual([]);
    expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: 'invalid_blocks' });
    expect(standIn.messagesIn('D0ALICE').map((m) => m.text)).toEqual([expect.stringContaining('Slack answered `invalid_blocks`')]);

    await database.db.delete(slackOutbox);
    const worker = new OutboxWorker({
      db: database.db,
      slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger }),
      clock,
      log: silentLogger,
      channelIntervalMs: 0,
      maxAttempts: 2,
    });
    standIn.inject('chat.postMessage', { status: 503 }, 2);
    const ref = await gateway.sendDirectMessage(database.db, people.victor.id, { text: 'during an outage' }, { fallback: { channel: 'C0PROJ', kind: 'ephemeral' } });
    await worker.deliverDue();
    clock.advance(60_000);
    await drain(worker);
    const [row] = await database.db.select().from(slackOutbox).where(eq(slackOutbox.id, ref.outboxId));
    expect(row?.lastError).toMatch(/^gave up after 2 attempts/);
    expect(standIn.ephemerals).toEqual([]);
  });
});
