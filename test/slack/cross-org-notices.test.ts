import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, projects, slackOutbox } from '../../src/db/schema';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import { inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { PARTNER_TEAM, people, VENDOR_TEAM } from '../../src/testkit/world';
import { answers, chosen, typed } from '../../src/testkit/forms';

/**
 * Notices meant for one person (certificate reminders, approved statements, failure reports,
 * level notifications) reach partner people who live in their own Slack organisation, where a DM
 * from Accord is refused: in their project channel, as an ephemeral when the notice is private,
 * and never where another partner can read it. Partner people act here only through what Slack
 * delivers from another organisation (a form submission), never a slash command.
 */

const GLOBEX_TEAM = 'T0GLOBEX';
const UMBRELLA_TEAM = 'T0UMB';
const gil = { id: 'U0GIL', teamId: GLOBEX_TEAM, name: 'gil' }; // Globex's lead, in Globex's own Slack
const uma = { id: 'U0UMA', teamId: UMBRELLA_TEAM, name: 'uma' }; // Umbrella's lead, Umbrella has no project
const quinn = { id: 'U0QUINN', teamId: VENDOR_TEAM, name: 'quinn' }; // Initech's lead, in the vendor's workspace
const INTRO =
  ':envelope_with_arrow: Slack would not let me send you this as a direct message, so here it is, visible only to you:';

describe.each(drivers)('notices to partner people across organisations (%s)', (driver) => {
  let h: Harness;
  let shared = ''; // project with Acme and Globex
  let solo = ''; // project with Acme only
  const db = () => h.accord.database.db;
  const dmOf = (user: DriverUser) => h.standIn.messagesIn(`D${user.id.slice(1)}`);
  const channelOf = async (slug: string) =>
    (await db().select().from(projects).where(eq(projects.slug, slug)))[0]?.channelId ?? '';
  /** Everything a person could read in a channel: its messages, and the ephemerals shown to them. */
  const readableBy = (user: DriverUser, channel: string) => [
    ...h.standIn.messagesIn(channel).map((m) => m.text),
    ...h.standIn.ephemerals.filter((e) => e.channel === channel && e.user === user.id).map((e) => e.text),
  ];
  const ephemeralsTo = (user: DriverUser) => h.standIn.ephemerals.filter((e) => e.user === user.id);
  const dmAttempts = (user: DriverUser) =>
    h.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === user.id);
  const reroutes = async (lane: string) =>
    (await db().select().from(auditEvents).where(eq(auditEvents.action, 'slack_message.rerouted'))).filter(
      (a) => a.data.lane === lane,
    );
  const outboxRow = async (id: string | undefined) =>
    (
      await db()
        .select()
        .from(slackOutbox)
        .where(eq(slackOutbox.id, Number(id)))
    )[0];
  const advanceTo = async (at: string) => {
    h.clock.set(new Date(at));
    await h.settle();
    await h.settle();
  };
  /** The escalation form as Slack submits it for a partner member of another organisation. */
  const submitRaiseForm = async (user: DriverUser, channel: string, title: string) => {
    const res = await h.slack.interaction({
      type: 'view_submission',
      team: { id: VENDOR_TEAM },
      user: { id: user.id, team_id: user.teamId },
      view: {
        id: `V0${title.length}${user.id}`,
        type: 'modal',
        callback_id: viewIds.escalationRaise,
        private_metadata: channel,
        state: {
          values: {
            ...answers({
              [inputIds.severity]: chosen('sev3'),
              [inputIds.title]: typed(title),
              [inputIds.activity]: typed(null),
            }),
          },
        },
      },
    });
    expect(res.status).toBe(200);
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({
      driver,
      beforeStart(s) {
        for (const u of [gil, uma, quinn]) s.addUser(u);
      },
    });
    await h.ask(people.alice, `partner add acme "Acme Telecom" team=${PARTNER_TEAM}`);
    await h.ask(people.alice, 'partner member add acme <@U0PAT> lead');
    await h.ask(people.alice, `partner add globex "Globex Corp" team=${GLOBEX_TEAM}`);
    await h.ask(people.alice, 'partner member add globex <@U0GIL> lead');
    await h.ask(people.alice, `partner add umbrella "Umbrella" team=${UMBRELLA_TEAM}`);
    await h.ask(people.alice, 'partner member add umbrella <@U0UMA> lead');
    await h.ask(people.alice, 'partner add initech "Initech"');
    await h.ask(people.alice, 'partner member add initech <@U0QUINN> lead confirm');
    await h.ask(people.victor, 'project create shared "Shared rollout" partners=acme,globex tz=UTC');
    await h.ask(people.victor, 'project create solo "Acme only" partners=acme tz=UTC');
    shared = await channelOf('shared');
    solo = await channelOf('solo');
    // The partner people have accepted their Slack Connect invitations.
    for (const [channel, users] of [
      [shared, [people.pat, gil]],
      [solo, [people.pat]],
    ] as const) {
      for (const u of users) h.standIn.channels.get(channel)?.members.add(u.id);
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('certificate reminders (for the partner and the vendor to read)', () => {
    beforeAll(async () => {
      for (const slug of ['acme', 'globex', 'umbrella'])
        expect(await h.ask(people.alice, `partner cert ${slug} "ISO 27001 ${slug}" expires=2026-04-30`)).toContain(
          'I will remind its leads and you',
        );
      await advanceTo('2026-03-31T09:00:00Z');
    });

    it('tries the DM first; Slack refuses it for a person of another organisation, and it is re-routed exactly once', async () => {
      const tried = dmAttempts(people.pat).filter((c) => String(c.args.text).includes('ISO 27001 acme'));
      expect(tried.map((c) => c.response)).toEqual([{ ok: false, error: 'channel_not_found' }]);
      expect(dmOf(people.pat)).toEqual([]);
      const rows = await reroutes(`dm:${people.pat.id}`);
      expect(rows).toHaveLength(1);
      expect(await outboxRow(rows[0]?.entityId)).toMatchObject({
        status: 'failed',
        lastError: 'channel_not_found (re-routed)',
        reportTo: people.alice.id,
      });
      await h.settle();
      expect(await reroutes(`dm:${people.pat.id}`)).toHaveLength(1);
    });

    it('reaches an Acme lead as a lasting mention in the project only Acme is in, not in the one shared with Globex', async () => {
      const inSolo = h.standIn.messagesIn(solo).filter((m) => m.text.includes('ISO 27001 acme'));
      expect(inSolo.map((m) => m.text)).toEqual([
        ':envelope_with_arrow: <@U0PAT>, Slack would not let me send you this as a direct message:\n:hourglass: Acme Telecom’s certification “ISO 27001 acme” expires on 2026-04-30 (in 30 days). Renew it, then record the new one with `/accord partner cert acme "…" expires=YYYY-MM-DD`.',
      ]);
      expect(readableBy(gil, shared).filter((t) => t.includes('ISO 27001 acme'))).toEqual([]);
      expect(ephemeralsTo(gil).filter((e) => e.text.includes('ISO 27001 acme'))).toEqual([]);
    });

    it('reaches Globex’s lead, whose only project is shared with Acme, as an ephemeral nobody else sees', async () => {
      expect(ephemeralsTo(gil).filter((e) => e.text.includes('ISO 27001 globex'))).toEqual([
        {
          channel: shared,
          user: gil.id,
          text: `${INTRO}\n:hourglass: Globex Corp’s certification “ISO 27001 globex” expires on 2026-04-30 (in 30 days). Renew it, then record the new one with \`/accord partner cert globex "…" expires=YYYY-MM-DD\`.`,
        },
      ]);
      expect(
        h.standIn.messages.filter((m) => m.text.includes('ISO 27001 globex') && !m.channel.startsWith('D')),
      ).toEqual([]);
      expect(readableBy(people.pat, shared).filter((t) => t.includes('ISO 27001 globex'))).toEqual([]);
    });

    it('still DMs the admin who recorded them, and asks her to pass on the one with no place to go', async () => {
      const toAlice = dmOf(people.alice).map((m) => m.text);
      for (const slug of ['acme', 'globex', 'umbrella'])
        expect(toAlice.filter((t) => t.startsWith(`:hourglass: `) && t.includes(`ISO 27001 ${slug}`))).toHaveLength(1);
      // Umbrella is in no project, so its lead has no channel: Alice is told, nothing is dropped.
      expect(toAlice.filter((t) => t.includes('<@U0UMA>'))).toEqual([
        ':warning: I could not reach <@U0UMA> by direct message (Slack answered `channel_not_found`), and there is no project channel of theirs I could use instead. Please pass this on to them:\n> :hourglass: Umbrella’s certification “ISO 27001 umbrella” expires on 2026-04-30 (in 30 days). Renew it, then record the new one with `/accord partner cert umbrella "…" expires=YYYY-MM-DD`.',
      ]);
      expect(toAlice.filter((t) => t.includes('<@U0PAT>') || t.includes('<@U0GIL>'))).toEqual([]);
    });
  });

  describe('approved statements (private to the partner)', () => {
    beforeAll(async () => {
      await advanceTo('2026-04-01T10:00:00Z');
      for (const slug of ['acme', 'globex', 'initech'])
        await h.ask(people.alice, `contract set ${slug} monthly fee=100 currency=USD`);
      expect(await h.ask(people.alice, 'settle 2026-03')).toContain('2026-03');
      expect(await h.ask(people.alice, 'settle approve 2026-03 acme globex initech')).toContain(
        ':lock: Approved 3 statements for 2026-03',
      );
    });

    const approved =
      'Your statement for 2026-03 is approved: USD 100.00 to be paid. `/accord statement 2026-03` (from another organisation: `@Accord statement 2026-03` in your project channel) shows how it was reached.';

    it('reaches each external lead only as an ephemeral in one of their partner’s projects', async () => {
      expect(dmOf(people.pat)).toEqual([]);
      expect(dmOf(gil)).toEqual([]);
      expect(ephemeralsTo(people.pat).filter((e) => e.text.includes('statement for 2026-03'))).toEqual([
        { channel: solo, user: people.pat.id, text: `${INTRO}\n${approved}` },
      ]);
      expect(ephemeralsTo(gil).filter((e) => e.text.includes('statement for 2026-03'))).toEqual([
        { channel: shared, user: gil.id, text: `${INTRO}\n${approved}` },
      ]);
      // Never a channel message: the amount is for the partner's eyes.
      expect(h.standIn.messages.filter((m) => m.text.includes('USD 100.00 to be paid'))).toEqual([
        expect.objectContaining({ channel: 'D0QUINN' }),
      ]);
    });

    it('is a DM for a lead in the vendor’s own workspace', () => {
      expect(dmOf(quinn).map((m) => m.text)).toEqual([approved]);
      expect(ephemeralsTo(quinn)).toEqual([]);
    });
  });

  describe('failure reports (private to the person who acted)', () => {
    it('reach a partner member whose post Slack refused, in another of their projects', async () => {
      h.standIn.inject('chat.postMessage', { error: 'not_in_channel' });
      await submitRaiseForm(people.pat, shared, 'Orders failing');
      expect(dmOf(people.pat)).toEqual([]);
      const report = ephemeralsTo(people.pat).filter((e) => e.text.includes('I could not post'));
      expect(report).toEqual([
        {
          channel: solo,
          user: people.pat.id,
          text: `${INTRO}\nI could not post in <#${shared}> because I am not a member. Type \`/invite @Accord\` there and I will use it from then on.`,
        },
      ]);
      expect(h.standIn.messages.filter((m) => m.text.includes('I could not post'))).toEqual([]);
      expect(ephemeralsTo(gil).filter((e) => e.text.includes('I could not post'))).toEqual([]);
    });

    it('go to the project’s owner when the person has nowhere else to read them', async () => {
      h.standIn.inject('chat.postMessage', { error: 'not_in_channel' });
      await submitRaiseForm(gil, shared, 'Invoices stuck');
      expect(ephemeralsTo(gil).filter((e) => e.text.includes('I could not post'))).toEqual([]);
      expect(dmOf(people.victor).map((m) => m.text)).toEqual([
        `:warning: I could not reach <@U0GIL> by direct message (Slack answered \`channel_not_found\`), and there is no project channel of theirs I could use instead. Please pass this on to them:\n> I could not post in <#${shared}> because I am not a member. Type \`/invite @Accord\` there and I will use it from then on.`,
      ]);
      expect(
        readableBy(people.pat, solo)
          .concat(readableBy(people.pat, shared))
          .filter((t) => t.includes('U0GIL')),
      ).toEqual([]);
    });
  });

  describe('level notifications', () => {
    it('mention an external lead in the escalation’s own channel and thread, never by DM', async () => {
      const before = dmAttempts(people.pat).length;
      const reply = await h.ask(people.victor, 'sev2 Calls drop', '/escalate', solo);
      const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
      const parent = h.standIn.messagesIn(solo).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
      expect(JSON.stringify(parent?.blocks)).toContain('level 1: <@U0PAT>');
      await advanceTo(new Date(h.clock.now().getTime() + 45 * 60_000).toISOString());
      const thread = h.standIn.messagesIn(solo).filter((m) => m.threadTs === parent?.ts);
      expect(thread.map((m) => m.text)).toEqual([
        expect.stringContaining('75% of the time to acknowledge has passed; <@U0PAT>, please acknowledge'),
      ]);
      expect(dmAttempts(people.pat)).toHaveLength(before);
      expect(readableBy(gil, shared).filter((t) => t.includes(`ESC-${id}`))).toEqual([]);
      const outbox = await db().select().from(slackOutbox).where(like(slackOutbox.lane, 'dm:U0PAT%'));
      expect(outbox.filter((r) => String(r.payload.text).includes(`ESC-${id}`))).toEqual([]);
    });
  });
});
