import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { auditEvents, slackOutbox } from '../../src/db/schema';
import { silentLogger } from '../../src/logger';
import { createWebApi } from '../../src/outbound/web-api';
import { drivers } from '../../src/testkit/databases';
import { useOutboxRig } from '../../src/testkit/outbox-rig';
import { BOT_TOKEN, people, PINNED_START } from '../../src/testkit/world';

describe.each(drivers)('Slack outbox (%s)', (driver) => {
  const rig = useOutboxRig(driver);

  it('delivers a message queued in a transaction, and only once it commits', async () => {
    await expect(
      rig.database.db.transaction(async (tx) => {
        await rig.gateway.postMessage(tx, 'C0ONE', { text: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'hello' });
    const worker = rig.workerFor();
    expect(await worker.deliverDue()).toBe(1);
    expect(rig.standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['hello']);
    const [row] = await rig.rows();
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      result: { channel: 'C0ONE', ts: rig.standIn.messages[0]?.ts },
    });
    expect(await worker.deliverDue()).toBe(0);
  });

  it('paces one message per second per channel, keeps channel order, and does not hold other channels back', async () => {
    for (const n of [1, 2, 3]) await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: `one-${n}` });
    await rig.gateway.postMessage(rig.database.db, 'C0TWO', { text: 'two-1' });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect(rig.standIn.messages.map((m) => m.text).sort()).toEqual(['one-1', 'two-1']);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
    rig.clock.advance(999);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
    rig.clock.advance(1);
    await worker.deliverDue();
    rig.clock.advance(1000);
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['one-1', 'one-2', 'one-3']);
  });

  it('honours 429 Retry-After without counting it as a failed attempt', async () => {
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'patience' });
    rig.standIn.inject('chat.postMessage', { status: 429, retryAfter: 7 });
    const worker = rig.workerFor();
    await worker.deliverDue();
    let [row] = await rig.rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row?.nextAttemptAt.getTime()).toBe(PINNED_START.getTime() + 7000);
    rig.clock.advance(6999);
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(1);
    expect(await worker.deliverDue()).toBe(1);
    [row] = await rig.rows();
    expect(row?.status).toBe('sent');
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('retries 5xx and network failures with growing backoff, then delivers', async () => {
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'eventually' });
    rig.standIn.inject('chat.postMessage', { status: 500 });
    rig.standIn.inject('chat.postMessage', { status: 503 });
    const worker = rig.workerFor();
    await worker.deliverDue();
    const first = (await rig.rows())[0];
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    const firstDelay = (first?.nextAttemptAt.getTime() ?? 0) - rig.clock.now().getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(800);
    rig.clock.advance(firstDelay);
    await worker.deliverDue();
    const second = (await rig.rows())[0];
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    const secondDelay = (second?.nextAttemptAt.getTime() ?? 0) - rig.clock.now().getTime();
    expect(secondDelay).toBeGreaterThan(firstDelay);
    rig.clock.advance(secondDelay);
    await worker.deliverDue();
    expect((await rig.rows())[0]?.status).toBe('sent');
    // The 5xx answers left no message behind, so the retries looked and then posted exactly once.
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
    expect(rig.standIn.callsTo('conversations.history')).toHaveLength(2);
  });

  it('does not post twice when Slack took the message but the answer was lost', async () => {
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'once only' });
    // The stand-in posts, then answers too late for the client's 500 ms timeout.
    rig.standIn.inject('chat.postMessage', { delayMs: 800 });
    const worker = rig.workerFor();
    await worker.deliverDue();
    await new Promise((r) => setTimeout(r, 400));
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
    expect((await rig.rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    rig.clock.advance(60_000);
    await worker.deliverDue();
    expect((await rig.rows())[0]).toMatchObject({ status: 'sent', result: { ts: rig.standIn.messages[0]?.ts } });
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('takes over a message a crashed worker left mid-delivery, without doubling it', async () => {
    const ref = await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'survives a crash' });
    const crashed = rig.workerFor({ leaseMs: 30_000 });
    // Simulate the crash: the message reached Slack, the worker died before recording it.
    await rig.database.db
      .update(slackOutbox)
      .set({ status: 'sending', attempts: 1, leaseUntil: new Date(rig.clock.now().getTime() + 30_000) })
      .where(eq(slackOutbox.id, ref.outboxId));
    await createWebApi({ token: BOT_TOKEN, apiUrl: rig.standIn.apiUrl, log: silentLogger }).call('chat.postMessage', {
      channel: 'C0ONE',
      text: 'survives a crash',
      metadata: { event_type: 'accord_outbox', event_payload: { outbox_id: ref.outboxId } },
    });
    expect(await crashed.deliverDue()).toBe(0);
    rig.clock.advance(30_001);
    const restarted = rig.workerFor();
    expect(await restarted.deliverDue()).toBe(1);
    expect((await rig.rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(rig.standIn.messagesIn('C0ONE')).toHaveLength(1);
  });

  it('hands back at once the messages of a claim whose COMMIT answer was lost, instead of leaving them to the lease', async () => {
    const ref = await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'claimed, then the connection went' });
    // The database side of a connection lost during COMMIT: the server kept the transaction, the
    // worker only hears that the connection closed (as postgres.js reports it).
    let loseTheAnswer = true;
    const losing = new Proxy(rig.database.db, {
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
    const worker = rig.workerFor({ db: losing, leaseMs: 60_000 });
    await expect(worker.deliverDue()).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(rig.standIn.messagesIn('C0ONE')).toEqual([]);
    expect((await rig.rows())[0]).toMatchObject({ id: ref.outboxId, status: 'pending', attempts: 0, leaseUntil: null });
    // Delivered on the next round, with no lease to wait out and without looking for an earlier post.
    expect(await worker.deliverDue()).toBe(1);
    expect((await rig.rows())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(rig.standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(['claimed, then the connection went']);
    expect(rig.standIn.callsTo('conversations.history')).toEqual([]);
  });

  it('gives up on errors that cannot get better, records it and tells the person responsible', async () => {
    rig.standIn.addChannel({ id: 'C0ARCH', name: 'archived', isArchived: true });
    await rig.gateway.postMessage(rig.database.db, 'C0ARCH', { text: 'too late' }, { reportTo: people.victor.id });
    const worker = rig.workerFor();
    await worker.deliverDue();
    expect((await rig.rows())[0]).toMatchObject({ status: 'failed', lastError: 'is_archived' });
    const audit = await rig.database.db.select().from(auditEvents);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'slack_message.failed',
        data: expect.objectContaining({ error: 'is_archived' }),
      }),
    ]);
    await worker.deliverDue();
    const dm = rig.standIn.messagesIn('D0VICTOR');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toContain('archived');
  });

  it('gives up after the maximum number of transient failures and reports it', async () => {
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'doomed' }, { reportTo: people.victor.id });
    rig.standIn.inject('chat.postMessage', { status: 502 }, 3);
    const worker = rig.workerFor({ maxAttempts: 3 });
    for (let i = 0; i < 3; i += 1) {
      await worker.deliverDue();
      rig.clock.advance(10 * 60_000);
    }
    const [row] = await rig.rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.lastError).toContain('gave up after 3 attempts');
  });

  it('holds a thread reply until its parent has a ts, then threads it', async () => {
    const parent = await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'parent' });
    await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'child' }, { threadOf: parent });
    rig.standIn.inject('chat.postMessage', { status: 500 });
    const worker = rig.workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    expect(rig.standIn.messages).toHaveLength(0);
    rig.clock.advance(60_000);
    await worker.deliverDue();
    await worker.deliverDue();
    const [p, c] = rig.standIn.messagesIn('C0ONE');
    expect(p?.text).toBe('parent');
    expect(c).toMatchObject({ text: 'child', threadTs: p?.ts });
  });

  it('updates a message it posted earlier, after the post', async () => {
    const posted = await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: 'v1' });
    await rig.gateway.updateMessage(rig.database.db, posted, { text: 'v2' });
    const worker = rig.workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    await worker.deliverDue();
    expect(rig.standIn.messagesIn('C0ONE')).toEqual([expect.objectContaining({ text: 'v2', edited: true })]);
  });

  it('fails a thread reply whose parent could never be delivered, and says why', async () => {
    rig.standIn.addChannel({ id: 'C0GONE', name: 'gone', isArchived: true });
    const parent = await rig.gateway.postMessage(rig.database.db, 'C0GONE', { text: 'parent' });
    await rig.gateway.postMessage(
      rig.database.db,
      'C0GONE',
      { text: 'child' },
      { threadOf: parent, reportTo: people.victor.id },
    );
    const worker = rig.workerFor({ channelIntervalMs: 0 });
    await worker.deliverDue();
    await worker.deliverDue();
    const all = await rig.rows();
    expect(all.map((r) => [r.status, r.lastError])).toEqual([
      ['failed', 'is_archived'],
      ['failed', 'parent_not_delivered'],
      ['pending', null],
    ]);
  });

  it('lets two workers drain one outbox without posting anything twice', async () => {
    for (let i = 0; i < 40; i += 1)
      await rig.gateway.postMessage(rig.database.db, i % 2 ? 'C0ONE' : 'C0TWO', { text: `m${i}` });
    const a = rig.workerFor({ channelIntervalMs: 0, batchSize: 5 });
    const b = rig.workerFor({ channelIntervalMs: 0, batchSize: 5 });
    for (let round = 0; round < 40; round += 1) await Promise.all([a.deliverDue(), b.deliverDue()]);
    const texts = rig.standIn.messages.map((m) => m.text);
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
    expect(rig.standIn.messagesIn('C0ONE').map((m) => m.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${2 * i + 1}`),
    );
  });
});
