import { describe, expect, it } from 'vitest';
import { drivers } from '../../src/testkit/databases';
import { useOutboxRig } from '../../src/testkit/outbox-rig';

/**
 * The outbox claims several rows of a lane at once and paces the workspace: rows still go out in
 * their lane's order and once each, a failure hands back what is behind it, and the posts per
 * second stay under the configured rate (counted against the injected clock).
 */
describe.each(drivers)('Slack outbox batches (%s)', (driver) => {
  const rig = useOutboxRig(driver);
  const texts = (channel: string) => rig.standIn.messagesIn(channel).map((m) => m.text);

  it("sends k rows of one lane in one claim, in the lane's order", async () => {
    for (let i = 1; i <= 5; i += 1) await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: `one-${i}` });
    await rig.gateway.postMessage(rig.database.db, 'C0TWO', { text: 'two-1' });
    const worker = rig.workerFor({ channelIntervalMs: 0, perLane: 4 });
    expect(await worker.deliverDue()).toBe(5);
    expect(texts('C0ONE')).toEqual(['one-1', 'one-2', 'one-3', 'one-4']);
    expect(texts('C0TWO')).toEqual(['two-1']);
    expect(await worker.deliverDue()).toBe(1);
    expect(texts('C0ONE')).toEqual(['one-1', 'one-2', 'one-3', 'one-4', 'one-5']);
    expect((await rig.rows()).map((r) => [r.status, r.attempts])).toEqual(Array(6).fill(['sent', 1]));
  });

  it('with per-channel pacing on, a lane still takes one post per claim', async () => {
    for (let i = 1; i <= 3; i += 1) await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: `one-${i}` });
    const worker = rig.workerFor({ perLane: 10 });
    expect(await worker.deliverDue()).toBe(1);
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(1000);
    expect(await worker.deliverDue()).toBe(1);
    expect(texts('C0ONE')).toEqual(['one-1', 'one-2']);
  });

  it('a 429 on the second row of a batch hands back the rest; they go out later, in order, none twice', async () => {
    for (let i = 1; i <= 4; i += 1) await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: `one-${i}` });
    // The first call goes through (a fault of no delay), the second is told to wait 2 s.
    rig.standIn.inject('chat.postMessage', { delayMs: 0 });
    rig.standIn.inject('chat.postMessage', { status: 429, retryAfter: 2 });
    const worker = rig.workerFor({ channelIntervalMs: 0, perLane: 4 });
    expect(await worker.deliverDue()).toBe(4);
    expect(texts('C0ONE')).toEqual(['one-1']);
    // Handed back as if never claimed: pending, no attempt counted, nobody's lease.
    expect((await rig.rows()).map((r) => [r.status, r.attempts, r.leaseUntil])).toEqual([
      ['sent', 1, null],
      ['pending', 0, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    // The rows behind the rate-limited one wait for it, though they are due themselves.
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(1999);
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(1);
    expect(await worker.deliverDue()).toBe(3);
    expect(texts('C0ONE')).toEqual(['one-1', 'one-2', 'one-3', 'one-4']);
    expect((await rig.rows()).map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['sent', 1]));
  });

  it('a 5xx mid-batch counts the attempt of that row only, and the rest follow it in order', async () => {
    for (let i = 1; i <= 3; i += 1) await rig.gateway.postMessage(rig.database.db, 'C0ONE', { text: `one-${i}` });
    rig.standIn.inject('chat.postMessage', { delayMs: 0 });
    rig.standIn.inject('chat.postMessage', { status: 503 });
    const worker = rig.workerFor({ channelIntervalMs: 0, perLane: 3 });
    await worker.deliverDue();
    expect((await rig.rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['pending', 1],
      ['pending', 0],
    ]);
    rig.clock.advance(60_000);
    await rig.drain(worker);
    expect(texts('C0ONE')).toEqual(['one-1', 'one-2', 'one-3']);
  });

  it('workers claiming batches side by side never send a row twice, and keep each lane in order', async () => {
    const channels = ['C0ONE', 'C0TWO', 'C0THREE', 'C0FOUR'];
    for (const id of channels.slice(2)) rig.standIn.addChannel({ id, name: id.toLowerCase() });
    for (let i = 0; i < 80; i += 1)
      await rig.gateway.postMessage(rig.database.db, channels[i % 4] ?? '', { text: `m${i}` });
    const workers = Array.from({ length: 4 }, () => rig.workerFor({ channelIntervalMs: 0, batchSize: 3, perLane: 3 }));
    for (let round = 0; round < 30; round += 1) await Promise.all(workers.map((w) => w.deliverDue()));
    const all = rig.standIn.messages.map((m) => m.text);
    expect(new Set(all).size).toBe(80);
    expect(all).toHaveLength(80);
    // Each row claimed once: a second claim would count a second attempt (and then find the
    // message in Slack rather than post it again, which is why the texts alone could not tell).
    expect((await rig.rows()).filter((r) => r.status !== 'sent' || r.attempts !== 1)).toEqual([]);
    channels.forEach((c, lane) => expect(texts(c)).toEqual(Array.from({ length: 20 }, (_, i) => `m${4 * i + lane}`)));
  });

  it("keeps chat.postMessage under the workspace's configured rate, shared by two workers", async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `C0RATE${String(i).padStart(2, '0')}`);
    for (const id of channels) rig.standIn.addChannel({ id, name: id.toLowerCase() });
    for (const c of channels) await rig.gateway.postMessage(rig.database.db, c, { text: `to ${c}` });
    // 20 a second: a call every 50 ms, and at most 5 at once (a quarter of a second's worth).
    const rates = { 'chat.postMessage': 20 };
    const a = rig.workerFor({ methodRates: rates });
    const b = rig.workerFor({ methodRates: rates });
    const sentBy: number[] = [];
    for (let ms = 0; ms <= 1500; ms += 25) {
      await Promise.all([a.deliverDue(), b.deliverDue()]);
      sentBy.push(rig.standIn.messages.length);
      rig.clock.advance(25);
    }
    // By t ms at most the burst plus one call per 50 ms since, whatever the two workers did.
    sentBy.forEach((sent, step) => expect(sent).toBeLessThanOrEqual(5 + Math.floor((step * 25) / 50)));
    // And the rate is used, not merely respected: all 30 out in about 1.3 s.
    expect(sentBy.at(-1)).toBe(30);
    expect(a.throttledUntil ?? b.throttledUntil).toBeUndefined();
    // Within any second of the clock, no more than the rate and its burst.
    for (let from = 0; from + 40 < sentBy.length; from += 1)
      expect((sentBy[from + 40] ?? 0) - (sentBy[from] ?? 0)).toBeLessThanOrEqual(25);
  });

  it('says when rows held back by the rate may go', async () => {
    for (const c of ['C0ONE', 'C0TWO']) await rig.gateway.postMessage(rig.database.db, c, { text: `to ${c}` });
    const worker = rig.workerFor({ methodRates: { 'chat.postMessage': 5 } });
    expect(await worker.deliverDue()).toBe(1);
    expect(worker.throttledUntil?.getTime()).toBe(rig.clock.now().getTime() + 200);
    expect(await worker.deliverDue()).toBe(0);
    rig.clock.advance(200);
    expect(await worker.deliverDue()).toBe(1);
    expect(rig.standIn.messages).toHaveLength(2);
  });
});
