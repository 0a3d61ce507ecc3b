import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admins,
  auditEvents,
  changeRequests,
  escalations,
  partnerMemberDepartures,
  partnerMembers,
  partners,
  projectPartners,
  projects,
  raciActivities,
  slackOutbox,
} from '../../src/db/schema';
import { permissionRules, type PermissionAction } from '../../src/services/permissions';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import { inMentionForm } from '../../src/messages/mention-replies';
import { actionIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, people, quinn, VENDOR_TEAM } from '../../src/testkit/world';

// People of the vendor's own workspace who are not vendor members (issue 14, item 1):
const rita = { id: 'U0RITA', teamId: VENDOR_TEAM, name: 'rita' }; // added to globex by hand, then removed
const eddie = { id: 'U0EDDIE', teamId: VENDOR_TEAM, name: 'eddie' }; // added to hooli by hand, then hooli exited
const rhea = { id: 'U0RHEA', teamId: VENDOR_TEAM, name: 'rhea', guest: 'restricted' as const }; // a multi-channel guest in Slack
const uma = { id: 'U0UMA', teamId: VENDOR_TEAM, name: 'uma', guest: 'ultra-restricted' as const }; // a single-channel guest in Slack
// ... and one who is again: removed from globex, then reinstated by a vendor admin.
const rene = { id: 'U0RENE', teamId: VENDOR_TEAM, name: 'rene' };
// Not actors: the people the matrix's own `partner member remove`, `vendor reinstate` and `partner exit` rows act on.
const fern = { id: 'U0FERN', teamId: VENDOR_TEAM, name: 'fern' };
const ivan = { id: 'U0IVAN', teamId: VENDOR_TEAM, name: 'ivan' };

const actors = ['alice', 'victor', 'pat', 'quinn', 'gus', 'rita', 'eddie', 'rhea', 'uma', 'rene'] as const;
type Who = (typeof actors)[number];
const users: Record<Who, DriverUser> = {
  alice: people.alice,
  victor: people.victor,
  pat: people.pat,
  quinn,
  gus,
  rita,
  eddie,
  rhea,
  uma,
  rene,
};

/** What each actor must not read about in a refusal: any partner's slug and name but their own, even a former one. */
const mustNotLeak: Partial<Record<Who, RegExp>> = {
  pat: /globex/i,
  quinn: /acme/i,
  rita: /globex|acme/i,
  eddie: /hooli|acme|globex/i,
  rhea: /acme|globex/i,
  uma: /acme|globex/i,
  gus: /acme|globex/i,
};

/** What a guest reads after the refusal itself: why Accord does not know them, and what to do. */
const LEFT_PARTNER =
  ' You are no longer a partner member, and Accord makes a former partner member a vendor member again only when a vendor admin says so: ask one to run `/accord vendor reinstate` for you.';
const SLACK_GUEST =
  " Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member: ask a vendor admin to add you to your partner.";
const guestSuffix: Partial<Record<Who, string>> = {
  gus: ' Accord does not know you yet: ask a vendor admin to add you to your partner.',
  rita: LEFT_PARTNER,
  eddie: LEFT_PARTNER,
  rhea: SLACK_GUEST,
  uma: SLACK_GUEST,
};

type Cell =
  | { kind: 'allowed'; has: string[]; lacks: string[] }
  | { kind: 'refused'; rule: PermissionAction }
  | { kind: 'hidden'; slug: string };

const ok = (...has: string[]): Cell => ({ kind: 'allowed', has, lacks: [] });
const okWithout = (has: string[], lacks: string[]): Cell => ({ kind: 'allowed', has, lacks });
const refused = (rule: PermissionAction): Cell => ({ kind: 'refused', rule });
const hidden = (slug: string): Cell => ({ kind: 'hidden', slug });

interface Row extends Record<Who, Cell> {
  /** The command text; a function where each attempt needs its own slug or activity. */
  command: string | ((who: string) => string);
  /** Whether an allowed attempt writes (reads must change nothing even when allowed). */
  writes: boolean;
}

const network = refused('manageNetwork');
const projectsOnly = refused('manageProjects');
/** The people of the vendor's workspace who are guests get the refusal a guest gets, each with their own reason. */
const vendorGuests = (cell: Cell) => ({ rita: cell, eddie: cell, rhea: cell, uma: cell });

// alice: vendor admin · victor: vendor member · pat: member of acme (in rollout) · quinn: member of globex (in other)
// · gus: guest
// rita, eddie, rhea, uma: of the vendor's workspace, guests (removed; partner exited; Slack guest; Slack
// single-channel guest) · rene: vendor member again
const matrix: Row[] = [
  {
    command: 'partner add zeta "Zeta"',
    writes: true,
    alice: ok(':white_check_mark: Partner *Zeta* (`zeta`, registered) added in the access stage.'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
  {
    command: 'partner list',
    writes: false,
    alice: ok('*Partners (', '*Acme* `acme`', '*Globex* `globex`'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
  {
    command: 'partner show globex',
    writes: false,
    alice: ok('*Globex* `globex`', '<@U0QUINN>'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
  {
    command: 'partner stage acme growth',
    writes: true,
    alice: ok(':white_check_mark: `acme` moved from access to growth.'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
  {
    command: 'admin list',
    writes: false,
    alice: ok('<@U0ALICE> — from ACCORD_ADMIN_USER_IDS'),
    victor: refused('manageAdmins'),
    pat: refused('manageAdmins'),
    quinn: refused('manageAdmins'),
    gus: refused('manageAdmins'),
    ...vendorGuests(refused('manageAdmins')),
    rene: refused('manageAdmins'),
  },
  {
    command: (who) => `project create p-${who} "P" partners=acme`,
    writes: true,
    alice: ok(':white_check_mark: Project *P* (`p-alice`) created with'),
    victor: ok(':white_check_mark: Project *P* (`p-victor`) created with'),
    pat: projectsOnly,
    quinn: projectsOnly,
    gus: projectsOnly,
    ...vendorGuests(projectsOnly),
    rene: ok(':white_check_mark: Project *P* (`p-rene`) created with'),
  },
  {
    command: (who) => `raci set "X ${who}" R=vendor A=vendor project=rollout`,
    writes: true,
    alice: ok(':white_check_mark: Added *X alice* in `rollout`'),
    victor: ok(':white_check_mark: Added *X victor* in `rollout`'),
    pat: projectsOnly,
    quinn: hidden('rollout'),
    gus: projectsOnly,
    ...vendorGuests(projectsOnly),
    rene: ok(':white_check_mark: Added *X rene* in `rollout`'),
  },
  {
    command: 'raci show project=rollout',
    writes: false,
    alice: ok('*RACI of Rollout*', '*Order handling*'),
    victor: ok('*RACI of Rollout*', '*Order handling*'),
    pat: ok('*RACI of Rollout*', '*Order handling*'),
    quinn: hidden('rollout'),
    gus: refused('seeProject'),
    ...vendorGuests(refused('seeProject')),
    rene: ok('*RACI of Rollout*', '*Order handling*'),
  },
  {
    command: 'project show rollout',
    writes: false,
    alice: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    victor: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    pat: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    quinn: hidden('rollout'),
    gus: refused('seeProject'),
    ...vendorGuests(refused('seeProject')),
    rene: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
  },
  {
    command: 'project show other',
    writes: false,
    alice: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    victor: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    pat: hidden('other'),
    quinn: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    gus: refused('seeProject'),
    ...vendorGuests(refused('seeProject')),
    rene: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
  },
  {
    command: 'project list',
    writes: false,
    alice: ok('*Projects (', '`rollout`', '`other`'),
    victor: ok('*Projects (', '`rollout`', '`other`'),
    pat: okWithout(['*Projects (', '`rollout`'], ['`other`', 'Globex']),
    quinn: okWithout(['*Projects (1)*', '`other`'], ['`rollout`', 'Acme']),
    gus: refused('seeProject'),
    ...vendorGuests(refused('seeProject')),
    rene: ok('*Projects (', '`rollout`', '`other`'),
  },
  {
    command: 'change propose "Y" project=rollout',
    writes: true,
    alice: ok('posted in the project channel for'),
    victor: ok('posted in the project channel for'),
    pat: ok('posted in the project channel for'),
    quinn: hidden('rollout'),
    gus: refused('contribute'),
    ...vendorGuests(refused('contribute')),
    rene: ok('posted in the project channel for'),
  },
  {
    command: 'change propose "Y" project=other',
    writes: true,
    alice: ok('posted in the project channel for'),
    victor: ok('posted in the project channel for'),
    pat: hidden('other'),
    quinn: ok('posted in the project channel for'),
    gus: refused('contribute'),
    ...vendorGuests(refused('contribute')),
    rene: ok('posted in the project channel for'),
  },
  // Scores and statements: what a former partner member must not read by falling back to the vendor.
  {
    command: 'score',
    writes: false,
    alice: ok('*Partner scores for 2026-03*', '`acme`', '`globex`'),
    victor: ok('*Partner scores for 2026-03*', '`acme`', '`globex`'),
    pat: okWithout(['*Acme · 2026-03*', 'Score: '], ['Globex']),
    quinn: okWithout(['*Globex · 2026-03*', 'Score: '], ['Acme']),
    gus: refused('seePartner'),
    ...vendorGuests(refused('seePartner')),
    rene: ok('*Partner scores for 2026-03*', '`acme`', '`globex`'),
  },
  {
    command: 'statement 2026-03',
    writes: false,
    alice: ok('*Settlement 2026-03*', 'draft'),
    victor: ok('*Settlement 2026-03*', 'draft'),
    pat: okWithout(['`acme`', 'not approved yet'], ['globex', 'Globex']),
    quinn: okWithout(['`globex`', 'not approved yet'], ['acme', 'Acme']),
    gus: refused('seePartner'),
    ...vendorGuests(refused('seePartner')),
    rene: ok('*Settlement 2026-03*', 'draft'),
  },
  // The commands that decide who is who: taking fern out of globex, then making fern a vendor member again.
  {
    command: `partner member remove globex <@${fern.id}>`,
    writes: true,
    alice: ok(
      `:white_check_mark: <@${fern.id}> is no longer a member of \`globex\`. They are now a guest in Accord, not a vendor member`,
      `\`/accord vendor reinstate\` <@${fern.id}> makes them a vendor member again.`,
    ),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
  {
    command: `vendor reinstate <@${fern.id}>`,
    writes: true,
    alice: ok(`:white_check_mark: <@${fern.id}> is a vendor member again`),
    victor: refused('reinstateVendorMember'),
    pat: refused('reinstateVendorMember'),
    quinn: refused('reinstateVendorMember'),
    gus: refused('reinstateVendorMember'),
    ...vendorGuests(refused('reinstateVendorMember')),
    rene: refused('reinstateVendorMember'),
  },
  {
    command: `partner exit initech reason="closed" handover=<@${people.alice.id}>`,
    writes: true,
    alice: ok(
      ':white_check_mark: *Initech* has exited',
      `<@${ivan.id}> is of the vendor's own workspace and now a guest in Accord, not a vendor member.`,
    ),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
    ...vendorGuests(network),
    rene: network,
  },
];

const commandFor = (row: Row, who: Who) => (typeof row.command === 'string' ? row.command : row.command(who));
const label = (row: Row) => (typeof row.command === 'string' ? row.command : row.command('<who>'));

/**
 * pat and gus are of other organisations: they ask by `@Accord …` (see `ask`) and read each
 * command an answer names in the form they can type.
 */
const inTheirForm = (who: Who, text: string) => (users[who].teamId === VENDOR_TEAM ? text : inMentionForm(text));

function expectedText(cell: Exclude<Cell, { kind: 'allowed' }>, who: Who): string {
  if (cell.kind === 'hidden')
    return inTheirForm(
      who,
      `:warning: There is no project \`${cell.slug}\`. \`/accord project list\` shows the ones you can see.`,
    );
  return inTheirForm(who, `:no_entry: ${permissionRules[cell.rule].refusal}${guestSuffix[who] ?? ''}`);
}

const describeCell = (cell: Cell) =>
  cell.kind === 'allowed' ? 'allowed' : cell.kind === 'refused' ? `refused (${cell.rule})` : 'told it does not exist';

describe.each(drivers)('the permission matrix through signed requests (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;

  /**
   * Everything a command could write: rows that matter in full, append-only logs by count, and
   * Slack posts. A partner member of another organisation asks by `@Accord …` (see `ask`): their
   * own message and Accord's private answer to them are the asking, not something it wrote.
   */
  async function state(asker?: DriverUser) {
    const d = db();
    const answers = (
      await d.select({ method: slackOutbox.method, payload: slackOutbox.payload }).from(slackOutbox)
    ).filter((r) => r.method === 'chat.postEphemeral' && r.payload.user === asker?.id);
    const [[audit], [outbox]] = await Promise.all([
      d.select({ n: count() }).from(auditEvents),
      d.select({ n: count() }).from(slackOutbox),
    ]);
    return {
      admins: await d.select().from(admins).orderBy(asc(admins.userId)),
      partners: await d.select().from(partners).orderBy(asc(partners.id)),
      partnerMembers: await d
        .select()
        .from(partnerMembers)
        .orderBy(asc(partnerMembers.partnerId), asc(partnerMembers.userId)),
      partnerMemberDepartures: await d.select().from(partnerMemberDepartures).orderBy(asc(partnerMemberDepartures.id)),
      projects: await d.select().from(projects).orderBy(asc(projects.id)),
      projectPartners: await d
        .select()
        .from(projectPartners)
        .orderBy(asc(projectPartners.projectId), asc(projectPartners.partnerId)),
      raciActivities: await d.select().from(raciActivities).orderBy(asc(raciActivities.id)),
      changeRequests: await d.select().from(changeRequests).orderBy(asc(changeRequests.id)),
      auditEvents: audit?.n,
      outbox: (outbox?.n ?? 0) - answers.length,
      slackMessages: h.standIn.messages.filter((m) => m.user === h.standIn.botUserId).length,
      slackChannels: h.standIn.channels.size,
    };
  }

  beforeAll(async () => {
    h = await startHarness({
      driver,
      beforeStart: (s) => {
        for (const user of [quinn, gus, rita, eddie, rhea, uma, rene, fern, ivan]) s.addUser(user);
        s.addUser({ ...people.pat, email: 'pat@acme.example' });
      },
    });
    for (const setup of [
      'partner add acme "Acme" team=T0PARTNER',
      'partner add globex "Globex"',
      'partner member add globex <@U0QUINN> confirm',
      'project create rollout "Rollout" partners=acme',
      'project create other "Other" partners=globex',
      'raci set "Order handling" R=acme A=vendor project=rollout',
      'contract set acme monthly currency=EUR fee=1000',
      'contract set globex monthly currency=EUR fee=500',
      'settle 2026-03',
      'partner member add globex <@U0RITA> confirm',
      'partner member remove globex <@U0RITA>',
      'partner add hooli "Hooli"',
      'partner member add hooli <@U0EDDIE> confirm',
      'partner exit hooli reason="contract ended" handover=<@U0ALICE>',
      'partner member add globex <@U0RENE> confirm',
      'partner member remove globex <@U0RENE>',
      'vendor reinstate <@U0RENE>',
      `partner member add globex <@${fern.id}> confirm`,
      'partner add initech "Initech"',
      `partner member add initech <@${ivan.id}> confirm`,
    ]) {
      expect(await h.ask(people.alice, setup)).toMatch(/^(:white_check_mark:|\*Settlement 2026-03\*)/);
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sees each actor in the situation the matrix assumes', async () => {
    expect(await h.ask(users.alice, 'whoami')).toBe(
      '<@U0ALICE>: vendor admin (from the ACCORD_ADMIN_USER_IDS setting).',
    );
    expect(await h.ask(users.victor, 'whoami')).toContain('<@U0VICTOR>: vendor member.');
    expect(await h.ask(users.pat, 'whoami')).toBe('<@U0PAT>: member of Acme.');
    expect(await h.ask(users.quinn, 'whoami')).toBe('<@U0QUINN>: member of Globex.');
    expect(await h.ask(users.gus, 'whoami')).toContain('<@U0GUS>: not part of the vendor team or any partner yet.');
    const leftPartner =
      'guest. You were a partner member, and Accord does not make a former partner member a vendor member by itself: ask a vendor admin to run `/accord vendor reinstate` for you.';
    expect(await h.ask(users.rita, 'whoami')).toBe(`<@U0RITA>: ${leftPartner}`);
    expect(await h.ask(users.eddie, 'whoami')).toBe(`<@U0EDDIE>: ${leftPartner}`);
    const slackGuest =
      "guest. Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member. If you work for a partner, ask a vendor admin to add you to it.";
    expect(await h.ask(users.rhea, 'whoami')).toBe(`<@U0RHEA>: ${slackGuest}`);
    expect(await h.ask(users.uma, 'whoami')).toBe(`<@U0UMA>: ${slackGuest}`);
    expect(await h.ask(users.rene, 'whoami')).toContain('<@U0RENE>: vendor member.');
    // The history behind it: one departure each, rene's closed by the reinstatement.
    const departures = await db().select().from(partnerMemberDepartures).orderBy(asc(partnerMemberDepartures.id));
    expect(departures.map((d) => [d.userId, d.reason, d.reinstatedBy])).toEqual([
      [rita.id, 'removed', null],
      [eddie.id, 'exited', null],
      [rene.id, 'removed', people.alice.id],
    ]);
  });

  it('answers a partner member about another partner’s project exactly as about one that does not exist', async () => {
    const ghost = await h.ask(users.pat, 'project show ghost');
    expect(ghost).toContain('There is no project `ghost`');
    expect(await h.ask(users.pat, 'project show other')).toBe(ghost.replace('`ghost`', '`other`'));
    const ghostRaci = await h.ask(users.quinn, 'raci show project=ghost');
    expect(await h.ask(users.quinn, 'raci show project=rollout')).toBe(ghostRaci.replace('`ghost`', '`rollout`'));
  });

  for (const row of matrix) {
    describe(label(row), () => {
      for (const who of actors) {
        const cell = row[who];
        it(`${who}: ${describeCell(cell)}`, async () => {
          const before = await state(users[who]);
          const reply = await h.ask(users[who], commandFor(row, who));
          const after = await state(users[who]);
          if (cell.kind === 'allowed') {
            for (const text of cell.has) expect(reply).toContain(text);
            for (const text of cell.lacks) expect(reply).not.toContain(text);
            expect(reply).not.toMatch(/^:(no_entry|warning|x):/);
            if (row.writes) expect(after).not.toEqual(before);
            else expect(after).toEqual(before);
          } else {
            expect(reply).toBe(expectedText(cell, who));
            const leak = mustNotLeak[who];
            if (leak) expect(reply).not.toMatch(leak);
            expect(after).toEqual(before);
          }
        });
      }
    });
  }

  describe('the same people on a button, where Slack states their team in the payload', () => {
    let rollout: string;
    beforeAll(async () => {
      rollout = (await db().select().from(projects)).find((p) => p.slug === 'rollout')?.channelId ?? '';
      expect(await h.ask(people.alice, 'partner contact add acme pat@acme.example')).toMatch(/^:white_check_mark:/);
      await h.slack.acceptInvitationsFor(people.pat);
      for (const user of [rita, eddie, rhea, uma, rene]) await h.slack.join(user, rollout);
      await h.settle();
    });

    it('refuses the vendor workspace’s guests an escalation aimed at the vendor, and lets the reinstated one acknowledge it', async () => {
      // Raised by a partner member, so it targets the vendor.
      const raised = await h.ask(users.pat, 'sev3 Portal slow', '/escalate', rollout);
      const id = Number(/ESC-(\d+)/.exec(raised)?.[1]);
      const card = h.standIn.messagesIn(rollout).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
      const press = async (who: Who) => {
        const res = await h.slack.press(users[who], {
          channel: rollout,
          ts: card?.ts ?? '',
          actionId: actionIds.escalationAcknowledge,
          value: String(id),
        });
        expect(res.status).toBe(200);
        await h.settle();
        return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
      };
      for (const who of ['rita', 'eddie', 'rhea', 'uma'] as const) {
        const before = await state();
        expect(await press(who)).toEqual([`:no_entry: ${permissionRules.seeProject.refusal}${guestSuffix[who] ?? ''}`]);
        expect(await state()).toEqual(before);
      }
      await press('rene');
      expect((await db().select().from(escalations)).find((e) => e.id === id)).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: rene.id,
      });
    });
  });

  describe('explicit grants and the reinstatement’s limits', () => {
    it('makes a Slack guest added to a partner by hand its member, and a guest again once removed', async () => {
      const gina = h.standIn.addUser({ id: 'U0GINA', teamId: VENDOR_TEAM, name: 'gina', guest: 'restricted' });
      // Not a vendor member, so there is nothing to confirm.
      expect(await h.ask(people.alice, 'partner member add globex <@U0GINA>')).toBe(
        ':white_check_mark: <@U0GINA> added to `globex` as a member. I am inviting them to its 1 project channel.',
      );
      expect(await h.ask(gina, 'whoami')).toBe('<@U0GINA>: member of Globex.');
      expect(await h.ask(gina, 'project show other')).toContain('*Other* `other`');
      // A Slack guest was never going to be a vendor member: nothing to reinstate, so nothing is offered.
      expect(await h.ask(people.alice, 'partner member remove globex <@U0GINA>')).toBe(
        ':white_check_mark: <@U0GINA> is no longer a member of `globex`.',
      );
      expect(await h.ask(gina, 'whoami')).toContain(
        "<@U0GINA>: guest. Slack lists you as a guest of the vendor's workspace",
      );
    });

    it('refuses to reinstate a Slack guest, someone of another organisation, a current partner member, or someone who never left, changing nothing', async () => {
      const cases: Array<[string, string]> = [
        [
          'vendor reinstate <@U0RHEA>',
          ":warning: Slack lists <@U0RHEA> as a guest of the vendor's workspace, and Accord never makes Slack guests vendor members. Nothing was changed. If they work for a partner, add them to it with `/accord partner member add`.",
        ],
        [
          'vendor reinstate <@U0UMA>',
          ":warning: Slack lists <@U0UMA> as a guest of the vendor's workspace, and Accord never makes Slack guests vendor members. Nothing was changed. If they work for a partner, add them to it with `/accord partner member add`.",
        ],
        [
          'vendor reinstate <@U0PAT>',
          ":warning: <@U0PAT> is not in the vendor's Slack workspace; only its people can be vendor members. Nothing was changed.",
        ],
        [
          'vendor reinstate <@U0QUINN>',
          ':warning: <@U0QUINN> is still a member of *Globex*; take them out first with `/accord partner member remove globex` and their mention. Nothing was changed.',
        ],
        [
          'vendor reinstate <@U0VICTOR>',
          ':warning: <@U0VICTOR> is not a former partner member waiting to be made a vendor member again, so there is nothing to change.',
        ],
        ['vendor reinstate', ':warning: Mention the user, e.g. `@alice`.'],
      ];
      for (const [text, reply] of cases) {
        const before = await state();
        expect(await h.ask(people.alice, text)).toContain(reply);
        expect(await state()).toEqual(before);
      }
    });

    it('refuses to hand an exiting partner’s work to a guest of the vendor’s workspace', async () => {
      const before = await state();
      for (const who of [rita, rhea]) {
        expect(await h.ask(people.alice, `partner exit globex reason="test" handover=<@${who.id}>`)).toBe(
          `:warning: <@${who.id}> is a guest in Accord, not a vendor member, so could not act on the handed-over work. Hand over to a vendor member or admin, or to another partner with \`handover=<slug>\`.`,
        );
      }
      expect(await state()).toEqual(before);
    });
  });
});
