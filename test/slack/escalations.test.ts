import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationEvents, escalations, jobs, projects, risks } from '../../src/db/schema';
import { actionIds, inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { BOT_TOKEN, gus, people, PINNED_START } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';
import { answers, chosen, typed, viewSubmission } from '../../src/testkit/forms';

type User = { id: string; teamId: string };

describe.each(drivers)('escalations (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const db = () => h.accord.database.db;
  const minutes = (n: number) => n * 60_000;

  const escalation = async (id: number) => (await db().select().from(escalations).where(eq(escalations.id, id)))[0];
  const events = async (id: number, kind?: string) =>
    (
      await db()
        .select()
        .from(escalationEvents)
        .where(eq(escalationEvents.escalationId, id))
        .orderBy(escalationEvents.id)
    ).filter((e) => kind === undefined || e.kind === kind);
  const messageOf = (id: number) =>
    h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
  const thread = (id: number) => {
    const parent = messageOf(id);
    return h.standIn.messagesIn(channel).filter((m) => parent !== undefined && m.threadTs === parent.ts);
  };
  const raise = async (user: User, text: string, where = channel) => {
    const reply = await h.ask(user, text, '/escalate', where);
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    return { reply, id };
  };
  const press = async (user: User, id: number, actionId: string) => {
    const res = await h.slack.press(user, { channel, ts: messageOf(id)?.ts ?? '', actionId, value: String(id) });
    expect(res.status).toBe(200);
    await h.settle();
    return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
  };
  const replyInThread = async (user: User, id: number, text: string, eventId?: string, retryNum?: number) => {
    const parent = messageOf(id);
    const event = h.slack.postedMessageEvent(user, channel, text, parent?.ts);
    const res = await h.slack.event(event, { eventId, retryNum });
    expect(res.status).toBe(200);
    await h.settle();
    return res.eventId;
  };
  const advanceTo = async (at: Date) => {
    h.clock.set(at);
    await h.settle();
  };
  const ephemeralsTo = (user: User) => h.standIn.ephemerals.filter((e) => e.user === user.id).map((e) => e.text);
  const slackConnectInvite = async (user: User, to: string) => {
    const res = await fetch(`${h.standIn.apiUrl}conversations.inviteShared`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: to, user_ids: user.id }),
    });
    expect(await res.json()).toMatchObject({ ok: true });
  };

  beforeAll(async () => {
    h = await startHarness({ driver, users: [gus] });
    await givenPartner(h);
    await h.ask(people.victor, 'project create rollout "Rollout" partners=acme tz=Europe/Riga');
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    await h.slack.acceptInvitationsFor(people.pat);
    await slackConnectInvite(gus, channel);
    await h.slack.acceptInvitationsFor(gus);
    await h.settle();
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('raising', () => {
    it('opens ESC-<n> with its buttons, mentions level 1 and schedules its timers', async () => {
      const { reply, id } = await raise(people.victor, 'sev1 Calls drop after 30 seconds');
      expect(reply).toContain(`*ESC-${id}* raised for Acme Telecom`);
      const message = messageOf(id);
      expect(message?.text).toBe(`ESC-${id} sev1: Calls drop after 30 seconds — open`);
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).toContain('level 1: <@U0PAT>');
      for (const action of [actionIds.escalationAcknowledge, actionIds.escalationResolve, actionIds.escalationEscalate])
        expect(blocks).toContain(action);
      const row = await escalation(id);
      expect(row).toMatchObject({ status: 'open', severity: 'sev1', openedBy: people.victor.id, level: 1 });
      expect(row?.policy).toMatchObject({
        ackMs: minutes(15),
        resolveMs: minutes(240),
        stepMs: minutes(15),
        repeat: 2,
        hours: '24x7',
      });
      const timers = await db()
        .select()
        .from(jobs)
        .where(like(jobs.key, `esc:${id}:%`));
      expect(timers.map((j) => [j.key, j.dueAt.toISOString()]).sort()).toEqual(
        [
          [`esc:${id}:0:ack:1`, '2026-03-02T09:15:00.000Z'],
          [`esc:${id}:0:ackwarn`, '2026-03-02T09:11:15.000Z'],
          [`esc:${id}:0:breach:0`, '2026-03-02T13:00:00.000Z'],
          [`esc:${id}:0:resolvewarn`, '2026-03-02T12:00:00.000Z'],
        ].sort(),
      );
      expect((await events(id)).map((e) => e.kind)).toEqual(['opened', 'notified']);
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('targets the vendor when a partner member raises it, and the Accountable partner of an activity', async () => {
      const byPartner = await raise(people.pat, 'sev3 Reports are late');
      expect(byPartner.reply).toContain('raised for the vendor team');
      expect(JSON.stringify(messageOf(byPartner.id)?.blocks)).toContain('level 1: <@U0VICTOR>');
      await h.ask(people.victor, 'raci set "Order handling" R=vendor A=acme project=rollout');
      const byActivity = await raise(people.pat, 'sev3 Orders stuck activity="order handling"');
      expect(byActivity.reply).toContain('raised for Acme Telecom');
      expect((await escalation(byActivity.id))?.activity).toBe('Order handling');
      for (const id of [byPartner.id, byActivity.id])
        await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it.each([
      ['sev9 Broken', 'Start with the severity'],
      ['sev2', 'Say what happened after the severity'],
      ['sev2 Broken activity="No such"', 'There is no activity'],
      ['sev2 Broken colour=red', "I don't know the option `colour=`"],
    ])('refuses `/escalate %s` and opens nothing', async (text, expected) => {
      const before = (await db().select().from(escalations)).length;
      expect(await h.ask(people.victor, text, '/escalate', channel)).toContain(expected);
      expect(await db().select().from(escalations)).toHaveLength(before);
    });

    it('needs a project channel, and refuses guests', async () => {
      expect(await h.ask(people.victor, 'sev2 Broken', '/escalate', 'C0GENERAL')).toContain(
        'This channel is not a project channel',
      );
      expect(await h.ask(gus, 'sev2 Broken', '/escalate', channel)).toContain('Accord does not know you yet');
    });

    it('opens a form when typed without arguments, and a repeated submission opens one escalation', async () => {
      const opened = h.standIn.openedViews.length;
      const res = await h.slack.command(people.victor, '/escalate', '', channel);
      expect(res.status).toBe(200);
      await h.settle();
      const view = h.standIn.openedViews[opened];
      expect(view?.view.callback_id).toBe(viewIds.escalationRaise);
      const before = (await db().select().from(escalations)).length;
      const submission = viewSubmission(
        people.victor,
        view,
        answers({
          [inputIds.severity]: chosen('sev2'),
          [inputIds.title]: typed('Queue stuck'),
          [inputIds.activity]: typed(null),
        }),
      );
      expect((await h.slack.interaction(submission)).status).toBe(200);
      expect((await h.slack.interaction(submission)).status).toBe(200);
      await h.settle();
      const rows = await db().select().from(escalations);
      expect(rows).toHaveLength(before + 1);
      const created = rows.find((r) => r.title === 'Queue stuck');
      expect(created).toMatchObject({ severity: 'sev2', openedBy: people.victor.id });
      const empty = await h.slack.interaction({ ...submission, view: { ...submission.view, state: { values: {} } } });
      expect(empty.json).toMatchObject({ response_action: 'errors' });
      await h.ask(people.victor, `escalation cancel ESC-${created?.id} "test over"`);
    });
  });

  describe('the ladder', () => {
    let id: number;
    beforeAll(async () => {
      h.clock.set(new Date('2026-03-03T09:00:00Z'));
      id = (await raise(people.victor, 'sev1 IVR down')).id;
    });

    it('warns at 75% of the time to acknowledge', async () => {
      await advanceTo(new Date('2026-03-03T09:11:14Z'));
      expect(thread(id)).toHaveLength(0);
      await advanceTo(new Date('2026-03-03T09:11:15Z'));
      expect(thread(id).map((m) => m.text)).toEqual([
        expect.stringContaining('75% of the time to acknowledge has passed; <@U0PAT>'),
      ]);
    });

    it('climbs the chain every step, loops it `repeat` times, each level exactly once', async () => {
      const expected = [
        ['2026-03-03T09:15:00Z', 2, '<@U0VICTOR>'],
        ['2026-03-03T09:30:00Z', 3, '<@U0ALICE>'],
        ['2026-03-03T09:45:00Z', 1, '<@U0PAT>'],
        ['2026-03-03T10:00:00Z', 2, '<@U0VICTOR>'],
        ['2026-03-03T10:15:00Z', 3, '<@U0ALICE>'],
      ] as const;
      for (const [at, level, who] of expected) {
        await advanceTo(new Date(at));
        await h.settle();
        const row = await escalation(id);
        expect(row?.level, at).toBe(level);
        expect(thread(id).at(-1)?.text, at).toContain(
          `Escalating to level ${level}: ${who}. It waits for an acknowledgement from Acme Telecom (or a vendor admin)`,
        );
        expect(
          h.standIn
            .messagesIn(channel)
            .filter((m) => !m.threadTs)
            .at(-1)?.text,
          at,
        ).toBe(`:rotating_light: *ESC-${id}* escalated to level ${level} (${who}).`);
      }
      await advanceTo(new Date('2026-03-03T11:00:00Z'));
      const notified = await events(id, 'notified');
      expect(notified.map((e) => e.data.level)).toEqual([1, 2, 3, 1, 2, 3]);
      expect(notified.slice(1).map((e) => e.at.toISOString())).toEqual(
        expected.map(([at]) => new Date(at).toISOString()),
      );
      expect(thread(id).filter((m) => m.text.includes('Escalating to level'))).toHaveLength(5);
    });

    it('refuses an acknowledgement from someone the escalation is not for, and changes nothing', async () => {
      expect(await press(people.victor, id, actionIds.escalationAcknowledge)).toEqual([
        expect.stringContaining('Only the escalation’s target'),
      ]);
      expect((await escalation(id))?.status).toBe('open');
    });

    it('acknowledges from the thread once, even when Slack retries the event and the lead clicks too', async () => {
      const eventId = await replyInThread(people.pat, id, 'Ack! looking at it');
      await replyInThread(people.pat, id, 'Ack! looking at it', eventId, 1);
      const clicked = await press(people.pat, id, actionIds.escalationAcknowledge);
      expect(clicked).toEqual([
        expect.stringContaining(`ESC-${id}: It is already acknowledged. (acknowledged by <@U0PAT>)`),
      ]);
      expect(await events(id, 'acknowledged')).toHaveLength(1);
      expect(thread(id).filter((m) => m.text.startsWith(':white_check_mark: Acknowledged by <@U0PAT>'))).toHaveLength(
        1,
      );
      expect(JSON.stringify(messageOf(id)?.blocks)).toContain(
        'acknowledged by <@U0PAT> at 2026-03-03 13:00 Europe/Riga (after 2h)',
      );
      expect(thread(id).find((m) => m.text.startsWith(':white_check_mark: Acknowledged by'))?.text).toBe(
        ':white_check_mark: Acknowledged by <@U0PAT> after 2h. :warning: Late: acknowledged 1h45m after the 15m deadline (due 2026-03-03 11:15 Europe/Riga).',
      );
      expect(JSON.stringify(messageOf(id)?.blocks)).toContain(
        ':warning: late: 1h45m after the 15m deadline (due 2026-03-03 11:15 Europe/Riga)',
      );
      expect(JSON.stringify(messageOf(id)?.blocks)).not.toContain(actionIds.escalationAcknowledge);
      const pending = await db()
        .select()
        .from(jobs)
        .where(and(like(jobs.key, `esc:${id}:0:ack%`), eq(jobs.status, 'pending')));
      expect(pending).toEqual([]);
    });

    it('warns before the resolution deadline, then breaches and re-escalates', async () => {
      await advanceTo(new Date('2026-03-03T12:00:00Z'));
      expect(thread(id).at(-1)?.text).toContain('75% of the time to resolve (4h) has passed; <@U0PAT>');
      await advanceTo(new Date('2026-03-03T13:00:00Z'));
      expect(
        h.standIn
          .messagesIn(channel)
          .some(
            (m) =>
              m.text ===
              `:rotating_light: *ESC-${id}* breached its SLA: not resolved within 4h (due 2026-03-03 15:00 Europe/Riga).`,
          ),
      ).toBe(true);
      expect(await events(id, 'breached')).toHaveLength(1);
      expect(thread(id).at(-1)?.text).toContain('Not resolved within 4h. Escalating to level 2: <@U0VICTOR>');
      await advanceTo(new Date('2026-03-03T13:15:00Z'));
      expect(thread(id).at(-1)?.text).toContain('Escalating to level 3: <@U0ALICE>');
      await advanceTo(new Date('2026-03-03T14:00:00Z'));
      expect((await events(id, 'notified')).length).toBe(8);
      expect(JSON.stringify(messageOf(id)?.blocks)).toContain('SLA breached');
    });

    it('asks for a summary, refuses others, and resolves from the thread, cancelling what is left', async () => {
      await replyInThread(people.pat, id, 'resolved:');
      expect(ephemeralsTo(people.pat).at(-1)).toContain('Add what was done after the colon');
      await replyInThread(gus, id, 'resolved: not mine');
      expect(ephemeralsTo(gus).at(-1)).toContain('Accord does not know you yet');
      expect((await escalation(id))?.status).toBe('acknowledged');
      await replyInThread(people.pat, id, 'Resolved: failed over to the backup trunk');
      const row = await escalation(id);
      expect(row).toMatchObject({
        status: 'resolved',
        resolvedBy: people.pat.id,
        resolution: 'failed over to the backup trunk',
      });
      expect(JSON.stringify(messageOf(id)?.blocks)).not.toContain(actionIds.escalationResolve);
      expect(
        await db()
          .select()
          .from(jobs)
          .where(and(like(jobs.key, `esc:${id}:%`), eq(jobs.status, 'pending'))),
      ).toEqual([]);
      await replyInThread(people.pat, id, 'ack');
      expect(ephemeralsTo(people.pat).at(-1)).toContain('It is already resolved');
      expect((await events(id)).map((e) => e.kind).slice(-1)).toEqual(['resolved']);
    });

    it('shows every time of the card, its thread and its channel notices in the project’s zone (Europe/Riga), never UTC', async () => {
      const cardTs = messageOf(id)?.ts ?? '';
      const ours = h.standIn.calls.filter((c) => {
        if (c.method !== 'chat.postMessage' && c.method !== 'chat.update') return false;
        const json = JSON.stringify(c.args);
        return c.args.ts === cardTs || c.args.thread_ts === cardTs || new RegExp(`ESC-${id}\\b`).test(json);
      });
      // The card as first posted and every update of it, the thread's notices, the channel's notices.
      expect(ours.length).toBeGreaterThan(10);
      const all = ours.map((c) => JSON.stringify(c.args)).join('\n');
      expect(all).not.toContain('UTC');
      const times = [...all.matchAll(/(\d{4}-\d{2}-\d{2} \d{2}:\d{2})( [A-Za-z_]+\/[A-Za-z_]+| [A-Z]{3,})?/g)];
      expect(times.length).toBeGreaterThan(5);
      for (const [whole, , zone] of times) expect(zone, whole).toBe(' Europe/Riga');
      // Opened 09:00 UTC = 11:00 in Riga: acknowledgement due 15 minutes later, resolution 4 hours later.
      const shown = new Set(times.map(([whole]) => whole));
      for (const t of ['2026-03-03 11:00', '2026-03-03 11:15', '2026-03-03 13:00', '2026-03-03 15:00'])
        expect(shown, t).toContain(`${t} Europe/Riga`);
      expect(all).toContain('acknowledgement due 2026-03-03 11:15 Europe/Riga');
      expect(all).toContain('resolution due 2026-03-03 15:00 Europe/Riga');
      expect(all).toContain('please acknowledge by 2026-03-03 11:15 Europe/Riga before it escalates');
      expect(all).toContain('resolve it by 2026-03-03 15:00 Europe/Riga with');
    });
  });

  describe('buttons and commands', () => {
    it('resolves through the Resolve form', async () => {
      const { id } = await raise(people.victor, 'sev3 Slow exports');
      const opened = h.standIn.openedViews.length;
      expect(await press(people.pat, id, actionIds.escalationResolve)).toEqual([]);
      const view = h.standIn.openedViews[opened];
      expect(view?.view.callback_id).toBe(viewIds.escalationResolve);
      // A refusal is shown in the form that opened for it.
      expect(await press(people.victor, id, actionIds.escalationResolve)).toEqual([]);
      expect(JSON.stringify(h.standIn.openedViews.at(-1)?.view.blocks)).toContain('Only the escalation’s target');
      const submit = (summary: string) =>
        h.slack.interaction(viewSubmission(people.pat, view, answers({ [inputIds.summary]: typed(summary) })));
      expect((await submit('  ')).json).toMatchObject({ response_action: 'errors' });
      expect((await submit('Added an index')).status).toBe(200);
      await h.settle();
      expect(await escalation(id)).toMatchObject({
        status: 'resolved',
        resolution: 'Added an index',
        acknowledgedBy: people.pat.id,
      });
      expect((await events(id)).map((e) => e.kind)).toEqual(['opened', 'notified', 'acknowledged', 'resolved']);
    });

    it('escalates now to the next level for the target only, once per double click', async () => {
      const { id } = await raise(people.victor, 'sev2 Billing feed stopped');
      // A vendor member may raise it for the partner, but pulling in the partner's next level is
      // the partner's (or a vendor admin's) call.
      expect(await press(people.victor, id, actionIds.escalationEscalate)).toEqual([
        expect.stringContaining('can escalate it now'),
      ]);
      expect((await events(id, 'notified')).map((e) => e.data.level)).toEqual([1]);
      expect(await press(people.pat, id, actionIds.escalationEscalate)).toEqual([
        expect.stringContaining(`ESC-${id} escalated to level 2`),
      ]);
      expect(await press(people.pat, id, actionIds.escalationEscalate)).toEqual([
        expect.stringContaining('a moment ago'),
      ]);
      expect((await events(id, 'notified')).map((e) => e.data.level)).toEqual([1, 2]);
      const nextStep = await db()
        .select()
        .from(jobs)
        .where(and(like(jobs.key, `esc:${id}:0:ack:%`), eq(jobs.status, 'pending')));
      expect(nextStep.map((j) => [j.key, j.dueAt.getTime() - h.clock.now().getTime()])).toEqual([
        [`esc:${id}:0:ack:2`, minutes(60)],
      ]);
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('records one acknowledgement when two of the partner’s people click at the same moment', async () => {
      const { id } = await raise(people.victor, 'sev2 Both click');
      const target = messageOf(id);
      const click = (user: User) =>
        h.slack.press(user, {
          channel,
          ts: target?.ts ?? '',
          actionId: actionIds.escalationAcknowledge,
          value: String(id),
        });
      const results = await Promise.all([click(people.pat), click(people.hidden)]);
      await h.settle();
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const answers = results.flatMap((r) => h.standIn.responsesTo(r.responseUrl).map((x) => String(x.body.text)));
      expect(answers).toEqual([expect.stringContaining('It is already acknowledged.')]);
      expect(await events(id, 'acknowledged')).toHaveLength(1);
      expect(thread(id).filter((m) => m.text.startsWith(':white_check_mark: Acknowledged by'))).toHaveLength(1);
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('lists, acknowledges, resolves and cancels by command, with the same rules', async () => {
      const a = await raise(people.victor, 'sev4 Typo on the portal');
      const b = await raise(people.pat, 'sev4 Wrong invoice');
      const list = await h.ask(people.pat, 'escalation list', '/accord', channel);
      expect(list).toContain(`*ESC-${a.id}* sev4 — Typo on the portal (Acme Telecom; open`);
      expect(list).toContain(`*ESC-${b.id}* sev4 — Wrong invoice (the vendor team; open`);
      expect(await h.ask(people.pat, `escalation ack ESC-${a.id}`)).toContain(`ESC-${a.id} acknowledged after`);
      expect(await h.ask(people.pat, `escalation ack esc-${b.id}`)).toContain('Only the escalation’s target');
      expect(await h.ask(people.victor, `escalation ack ${b.id}`)).toContain(`ESC-${b.id} acknowledged`);
      expect(await h.ask(people.pat, `escalation resolve ESC-${a.id} "Fixed the copy"`)).toContain('resolved');
      expect(await h.ask(people.pat, `escalation resolve ESC-${a.id} "again"`)).toContain('It is already resolved');
      expect(await h.ask(people.pat, `escalation cancel ESC-${b.id} "sorted by phone"`)).toContain('cancelled');
      expect(await h.ask(people.pat, 'escalation cancel ESC-999999 "x"')).toContain('There is no ESC-999999');
      expect(await h.ask(people.victor, 'escalation ack ESC-twelve')).toContain('is not an escalation number');
      const all = await h.ask(people.victor, 'escalation list all project=rollout');
      expect(all).toContain(`*ESC-${a.id}* sev4 — Typo on the portal (Acme Telecom; resolved)`);
      expect(all).toContain(`*ESC-${b.id}* sev4 — Wrong invoice (the vendor team; cancelled)`);
    });

    it('drops the acknowledge hint and button once acknowledged, and an acknowledgement in time says nothing of lateness', async () => {
      const { id } = await raise(people.victor, 'sev2 Hint goes away');
      const before = JSON.stringify(messageOf(id)?.blocks);
      expect(before).toContain('Acknowledge with the button or a thread reply starting with `ack`');
      expect(before).toContain(actionIds.escalationAcknowledge);
      await advanceTo(new Date(h.clock.now().getTime() + minutes(20)));
      expect(await press(people.pat, id, actionIds.escalationAcknowledge)).toEqual([]);
      const after = JSON.stringify(messageOf(id)?.blocks);
      expect(after).toContain('acknowledged by <@U0PAT>');
      expect(after).not.toContain('Acknowledge with the button');
      expect(after).not.toMatch(/`ack`|`on it`/);
      expect(after).not.toContain(actionIds.escalationAcknowledge);
      expect(after).toContain('Resolve with the button or a thread reply `resolved: <summary>`.');
      expect(after).toContain(actionIds.escalationResolve);
      expect(after).not.toMatch(/\blate\b/i);
      expect(thread(id).at(-1)?.text).toBe(':white_check_mark: Acknowledged by <@U0PAT> after 20m.');
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('says a late acknowledgement was late, and by how much, in the thread, on the card and in the reply', async () => {
      h.clock.set(new Date('2026-03-05T07:00:00Z'));
      const { id } = await raise(people.victor, 'sev1 Late to the party');
      await advanceTo(new Date('2026-03-05T07:40:00Z'));
      expect((await escalation(id))?.level).toBe(3);
      const reply = await h.ask(people.pat, `escalation ack ESC-${id}`);
      expect(reply).toBe(
        `:white_check_mark: ESC-${id} acknowledged after 40m. :warning: Late: 25m after the 15m deadline (due 2026-03-05 09:15 Europe/Riga).`,
      );
      expect(thread(id).at(-1)?.text).toBe(
        ':white_check_mark: Acknowledged by <@U0PAT> after 40m. :warning: Late: acknowledged 25m after the 15m deadline (due 2026-03-05 09:15 Europe/Riga).',
      );
      const card = JSON.stringify(messageOf(id)?.blocks);
      expect(card).toContain(
        'acknowledged by <@U0PAT> at 2026-03-05 09:40 Europe/Riga (after 40m) · :warning: late: 25m after the 15m deadline (due 2026-03-05 09:15 Europe/Riga)',
      );
      expect(card).not.toContain('Acknowledge with the button');
      expect((await events(id, 'acknowledged')).map((e) => e.data.afterMs)).toEqual([minutes(40)]);
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('lets only the raiser and the vendor team cancel', async () => {
      const { id } = await raise(people.victor, 'sev4 Not for partners to cancel');
      expect(await h.ask(people.pat, `escalation cancel ESC-${id} "no"`)).toContain('Only the person who raised');
      expect((await escalation(id))?.status).toBe('open');
      await h.ask(people.victor, `escalation cancel ESC-${id} "done"`);
    });

    it('reads thread replies in a partner’s own language, decomposed letters included, and leaves its questions alone', async () => {
      const { id } = await raise(people.victor, 'sev4 In other words');
      const quietBefore = ephemeralsTo(people.pat).length;
      await replyInThread(people.pat, id, '收到了吗？');
      await replyInThread(people.pat, id, 'đã nhận được chưa?');
      expect((await escalation(id))?.status).toBe('open');
      expect(ephemeralsTo(people.pat)).toHaveLength(quietBefore);
      await replyInThread(people.pat, id, 'đã nhận'.normalize('NFD'));
      expect((await escalation(id))?.status).toBe('acknowledged');
      expect(thread(id).at(-1)?.text).toMatch(/^:white_check_mark: Acknowledged by <@U0PAT>/);
      await replyInThread(people.pat, id, '已解决');
      expect(ephemeralsTo(people.pat).at(-1)).toContain('Add what was done after the colon');
      await replyInThread(people.pat, id, '<@U0VICTOR> 已解决：重启了服务 &amp; 清了缓存');
      expect(await escalation(id)).toMatchObject({ status: 'resolved', resolution: '重启了服务 &amp; 清了缓存' });
    });
  });

  describe('SLA policies and business hours', () => {
    it('lets admins only set and show policies, with clear refusals', async () => {
      expect(await h.ask(people.victor, 'sla show')).toContain('Only vendor admins');
      expect(await h.ask(people.alice, 'sla set sev3 ack=0m')).toContain('is not a duration');
      expect(await h.ask(people.alice, 'sla set sev3 ack=2h resolve=1h')).toMatch(/resolve/);
      expect(await h.ask(people.alice, 'sla set sev3 levels=lead,bosses')).toContain('`bosses`');
      expect(await h.ask(people.alice, 'sla set sev7 ack=1h')).toContain('is not a severity');
      const set = await h.ask(
        people.alice,
        'sla set sev3 ack=4h resolve=3d levels=lead,<@U0VERA>,admins hours=business project=rollout',
      );
      expect(set).toContain(
        'sev3 policy for project `rollout`: ack 4h · resolve 3d · levels lead → <@U0VERA> → admins · step 4h · repeat 2 · business hours',
      );
      const shown = await h.ask(people.alice, 'sla show project=rollout');
      expect(shown).toContain('• *sev3*: ack 4h');
      expect(shown).toContain('• *sev1*: ack 15m · resolve 4h');
    });

    it('counts business hours across a weekend and a DST change', async () => {
      // Friday 2026-03-27 16:00 in Riga (UTC+2); clocks go forward on Sunday the 29th.
      h.clock.set(new Date('2026-03-27T14:00:00Z'));
      const { id } = await raise(people.victor, 'sev3 Weekly report missing');
      const first = (
        await db()
          .select()
          .from(jobs)
          .where(eq(jobs.key, `esc:${id}:0:ack:1`))
      )[0];
      // Two working hours on Friday, two on Monday: Monday 11:00 in Riga, now UTC+3.
      expect(first?.dueAt.toISOString()).toBe('2026-03-30T08:00:00.000Z');
      await advanceTo(new Date('2026-03-30T07:59:00Z'));
      expect((await escalation(id))?.level).toBe(1);
      await advanceTo(new Date('2026-03-30T08:00:00Z'));
      expect((await escalation(id))?.level).toBe(2);
      expect(thread(id).at(-1)?.text).toContain('Escalating to level 2: <@U0VERA>');
      // Half an hour of working time past Monday 11:00; the weekend between does not count.
      await advanceTo(new Date('2026-03-30T08:30:00Z'));
      expect(await h.ask(people.pat, `escalation ack ESC-${id}`)).toContain(
        ':warning: Late: 30m of business hours after the 4h (business hours) deadline (due 2026-03-30 11:00 Europe/Riga).',
      );
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });
  });

  describe('the monthly quota', () => {
    it('opens a sev1 past the quota as sev2 with an Upgrade button that only admins may use', async () => {
      h.clock.set(new Date('2026-04-10T09:00:00Z'));
      expect(await h.ask(people.victor, 'sla quota sev1=1 project=rollout')).toContain('Only vendor admins');
      expect(await h.ask(people.alice, 'sla quota sev1=1 project=rollout')).toContain(
        'may open 1 sev1 escalation a month',
      );
      const first = await raise(people.victor, 'sev1 First mountain');
      expect(first.reply).toContain('raised for');
      expect((await escalation(first.id))?.severity).toBe('sev1');
      const second = await raise(people.victor, 'sev1 Second mountain');
      expect(second.reply).toContain('opened as sev2');
      expect(await escalation(second.id)).toMatchObject({ severity: 'sev2', requestedSeverity: 'sev1' });
      expect(thread(second.id).at(-1)?.text).toContain('was opened as sev2');
      expect(JSON.stringify(messageOf(second.id)?.blocks)).toContain(actionIds.escalationUpgrade);
      expect(await press(people.victor, second.id, actionIds.escalationUpgrade)).toEqual([
        expect.stringContaining('Only vendor admins'),
      ]);
      expect(await press(people.alice, second.id, actionIds.escalationUpgrade)).toEqual([
        expect.stringContaining('upgraded'),
      ]);
      const upgraded = await escalation(second.id);
      expect(upgraded).toMatchObject({ severity: 'sev1', requestedSeverity: null, generation: 1 });
      const timers = await db()
        .select()
        .from(jobs)
        .where(and(like(jobs.key, `esc:${second.id}:1:%`), eq(jobs.status, 'pending')));
      expect(timers.find((j) => j.key.endsWith(':ack:1'))?.dueAt.toISOString()).toBe('2026-04-10T09:15:00.000Z');
      expect(
        await db()
          .select()
          .from(jobs)
          .where(and(like(jobs.key, `esc:${second.id}:0:%`), eq(jobs.status, 'pending'))),
      ).toEqual([]);
      // Next month the quota starts again.
      h.clock.set(new Date('2026-05-01T09:00:00Z'));
      const may = await raise(people.victor, 'sev1 New month');
      expect((await escalation(may.id))?.severity).toBe('sev1');
      for (const e of [first, second, may]) await h.ask(people.victor, `escalation cancel ESC-${e.id} "test over"`);
    });
  });

  it('re-targets a leaving partner’s open escalations to the handover partner', async () => {
    await h.ask(people.alice, 'partner add beta "Beta Services"');
    await h.ask(people.alice, 'partner member add beta <@U0VERA> lead confirm');
    await h.ask(people.victor, 'project create beta-pilot "Beta pilot" partners=beta,acme');
    const pilot = (await db().select().from(projects).where(eq(projects.slug, 'beta-pilot')))[0]?.channelId ?? '';
    const reply = await h.ask(people.victor, 'sev2 Beta line down', '/escalate', pilot);
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    expect(reply).toContain('raised for Beta Services');
    const risk = await h.ask(people.vera, 'risk add "Beta staff turnover" category=personnel', '/accord', pilot);
    const riskId = Number(/R-(\d+)/.exec(risk)?.[1]);
    const exit = await h.ask(people.alice, 'partner exit beta reason="merged" handover=acme');
    expect(exit).toContain(`Its open escalations ESC-${id} now target Acme Telecom.`);
    expect(exit).toContain(`Its open risks R-${riskId} are now owned by Acme Telecom.`);
    const [moved] = await db().select().from(risks).where(eq(risks.id, riskId));
    expect(moved?.ownerUserId).toBe(people.pat.id);
    const acme = (await db().select().from(escalations).where(eq(escalations.id, id)))[0];
    expect(acme?.status).toBe('open');
    expect((await events(id, 'handed_over')).map((e) => e.data)).toEqual([{ from: 'beta', to: 'acme' }]);
    expect(
      h.standIn.messagesIn(pilot).some((m) => m.threadTs && m.text.includes(`ESC-${id} now targets Acme Telecom`)),
    ).toBe(true);
    expect(await h.ask(people.pat, `escalation ack ESC-${id}`)).toContain('acknowledged');
  });

  it('starts from the pinned clock', () => {
    expect(PINNED_START.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });
});
