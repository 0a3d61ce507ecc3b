import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccord, type Accord } from '../../src/accord';
import { silentLogger } from '../../src/logger';
import { openDatabase } from '../../src/db/client';
import {
  auditEvents,
  checkinAnswers,
  checkinMisses,
  checkinRuns,
  checkinSchedules,
  jobs,
  partners,
  projects,
  riskOverdueFlags,
  risks,
  slackOutbox,
} from '../../src/db/schema';
import { actionIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, testConfig, type Harness } from '../../src/testkit/harness';
import { people, quinn } from '../../src/testkit/world';
import { givenPartner, givenProject } from '../../src/testkit/given';
import { viewSubmission } from '../../src/testkit/forms';

type User = { id: string; teamId: string };
type OpenedView = Harness['standIn']['openedViews'][number];
interface InputBlock {
  type: string;
  block_id?: string;
  label?: { text: string };
  element?: {
    type: string;
    action_id: string;
    options?: Array<{ value: string }>;
    initial_option?: { value: string };
    initial_value?: string;
  };
  elements?: Array<{ action_id: string; value?: string; text?: { text: string } }>;
}

const SYNC_FIELDS = ['status', 'progress', 'blockers', 'next_steps'];
const RISK_AREAS = ['personnel', 'facilities', 'power', 'connectivity', 'merger_acquisition', 'disaster'];

describe.each(drivers)('check-ins and risks (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  let acmeId: number;
  const db = () => h.accord.database.db;

  const advanceTo = async (iso: string) => {
    h.clock.set(new Date(iso));
    await h.settle();
  };
  const inChannel = (text: string, where = channel) => h.ask(people.victor, text, '/accord', where);
  const schedule = async (text: string, where = channel) => {
    const reply = await inChannel(`checkin schedule ${text}`, where);
    return { reply, id: Number(/Check-in schedule (\d+):/.exec(reply)?.[1]) };
  };
  const runsOf = (scheduleId: number) =>
    db().select().from(checkinRuns).where(eq(checkinRuns.scheduleId, scheduleId)).orderBy(asc(checkinRuns.id));
  const runById = async (id: number) => (await db().select().from(checkinRuns).where(eq(checkinRuns.id, id)))[0];
  const jobsOf = (scheduleId: number) =>
    db()
      .select()
      .from(jobs)
      .where(like(jobs.key, `checkin:${scheduleId}:%`))
      .orderBy(asc(jobs.dueAt));
  const pendingOccurrences = async (scheduleId: number) =>
    (await jobsOf(scheduleId)).filter((j) => j.status === 'pending').map((j) => [j.key, j.dueAt.toISOString()]);
  const answersOf = (runId: number) => db().select().from(checkinAnswers).where(eq(checkinAnswers.runId, runId));
  const messageOf = async (runId: number, where = channel) => {
    const run = await runById(runId);
    const [row] = run?.messageOutboxId
      ? await db().select().from(slackOutbox).where(eq(slackOutbox.id, run.messageOutboxId))
      : [];
    const ts = row?.result?.ts;
    return h.standIn.messagesIn(where).find((m) => ts !== undefined && m.ts === ts && !m.threadTs);
  };
  const threadOf = async (runId: number, where = channel) => {
    const parent = await messageOf(runId, where);
    return h.standIn.messagesIn(where).filter((m) => parent !== undefined && m.threadTs === parent.ts);
  };
  const botThread = async (runId: number, where = channel) =>
    (await threadOf(runId, where)).filter((m) => m.user === h.standIn.botUserId).map((m) => m.text);
  const topLevel = (text: string, where = channel) =>
    h.standIn.messagesIn(where).filter((m) => !m.threadTs && (m.text === text || m.text === `${text} (closed)`));
  const replyInThread = async (user: User, runId: number, text: string, where = channel, retried = false) => {
    const parent = await messageOf(runId, where);
    const event = h.slack.postedMessageEvent(user, where, text, parent?.ts);
    const res = await h.slack.event(event);
    expect(res.status).toBe(200);
    await h.settle();
    if (retried) {
      expect((await h.slack.event(event, { eventId: res.eventId, retryNum: 1 })).status).toBe(200);
      await h.settle();
    }
    return parent?.ts;
  };
  const pressAnswer = async (user: User, runId: number, where = channel) => {
    const opened = h.standIn.openedViews.length;
    const res = await h.slack.press(user, {
      channel: where,
      ts: (await messageOf(runId, where))?.ts ?? '',
      actionId: actionIds.checkinAnswer,
      value: String(runId),
    });
    expect(res.status).toBe(200);
    await h.settle();
    return {
      view: h.standIn.openedViews[opened],
      responses: h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text)),
    };
  };
  const blocksOf = (view: OpenedView | undefined) => (view?.view.blocks ?? []) as InputBlock[];
  const submit = (user: User, view: OpenedView | undefined, values: Record<string, string | undefined>) => {
    const kinds = new Map(blocksOf(view).map((b) => [b.block_id, b.element?.type]));
    const state = Object.fromEntries(
      Object.entries(values).map(([id, value]) => [
        id,
        {
          [id]:
            kinds.get(id) === 'static_select'
              ? { type: 'static_select', selected_option: value === undefined ? null : { value } }
              : { type: 'plain_text_input', value: value ?? null },
        },
      ]),
    );
    return h.slack.interaction(viewSubmission(user, view, state));
  };
  const ephemeralsTo = (user: User) => h.standIn.ephemerals.filter((e) => e.user === user.id).map((e) => e.text);
  const audits = (action: string, entityId?: number) =>
    db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, action),
          entityId === undefined ? undefined : eq(auditEvents.entityId, String(entityId)),
        ),
      )
      .orderBy(asc(auditEvents.id));

  beforeAll(async () => {
    h = await startHarness({ driver, users: [quinn] });
    await givenPartner(h);
    await h.ask(people.alice, 'partner add globex "Globex Corp"');
    await h.ask(people.alice, 'partner member add globex <@U0QUINN> confirm');
    await h.ask(people.victor, 'project create rollout "Rollout" partners=acme tz=Europe/Riga');
    await h.slack.acceptInvitationsFor(people.pat);
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    await h.slack.join(people.vera, channel);
    await h.settle();
    acmeId = (await db().select().from(partners).where(eq(partners.slug, 'acme')))[0]?.id ?? 0;
  });
  afterAll(async () => {
    await h?.stop();
  });

  let weekday: number;
  let dst: string;

  describe('scheduling', () => {
    it('schedules a sync, answers with the next occurrence in local time and queues it at the right instant', async () => {
      const { reply, id } = await schedule('sync "0 10 * * MON-FRI" remind=2h close=8h');
      weekday = id;
      expect(reply).toBe(
        `:white_check_mark: Check-in schedule ${id}: sync every weekday at 10:00 Europe/Riga (\`0 10 * * MON-FRI\`), reminder after 2h, closes after 8h. Next: 2026-03-03 10:00 Europe/Riga.`,
      );
      const [row] = await db().select().from(checkinSchedules).where(eq(checkinSchedules.id, id));
      expect(row).toMatchObject({
        kind: 'sync',
        cron: '0 10 * * MON-FRI',
        timeZone: 'Europe/Riga',
        remindMs: 2 * 3_600_000,
        closeMs: 8 * 3_600_000,
        paused: false,
        createdBy: people.victor.id,
      });
      const queued = await jobsOf(id);
      expect(queued.map((j) => [j.kind, j.key, j.dueAt.toISOString(), j.status])).toEqual([
        ['checkin.occurrence', `checkin:${id}:0:2026-03-03T08:00:00.000Z`, '2026-03-03T08:00:00.000Z', 'pending'],
      ]);
    });

    it('takes another time zone with tz=, and lists what is scheduled', async () => {
      const { reply, id } = await schedule('risk "0 9 * * MON" tz=America/New_York');
      expect(reply).toBe(
        `:white_check_mark: Check-in schedule ${id}: risk review every Monday at 09:00 America/New_York (\`0 9 * * MON\`), reminder after 4h, closes after 1d. Next: 2026-03-02 09:00 America/New_York.`,
      );
      expect(await pendingOccurrences(id)).toEqual([
        [`checkin:${id}:0:2026-03-02T14:00:00.000Z`, '2026-03-02T14:00:00.000Z'],
      ]);
      const list = await inChannel('checkin list');
      expect(list).toBe(
        [
          '*Check-ins of `rollout`*',
          `• *${weekday}* sync — every weekday at 10:00 Europe/Riga (\`0 10 * * MON-FRI\`), remind 2h, close 8h — next 2026-03-03 10:00 Europe/Riga`,
          `• *${id}* risk — every Monday at 09:00 America/New_York (\`0 9 * * MON\`), remind 4h, close 1d — next 2026-03-02 09:00 America/New_York`,
        ].join('\n'),
      );
      expect(await inChannel(`checkin remove ${id}`)).toBe(`:white_check_mark: Check-in schedule ${id} removed.`);
      expect(await pendingOccurrences(id)).toEqual([]);
      expect(await inChannel('checkin list')).not.toContain(`*${id}*`);
    });

    it.each([
      [
        'sync "0 10 * *"',
        'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; `0 10 * *` has 4.',
      ],
      ['sync "0 25 * * *"', 'The hour field `25` is out of range (0–23).'],
      ['sync "60 0 10 * * *"', 'The second field `60` is out of range (0–59).'],
      [
        'sync "0 10 * * *" tz=Mars/Olympus',
        '`tz=Mars/Olympus` is not a time zone I know; use an IANA name such as `Europe/Riga`.',
      ],
      [
        'sync "0 10 * * *" remind=1d close=1d',
        'The reminder must come before the close: make `remind=` shorter than `close=`.',
      ],
      [
        'sync "0 10 * * *" remind=2d close=1d',
        'The reminder must come before the close: make `remind=` shorter than `close=`.',
      ],
    ])('refuses `checkin schedule %s` and creates nothing', async (text, sentence) => {
      const schedulesBefore = (await db().select().from(checkinSchedules)).length;
      const jobsBefore = (await db().select().from(jobs)).length;
      const reply = await inChannel(`checkin schedule ${text}`);
      expect(reply.split('\n')[0]).toBe(`:warning: ${sentence}`);
      expect(reply).toContain('Usage: `/accord checkin schedule sync|risk');
      expect(await db().select().from(checkinSchedules)).toHaveLength(schedulesBefore);
      expect(await db().select().from(jobs)).toHaveLength(jobsBefore);
    });

    it('fits the default reminder inside a short close, and names a bad schedule number', async () => {
      const reply = await h.ask(people.victor, 'checkin schedule sync "0 9 * * MON" close=2h', '/accord', channel);
      expect(reply).toContain(':white_check_mark: Check-in schedule');
      const id = Number(/schedule (\d+)/.exec(reply)?.[1]);
      const [row] = await db().select().from(checkinSchedules).where(eq(checkinSchedules.id, id));
      expect(row).toMatchObject({ remindMs: 3_600_000, closeMs: 7_200_000 });
      await h.ask(people.victor, `checkin remove ${id}`, '/accord', channel);
      expect(await h.ask(people.victor, 'checkin pause abc', '/accord', channel)).toContain(
        '`abc` is not a schedule number',
      );
      expect(await h.ask(people.victor, 'risk close twelve "x"', '/accord', channel)).toContain(
        '`twelve` is not a risk number',
      );
    });

    it('refuses partner members, who may not schedule check-ins', async () => {
      const before = (await db().select().from(checkinSchedules)).length;
      expect(await h.ask(people.pat, 'checkin schedule sync "0 10 * * *"', '/accord', channel)).toBe(
        ':no_entry: Only vendor admins and vendor members can create projects, set RACI and schedule check-ins.',
      );
      expect(await h.ask(people.pat, `checkin pause ${weekday}`, '/accord', channel)).toBe(
        ':no_entry: Only vendor admins and vendor members can create projects, set RACI and schedule check-ins.',
      );
      expect(await db().select().from(checkinSchedules)).toHaveLength(before);
    });
  });

  describe('a check-in from posting to its summary', () => {
    let first: number;

    it('posts one now with `checkin run`, expecting the partner’s lead', async () => {
      expect(await inChannel('checkin run sync')).toBe(
        `:white_check_mark: Sync check-in posted in the project channel, with schedule ${weekday}’s timing: reminder after 2h, closes after 8h.`,
      );
      const [run] = await db().select().from(checkinRuns).where(eq(checkinRuns.createdBy, people.victor.id));
      expect(run).toMatchObject({ scheduleId: null, kind: 'sync', expected: [people.pat.id], status: 'open' });
      const message = await messageOf(run?.id ?? 0);
      expect(message?.text).toBe('Project sync 2026-03-02 11:00 Europe/Riga');
      expect(JSON.stringify(message?.blocks)).toContain('Expected from <@U0PAT>.');
    });

    it('fires at the occurrence with an Answer button and the R, A and lead people, exactly once', async () => {
      expect(await inChannel('raci set "Support" R=<@U0VERA> A=acme')).toContain('*Support*');
      await advanceTo('2026-03-03T07:59:00Z');
      expect(await runsOf(weekday)).toEqual([]);
      await advanceTo('2026-03-03T08:00:00Z');
      const runs = await runsOf(weekday);
      expect(runs).toHaveLength(1);
      const run = runs[0];
      first = run?.id ?? 0;
      expect(run).toMatchObject({
        kind: 'sync',
        late: false,
        status: 'open',
        expected: [people.vera.id, people.pat.id],
        createdBy: 'system',
      });
      expect([run?.occurrence, run?.remindAt, run?.closeAt].map((d) => d?.toISOString())).toEqual([
        '2026-03-03T08:00:00.000Z',
        '2026-03-03T10:00:00.000Z',
        '2026-03-03T16:00:00.000Z',
      ]);
      const message = await messageOf(first);
      expect(message?.text).toBe('Project sync 2026-03-03 10:00 Europe/Riga');
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).toContain('Expected from <@U0VERA>, <@U0PAT>.');
      expect(blocks).toContain(`"action_id":"${actionIds.checkinAnswer}"`);
      expect(blocks).toContain('Closes 2026-03-03 18:00 Europe/Riga');
      expect(blocks).not.toContain('posted late');
      await h.settle();
      await advanceTo('2026-03-03T08:00:30Z');
      expect(await runsOf(weekday)).toHaveLength(1);
      expect(topLevel('Project sync 2026-03-03 10:00 Europe/Riga')).toHaveLength(1);
      expect(await pendingOccurrences(weekday)).toEqual([
        [`checkin:${weekday}:0:2026-03-04T08:00:00.000Z`, '2026-03-04T08:00:00.000Z'],
      ]);
      const timers = await db()
        .select()
        .from(jobs)
        .where(like(jobs.key, `checkin-run:${first}:%`));
      expect(timers.map((j) => [j.key, j.dueAt.toISOString(), j.status]).sort()).toEqual([
        [`checkin-run:${first}:close`, '2026-03-03T16:00:00.000Z', 'pending'],
        [`checkin-run:${first}:remind`, '2026-03-03T10:00:00.000Z', 'pending'],
      ]);
    });

    it('opens the form built from the run’s own questions, checks it and stores the answer', async () => {
      const run = await runById(first);
      const questions = run?.questions;
      if (!questions) throw new Error('the run has no questions');
      await db()
        .update(checkinRuns)
        .set({
          questions: {
            ...questions,
            questions: questions.questions.map((q) =>
              q.id === 'progress' ? { ...q, label: 'Progress this week' } : q,
            ),
          },
        })
        .where(eq(checkinRuns.id, first));
      const { view, responses } = await pressAnswer(people.vera, first);
      expect(responses).toEqual([]);
      expect(view?.view).toMatchObject({ callback_id: viewIds.checkinAnswer, private_metadata: `${first}:${channel}` });
      const blocks = blocksOf(view);
      expect(blocks.map((b) => [b.block_id, b.element?.action_id])).toEqual(SYNC_FIELDS.map((id) => [id, id]));
      expect(blocks[0]?.element?.type).toBe('static_select');
      expect(blocks[0]?.element?.options?.map((o) => o.value)).toEqual(['on_track', 'at_risk', 'off_track']);
      expect(blocks.map((b) => b.label?.text)).toEqual(['Status', 'Progress this week', 'Blockers', 'Next steps']);

      const incomplete = await submit(people.vera, view, {
        status: 'on_track',
        progress: '  ',
        blockers: undefined,
        next_steps: 'Cut-over on Friday',
      });
      expect(incomplete.json).toEqual({
        response_action: 'errors',
        errors: { progress: 'Please answer this question.' },
      });
      const noStatus = await submit(people.vera, view, {
        status: undefined,
        progress: 'Numbers ported',
        next_steps: 'Cut-over on Friday',
      });
      expect(noStatus.json).toEqual({
        response_action: 'errors',
        errors: { status: 'Choose one of: on track, at risk, off track.' },
      });
      await h.settle();
      expect(await answersOf(first)).toEqual([]);

      const saved = await submit(people.vera, view, {
        status: 'on_track',
        progress: 'Numbers ported',
        blockers: '',
        next_steps: 'Cut-over on Friday',
      });
      expect(saved.status).toBe(200);
      expect(saved.json?.response_action).toBeUndefined();
      await h.settle();
      const answers = await answersOf(first);
      expect(answers.map((a) => [a.userId, a.via, a.values, a.answeredAt.toISOString()])).toEqual([
        [
          people.vera.id,
          'form',
          { status: 'on_track', progress: 'Numbers ported', next_steps: 'Cut-over on Friday' },
          '2026-03-03T08:00:30.000Z',
        ],
      ]);

      const again = await pressAnswer(people.vera, first);
      const prefilled = blocksOf(again.view);
      expect(prefilled[0]?.element?.initial_option?.value).toBe('on_track');
      expect(prefilled[1]?.element?.initial_value).toBe('Numbers ported');
    });

    it('takes a reply in the thread as the answer, updating the earlier one once even when Slack retries the event', async () => {
      await advanceTo('2026-03-03T08:10:00Z');
      await replyInThread(people.vera, first, 'at risk, waiting for the SIP trunk', channel, true);
      const answers = await answersOf(first);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({
        userId: people.vera.id,
        via: 'thread',
        values: { status: 'at_risk', progress: 'waiting for the SIP trunk' },
        text: 'at risk, waiting for the SIP trunk',
      });
      expect(answers[0]?.answeredAt.toISOString()).toBe('2026-03-03T08:00:30.000Z');
      expect(answers[0]?.updatedAt.toISOString()).toBe('2026-03-03T08:10:00.000Z');
      expect((await audits('checkin.answered', first)).map((a) => a.actor)).toEqual([people.vera.id]);
      expect((await audits('checkin.answer_updated', first)).map((a) => a.actor)).toEqual([people.vera.id]);
    });

    it('refuses someone outside the project in the thread and stores nothing', async () => {
      await h.slack.join(quinn, channel);
      const calls = h.standIn.callsTo('chat.postEphemeral').length;
      const parentTs = await replyInThread(quinn, first, 'on track, all good here');
      expect(ephemeralsTo(quinn)).toEqual([':warning: That check-in no longer exists.']);
      const [call] = h.standIn.callsTo('chat.postEphemeral').slice(calls);
      expect(call?.args).toMatchObject({ channel, user: quinn.id, thread_ts: parentTs });
      const pressed = await pressAnswer(quinn, first);
      // The form opened before the run was looked up; the refusal is shown in it.
      expect(pressed.view?.view).toMatchObject({
        type: 'modal',
        blocks: [{ type: 'section', text: { text: ':warning: That check-in no longer exists.' } }],
      });
      expect(pressed.responses).toEqual([]);
      expect((await answersOf(first)).map((a) => a.userId)).toEqual([people.vera.id]);
    });

    it('reminds, at `remind`, only those who have not answered', async () => {
      await advanceTo('2026-03-03T09:59:00Z');
      expect(await botThread(first)).toEqual([]);
      await advanceTo('2026-03-03T10:00:00Z');
      expect(await botThread(first)).toEqual([
        ':bell: Still waiting for <@U0PAT>: press *Answer* above or reply here. It closes 2026-03-03 18:00 Europe/Riga.',
      ]);
    });

    it('closes at `close` with the summary, records who missed and takes the button away', async () => {
      await advanceTo('2026-03-03T15:59:00Z');
      expect(await botThread(first)).toHaveLength(1);
      expect((await runById(first))?.status).toBe('open');
      await advanceTo('2026-03-03T16:00:00Z');
      const thread = await botThread(first);
      expect(thread).toHaveLength(2);
      expect(thread[1]).toBe(
        [
          ':memo: *Project sync summary* (1 answer)',
          '• <@U0VERA> — *at risk* — waiting for the SIP trunk',
          '*Tally:* 0 on track · 1 at risk · 0 off track',
          '*Missed:* <@U0PAT>',
        ].join('\n'),
      );
      expect((await runById(first))?.status).toBe('closed');
      const misses = await db().select().from(checkinMisses).where(eq(checkinMisses.runId, first));
      expect(misses.map((m) => [m.userId, m.partnerId, m.at.toISOString()])).toEqual([
        [people.pat.id, acmeId, '2026-03-03T16:00:00.000Z'],
      ]);
      const message = await messageOf(first);
      expect(message).toMatchObject({ text: 'Project sync 2026-03-03 10:00 Europe/Riga (closed)', edited: true });
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).not.toContain(actionIds.checkinAnswer);
      expect(blocks).toContain('Closed · 1 answer; the summary is in the thread.');
      await advanceTo('2026-03-03T17:00:00Z');
      expect(await botThread(first)).toHaveLength(2);
    });

    it('refuses answers after the close, by thread, button and form', async () => {
      const formView = h.standIn.openedViews.find((v) => v.view.private_metadata === `${first}:${channel}`);
      await replyInThread(people.pat, first, 'on track, sorry for being late');
      expect(ephemeralsTo(people.pat).at(-1)).toBe(
        ':warning: This check-in has closed, so answers are no longer recorded; its summary is in the thread.',
      );
      const pressed = await pressAnswer(people.pat, first);
      expect(pressed.view?.view).toMatchObject({
        type: 'modal',
        blocks: [
          { type: 'section', text: { text: ':warning: This check-in has closed; its summary is in the thread.' } },
        ],
      });
      expect(pressed.responses).toEqual([]);
      // The form is acknowledged before the database is asked; the refusal follows in the channel.
      const late = await submit(people.vera, formView, {
        status: 'off_track',
        progress: 'Changed my mind',
        next_steps: 'None',
      });
      expect(late.json?.response_action).toBeUndefined();
      await h.settle();
      expect(ephemeralsTo(people.vera).at(-1)).toBe(
        ':warning: This check-in has closed, so answers are no longer recorded; its summary is in the thread.',
      );
      const answers = await answersOf(first);
      expect(answers.map((a) => [a.userId, a.values.status])).toEqual([[people.vera.id, 'at_risk']]);
    });

    it('sends no reminder when everyone has answered, and nobody missed', async () => {
      await advanceTo('2026-03-04T08:00:00Z');
      const [, second] = await runsOf(weekday);
      const id = second?.id ?? 0;
      expect(second?.occurrence.toISOString()).toBe('2026-03-04T08:00:00.000Z');
      await replyInThread(people.vera, id, 'On track: numbers ported');
      await replyInThread(people.pat, id, 'on track\nNext steps: port the last numbers');
      expect((await answersOf(id)).map((a) => [a.userId, a.values]).sort()).toEqual([
        [people.pat.id, { status: 'on_track', next_steps: 'port the last numbers' }],
        [people.vera.id, { status: 'on_track', progress: 'numbers ported' }],
      ]);
      await advanceTo('2026-03-04T10:00:00Z');
      expect(await botThread(id)).toEqual([]);
      await advanceTo('2026-03-04T16:00:00Z');
      expect(await botThread(id)).toEqual([
        [
          ':memo: *Project sync summary* (2 answers)',
          '• <@U0VERA> — *on track* — numbers ported',
          '• <@U0PAT> — *on track* — Next steps: port the last numbers',
          '*Tally:* 2 on track · 0 at risk · 0 off track',
          '*Missed:* nobody',
        ].join('\n'),
      ]);
      expect(await db().select().from(checkinMisses).where(eq(checkinMisses.runId, id))).toEqual([]);
    });
  });

  describe('changing a schedule while a check-in is open', () => {
    let third: number;

    it('pausing keeps the open run’s questions, reminder and close, and stops later occurrences', async () => {
      await advanceTo('2026-03-05T08:00:00Z');
      const runs = await runsOf(weekday);
      expect(runs).toHaveLength(3);
      const before = runs[2];
      third = before?.id ?? 0;
      h.clock.set(new Date('2026-03-05T08:30:00Z'));
      expect(await inChannel(`checkin pause ${weekday}`)).toBe(
        `:white_check_mark: Check-in schedule ${weekday} paused.`,
      );
      expect(await inChannel(`checkin pause ${weekday}`)).toContain(`Check-in schedule ${weekday} is already paused.`);
      expect(await inChannel('checkin list')).toContain(
        `• *${weekday}* sync — every weekday at 10:00 Europe/Riga (\`0 10 * * MON-FRI\`), remind 2h, close 8h — paused`,
      );
      expect(await pendingOccurrences(weekday)).toEqual([]);
      const after = await runById(third);
      expect(after?.questions).toEqual(before?.questions);
      expect(after?.closeAt.toISOString()).toBe('2026-03-05T16:00:00.000Z');
      await advanceTo('2026-03-05T10:00:00Z');
      expect(await botThread(third)).toEqual([
        ':bell: Still waiting for <@U0VERA>, <@U0PAT>: press *Answer* above or reply here. It closes 2026-03-05 18:00 Europe/Riga.',
      ]);
      await advanceTo('2026-03-05T16:00:00Z');
      expect((await botThread(third))[1]).toMatch(/^:memo: \*Project sync summary\* \(0 answers\)\n_No answers._\n/);
      expect((await runById(third))?.status).toBe('closed');
      const misses = await db().select().from(checkinMisses).where(eq(checkinMisses.runId, third));
      expect(misses.map((m) => [m.userId, m.partnerId]).sort()).toEqual([
        [people.pat.id, acmeId],
        [people.vera.id, null],
      ]);
      await advanceTo('2026-03-06T09:00:00Z');
      expect(await runsOf(weekday)).toHaveLength(3);
      expect(topLevel('Project sync 2026-03-06 10:00 Europe/Riga')).toEqual([]);
    });

    it('resuming schedules from now', async () => {
      expect(await inChannel(`checkin resume ${weekday}`)).toBe(
        `:white_check_mark: Check-in schedule ${weekday} resumed; next 2026-03-09 10:00 Europe/Riga.`,
      );
      expect(await pendingOccurrences(weekday)).toEqual([
        [`checkin:${weekday}:2:2026-03-09T08:00:00.000Z`, '2026-03-09T08:00:00.000Z'],
      ]);
      await advanceTo('2026-03-09T08:00:00Z');
      const runs = await runsOf(weekday);
      expect(runs.map((r) => r.occurrence.toISOString())).toEqual([
        '2026-03-03T08:00:00.000Z',
        '2026-03-04T08:00:00.000Z',
        '2026-03-05T08:00:00.000Z',
        '2026-03-09T08:00:00.000Z',
      ]);
    });

    it('removing leaves the open run to close as it was, and nothing more is posted', async () => {
      const open = (await runsOf(weekday))[3];
      const id = open?.id ?? 0;
      await replyInThread(people.pat, id, 'off track: porting failed');
      expect(await inChannel(`checkin remove ${weekday}`)).toBe(
        `:white_check_mark: Check-in schedule ${weekday} removed.`,
      );
      expect(await pendingOccurrences(weekday)).toEqual([]);
      const after = await runById(id);
      expect(after?.questions).toEqual(open?.questions);
      expect(after?.closeAt.toISOString()).toBe('2026-03-09T16:00:00.000Z');
      await replyInThread(people.vera, id, 'at risk');
      expect((await answersOf(id)).map((a) => a.userId).sort()).toEqual([people.pat.id, people.vera.id]);
      await advanceTo('2026-03-09T16:00:00Z');
      expect((await botThread(id)).at(-1)).toContain('*Tally:* 0 on track · 1 at risk · 1 off track');
      await advanceTo('2026-03-10T09:00:00Z');
      expect(await runsOf(weekday)).toHaveLength(4);
      expect(await inChannel('checkin list')).toBe(
        '`rollout` has no check-in schedules. Add one with `/accord checkin schedule sync|risk <schedule> [tz=<IANA>] [remind=<dur>] [close=<dur>] [project=<slug>]`.',
      );
      expect(await inChannel(`checkin resume ${weekday}`)).toContain(`There is no check-in schedule ${weekday}.`);
    });
  });

  describe('the risk register', () => {
    const ids: Record<string, number> = {};
    const riskRow = async (id: number) => (await db().select().from(risks).where(eq(risks.id, id)))[0];
    const add = async (text: string, user: User = people.victor) => {
      const reply = await h.ask(user, `risk add ${text}`, '/accord', channel);
      return { reply, id: Number(/\*R-(\d+)\*/.exec(reply)?.[1]) };
    };

    it('adds risks as R-<n> with their score and announces them', async () => {
      const trunk = await add(
        '"SIP trunk delivery late" category=connectivity likelihood=4 impact=5 owner=<@U0PAT> review=2026-04-20 mitigation="Order a backup line"',
      );
      ids.trunk = trunk.id;
      expect(trunk.reply).toBe(
        `:white_check_mark: *R-${trunk.id}* recorded: SIP trunk delivery late — score 20 (critical).`,
      );
      expect(h.standIn.messagesIn(channel).at(-1)?.text).toBe(
        `:warning: <@U0VICTOR> added *R-${trunk.id}: SIP trunk delivery late* (connectivity, likelihood 4 × impact 5; owner <@U0PAT>).`,
      );
      expect(await riskRow(trunk.id)).toMatchObject({
        category: 'connectivity',
        likelihood: 4,
        impact: 5,
        ownerUserId: people.pat.id,
        partnerId: acmeId,
        reviewOn: '2026-04-20',
        mitigation: 'Order a backup line',
        status: 'open',
      });
      const attrition = await add('"Agent attrition" category=people likelihood=2 impact=2');
      ids.attrition = attrition.id;
      expect(attrition.reply).toBe(`:white_check_mark: *R-${attrition.id}* recorded: Agent attrition — score 4 (low).`);
      expect(await riskRow(attrition.id)).toMatchObject({
        category: 'personnel',
        ownerUserId: people.victor.id,
        partnerId: null,
        reviewOn: null,
      });
      const move = await add('"Office move" category=facilities', people.pat);
      ids.move = move.id;
      expect(move.reply).toBe(`:white_check_mark: *R-${move.id}* recorded: Office move — score 9 (medium).`);
      expect(await riskRow(move.id)).toMatchObject({
        likelihood: 3,
        impact: 3,
        ownerUserId: people.pat.id,
        partnerId: acmeId,
      });
    });

    it.each([
      ['"Flood" likelihood=7', 'Likelihood must be a whole number from 1 to 5, not `7`.'],
      ['"Flood" review=2026-03-09', 'The review date 2026-03-09 is in the past (today is 2026-03-10).'],
      ['category=disaster', 'Give the risk a title in quotes'],
      ['"Flood" colour=red', "I don't know the option `colour=`."],
      [
        '"Flood" category=weather',
        '`weather` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.',
      ],
    ])('refuses `risk add %s` and records nothing', async (text, sentence) => {
      const before = (await db().select().from(risks)).length;
      const reply = await h.ask(people.victor, `risk add ${text}`, '/accord', channel);
      expect(reply.split('\n')[0]).toBe(`:warning: ${sentence}`);
      expect(await db().select().from(risks)).toHaveLength(before);
    });

    it('lists open risks highest score first, updates them with an announcement and an audit record', async () => {
      const order = (text: string) => [...text.matchAll(/\*R-(\d+)\*/g)].map((m) => Number(m[1]));
      const list = await inChannel('risk list');
      expect(order(list)).toEqual([ids.trunk, ids.move, ids.attrition]);
      expect(list).toContain(
        `• *R-${ids.trunk}* SIP trunk delivery late — connectivity, 4×5 = 20 (critical), owner <@U0PAT>, review 2026-04-20`,
      );
      const reply = await inChannel(`risk update R-${ids.attrition} impact=5 owner=<@U0VERA>`);
      expect(reply).toBe(`:white_check_mark: R-${ids.attrition} updated: impact 2 → 5; owner <@U0VICTOR> → <@U0VERA>.`);
      expect(h.standIn.messagesIn(channel).at(-1)?.text).toBe(
        `:pencil2: <@U0VICTOR> updated *R-${ids.attrition}*: impact 2 → 5; owner <@U0VICTOR> → <@U0VERA>.`,
      );
      expect((await audits('risk.updated', ids.attrition ?? 0)).map((a) => [a.actor, a.data.changes])).toEqual([
        [people.victor.id, ['impact 2 → 5', 'owner <@U0VICTOR> → <@U0VERA>']],
      ]);
      expect(await riskRow(ids.attrition ?? 0)).toMatchObject({
        impact: 5,
        ownerUserId: people.vera.id,
        updatedBy: people.victor.id,
      });
      expect(order(await inChannel('risk list open'))).toEqual([ids.trunk, ids.attrition, ids.move]);
    });

    it('closes a risk once, and lists it only with `all`', async () => {
      expect(await inChannel(`risk close R-${ids.move} "Move postponed to 2027"`)).toBe(
        `:white_check_mark: R-${ids.move} closed.`,
      );
      expect(h.standIn.messagesIn(channel).at(-1)?.text).toBe(
        `:white_check_mark: <@U0VICTOR> closed *R-${ids.move}: Office move*: Move postponed to 2027`,
      );
      expect(await inChannel(`risk close R-${ids.move} "again"`)).toBe(`:warning: R-${ids.move} is already closed.`);
      expect(await riskRow(ids.move ?? 0)).toMatchObject({ status: 'closed', closeNote: 'Move postponed to 2027' });
      expect(await inChannel('risk list')).not.toContain(`R-${ids.move}*`);
      expect(await inChannel('risk list all')).toContain(
        `• *R-${ids.move}* Office move — facilities, 3×3 = 9 (medium), owner <@U0PAT> — closed`,
      );
    });

    it('tells a partner member outside the project that the risk does not exist', async () => {
      expect(await h.ask(quinn, `risk close R-${ids.trunk} "not ours"`, '/accord', channel)).toBe(
        `:warning: There is no R-${ids.trunk}.`,
      );
      expect(await h.ask(quinn, `risk update R-${ids.trunk} impact=1`, '/accord', channel)).toBe(
        `:warning: There is no R-${ids.trunk}.`,
      );
      expect(await riskRow(ids.trunk ?? 0)).toMatchObject({ status: 'open', impact: 5 });
    });

    let reviewRun: number;

    it('turns a problem in a risk review into one risk with one click', async () => {
      expect(await inChannel('checkin run risk')).toBe(
        ':white_check_mark: Risk review check-in posted in the project channel, with the default timing, as the project has no risk review schedule: reminder after 4h, closes after 1d.',
      );
      const [run] = await db()
        .select()
        .from(checkinRuns)
        .where(and(eq(checkinRuns.kind, 'risk'), eq(checkinRuns.createdBy, people.victor.id)));
      const runId = run?.id ?? 0;
      reviewRun = runId;
      const { view } = await pressAnswer(people.pat, runId);
      expect(blocksOf(view).map((b) => b.block_id)).toEqual(RISK_AREAS.flatMap((a) => [`${a}_status`, `${a}_note`]));
      const values: Record<string, string> = Object.fromEntries(RISK_AREAS.map((a) => [`${a}_status`, 'ok']));
      const saved = await submit(people.pat, view, {
        ...values,
        power_status: 'problem',
        power_note: 'UPS batteries fail the load test',
      });
      expect(saved.status).toBe(200);
      await h.settle();
      expect((await answersOf(runId))[0]?.values).toMatchObject({
        power_status: 'problem',
        power_note: 'UPS batteries fail the load test',
        disaster_status: 'ok',
      });
      const problem = (await threadOf(runId)).find((m) => m.text === '<@U0PAT> reported 1 problem');
      const buttons = ((problem?.blocks ?? []) as InputBlock[]).flatMap((b) => b.elements ?? []);
      expect(buttons.map((b) => [b.action_id, b.value, b.text?.text])).toEqual([
        [`${actionIds.riskFromProblem}:power`, `${runId}:${people.pat.id}:power`, 'Make “power” a risk'],
      ]);
      const click = async (user: User) => {
        const res = await h.slack.press(user, {
          channel,
          ts: problem?.ts ?? '',
          actionId: buttons[0]?.action_id ?? '',
          value: buttons[0]?.value ?? '',
        });
        expect(res.status).toBe(200);
        await h.settle();
        return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
      };
      expect(await click(people.pat)).toEqual([]);
      const made = await db().select().from(risks).where(eq(risks.sourceRunId, runId));
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({
        category: 'power',
        ownerUserId: people.pat.id,
        partnerId: acmeId,
        title: 'power: UPS batteries fail the load test',
        status: 'open',
      });
      const label = `R-${made[0]?.id}`;
      expect((await botThread(runId)).at(-1)).toContain(
        `:warning: <@U0PAT> recorded *${label}: power: UPS batteries fail the load test* from the risk review (owner <@U0PAT>).`,
      );
      expect(await click(people.victor)).toEqual([`:information_source: That problem is already ${label}.`]);
      expect(await click(quinn)).toEqual([':warning: That check-in no longer exists.']);
      expect(await db().select().from(risks).where(eq(risks.sourceRunId, runId))).toHaveLength(1);
    });

    it('flags a review that has become overdue at the next risk check-in', async () => {
      expect(await inChannel(`risk update R-${ids.trunk} review=2026-03-11`)).toBe(
        `:white_check_mark: R-${ids.trunk} updated: review 2026-04-20 → 2026-03-11.`,
      );
      const { reply, id } = await schedule('risk "0 9 * * *" remind=1h close=2h');
      expect(reply).toBe(
        `:white_check_mark: Check-in schedule ${id}: risk review every day at 09:00 Europe/Riga (\`0 9 * * *\`), reminder after 1h, closes after 2h. Next: 2026-03-11 09:00 Europe/Riga.`,
      );
      await advanceTo('2026-03-11T07:00:00Z');
      const [onTheDay] = await runsOf(id);
      expect(JSON.stringify((await messageOf(onTheDay?.id ?? 0))?.blocks)).not.toContain('Risk reviews overdue');
      expect(await db().select().from(riskOverdueFlags)).toEqual([]);
      await advanceTo('2026-03-12T07:00:00Z');
      expect((await botThread(reviewRun)).at(-1)).toBe(
        [
          ':memo: *Risk review summary* (1 answer)',
          '• <@U0PAT> — *problem* — power: problem (UPS batteries fail the load test) · others ok',
          '*Tally:* 0 ok · 0 watch · 1 problem',
          '*Missed:* <@U0VERA>',
        ].join('\n'),
      );
      const [, next] = await runsOf(id);
      const message = await messageOf(next?.id ?? 0);
      expect(message?.text).toBe('Risk review 2026-03-12 09:00 Europe/Riga');
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).toContain(':warning: *Risk reviews overdue*');
      expect(blocks).toContain(`• R-${ids.trunk} SIP trunk delivery late — review was due 2026-03-11, owner <@U0PAT>`);
      expect(blocks).not.toContain(`R-${ids.attrition} `);
      const flags = await db().select().from(riskOverdueFlags);
      expect(flags.map((f) => [f.riskId, f.runId, f.reviewOn, f.partnerId])).toEqual([
        [ids.trunk, next?.id, '2026-03-11', acmeId],
      ]);
      expect(await inChannel('risk list')).toContain(`review 2026-03-11 :warning: review overdue`);
      await inChannel(`checkin remove ${id}`);
    });
  });

  describe('daylight saving time', () => {
    it('fires a 10:00 check-in at 10:00 local on both sides of the spring change, and a time the change skips once', async () => {
      h.clock.set(new Date('2026-03-27T12:00:00Z'));
      dst = (await givenProject(h, { slug: 'dst', name: 'DST drill', options: 'tz=Europe/Riga', accept: [people.pat] }))
        .channelId;
      const daily = await schedule('sync "0 10 * * *"', dst);
      expect(daily.reply).toBe(
        `:white_check_mark: Check-in schedule ${daily.id}: sync every day at 10:00 Europe/Riga (\`0 10 * * *\`), reminder after 4h, closes after 1d. Next: 2026-03-28 10:00 Europe/Riga.`,
      );
      const gap = await schedule('sync "30 3 29 3 *"', dst);
      expect(gap.reply).toBe(
        `:white_check_mark: Check-in schedule ${gap.id}: sync on day 29 of March at 03:30 Europe/Riga (\`30 3 29 3 *\`), reminder after 4h, closes after 1d. Next: 2026-03-29 04:00 Europe/Riga.`,
      );
      const occurrences = async (id: number) => (await runsOf(id)).map((r) => r.occurrence.toISOString());

      await advanceTo('2026-03-28T07:59:00Z');
      expect(await occurrences(daily.id)).toEqual([]);
      await advanceTo('2026-03-28T08:00:00Z');
      expect(await occurrences(daily.id)).toEqual(['2026-03-28T08:00:00.000Z']);
      await advanceTo('2026-03-29T00:59:00Z');
      expect(await occurrences(gap.id)).toEqual([]);
      await advanceTo('2026-03-29T01:00:00Z');
      expect(await occurrences(gap.id)).toEqual(['2026-03-29T01:00:00.000Z']);
      expect(topLevel('Project sync 2026-03-29 04:00 Europe/Riga', dst)).toHaveLength(1);
      await advanceTo('2026-03-29T06:59:00Z');
      expect(await occurrences(daily.id)).toEqual(['2026-03-28T08:00:00.000Z']);
      await advanceTo('2026-03-29T07:00:00Z');
      await advanceTo('2026-03-30T06:59:00Z');
      expect(await occurrences(daily.id)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
      await advanceTo('2026-03-30T07:00:00Z');
      expect(await occurrences(daily.id)).toEqual([
        '2026-03-28T08:00:00.000Z',
        '2026-03-29T07:00:00.000Z',
        '2026-03-30T07:00:00.000Z',
      ]);
      expect(
        ['2026-03-28', '2026-03-29', '2026-03-30'].map(
          (day) => topLevel(`Project sync ${day} 10:00 Europe/Riga`, dst).length,
        ),
      ).toEqual([1, 1, 1]);
      expect(await occurrences(gap.id)).toEqual(['2026-03-29T01:00:00.000Z']);
      expect(await pendingOccurrences(gap.id)).toEqual([
        [`checkin:${gap.id}:0:2027-03-29T00:30:00.000Z`, '2027-03-29T00:30:00.000Z'],
      ]);
      for (const id of [daily.id, gap.id]) await inChannel(`checkin remove ${id}`, dst);
    });
  });

  describe('late and missed occurrences', () => {
    it('posts an occurrence it is late for once, with a note, and skips one whose close has passed', async () => {
      const { id } = await schedule('sync "0 12 * * *" remind=1h close=3h', dst);
      expect(await pendingOccurrences(id)).toEqual([
        [`checkin:${id}:0:2026-03-30T09:00:00.000Z`, '2026-03-30T09:00:00.000Z'],
      ]);
      await advanceTo('2026-03-30T10:30:00Z');
      await h.settle();
      const runs = await runsOf(id);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ late: true, status: 'open' });
      expect(
        [runs[0]?.occurrence, runs[0]?.postedAt, runs[0]?.remindAt, runs[0]?.closeAt].map((d) => d?.toISOString()),
      ).toEqual([
        '2026-03-30T09:00:00.000Z',
        '2026-03-30T10:30:00.000Z',
        '2026-03-30T11:30:00.000Z',
        '2026-03-30T12:00:00.000Z',
      ]);
      const posted = topLevel('Project sync 2026-03-30 12:00 Europe/Riga', dst);
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(posted[0]?.blocks)).toContain(
        '_posted late: Accord was not running at the scheduled time_',
      );
      expect(await pendingOccurrences(id)).toEqual([
        [`checkin:${id}:0:2026-03-31T09:00:00.000Z`, '2026-03-31T09:00:00.000Z'],
      ]);

      await advanceTo('2026-03-31T13:00:00Z');
      expect(await runsOf(id)).toHaveLength(1);
      expect(topLevel('Project sync 2026-03-31 12:00 Europe/Riga', dst)).toEqual([]);
      expect((await audits('checkin.missed_occurrence', id)).map((a) => [a.actor, a.data.occurrence])).toEqual([
        ['system', '2026-03-31T09:00:00.000Z'],
      ]);
      expect(await pendingOccurrences(id)).toEqual([
        [`checkin:${id}:0:2026-04-01T09:00:00.000Z`, '2026-04-01T09:00:00.000Z'],
      ]);
      await inChannel(`checkin remove ${id}`, dst);
    });
  });

  describe('two replicas on one database', () => {
    it.runIf(driver === 'postgres')(
      'posts a due occurrence, its reminder and its summary once when two replicas settle at the same moment',
      async () => {
        const url = (h.accord.database as { url?: string }).url;
        if (!url) throw new Error('the postgres harness database has no url');
        const second: Accord = createAccord({
          config: testConfig(h.standIn.apiUrl),
          clock: h.clock,
          database: openDatabase({ kind: 'postgres', url }),
          log: silentLogger,
          channelIntervalMs: 0,
          runScheduler: false,
          host: '127.0.0.1',
        });
        await second.start();
        try {
          const { id } = await schedule('sync "0 17 * * *" remind=1h close=2h', dst);
          expect(await pendingOccurrences(id)).toEqual([
            [`checkin:${id}:0:2026-03-31T14:00:00.000Z`, '2026-03-31T14:00:00.000Z'],
          ]);
          h.clock.set(new Date('2026-03-31T14:00:00Z'));
          await Promise.all([h.settle(), second.settle(), h.settle(), second.settle()]);
          await h.settle();
          expect(await runsOf(id)).toHaveLength(1);
          expect(topLevel('Project sync 2026-03-31 17:00 Europe/Riga', dst)).toHaveLength(1);
          expect(
            h.standIn
              .callsTo('chat.postMessage')
              .filter((c) => c.args.text === 'Project sync 2026-03-31 17:00 Europe/Riga'),
          ).toHaveLength(1);
          expect(await pendingOccurrences(id)).toEqual([
            [`checkin:${id}:0:2026-04-01T14:00:00.000Z`, '2026-04-01T14:00:00.000Z'],
          ]);
          const [run] = await runsOf(id);
          h.clock.set(new Date('2026-03-31T15:00:00Z'));
          await Promise.all([h.settle(), second.settle()]);
          await h.settle();
          expect((await botThread(run?.id ?? 0, dst)).filter((t) => t.startsWith(':bell:'))).toEqual([
            ':bell: Still waiting for <@U0PAT>: press *Answer* above or reply here. It closes 2026-03-31 19:00 Europe/Riga.',
          ]);
          h.clock.set(new Date('2026-03-31T16:00:00Z'));
          await Promise.all([h.settle(), second.settle()]);
          await h.settle();
          expect((await botThread(run?.id ?? 0, dst)).filter((t) => t.startsWith(':memo:'))).toHaveLength(1);
          await inChannel(`checkin remove ${id}`, dst);
        } finally {
          await second.stop();
        }
      },
    );
  });

  describe('schedules in plain words, `checkin run` with a schedule’s timing, and answers confirmed', () => {
    const EXAMPLES =
      'For example: `weekly mon 10:00`, `weekly mon,thu 10:00`, `weekdays 17:00`, `daily 09:30`, `monthly 1 09:00`, or cron such as `0 10 * * MON-FRI`.';
    let plain: string;
    const ids: Record<string, number> = {};
    const scheduleRow = async (id: number) =>
      (await db().select().from(checkinSchedules).where(eq(checkinSchedules.id, id)))[0];
    const latestRun = async () => (await db().select().from(checkinRuns).orderBy(asc(checkinRuns.id))).at(-1);
    const windowOf = (run: { occurrence: Date; remindAt: Date; closeAt: Date } | undefined) =>
      run
        ? [
            (run.remindAt.getTime() - run.occurrence.getTime()) / 60_000,
            (run.closeAt.getTime() - run.occurrence.getTime()) / 60_000,
          ]
        : [];
    const ephemeralCalls = () => h.standIn.callsTo('chat.postEphemeral').map((c) => c.args);

    it('schedules a plain form, quoted or not, and echoes every schedule in words with its time zone', async () => {
      // Monday 6 April 2026, 09:00 in Riga.
      h.clock.set(new Date('2026-04-06T06:00:00Z'));
      await h.ask(people.victor, 'project create plain "Plain words" partners=acme tz=Europe/Riga');
      await h.slack.acceptInvitationsFor(people.pat);
      plain = (await db().select().from(projects).where(eq(projects.slug, 'plain')))[0]?.channelId ?? '';
      await h.slack.join(people.vera, plain);
      await h.settle();

      const weekly = await schedule('sync weekly mon,thu 10:00 remind=1h close=6h', plain);
      ids.weekly = weekly.id;
      expect(weekly.reply).toBe(
        `:white_check_mark: Check-in schedule ${weekly.id}: sync every Monday and Thursday at 10:00 Europe/Riga (\`0 10 * * 1,4\`), reminder after 1h, closes after 6h. Next: 2026-04-06 10:00 Europe/Riga.`,
      );
      expect(await scheduleRow(weekly.id)).toMatchObject({
        cron: '0 10 * * 1,4',
        timeZone: 'Europe/Riga',
        remindMs: 3_600_000,
        closeMs: 6 * 3_600_000,
      });
      expect(await pendingOccurrences(weekly.id)).toEqual([
        [`checkin:${weekly.id}:0:2026-04-06T07:00:00.000Z`, '2026-04-06T07:00:00.000Z'],
      ]);

      const monthly = await schedule('risk "monthly 1 09:00" tz=America/New_York', plain);
      ids.monthly = monthly.id;
      expect(monthly.reply).toBe(
        `:white_check_mark: Check-in schedule ${monthly.id}: risk review on day 1 of every month at 09:00 America/New_York (\`0 9 1 * *\`), reminder after 4h, closes after 1d. Next: 2026-05-01 09:00 America/New_York.`,
      );

      const weekdays = await schedule('sync weekdays 5pm remind=30m close=2h', plain);
      ids.weekdays = weekdays.id;
      expect(weekdays.reply).toBe(
        `:white_check_mark: Check-in schedule ${weekdays.id}: sync every weekday at 17:00 Europe/Riga (\`0 17 * * 1-5\`), reminder after 30m, closes after 2h. Next: 2026-04-06 17:00 Europe/Riga.`,
      );
      expect(await pendingOccurrences(weekdays.id)).toEqual([
        [`checkin:${weekdays.id}:0:2026-04-06T14:00:00.000Z`, '2026-04-06T14:00:00.000Z'],
      ]);

      expect(await inChannel('checkin list', plain)).toBe(
        [
          '*Check-ins of `plain`*',
          `• *${weekly.id}* sync — every Monday and Thursday at 10:00 Europe/Riga (\`0 10 * * 1,4\`), remind 1h, close 6h — next 2026-04-06 10:00 Europe/Riga`,
          `• *${monthly.id}* risk — on day 1 of every month at 09:00 America/New_York (\`0 9 1 * *\`), remind 4h, close 1d — next 2026-05-01 09:00 America/New_York`,
          `• *${weekdays.id}* sync — every weekday at 17:00 Europe/Riga (\`0 17 * * 1-5\`), remind 30m, close 2h — next 2026-04-06 17:00 Europe/Riga`,
        ].join('\n'),
      );
    });

    it('takes an unquoted cron, with or without seconds, up to the first option', async () => {
      const risk = await schedule('risk 0 10 * * MON tz=Europe/Riga', plain);
      expect(risk.reply).toBe(
        `:white_check_mark: Check-in schedule ${risk.id}: risk review every Monday at 10:00 Europe/Riga (\`0 10 * * MON\`), reminder after 4h, closes after 1d. Next: 2026-04-06 10:00 Europe/Riga.`,
      );
      expect(await scheduleRow(risk.id)).toMatchObject({ kind: 'risk', cron: '0 10 * * MON', timeZone: 'Europe/Riga' });
      const seconds = await schedule('sync 0 30 9 * * * close=2h', plain);
      expect(seconds.reply).toBe(
        `:white_check_mark: Check-in schedule ${seconds.id}: sync every day at 09:30 Europe/Riga (\`0 30 9 * * *\`), reminder after 1h, closes after 2h. Next: 2026-04-06 09:30 Europe/Riga.`,
      );
      expect(await scheduleRow(seconds.id)).toMatchObject({ cron: '0 30 9 * * *', closeMs: 7_200_000 });
      const every = await schedule('sync */15 9-17 * * 1-5', plain);
      expect(every.reply).toContain(
        `sync every 15 minutes from 09:00 to 17:45, every weekday, Europe/Riga time (\`*/15 9-17 * * 1-5\`), reminder after 4h`,
      );
      for (const id of [risk.id, seconds.id, every.id])
        expect(await inChannel(`checkin remove ${id}`, plain)).toBe(
          `:white_check_mark: Check-in schedule ${id} removed.`,
        );
    });

    it.each([
      [
        'sync weekly mnday 10:00',
        '`mnday` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full names), several as `mon,thu` or a range such as `mon-wed`.',
      ],
      ['sync weekly mon', 'Give the time after the days, such as `weekly mon 10:00`.'],
      [
        'sync daily 25:00',
        '`25:00` is not a time of day; write it as HH:MM on a 24-hour clock, such as `09:30` or `17:00` (or `10am`, `5:30pm`).',
      ],
      [
        'sync monthly 31 09:00',
        'Not every month has a day 31, so `monthly 31` would skip some months; choose a day from 1 to 28, or, if skipping them is what you want, write the cron `0 9 31 * *`.',
      ],
      [
        'sync mondays 10:00',
        '`mondays` does not start a schedule: begin with `daily`, `weekdays`, `weekly` or `monthly`, or write cron. To run every Monday, write `weekly mon 10:00`.',
      ],
      ['sync "0 25 * * *"', 'The hour field `25` is out of range (0–23).'],
      [
        'sync 0 10 * *',
        'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; `0 10 * *` has 4.',
      ],
      ['sync remind=1h', 'Give the schedule after the kind.'],
    ])(
      'refuses `checkin schedule %s` with an example of a good schedule, and creates nothing',
      async (text, sentence) => {
        const before = (await db().select().from(checkinSchedules)).length;
        const reply = await inChannel(`checkin schedule ${text}`, plain);
        expect(reply.split('\n').slice(0, 3)).toEqual([
          `:warning: ${sentence}`,
          EXAMPLES,
          'Usage: `/accord checkin schedule sync|risk <schedule> [tz=<IANA>] [remind=<dur>] [close=<dur>] [project=<slug>]`',
        ]);
        expect(await db().select().from(checkinSchedules)).toHaveLength(before);
      },
    );

    it('`checkin run` takes the reminder and close of the most recent running schedule of its kind, or of the schedule named', async () => {
      expect(await inChannel('checkin run sync', plain)).toBe(
        `:white_check_mark: Sync check-in posted in the project channel, with schedule ${ids.weekdays}’s timing: reminder after 30m, closes after 2h.`,
      );
      expect(windowOf(await latestRun())).toEqual([30, 120]);
      expect(await inChannel(`checkin pause ${ids.weekdays}`, plain)).toBe(
        `:white_check_mark: Check-in schedule ${ids.weekdays} paused.`,
      );
      expect(await inChannel('checkin run sync', plain)).toBe(
        `:white_check_mark: Sync check-in posted in the project channel, with schedule ${ids.weekly}’s timing: reminder after 1h, closes after 6h.`,
      );
      expect(windowOf(await latestRun())).toEqual([60, 360]);
      expect(await inChannel(`checkin run ${ids.weekdays}`, plain)).toBe(
        `:white_check_mark: Sync check-in posted in the project channel, with schedule ${ids.weekdays}’s timing: reminder after 30m, closes after 2h.`,
      );
      const named = await latestRun();
      expect(named).toMatchObject({ kind: 'sync', scheduleId: null });
      expect(windowOf(named)).toEqual([30, 120]);
      expect(await inChannel(`checkin run ${ids.weekdays} project=plain`, plain)).toContain(
        ':warning: A schedule number already names its project; leave out `project=`.',
      );
      expect(await inChannel('checkin run 99999', plain)).toBe(
        ':warning: There is no check-in schedule 99999. `/accord checkin list` shows them.',
      );
      expect(await h.ask(people.pat, `checkin run ${ids.weekdays}`, '/accord', plain)).toBe(
        ':no_entry: Only vendor admins and vendor members can create projects, set RACI and schedule check-ins.',
      );
      expect(await inChannel(`checkin remove ${ids.weekly}`, plain)).toContain('removed');
      expect(await inChannel(`checkin remove ${ids.weekdays}`, plain)).toContain('removed');
      expect(await inChannel('checkin run sync', plain)).toBe(
        ':white_check_mark: Sync check-in posted in the project channel, with the default timing, as the project has no sync schedule: reminder after 4h, closes after 1d.',
      );
      expect(windowOf(await latestRun())).toEqual([240, 1440]);
    });

    it('says in the post what a thread reply may hold, and confirms each answer only to its author, where it was given', async () => {
      const run = await latestRun();
      const runId = run?.id ?? 0;
      const message = await messageOf(runId, plain);
      expect(message?.text).toBe('Project sync 2026-04-06 09:00 Europe/Riga');
      expect(JSON.stringify(message?.blocks)).toContain(
        'Press *Answer*, or reply in this thread: start with *on track*, *at risk* or *off track*, then your progress; a line starting `Blockers:` or `Next steps:` begins that part. Answering again replaces your answer. Closes 2026-04-07 09:00 Europe/Riga.',
      );

      const calls = ephemeralCalls().length;
      const parentTs = await replyInThread(people.pat, runId, 'numbers ported', plain);
      const [byThread, ...none] = ephemeralCalls().slice(calls);
      expect(none).toEqual([]);
      expect(byThread).toMatchObject({ channel: plain, user: people.pat.id, thread_ts: parentTs });
      expect(byThread?.text).toBe(
        [
          ':white_check_mark: Recorded your answer to the *Project sync* of 2026-04-06 09:00 Europe/Riga: _no status_ — numbers ported.',
          'I found no status in it. To give one, reply again with your whole answer, starting with *on track*, *at risk* or *off track*.',
        ].join('\n'),
      );

      const { view } = await pressAnswer(people.pat, runId, plain);
      const saved = await submit(people.pat, view, {
        status: 'at_risk',
        progress: 'SIP trunk <late>',
        blockers: '',
        next_steps: 'Chase the carrier',
      });
      expect(saved.json?.response_action).toBeUndefined();
      await h.settle();
      const byForm = ephemeralCalls().slice(calls + 1);
      expect(byForm).toHaveLength(1);
      expect(byForm[0]).toMatchObject({ channel: plain, user: people.pat.id });
      expect(byForm[0]?.thread_ts).toBeUndefined();
      expect(byForm[0]?.text).toBe(
        ':white_check_mark: Recorded your answer to the *Project sync* of 2026-04-06 09:00 Europe/Riga: *at risk* — SIP trunk &lt;late&gt; · Next steps: Chase the carrier. It replaces your earlier answer.',
      );
      expect(
        h.standIn.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('Recorded your answer')),
      ).toEqual([]);

      await replyInThread(people.vera, runId, 'On track\nNext steps: go live', plain);
      expect(ephemeralsTo(people.vera).at(-1)).toBe(
        ':white_check_mark: Recorded your answer to the *Project sync* of 2026-04-06 09:00 Europe/Riga: *on track* — Next steps: go live.',
      );
      expect((await answersOf(runId)).map((a) => [a.userId, a.values.status]).sort()).toEqual([
        [people.pat.id, 'at_risk'],
        [people.vera.id, 'on_track'],
      ]);
    });

    it('shows a risk review’s reply format, names the areas a reply left out, and keeps to the project’s zone', async () => {
      const reply = await inChannel('checkin run risk', plain);
      expect(reply).toBe(
        `:white_check_mark: Risk review check-in posted in the project channel, with schedule ${ids.monthly}’s timing: reminder after 4h, closes after 1d.`,
      );
      const runId = (await latestRun())?.id ?? 0;
      const message = await messageOf(runId, plain);
      expect(message?.text).toBe('Risk review 2026-04-06 09:00 Europe/Riga');
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).toContain(
        'reply in this thread: one line per area, such as `power: problem UPS fails the load test` (areas: personnel, facilities, power, connectivity, merger/acquisition, disaster; each ok, watch or problem); `all ok` covers the areas you do not name.',
      );
      expect(blocks).not.toContain('America/New_York');
      await replyInThread(people.pat, runId, 'power: problem UPS fails the load test', plain);
      expect(ephemeralsTo(people.pat).at(-1)).toBe(
        [
          ':white_check_mark: Recorded your answer to the *Risk review* of 2026-04-06 09:00 Europe/Riga: *problem* — power: problem (UPS fails the load test).',
          'Not mentioned: personnel, facilities, connectivity, merger/acquisition, disaster. A new reply replaces this one, so give every area (`all ok` covers those you do not name).',
        ].join('\n'),
      );
      await replyInThread(people.pat, runId, 'all ok except power: problem UPS fails the load test', plain);
      expect(ephemeralsTo(people.pat).at(-1)).toBe(
        ':white_check_mark: Recorded your answer to the *Risk review* of 2026-04-06 09:00 Europe/Riga: *problem* — power: problem (UPS fails the load test) · others ok. It replaces your earlier answer.',
      );
      await inChannel(`checkin remove ${ids.monthly}`, plain);
    });
  });
});
