import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter, queuedAhead } from '../../src/in-flight';
import { drivers } from '../../src/testkit/databases';
import { givenPartner } from '../../src/testkit/given';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

/**
 * Under a burst, a slash command's work waits for a free slot after its acknowledgement. When a
 * whole round of work is already waiting, the acknowledgement says so, and the answer follows.
 */
describe.each(drivers)('a command acknowledged while work is queued (%s)', (driver) => {
  let h: Harness;
  const afterAck = createLimiter(1);

  beforeAll(async () => {
    h = await startHarness({ driver, accord: { afterAck } });
    await givenPartner(h);
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Takes the only slot and one place in the queue, until the returned function is called. */
  function holdTheQueue(): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    void afterAck(() => held);
    void afterAck(() => held);
    return release;
  }

  it('tells the person how many requests are ahead, then answers at response_url', async () => {
    const release = holdTheQueue();
    expect(queuedAhead(afterAck)).toBe(2);
    const res = await h.slack.command(people.victor, '/accord', 'whoami');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      response_type: 'ephemeral',
      text: ':hourglass_flowing_sand: Got it. Accord is busy right now: 2 requests are ahead of yours. The answer will follow here; no need to send it again.',
    });
    expect(h.standIn.responsesTo(res.responseUrl)).toHaveLength(0);
    release();
    const [answer] = await h.slack.waitForResponses(res.responseUrl, 1, 30_000);
    expect(String(answer?.body.text)).toContain('vendor');
  });

  it('says nothing of a queue when the work can start at once or only waits for a slot', async () => {
    const quiet = await h.slack.command(people.victor, '/accord', 'whoami');
    expect(quiet.json?.text).toBeUndefined();
    // Its work runs after the acknowledgement: let it finish before taking the slot.
    await h.slack.waitForResponses(quiet.responseUrl, 1, 30_000);
    await h.settle();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    void afterAck(() => held);
    expect({ running: afterAck.running, waiting: afterAck.waiting }).toEqual({ running: 1, waiting: 0 });
    // One slot, busy, nobody waiting yet: a short wait is not news.
    const short = await h.slack.command(people.victor, '/accord', 'whoami');
    expect(short.json?.text).toBeUndefined();
    release();
    await h.slack.waitForResponses(short.responseUrl, 1, 30_000);
    await h.settle();
  });
});

describe('queuedAhead', () => {
  it('counts running and waiting work once every slot is busy and a full round waits', () => {
    expect(queuedAhead({ concurrency: 16, running: 15, waiting: 0 })).toBeUndefined();
    expect(queuedAhead({ concurrency: 16, running: 16, waiting: 15 })).toBeUndefined();
    expect(queuedAhead({ concurrency: 16, running: 16, waiting: 16 })).toBe(32);
  });
});
