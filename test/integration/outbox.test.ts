import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { Database, Db } from '../../src/db/client';
import { auditEvents, slackOutbox, slackPacing } from '../../src/db/schema';
import { OutboxWorker } from '../../src/outbound/outbox-worker';
import { silentLogger } from '../../src/logger';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { createOutboxGateway } from '../../src/outbound/outbox';
import { createWebApi } from '../../src/outbound/web-api';
import { drivers, openTestDatabase } from '../../src/testkit/databases';
import { BOT_TOKEN, people, PINNED_START } from '../../src/testkit/world';

describe.each(drivers)('Slack outbox (%s)', (driver) => {
  let database: Database;
  let standIn: SlackStandIn;
  let clock: ManualClock;
  let gateway: ReturnType<typeof createOutboxGateway>;
  const workerFor = (o: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) =>
    new OutboxWorker({
      db: database.db,
      slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger, timeoutMs: 500 }),
      clock,
      log: silentLogger,
      channelIntervalMs: 1000,
      ...o,
    });

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
    standIn.calls.length = 0;
    standIn.clearFaults();
    for (const id of [...standIn.channels.keys()]) standIn.channels.delete(id);
    standIn.addChannel({ id: 'C0ONE', name: 'one' });
    standIn.addChannel({ id: 'C0TWO', name: 'two' });
    clock = new ManualClock(PINNED_START);
    gateway = createOutboxGateway(clock);
  });
  afterEach(() => standIn.clearFaults());

  const rows = () => database.db.select().from(slackOutbox).orderBy(slackOutbox.id);

  it('delivers a message queued in a transaction, and only once it commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await gateway.postMessage(tx, 'C0ONE', { text: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await gateway.postMessage(database.db, 'C0ONE', { text: 'hello' });
    const worker = workerFor();
    expect(await worker.deliverDue()).toBe(1);
    expect(standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['hello']);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, result: { channel: 'C0ONE', ts: standIn.messages[0]?.ts } });
    expect(await worker.deliverDue()).toBe(0);
  });

  it('paces one message per second per channel, keeps channel order, and does not hold other channels back', async () => {
    for (const n of [1, 2, 3]) await gateway.postMessage(database.db, 'C0ONE', { text: `one-${n}` });
    await gateway.postMessage(database.db, 'C0TWO', { text: 'two-1' });
    const worker = workerFor();
    await worker.deliverDue();
    expect(standIn.messages.map((m) => m.text).sort()).toEqual(['one-1', 'two-1']);
    await worker.deliverDue();
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
    clock.advance(999);
    await worker.deliverDue();
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
    clock.advance(1);
    await worker.deliverDue();
    clock.advance(1000);
    await worker.deliverDue();
    expect(standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['one-1', 'one-2', 'one-3']);
  });

  it('honours 429 Retry-After without counting it as a failed attempt', async () => {
    await gateway.postMessage(database.db, 'C0ONE', { text: 'patience' });
    standIn.inject('chat.postMessage', { status: 429, retryAfter: 7 });
    const worker = workerFor();
    await worker.deliverDue();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row?.nextAttemptAt.getTime()).toBe(PINNED_START.getTime() + 7000);
    clock.advance(6999);
    expect(await worker.deliverDue()).toBe(0);
    clock.advance(1);
    expect(await worker.deliverDue()).toBe(1);
    [row] = await rows();
    expect(row?.status).toBe('sent');
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('retries 5xx and network failures with growing backoff, then delivers', async () => {
    await gateway.postMessage(database.db, 'C0ONE', { text: 'eventually' });
    standIn.inject('chat.postMessage', { status: 500 });
    standIn.inject('chat.postMessage', { status: 503 });
    const worker = workerFor();
    await worker.deliverDue();
    const first = (await rows())[0];
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    const firstDelay = (first?.nextAttemptAt.getTime() ?? 0) - clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(800);
    clock.advance(firstDelay);
    await worker.deliverDue();
    const second = (await rows())[0];
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    const secondDelay = (second?.nextAttemptAt.getTime() ?? 0) - clock.now().getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    clock.advance(secondDelay);
    await worker.deliverDue();
    expect((await rows())[0]?.status).toBe('sent');
    // The 5xx answers left no message behind, so the retries looked and then posted exactly once.
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
    expect(standIn.callsTo('conversations.history')).toHaveLength(2);
  });

  it('does not post twice when Slack took the message but the answer was lost', async () => {
    await gateway.postMessage(database.db, 'C0ONE', { text: 'once only' });
    // The stand-in posts, then answers too late for the client's 500 ms timeout.
    standIn.inject('chat.postMessage', { delayMs: 800 });
    const worker = workerFor();
    await worker.deliverDue();
    await new Promise((r) => setTimeout(r, 400));
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(60_000);
    await worker.deliverDue();
    expect((await rows())[0]).toMatchObject({ status: 'sent', result: { ts: standIn.messages[0]?.ts } });
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('takes over a message a crashed worker left mid-delivery, without doubling it', async () => {
    const ref = await gateway.postMessage(database.db, 'C0ONE', { text: 'survives a crash' });
    const crashed = workerFor({ leaseMs: 30_000 });
    // Simulate the crash: the message reached Slack, the worker died before recording it.
    await database.db
      .update(slackOutbox)
      .set({ status: 'sending', attempts: 1, leaseUntil: new Date(clock.now().getTime() + 30_000) })
      .where(eq(slackOutbox.id, ref.outboxId));
    await createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger }).call('chat.postMessage', {
      channel: 'C0ONE',
      text: 'survives a crash',
      metadata: { event_type: 'accord_outbox', event_payload: { outbox_id: ref.outboxId } },
    });
    expect(await crashed.deliverDue()).toBe(0);
    clock.advance(30_001);
    const restarted = workerFor();
    expect(await restarted.deliverDue()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('hands back at once the messages of a claim whose COMMIT answer was lost, instead of leaving them to the lease', async () => {
    const ref = await gateway.postMessage(database.db, 'C0ONE', { text: 'claimed, then the connection went' });
    // The database side of a connection lost during COMMIT: the server kept the transaction, the
    // worker only hears that the connection closed (as postgres.js reports it).
    let loseTheAnswer = true;
    const losing = new Proxy(database.db, {
      get(target, property) {
        if (property !== 'transaction') return Reflect.get(target, property, target) as unknown;
        const transaction: Db['transaction'] = async (work, config) => {
          const result = await target.transaction(work, config);
          if (loseTheAnswer) {
            loseTheAnswer = false;
            throw Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
          }
          return result;
        };
        return transaction;
      },
    });
    const worker = workerFor({ db: losing, leaseMs: 60_000 });
    await expect(worker.deliverDue()).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(standIn.messagesIn('C0ONE')).toEqual([]);
    expect((await rows())[0]).toMatchObject({ id: ref.outboxId, status: 'pending', attempts: 0, leaseUntil: null });
    // Delivered on the next round, with no lease to wait out and without looking for an earlier post.
    expect(await worker.deliverDue()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['claimed, then the connection went']);
    expect(standIn.callsTo('conversations.history')).toEqual([]);
  });

  it('gives up on errors that cannot get better, records it and tells the person responsible', async () => {
    standIn.addChannel({ id: 'C0ARCH', name: 'archived', isArchived: true });
    await gateway.postMessage(database.db, 'C0ARCH', { text: 'too late' }, { reportTo: people.victor.id });
    const worker = workerFor();
    await worker.deliverDue();
    expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: 'is_archived' });
    const audit = await database.db.select().from(auditEvents);
    expect(audit).toEqual([expect.objectContaining({ action: 'slack_message.failed', data: expect.objectContaining({ error: 'is_archived' }) })]);
    await worker.deliverDue();
    const dm = standIn.messagesIn('D0VICTOR');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toContain('archived');
  });

  it('gives up after the maximum number of transient failures and reports it', async () => {
    await gateway.postMessage(database.db, 'C0ONE', { text: 'doomed' }, { reportTo: people.victor.id });
    standIn.inject('chat.postMessage', { status: 502 }, 3);
    const worker = workerFor({ maxAttempts: 3 });
    for (let i = 0; i < 3; i += 1) {
      await worker.deliverDue();
      clock.advance(10 * 60_000);
    }
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.lastError).toContain('gave up after 3 attempts');
  });

  it('holds a thread reply until its parent has a ts, then threads it', async () => {
    const parent = await gateway.postMessage(database.db, 'C0ONE', { text: 'parent' });
    await gateway.postMessage(database.db, 'C0ONE', { text: 'child' }, { threadOf: parent });
    standIn.inject('chat.postMessage', { status: 500 });
    const worker = workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    expect(standIn.messages).toHaveLength(0);
    clock.advance(60_000);
    await worker.deliverDue();
    await worker.deliverDue();
    const [p, c] = standIn.messagesIn('C0ONE');
    expect(p?.text).toBe('parent');
    expect(c).toMatchObject({ text: 'child', threadTs: p?.ts });
  });

  it('updates a message it posted earlier, after the post', async () => {
    const posted = await gateway.postMessage(database.db, 'C0ONE', { text: 'v1' });
    await gateway.updateMessage(database.db, posted, { text: 'v2' });
    const worker = workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    await worker.deliverDue();
    expect(standIn.messagesIn('C0ONE')).toEqual([expect.objectContaining({ text: 'v2', edited: true })]);
  });

  it('fails a thread reply whose parent could never be delivered, and says why', async () => {
    standIn.addChannel({ id: 'C0GONE', name: 'gone', isArchived: true });
    const parent = await gateway.postMessage(database.db, 'C0GONE', { text: 'parent' });
    await gateway.postMessage(database.db, 'C0GONE', { text: 'child' }, { threadOf: parent, reportTo: people.victor.id });
    const worker = workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    await worker.deliverDue();
    const all = await rows();
    expect(all.map((r) => [r.status, r.lastError])).toEqual([
      ['failed', 'is_archived'],
      ['failed', 'parent_not_delivered'],
      ['pending', null],
    ]);
  });

  it('lets two workers drain one outbox without posting anything twice', async () => {
    for (let i = 0; i < 40; i += 1) await gateway.postMessage(database.db, i % 2 ? 'C0ONE' : 'C0TWO', { text: `m${i}` });
    const a = workerFor({ channelIntervalMs: 0, batchSize: 5 });
    const b = workerFor({ channelIntervalMs: 0, batchSize: 5 });
    for (let round = 0; round < 40; round += 1) await Promise.all([a.deliverDue(), b.deliverDue()]);
    const texts = standIn.messages.map((m) => m.text);
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
    expect(standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${2 * i + 1}`));
  });
});
