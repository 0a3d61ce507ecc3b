import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedSlackEvents } from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

describe.each(drivers)('Slack events (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ driver });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const homeOpened = (user: string) => ({
    type: 'app_home_opened',
    user,
    channel: 'D0HOME',
    tab: 'home',
    event_ts: `${Date.now() / 1000}`,
  });

  it('publishes App Home when a user opens it', async () => {
    const res = await h.slack.event(homeOpened(people.victor.id));
    expect(res.status).toBe(200);
    await h.settle();
    const view = h.standIn.homeViews.get(people.victor.id);
    expect(JSON.stringify(view)).toContain('vendor member');
  });

  it('processes a retried delivery of the same event at most once', async () => {
    const before = h.standIn.callsTo('views.publish').length;
    const first = await h.slack.event(homeOpened(people.alice.id));
    await h.settle();
    const retries = await Promise.all(
      [1, 2, 3].map((n) => h.slack.event(homeOpened(people.alice.id), { eventId: first.eventId, retryNum: n })),
    );
    await h.settle();
    expect(retries.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(h.standIn.callsTo('views.publish').length - before).toBe(1);
    const ids = await h.accord.database.db.select().from(processedSlackEvents);
    expect(ids.filter((r) => r.eventId === first.eventId)).toHaveLength(1);
  });

  it('handles a user whose profile Slack will not show (Slack Connect) without failing', async () => {
    const res = await h.slack.event(homeOpened(people.hidden.id));
    expect(res.status).toBe(200);
    await h.settle();
    expect(JSON.stringify(h.standIn.homeViews.get(people.hidden.id))).toContain('not part of the vendor team');
  });

  it('answers the URL verification handshake', async () => {
    const res = await h.slack.post(
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('abc123');
  });
});
