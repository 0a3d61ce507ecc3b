import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationEvents, escalations, risks } from '../../src/db/schema';
import { OUTBOX_NOTE_KEY } from '../../src/outbound/outbox';
import { actionIds, inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { PARTNER_TEAM, people } from '../../src/testkit/world';
import { answers, chosen, typed, viewSubmission } from '../../src/testkit/forms';
import { givenProject } from '../../src/testkit/given';

type User = { id: string; teamId: string };
const BOT = '<@U0ACCORD>';

/**
 * `@Accord <command>` and thread replies as a partner member in another Slack organisation gives
 * them: pat is of PARTNER_TEAM, the team acme is registered with, and nothing here is a slash
 * command of theirs.
 */
describe.each(drivers)('mentions and thread replies from another organisation (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const db = () => h.accord.database.db;

  interface MentionOptions {
    where?: string;
    threadTs?: string;
    eventId?: string;
    retryNum?: number;
  }

  /** Pat (or anyone) posts `text` and Slack delivers it to Accord as an app_mention. */
  const mention = async (user: User, text: string, o: MentionOptions = {}) => {
    const where = o.where ?? channel;
    const message = h.standIn.postAsUser(user.id, where, text, o.threadTs);
    const event = {
      type: 'app_mention',
      channel: where,
      user: user.id,
      text,
      ts: message.ts,
      event_ts: message.ts,
      user_team: user.teamId,
      ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    };
    const res = await h.slack.event(event, { eventId: o.eventId, retryNum: o.retryNum });
    expect(res.status).toBe(200);
    await h.settle();
    return { event, eventId: res.eventId, ts: message.ts };
  };
  /** What `mention` made Accord show the user privately, in order. */
  const answersTo = async (user: User, text: string, o: MentionOptions = {}) => {
    const before = h.standIn.ephemerals.length;
    await mention(user, text, o);
    return h.standIn.ephemerals.slice(before).filter((e) => e.user === user.id);
  };
  const answerTo = async (user: User, text: string, o: MentionOptions = {}) => {
    const answers = await answersTo(user, text, o);
    expect(answers).toHaveLength(1);
    return answers[0]?.text ?? '';
  };
  const escalationCount = async () => (await db().select().from(escalations)).length;
  const cardOf = (id: number) =>
    h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
  const eventsOf = async (id: number, kind: string) =>
    (await db().select().from(escalationEvents).where(eq(escalationEvents.escalationId, id))).filter(
      (e) => e.kind === kind,
    );
  const raiseForAcme = async (title: string) => {
    const reply = await h.ask(people.victor, `sev3 ${title}`, '/escalate', channel);
    return Number(/ESC-(\d+)/.exec(reply)?.[1]);
  };
  /** A reply in the escalation's thread with "Also send to #channel" ticked. */
  const broadcastReply = async (user: User, id: number, text: string) => {
    const parent = cardOf(id);
    const posted = h.slack.postedMessageEvent(user, channel, text, parent?.ts);
    const event = {
      ...posted,
      subtype: 'thread_broadcast',
      root: {
        type: 'message',
        user: 'U0ACCORD',
        text: parent?.text,
        ts: parent?.ts,
        thread_ts: parent?.ts,
        reply_count: 1,
        reply_users_count: 1,
        latest_reply: posted.ts,
        reply_users: [user.id],
      },
    };
    const res = await h.slack.event(event);
    expect(res.status).toBe(200);
    await h.settle();
    return { event, eventId: res.eventId };
  };

  beforeAll(async () => {
    h = await startHarness({ driver });
    await h.ask(people.alice, `partner add acme "Acme Telecom" team=${PARTNER_TEAM}`);
    await h.ask(people.alice, 'partner member add acme <@U0PAT> lead');
    await h.ask(people.alice, 'partner add globex "Globex"');
    channel = (await givenProject(h, { options: 'tz=UTC', accept: [people.pat] })).channelId;
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('commands by mention', () => {
    it('answers `@Accord help` privately, with every command in the form a partner can type', async () => {
      const answer = await answerTo(people.pat, `${BOT} help`);
      expect(answer).toContain('`@Accord help [topic]`');
      expect(answer).toContain('`@Accord escalate sev1|sev2|sev3|sev4 <what happened>');
      expect(answer).not.toContain('`/accord');
      const call = h.standIn.callsTo('chat.postEphemeral').at(-1);
      expect(call?.args).toMatchObject({ channel, user: people.pat.id });
      expect(call?.args.thread_ts).toBeUndefined();
      // The stand-in message for a refusal stays in Accord's outbox; Slack never sees it.
      expect(call?.args).not.toHaveProperty(OUTBOX_NOTE_KEY);
    });

    it('raises an escalation: `@Accord escalate …` is `/escalate …`, targeted at the vendor', async () => {
      const before = await escalationCount();
      const answer = await answerTo(people.pat, `${BOT} escalate sev2 Orders failing`);
      expect(answer).toMatch(/^:rotating_light: \*ESC-\d+\* raised for the vendor team/);
      const id = Number(/ESC-(\d+)/.exec(answer)?.[1]);
      expect(await escalationCount()).toBe(before + 1);
      const row = (await db().select().from(escalations).where(eq(escalations.id, id)))[0];
      expect(row).toMatchObject({
        severity: 'sev2',
        title: 'Orders failing',
        openedBy: people.pat.id,
        targetPartnerId: null,
      });
      expect(cardOf(id)?.text).toBe(`ESC-${id} sev2: Orders failing — open`);
      await h.ask(people.victor, `escalation cancel ESC-${id} "test over"`);
    });

    it('finds the mention anywhere in the message, in either form Slack writes it', async () => {
      expect(await answerTo(people.pat, `whoami <@U0ACCORD|accord>`)).toBe('<@U0PAT>: member of Acme Telecom (lead).');
      expect(await answerTo(people.pat, `risk   list ${BOT}\n`)).toContain('`rollout`');
    });

    it('shows a partner member their own score and statement, and refuses another partner’s', async () => {
      const score = await answerTo(people.pat, `${BOT} score`);
      expect(score).toContain('Acme Telecom');
      expect(score).not.toContain('Globex');
      expect(await answerTo(people.pat, `${BOT} score globex`)).toBe(
        ':no_entry: Partner members can see their own partner’s score and statement only.',
      );
      expect(await answerTo(people.pat, `${BOT} statement 2026-11`)).toBe(
        'There is no statement of `acme` for 2026-11 yet.',
      );
      expect(await answerTo(people.pat, `${BOT} statement 2026-11 globex`)).toBe(
        ':no_entry: Partner members can see their own partner’s score and statement only.',
      );
    });

    it('adds a risk to the project of the channel', async () => {
      const answer = await answerTo(people.pat, `${BOT} risk add "Carrier contract ends in May" likelihood=3 impact=4`);
      const id = Number(/R-(\d+)/.exec(answer)?.[1]);
      expect(answer).toContain(`R-${id}`);
      const row = (await db().select().from(risks).where(eq(risks.id, id)))[0];
      expect(row).toMatchObject({ title: 'Carrier contract ends in May', likelihood: 3, impact: 4 });
    });

    it('keeps the permissions of the command: a vendor admin’s command is refused to a partner member', async () => {
      expect(await answerTo(people.pat, `${BOT} partner list`)).toMatch(/^:no_entry: /);
    });

    it('answers a typo with the usage in the @Accord form, and changes nothing', async () => {
      const before = await escalationCount();
      const answer = await answerTo(people.pat, `${BOT} escalate sev9 Broken`);
      expect(answer).toContain('Start with the severity');
      expect(answer).toContain('Usage: `@Accord escalate sev1|sev2|sev3|sev4');
      expect(await escalationCount()).toBe(before);
    });

    it('answers in the thread the mention was made in', async () => {
      const parent = h.standIn.postAsUser(people.victor.id, channel, 'Planning the cut-over');
      await answerTo(people.pat, `${BOT} help checkins`, { threadTs: parent.ts });
      expect(h.standIn.callsTo('chat.postEphemeral').at(-1)?.args).toMatchObject({
        channel,
        user: people.pat.id,
        thread_ts: parent.ts,
      });
    });
  });

  describe('when Slack will not show the asker an ephemeral', () => {
    const threadOf = (ts: string) => h.standIn.messagesIn(channel).filter((m) => m.threadTs === ts);

    it('posts a help or usage answer in the mention’s thread, mentioning the asker', async () => {
      h.standIn.inject('chat.postEphemeral', { error: 'user_not_in_channel' });
      const { ts } = await mention(people.pat, `${BOT} help escalations`);
      const replies = threadOf(ts);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toMatch(/^<@U0PAT> \*Escalations and SLA policies\*/);
      expect(replies[0]?.text).toContain('`@Accord escalate');
    });

    it('never posts a private answer visibly: a score is withheld, and the asker is told why', async () => {
      h.standIn.inject('chat.postEphemeral', { error: 'user_not_in_channel' });
      const { ts } = await mention(people.pat, `${BOT} score`);
      const replies = threadOf(ts);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toBe(
        '<@U0PAT> Slack would not let me show you my answer privately in this channel, and it is meant for you alone, so I am not posting it here. Ask me again in a channel you are a member of.',
      );
      expect(JSON.stringify(h.standIn.messagesIn(channel))).not.toMatch(/Coefficient|Score:/);
    });

    it('posts nothing visibly when Slack refuses the ephemeral for another reason', async () => {
      h.standIn.inject('chat.postEphemeral', { error: 'msg_too_long' });
      const { ts } = await mention(people.pat, `${BOT} help`);
      expect(h.standIn.callsTo('chat.postEphemeral').at(-1)).toMatchObject({
        args: { channel, user: people.pat.id },
        response: { ok: false, error: 'msg_too_long' },
      });
      expect(threadOf(ts)).toHaveLength(0);
    });
  });

  describe('once per message', () => {
    it('runs a mention once when Slack retries it, sends it as a message too, and re-sends it for an edit', async () => {
      const before = await escalationCount();
      const ephemerals = h.standIn.ephemerals.length;
      const { event, eventId } = await mention(people.pat, `${BOT} escalate sev3 Reports are late`);
      expect(await escalationCount()).toBe(before + 1);
      const retries = await Promise.all([1, 2].map((retryNum) => h.slack.event(event, { eventId, retryNum })));
      expect(retries.map((r) => r.status)).toEqual([200, 200]);
      // The same message as the channel's message event, and the app_mention Slack sends again
      // when it is edited (a new event id, the same ts).
      expect((await h.slack.event({ ...event, type: 'message', channel_type: 'channel' })).status).toBe(200);
      const edited = `${BOT} escalate sev3 Reports are very late`;
      expect(
        (
          await h.slack.event({
            ...event,
            text: edited,
            edited: { user: people.pat.id, ts: String(Number(event.ts) + 30) },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await h.slack.event({
            type: 'message',
            subtype: 'message_changed',
            channel,
            message: { ...event, type: 'message', text: edited },
            previous_message: event,
            ts: event.ts,
            event_ts: event.ts,
          })
        ).status,
      ).toBe(200);
      await h.settle();
      expect(await escalationCount()).toBe(before + 1);
      expect(h.standIn.ephemerals.slice(ephemerals).filter((e) => e.user === people.pat.id)).toHaveLength(1);
    });

    it('runs an edit that adds the mention soon after, but not one made long after the message was posted', async () => {
      const before = await escalationCount();
      const editOf = (hoursLater: number) => {
        const message = h.standIn.postAsUser(people.pat.id, channel, 'Reports are late');
        const text = `${BOT} escalate sev3 Reports are late`;
        return {
          type: 'app_mention',
          channel,
          user: people.pat.id,
          text,
          ts: message.ts,
          event_ts: message.ts,
          user_team: PARTNER_TEAM,
          edited: { user: people.pat.id, ts: String(Number(message.ts) + hoursLater * 3600) },
        };
      };
      expect((await h.slack.event(editOf(2))).status).toBe(200);
      await h.settle();
      expect(await escalationCount()).toBe(before);
      expect((await h.slack.event(editOf(0.1))).status).toBe(200);
      await h.settle();
      expect(await escalationCount()).toBe(before + 1);
    });
  });

  describe('the escalation form', () => {
    it('answers `@Accord escalate` alone with a button that opens the form, and the form raises it', async () => {
      const [offer] = await answersTo(people.pat, `${BOT} escalate`);
      expect(offer?.text).toContain('`@Accord escalate sev2 <what happened>`');
      const button = JSON.stringify(offer?.blocks);
      expect(button).toContain(actionIds.escalationOpenForm);
      expect(button).toContain('Raise escalation');
      const opened = h.standIn.openedViews.length;
      const res = await h.slack.press(people.pat, {
        channel,
        ts: String(Date.now() / 1000),
        actionId: actionIds.escalationOpenForm,
        value: channel,
      });
      expect(res.status).toBe(200);
      await h.settle();
      const view = h.standIn.openedViews[opened];
      expect(view?.view).toMatchObject({ callback_id: viewIds.escalationRaise, private_metadata: channel });
      const before = await escalationCount();
      const submission = viewSubmission(
        people.pat,
        view,
        answers({
          [inputIds.severity]: chosen('sev3'),
          [inputIds.title]: typed('Invoices missing'),
          [inputIds.activity]: typed(null),
        }),
        PARTNER_TEAM,
      );
      expect((await h.slack.interaction(submission)).status).toBe(200);
      await h.settle();
      expect(await escalationCount()).toBe(before + 1);
      expect((await db().select().from(escalations).where(eq(escalations.title, 'Invoices missing')))[0]).toMatchObject(
        { openedBy: people.pat.id, severity: 'sev3' },
      );
    });
  });

  describe('thread replies', () => {
    it('acknowledges and resolves by a reply also sent to the channel (thread_broadcast), once each', async () => {
      const id = await raiseForAcme('Broadcast test');
      const ack = await broadcastReply(people.pat, id, 'on it');
      const row = async () => (await db().select().from(escalations).where(eq(escalations.id, id)))[0];
      expect(await row()).toMatchObject({ status: 'acknowledged', acknowledgedBy: people.pat.id });
      expect((await h.slack.event(ack.event, { eventId: ack.eventId, retryNum: 1 })).status).toBe(200);
      await h.settle();
      expect(await eventsOf(id, 'acknowledged')).toHaveLength(1);
      await broadcastReply(people.pat, id, 'resolved: restarted the report job');
      expect(await row()).toMatchObject({
        status: 'resolved',
        resolvedBy: people.pat.id,
        resolution: 'restarted the report job',
      });
      expect(await eventsOf(id, 'resolved')).toHaveLength(1);
    });

    it('acts once on `@Accord on it` in an escalation’s thread, delivered as a message and as a mention', async () => {
      const id = await raiseForAcme('Mention in thread');
      const parentTs = cardOf(id)?.ts ?? '';
      const text = `${BOT} on it`;
      const message = h.standIn.postAsUser(people.pat.id, channel, text, parentTs);
      const common = {
        channel,
        user: people.pat.id,
        text,
        ts: message.ts,
        event_ts: message.ts,
        thread_ts: parentTs,
        user_team: PARTNER_TEAM,
      };
      expect((await h.slack.event({ type: 'app_mention', ...common })).status).toBe(200);
      await h.settle();
      expect((await db().select().from(escalations).where(eq(escalations.id, id)))[0]).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: people.pat.id,
      });
      expect((await h.slack.event({ type: 'message', channel_type: 'channel', ...common })).status).toBe(200);
      await h.settle();
      expect(await eventsOf(id, 'acknowledged')).toHaveLength(1);
    });
  });
});
