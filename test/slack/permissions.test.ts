import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admins, auditEvents, changeRequests, partnerMembers, partners, projectPartners, projects, raciActivities, slackOutbox } from '../../src/db/schema';
import { permissionRules, type PermissionAction } from '../../src/services/permissions';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import { drivers } from '../support/databases';
import { people, startHarness, VENDOR_TEAM, type Harness } from '../support/harness';

const quinn = { id: 'U0QUINN', teamId: VENDOR_TEAM, name: 'quinn' };
const gus = { id: 'U0GUS', teamId: 'T0GUEST', name: 'gus' };

const actors = ['alice', 'victor', 'pat', 'quinn', 'gus'] as const;
type Who = (typeof actors)[number];
const users: Record<Who, DriverUser> = { alice: people.alice, victor: people.victor, pat: people.pat, quinn, gus };

/** What each actor must not read about in a refusal: the other partner's slug and name. */
const mustNotLeak: Partial<Record<Who, RegExp>> = { pat: /globex/i, quinn: /acme/i };

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

// alice: vendor admin · victor: vendor member · pat: member of acme (in rollout) · quinn: member of globex (in other) · gus: guest
const matrix: Row[] = [
  {
    command: 'partner add zeta "Zeta"',
    writes: true,
    alice: ok(':white_check_mark: Partner *Zeta* (`zeta`, registered) added in the access stage.'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
  },
  {
    command: 'partner list',
    writes: false,
    alice: ok('*Partners (', '*Acme* `acme`', '*Globex* `globex`'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
  },
  {
    command: 'partner show globex',
    writes: false,
    alice: ok('*Globex* `globex`', '<@U0QUINN>'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
  },
  {
    command: 'partner stage acme growth',
    writes: true,
    alice: ok(':white_check_mark: `acme` moved from access to growth.'),
    victor: network,
    pat: network,
    quinn: network,
    gus: network,
  },
  {
    command: 'admin list',
    writes: false,
    alice: ok('<@U0ALICE> — from ACCORD_ADMIN_USER_IDS'),
    victor: refused('manageAdmins'),
    pat: refused('manageAdmins'),
    quinn: refused('manageAdmins'),
    gus: refused('manageAdmins'),
  },
  {
    command: (who) => `project create p-${who} "P" partners=acme`,
    writes: true,
    alice: ok(':white_check_mark: Project *P* (`p-alice`) created with'),
    victor: ok(':white_check_mark: Project *P* (`p-victor`) created with'),
    pat: projectsOnly,
    quinn: projectsOnly,
    gus: projectsOnly,
  },
  {
    command: (who) => `raci set "X ${who}" R=vendor A=vendor project=rollout`,
    writes: true,
    alice: ok(':white_check_mark: Added *X alice* in `rollout`'),
    victor: ok(':white_check_mark: Added *X victor* in `rollout`'),
    pat: projectsOnly,
    quinn: hidden('rollout'),
    gus: projectsOnly,
  },
  {
    command: 'raci show project=rollout',
    writes: false,
    alice: ok('*RACI of Rollout*', '*Order handling*'),
    victor: ok('*RACI of Rollout*', '*Order handling*'),
    pat: ok('*RACI of Rollout*', '*Order handling*'),
    quinn: hidden('rollout'),
    gus: refused('seeProject'),
  },
  {
    command: 'project show rollout',
    writes: false,
    alice: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    victor: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    pat: ok('*Rollout* `rollout`', 'Partners: Acme (`acme`)'),
    quinn: hidden('rollout'),
    gus: refused('seeProject'),
  },
  {
    command: 'project show other',
    writes: false,
    alice: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    victor: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    pat: hidden('other'),
    quinn: ok('*Other* `other`', 'Partners: Globex (`globex`)'),
    gus: refused('seeProject'),
  },
  {
    command: 'project list',
    writes: false,
    alice: ok('*Projects (', '`rollout`', '`other`'),
    victor: ok('*Projects (', '`rollout`', '`other`'),
    pat: okWithout(['*Projects (', '`rollout`'], ['`other`', 'Globex']),
    quinn: okWithout(['*Projects (1)*', '`other`'], ['`rollout`', 'Acme']),
    gus: refused('seeProject'),
  },
  {
    command: 'change propose "Y" project=rollout',
    writes: true,
    alice: ok('posted in the project channel for'),
    victor: ok('posted in the project channel for'),
    pat: ok('posted in the project channel for'),
    quinn: hidden('rollout'),
    gus: refused('contribute'),
  },
  {
    command: 'change propose "Y" project=other',
    writes: true,
    alice: ok('posted in the project channel for'),
    victor: ok('posted in the project channel for'),
    pat: hidden('other'),
    quinn: ok('posted in the project channel for'),
    gus: refused('contribute'),
  },
];

const commandFor = (row: Row, who: Who) => (typeof row.command === 'string' ? row.command : row.command(who));
const label = (row: Row) => (typeof row.command === 'string' ? row.command : row.command('<who>'));
const GUEST_SUFFIX = ' Accord does not know you yet: ask a vendor admin to add you to your partner.';

function expectedText(cell: Exclude<Cell, { kind: 'allowed' }>, who: Who): string {
  if (cell.kind === 'hidden') return `:warning: There is no project \`${cell.slug}\`. \`/accord project list\` shows the ones you can see.`;
  return `:no_entry: ${permissionRules[cell.rule].refusal}${who === 'gus' ? GUEST_SUFFIX : ''}`;
}

const describeCell = (cell: Cell) => (cell.kind === 'allowed' ? 'allowed' : cell.kind === 'refused' ? `refused (${cell.rule})` : 'told it does not exist');

describe.each(drivers)('the permission matrix through signed requests (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;

  /** Everything a command could write: rows that matter in full, append-only logs by count, and Slack posts. */
  async function state() {
    const d = db();
    const [[audit], [outbox]] = await Promise.all([d.select({ n: count() }).from(auditEvents), d.select({ n: count() }).from(slackOutbox)]);
    return {
      admins: await d.select().from(admins).orderBy(asc(admins.userId)),
      partners: await d.select().from(partners).orderBy(asc(partners.id)),
      partnerMembers: await d.select().from(partnerMembers).orderBy(asc(partnerMembers.partnerId), asc(partnerMembers.userId)),
      projects: await d.select().from(projects).orderBy(asc(projects.id)),
      projectPartners: await d.select().from(projectPartners).orderBy(asc(projectPartners.projectId), asc(projectPartners.partnerId)),
      raciActivities: await d.select().from(raciActivities).orderBy(asc(raciActivities.id)),
      changeRequests: await d.select().from(changeRequests).orderBy(asc(changeRequests.id)),
      auditEvents: audit?.n,
      outbox: outbox?.n,
      slackMessages: h.standIn.messages.length,
      slackChannels: h.standIn.channels.size,
    };
  }

  beforeAll(async () => {
    h = await startHarness({
      driver,
      beforeStart: (s) => {
        s.addUser(quinn);
        s.addUser(gus);
      },
    });
    for (const setup of [
      'partner add acme "Acme" team=T0PARTNER',
      'partner add globex "Globex"',
      'partner member add globex <@U0QUINN> confirm',
      'project create rollout "Rollout" partners=acme',
      'project create other "Other" partners=globex',
      'raci set "Order handling" R=acme A=vendor project=rollout',
    ]) {
      expect(await h.ask(people.alice, setup)).toContain(':white_check_mark:');
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sees each actor in the situation the matrix assumes', async () => {
    expect(await h.ask(users.alice, 'whoami')).toBe('<@U0ALICE>: vendor admin (from the ACCORD_ADMIN_USER_IDS setting).');
    expect(await h.ask(users.victor, 'whoami')).toContain('<@U0VICTOR>: vendor member.');
    expect(await h.ask(users.pat, 'whoami')).toBe('<@U0PAT>: member of Acme.');
    expect(await h.ask(users.quinn, 'whoami')).toBe('<@U0QUINN>: member of Globex.');
    expect(await h.ask(users.gus, 'whoami')).toContain('<@U0GUS>: not part of the vendor team or any partner yet.');
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
          const before = await state();
          const reply = await h.ask(users[who], commandFor(row, who));
          const after = await state();
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
});
