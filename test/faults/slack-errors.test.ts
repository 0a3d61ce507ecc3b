import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, checkinRuns, escalations, jobs, projects, slackOutbox } from '../../src/db/schema';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import type { Fault, RecordedCall } from '../../src/sandbox/stand-in';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people, quinn, VENDOR_TEAM } from '../../src/testkit/world';

/** The Web API client's timeout in these tests (10 s in production). */
const SLACK_TIMEOUT_MS = 500;
const PERMANENT = ['channel_not_found', 'not_in_channel', 'is_archived'] as const;
type Permanent = (typeof PERMANENT)[number];

/** One write a person causes, as the test sees it in Slack. */
interface Caused {
  rowId: number;
  /** The calls that carried this write to Slack. */
  calls(): RecordedCall[];
  /** How many times its effect is in Slack. */
  landed(): number;
}

interface Write {
  what: string;
  method: 'chat.postMessage' | 'conversations.invite';
  /** Who caused it, so who must hear if Slack refuses it for good. */
  reporter: DriverUser;
  cause(): Promise<Caused>;
  /** What the DM to the reporter says, per refusal. */
  refusals: Record<Permanent, string>;
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(drivers)('Slack errors, end to end (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  // Retries and Retry-After are waited out by moving the instance's one clock, never by sleeping.
  const db = () => h.accord.database.db;
  const outboxRow = async (id: number) => (await db().select().from(slackOutbox).where(eq(slackOutbox.id, id)))[0];
  const dmsTo = (user: DriverUser) => h.standIn.messagesIn(`D${user.id.slice(1)}`);
  const everyone: DriverUser[] = [people.alice, people.victor, people.vera, quinn];
  const failures = (rowId: number) =>
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'slack_message.failed'), eq(auditEvents.entityId, String(rowId))));
  /** Lets time pass, then lets Accord do all it wants to. */
  const later = async (ms: number) => {
    h.clock.advance(ms);
    await h.settle();
  };
  const postOf = (rowId: number, mark: number): Caused => ({
    rowId,
    calls: () =>
      h.standIn.calls.slice(mark).filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
    landed: () => h.standIn.messages.filter((m) => Number(m.metadata?.event_payload.outbox_id) === rowId).length,
  });
  const postRefusals: Record<Permanent, string> = {
    channel_not_found: 'Slack says the channel does not exist or I cannot see it',
    not_in_channel: 'because I am not a member',
    is_archived: 'because it is archived',
  };

  let invitees = 0;
  const writes: Write[] = [
    {
      what: 'the message of an escalation vera raises',
      method: 'chat.postMessage',
      reporter: people.vera,
      async cause() {
        const mark = h.standIn.calls.length;
        const reply = await h.ask(people.vera, 'sev3 Calls drop after 30 s', '/escalate', channel);
        expect(reply).toContain('raised for Globex');
        const [row] = await db()
          .select()
          .from(escalations)
          .where(eq(escalations.id, Number(/ESC-(\d+)/.exec(reply)?.[1])));
        return postOf(row?.messageOutboxId ?? 0, mark);
      },
      refusals: postRefusals,
    },
    {
      what: 'a check-in victor runs',
      method: 'chat.postMessage',
      reporter: people.victor,
      async cause() {
        const mark = h.standIn.calls.length;
        expect(await h.ask(people.victor, 'checkin run sync', '/accord', channel)).toContain('check-in posted');
        const [run] = await db().select().from(checkinRuns).orderBy(desc(checkinRuns.id)).limit(1);
        return postOf(run?.messageOutboxId ?? 0, mark);
      },
      refusals: postRefusals,
    },
    {
      what: 'the invitation of a partner member alice adds',
      method: 'conversations.invite',
      reporter: people.alice,
      async cause() {
        const mark = h.standIn.calls.length;
        invitees += 1;
        const user = h.standIn.addUser({ id: `U0NEW${invitees}`, teamId: VENDOR_TEAM, name: `new${invitees}` });
        expect(await h.ask(people.alice, `partner member add globex <@${user.id}> confirm`)).toContain(
          'I am inviting them to its 1 project channel',
        );
        const rows = await db().select().from(slackOutbox).where(eq(slackOutbox.method, 'conversations.invite'));
        const mine = (c: RecordedCall) => c.method === 'conversations.invite' && c.args.users === user.id;
        return {
          rowId: rows.find((r) => r.payload.users === user.id)?.id ?? 0,
          calls: () => h.standIn.calls.slice(mark).filter(mine),
          landed: () => h.standIn.calls.filter((c) => mine(c) && c.response.ok === true).length,
        };
      },
      refusals: {
        channel_not_found: 'Slack answered `channel_not_found`',
        not_in_channel: 'because I am not in it',
        is_archived: 'because it is archived',
      },
    },
  ];

  beforeAll(async () => {
    h = await startHarness({ driver, accord: { slackTimeoutMs: SLACK_TIMEOUT_MS }, users: [quinn] });
    expect(await h.ask(people.alice, 'partner add globex "Globex"')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN> lead confirm')).toContain(
      ':white_check_mark:',
    );
    expect(await h.ask(people.victor, 'project create rollout "Rollout" partners=globex tz=Europe/Riga')).toContain(
      ':white_check_mark:',
    );
    // Waiting out retries moves the one clock by a day or more per test; an escalation must not
    // climb its ladder within its own test, or its notices would be counted as the write's calls.
    expect(await h.ask(people.alice, 'sla set sev3 ack=20d resolve=30d')).toContain(':white_check_mark:');
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    expect(channel).toMatch(/^C/);
  });
  afterAll(async () => {
    await h?.stop();
  });

  // First, while no escalation timers exist: it moves the domain clock to the check-in's time.
  it('reports a scheduled check-in Slack refuses to the owner of the project, who created it', async () => {
    const scheduled = await h.ask(people.vera, 'checkin schedule sync "0 10 * * MON-FRI"', '/accord', channel);
    const scheduleId = Number(/Check-in schedule (\d+):/.exec(scheduled)?.[1]);
    const [occurrence] = await db()
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'checkin.occurrence'), eq(jobs.status, 'pending')))
      .orderBy(asc(jobs.dueAt));
    expect(occurrence?.payload.scheduleId).toBe(scheduleId);
    const dms = everyone.map((u) => dmsTo(u).length);
    h.standIn.inject('chat.postMessage', { error: 'is_archived' });
    h.clock.set(occurrence?.dueAt ?? new Date());
    await h.settle();
    const [run] = await db().select().from(checkinRuns).where(eq(checkinRuns.scheduleId, scheduleId));
    expect(await outboxRow(run?.messageOutboxId ?? 0)).toMatchObject({
      status: 'failed',
      lastError: 'is_archived',
      reportTo: people.victor.id,
    });
    expect(await failures(run?.messageOutboxId ?? 0)).toHaveLength(1);
    const report = dmsTo(people.victor).slice(dms[1]);
    expect(report).toHaveLength(1);
    expect(report[0]?.text).toContain(`I could not post in <#${channel}> because it is archived`);
    expect(everyone.map((u) => dmsTo(u).length)).toEqual(dms.map((n, i) => (i === 1 ? n + 1 : n)));
    expect(await h.ask(people.vera, `checkin remove ${scheduleId}`, '/accord', channel)).toContain('removed');
  });

  describe.each(writes)('$what', (w) => {
    // Each test starts with the timers of the one before stopped (its escalation cancelled) or run
    // out (a check-in's reminder and close), so their posts are neither counted as this test's
    // calls nor given its injected faults.
    afterEach(async () => {
      h.standIn.clearFaults();
      for (const open of await db()
        .select({ number: escalations.id })
        .from(escalations)
        .where(inArray(escalations.status, ['open', 'acknowledged']))) {
        expect(
          await h.ask(people.vera, `escalation cancel ESC-${open.number} "test over"`, '/accord', channel),
        ).toContain('cancelled');
      }
      await later(25 * 3_600_000);
    });

    it('waits out a 429 for at least its Retry-After, then delivers it once', async () => {
      h.standIn.inject(w.method, { status: 429, retryAfter: 7 });
      const caused = await w.cause();
      expect(caused.calls().map((c) => c.status)).toEqual([429]);
      const waiting = await outboxRow(caused.rowId);
      // Being told to wait is not a failed attempt.
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
      expect(waiting?.nextAttemptAt.getTime()).toBe(h.clock.now().getTime() + 7000);
      await later(6999);
      expect(caused.calls()).toHaveLength(1);
      expect(caused.landed()).toBe(0);
      await later(1);
      expect(caused.calls().map((c) => c.status)).toEqual([429, 200]);
      expect(caused.landed()).toBe(1);
      expect(await outboxRow(caused.rowId)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('retries two 500s with backoff and delivers it once', async () => {
      h.standIn.inject(w.method, { status: 500 }, 2);
      const caused = await w.cause();
      expect(await outboxRow(caused.rowId)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
      for (let round = 0; round < 5 && (await outboxRow(caused.rowId))?.status === 'pending'; round += 1)
        await later(60_000);
      expect(await outboxRow(caused.rowId)).toMatchObject({ status: 'sent', attempts: 3 });
      expect(caused.calls().map((c) => c.status)).toEqual([500, 500, 200]);
      expect(caused.landed()).toBe(1);
    });

    it('after a timeout (Slack did it, the answer came too late), delivers it once, not twice', async () => {
      h.standIn.inject(w.method, { delayMs: SLACK_TIMEOUT_MS + 600 });
      const caused = await w.cause();
      await waitFor('the slow call to finish in Slack', () => caused.landed() === 1);
      const timedOut = await outboxRow(caused.rowId);
      expect(timedOut).toMatchObject({ status: 'pending', attempts: 1 });
      expect(timedOut?.lastError).toMatch(/timeout/i);
      for (let round = 0; round < 5 && (await outboxRow(caused.rowId))?.status === 'pending'; round += 1)
        await later(60_000);
      expect(await outboxRow(caused.rowId)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(caused.landed()).toBe(1);
      // A post is looked for before it is sent again, so Slack got it once; an invitation is
      // sent again and Slack says it is done already.
      expect(caused.calls()).toHaveLength(w.method === 'chat.postMessage' ? 1 : 2);
    });

    it.each(PERMANENT)(
      'does not retry `%s`: records it, tells the person who caused it, and carries on',
      async (error) => {
        const dms = everyone.map((u) => dmsTo(u).length);
        const mine = everyone.findIndex((u) => u.id === w.reporter.id);
        h.standIn.inject(w.method, { error });
        const caused = await w.cause();
        expect(await outboxRow(caused.rowId)).toMatchObject({
          status: 'failed',
          attempts: 1,
          lastError: error,
          reportTo: w.reporter.id,
        });
        const audit = await failures(caused.rowId);
        expect(audit).toEqual([
          expect.objectContaining({
            actor: 'system',
            entityType: 'slack_outbox',
            data: expect.objectContaining({ method: w.method, error }),
          }),
        ]);
        const report = dmsTo(w.reporter).slice(dms[mine]);
        expect(report).toHaveLength(1);
        expect(report[0]?.text).toContain(w.refusals[error]);
        // Nobody else hears about it.
        expect(everyone.map((u) => dmsTo(u).length)).toEqual(dms.map((n, i) => (i === mine ? n + 1 : n)));
        await later(60 * 60_000);
        expect(caused.calls()).toHaveLength(1);
        expect(caused.landed()).toBe(0);
        expect(await h.ask(w.reporter, 'whoami')).toContain(`<@${w.reporter.id}>: vendor`);
      },
    );

    it('gives up after a long outage (500 on every attempt) with a report, and stops calling', async () => {
      const dms = dmsTo(w.reporter).length;
      h.standIn.inject(w.method, { status: 500 });
      const caused = await w.cause();
      let rounds = 0;
      for (; rounds < 30 && (await outboxRow(caused.rowId))?.status === 'pending'; rounds += 1) {
        h.standIn.inject(w.method, { status: 500 });
        await later(15 * 60_000);
      }
      h.standIn.clearFaults();
      const failed = await outboxRow(caused.rowId);
      expect(failed?.status).toBe('failed');
      expect(failed?.lastError).toMatch(/^gave up after \d+ attempts: HTTP 500$/);
      expect(failed?.attempts).toBeGreaterThan(3);
      expect(caused.calls()).toHaveLength(failed?.attempts ?? -1);
      expect(caused.calls().every((c) => c.status === 500)).toBe(true);
      expect(await failures(caused.rowId)).toHaveLength(1);
      await later(15 * 60_000);
      const report = dmsTo(w.reporter).slice(dms);
      expect(report).toHaveLength(1);
      expect(report[0]?.text).toContain(`Slack answered \`gave up after ${failed?.attempts} attempts: HTTP 500\``);
      // No endless loop: a day later nothing more was tried, and Accord still serves.
      for (let i = 0; i < 3; i += 1) await later(8 * 3_600_000);
      expect(caused.calls()).toHaveLength(failed?.attempts ?? -1);
      expect(caused.landed()).toBe(0);
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
      expect(await h.ask(w.reporter, 'whoami')).toContain(`<@${w.reporter.id}>: vendor`);
    });
  });

  describe('calls that cannot wait in the outbox', () => {
    it.each<[string, Fault]>([
      ['an error', { error: 'expired_trigger_id' }],
      ['a 500', { status: 500 }],
      ['a 429', { status: 429, retryAfter: 30 }],
    ])('views.open failing with %s: the person is told to type the command instead', async (_, fault) => {
      h.standIn.inject('views.open', fault);
      const opened = h.standIn.openedViews.length;
      const res = await h.slack.command(people.vera, '/escalate', '', channel);
      expect(res.status).toBe(200);
      const [reply] = await h.slack.waitForResponses(res.responseUrl, 1);
      expect(String(reply?.body.text)).toContain(
        'Slack would not open the form; type the command with its arguments instead',
      );
      await h.settle();
      expect(h.standIn.openedViews).toHaveLength(opened);
      // Slack is fine again: the form opens.
      const again = await h.slack.command(people.vera, '/escalate', '', channel);
      expect(again.status).toBe(200);
      await h.settle();
      expect(h.standIn.openedViews).toHaveLength(opened + 1);
      expect(h.standIn.responsesTo(again.responseUrl)).toEqual([]);
    });

    it('users.info failing: the person still gets an answer, not an error', async () => {
      const newcomer = h.standIn.addUser({ id: 'U0NEWBIE', teamId: VENDOR_TEAM, name: 'newbie' });
      h.standIn.inject('users.info', { status: 500 });
      const reply = await h.ask(newcomer, 'whoami');
      expect(
        h.standIn
          .callsTo('users.info')
          .filter((c) => c.args.user === newcomer.id)
          .map((c) => c.status),
      ).toEqual([500]);
      expect(reply).toMatch(/^<@U0NEWBIE>: /);
      expect(reply).not.toContain('something went wrong');
    });

    it('conversations.create refusing: says what Slack answered and records nothing', async () => {
      h.standIn.inject('conversations.create', { error: 'restricted_action' });
      const reply = await h.ask(people.victor, 'project create blocked "Blocked" partners=globex');
      expect(reply).toBe(
        ':warning: Slack would not create #accord-blocked: it answered `restricted_action`. Nothing was recorded; try again, or create the channel yourself and pass `channel=#…`.',
      );
      expect(await db().select().from(projects).where(eq(projects.slug, 'blocked'))).toEqual([]);
    });

    it('conversations.create answering 500 once: retried at once, the project is created with one channel', async () => {
      h.standIn.inject('conversations.create', { status: 500 });
      const reply = await h.ask(people.victor, 'project create retried "Retried" partners=globex');
      expect(reply).toContain(':white_check_mark:');
      expect(
        h.standIn
          .callsTo('conversations.create')
          .filter((c) => c.args.name === 'accord-retried')
          .map((c) => c.status),
      ).toEqual([500, 200]);
      expect([...h.standIn.channels.values()].filter((c) => c.name === 'accord-retried')).toHaveLength(1);
      expect(await db().select().from(projects).where(eq(projects.slug, 'retried'))).toHaveLength(1);
    });

    it('conversations.create failing on every try: the person is told nothing was changed', async () => {
      h.standIn.inject('conversations.create', { status: 503 }, 3);
      const reply = await h.ask(people.victor, 'project create down "Down" partners=globex');
      expect(reply).toContain('nothing was changed');
      expect(
        h.standIn
          .callsTo('conversations.create')
          .filter((c) => c.args.name === 'accord-down')
          .map((c) => c.status),
      ).toEqual([503, 503, 503]);
      expect(await db().select().from(projects).where(eq(projects.slug, 'down'))).toEqual([]);
      expect(await h.ask(people.victor, 'project create down "Down" partners=globex')).toContain(':white_check_mark:');
    });
  });
});
