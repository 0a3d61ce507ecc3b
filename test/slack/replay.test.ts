import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalations, processedSlackEvents, projects, settlementEntries } from '../../src/db/schema';
import { scheduleJob } from '../../src/jobs/job-queue';
import { PRUNE_JOB, pruneJobKey } from '../../src/jobs/prune';
import { runRequest, type RequestServices } from '../../src/slack/pipeline';
import type { Reply } from '../../src/messages/types';
import { deliveryKeys } from '../../src/slack/middleware/delivery-claims';
import { viewIds } from '../../src/messages/ids';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import { drivers } from '../../src/testkit/databases';

/** One delivery of `work` through the request pipeline: what its user reads, or undefined for a delivery handled before. */
async function deliverOnce(
  services: RequestServices,
  key: string,
  work: () => Promise<Reply>,
): Promise<Reply | undefined> {
  let answer: Reply | undefined;
  const keep = (reply: Reply) => {
    answer = reply;
  };
  await runRequest(
    services,
    { who: undefined, channelId: undefined, context: {}, deliveryKey: key },
    { work },
    { done: keep, refused: keep },
  );
  return answer;
}
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';

const FORM = 'application/x-www-form-urlencoded';

describe.each(drivers)('the same slash command delivered twice (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const db = () => h.accord.database.db;
  const titled = async (title: string) => (await db().select().from(escalations)).filter((e) => e.title === title);
  const adjustments = async (reason: string) =>
    (await db().select().from(settlementEntries)).filter((e) => e.kind === 'adjustment' && e.reason === reason);
  const commandKeys = async () =>
    (await db().select().from(processedSlackEvents).where(like(processedSlackEvents.eventId, 'command:%'))).map(
      (r) => r.eventId,
    );

  /** One signed command body, as Slack would send it once, with its trigger_id and response_url. */
  const signedCommand = (user: DriverUser, command: string, text: string) => {
    const responseUrl = h.standIn.newResponseUrl();
    const body = h.slack.commandBody(user, command, text, channel, responseUrl);
    return { body, responseUrl, triggerId: new URLSearchParams(body).get('trigger_id') ?? '' };
  };
  const deliver = async (body: string) => {
    const res = await h.slack.post(body, FORM);
    await h.settle();
    return res;
  };

  beforeAll(async () => {
    h = await startHarness({ driver });
    await givenPartner(h);
    expect(await h.ask(people.alice, 'contract set acme monthly fee=1000 currency=USD')).toContain(
      ':white_check_mark:',
    );
    expect(await h.ask(people.victor, 'project create rollout "Rollout" partners=acme')).toContain(
      ':white_check_mark:',
    );
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    expect(channel).not.toBe('');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('opens one escalation, acknowledges both deliveries and answers once', async () => {
    const { body, responseUrl, triggerId } = signedCommand(people.victor, '/escalate', 'sev2 Queue stuck at the IVR');
    const first = await deliver(body);
    const second = await deliver(body);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toBe('');
    expect(await titled('Queue stuck at the IVR')).toHaveLength(1);
    expect(
      h.standIn.messagesIn(channel).filter((m) => !m.threadTs && m.text.includes('Queue stuck at the IVR')),
    ).toHaveLength(1);
    expect(h.standIn.responsesTo(responseUrl).map((r) => String(r.body.text))).toEqual([
      expect.stringContaining('raised for Acme Telecom'),
    ]);
    expect(await commandKeys()).toContain(`command:${triggerId}`);
  });

  it('books one adjustment, also when both deliveries arrive at once', async () => {
    const { body, responseUrl } = signedCommand(people.alice, '/accord', 'adjust acme 12.50 "goodwill for the outage"');
    const both = await Promise.all([h.slack.post(body, FORM), h.slack.post(body, FORM)]);
    await h.settle();
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await adjustments('goodwill for the outage')).toHaveLength(1);
    expect(h.standIn.responsesTo(responseUrl).map((r) => String(r.body.text))).toEqual([
      expect.stringContaining('Recorded an adjustment of +USD 12.50 for `acme`'),
    ]);
  });

  it('runs the same command again when Slack gives it a new trigger_id (typed twice)', async () => {
    const once = signedCommand(people.victor, '/escalate', 'sev3 Hold music loops');
    const again = signedCommand(people.victor, '/escalate', 'sev3 Hold music loops');
    await deliver(once.body);
    await deliver(again.body);
    expect(await titled('Hold music loops')).toHaveLength(2);
    const a = signedCommand(people.alice, '/accord', 'adjust acme 5 "second visit"');
    const b = signedCommand(people.alice, '/accord', 'adjust acme 5 "second visit"');
    await deliver(a.body);
    await deliver(b.body);
    expect(await adjustments('second visit')).toHaveLength(2);
  });

  it('opens the form once and says nothing about a second delivery of `/escalate` alone', async () => {
    const opened = h.standIn.openedViews.length;
    const { body, responseUrl } = signedCommand(people.victor, '/escalate', '');
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect(h.standIn.openedViews.slice(opened).map((v) => v.view.callback_id)).toEqual([viewIds.escalationRaise]);
    expect(h.standIn.responsesTo(responseUrl)).toEqual([]);
  });

  it('repeats no refusal either: a refused command delivered twice is answered once', async () => {
    // victor is a vendor member, not an admin: refused (pat's slash commands Slack would not deliver at all).
    const { body, responseUrl } = signedCommand(people.victor, '/accord', 'adjust acme 1 "not mine to give"');
    await deliver(body);
    await deliver(body);
    expect(h.standIn.responsesTo(responseUrl).map((r) => String(r.body.text))).toEqual([
      expect.stringContaining(':no_entry:'),
    ]);
    expect(await adjustments('not mine to give')).toEqual([]);
  });

  it('gives the claim back when the work fails unexpectedly, so a retried delivery runs', async () => {
    const key = deliveryKeys.command(`${Date.now()}.fails-once`);
    const failed = await deliverOnce(h.accord.services, key, () => Promise.reject(new Error('the connection dropped')));
    expect(failed?.text).toContain('something went wrong');
    expect(await commandKeys()).not.toContain(key);
    const retried = await deliverOnce(h.accord.services, key, () => Promise.resolve({ text: 'done' }));
    expect(retried).toEqual({ text: 'done' });
    expect(await deliverOnce(h.accord.services, key, () => Promise.resolve({ text: 'done twice' }))).toBeUndefined();
  });

  it('drops command keys in the hourly clean-up once a day old, like event ids', async () => {
    const old = await commandKeys();
    expect(old.length).toBeGreaterThan(0);
    h.clock.advance(25 * 60 * 60_000);
    const fresh = signedCommand(people.victor, '/accord', 'whoami');
    await deliver(fresh.body);
    const now = h.clock.now();
    await scheduleJob(db(), now, { kind: PRUNE_JOB, key: pruneJobKey(now), dueAt: now });
    await h.settle();
    expect(await commandKeys()).toEqual([`command:${fresh.triggerId}`]);
  });
});
