import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admins,
  checkinRuns,
  escalationEvents,
  escalations,
  partners,
  projects,
  raciActivities,
  risks,
} from '../../src/db/schema';
import { actionIds } from '../../src/messages/ids';
import type { DriverUser } from '../../src/sandbox/slack-driver';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, PARTNER_TEAM, people } from '../../src/testkit/world';

// acme (team T0PARTNER): pat by team, ann by hand and lead. globex (own Slack): quinn, its lead.
// initech takes part in no project of these tests' `shared`. gus is nobody's; hidden's team Slack will not tell.
const ann = { id: 'U0ANN', teamId: PARTNER_TEAM, name: 'ann' };
const quinn = { id: 'U0QUINN', teamId: 'T0GLOBEX', name: 'quinn' };
const ian = { id: 'U0IAN', teamId: 'T0INITECH', name: 'ian' };
const hana = { id: 'U0HANA', teamId: 'T0GLOBEX', name: 'hana', hiddenProfile: true };

/** What a refusal to acme's or initech's people must not contain. */
const OTHER_PARTNERS = /globex|initech/i;

describe.each(drivers)('people and records belong to the project (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const db = () => h.accord.database.db;
  const inChannel = (user: DriverUser, text: string) => h.ask(user, text, '/accord', channel);
  const partnerId = async (slug: string) => (await db().select().from(partners).where(eq(partners.slug, slug)))[0]?.id;
  let projectIds: Record<string, number> = {};
  const projectId = (slug: string) => projectIds[slug] ?? 0;
  const raciRows = async () => db().select().from(raciActivities);
  const riskRow = async (id: number) => (await db().select().from(risks).where(eq(risks.id, id)))[0];
  const addRisk = async (user: DriverUser, text: string) => {
    const reply = await inChannel(user, `risk add ${text}`);
    return { reply, id: Number(/R-(\d+)/.exec(reply)?.[1]) };
  };

  beforeAll(async () => {
    h = await startHarness({
      driver,
      beforeStart: (s) => {
        for (const user of [ann, quinn, ian, gus, hana]) s.addUser(user);
      },
    });
    for (const setup of [
      'partner add acme "Acme" team=T0PARTNER',
      'partner member add acme <@U0ANN> lead',
      'partner add globex "Globex" team=T0GLOBEX',
      'partner member add globex <@U0QUINN> lead',
      'partner member add globex <@U0HANA>',
      'partner add initech "Initech" team=T0INITECH',
      'partner member add initech <@U0IAN>',
      'project create shared "Shared" partners=acme,globex',
      'project create solo "Solo" partners=initech',
    ]) {
      expect(await h.ask(people.alice, setup)).toContain(':white_check_mark:');
    }
    const rows = await db().select().from(projects);
    projectIds = Object.fromEntries(rows.map((p) => [p.slug, p.id]));
    channel = rows.find((p) => p.slug === 'shared')?.channelId ?? '';
    await h.slack.acceptInvitationsFor(ann);
    await h.slack.acceptInvitationsFor(quinn);
    await h.slack.join(people.pat, channel);
    await h.settle();
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('RACI people', () => {
    it('sets roles for vendor people and the project partners’ members, and refuses anyone else without naming their partner', async () => {
      const outsiders = [
        ['<@U0GUS>', 'U0GUS'],
        ['<@U0IAN>', 'U0IAN'],
      ];
      for (const [mention, id] of outsiders) {
        const before = await raciRows();
        const reply = await h.ask(people.victor, `raci set "Porting" R=vendor A=vendor C=${mention} project=shared`);
        expect(reply).toBe(
          `:warning: <@${id}> is not part of this project: RACI roles can go only to people of the vendor team or members of the project’s partners.`,
        );
        expect(reply).not.toMatch(OTHER_PARTNERS);
        expect(await raciRows()).toEqual(before);
      }
      const several = await h.ask(
        people.victor,
        'raci set "Porting" R=<@U0PAT>,<@U0IAN> A=vendor I=<@U0GUS> project=shared',
      );
      expect(several).toContain('<@U0IAN>, <@U0GUS> are not part of this project');
      expect(await raciRows()).toEqual([]);

      const reply = await h.ask(
        people.victor,
        'raci set "Porting" R=<@U0PAT>,<@U0QUINN> A=<@U0VICTOR> C=<@U0ALICE> I=<@U0HANA>,<@U0ANN> project=shared',
      );
      expect(reply).toContain(':white_check_mark: Added *Porting* in `shared`');
      expect(await raciRows()).toHaveLength(1);
    });

    it('refuses a partner’s person in a project their partner takes no part in', async () => {
      const reply = await h.ask(people.victor, 'raci set "Payroll" R=<@U0PAT> A=vendor project=solo');
      expect(reply).toBe(
        ':warning: <@U0PAT> is not part of this project: RACI roles can go only to people of the vendor team or members of the project’s partners.',
      );
      expect(await h.ask(people.victor, 'raci set "Payroll" R=<@U0IAN> A=vendor project=solo')).toContain(
        ':white_check_mark: Added *Payroll* in `solo`',
      );
    });

    it('refuses a person whose team Slack will not tell, saying why and how to fix it', async () => {
      const before = await raciRows();
      const reply = await h.ask(people.victor, 'raci set "Porting" A=<@U0HIDDEN> project=shared');
      expect(reply).toBe(
        ':warning: Slack will not tell me which workspace <@U0HIDDEN> is in, so I cannot tell that they belong to this project. If they work for one of its partners, a vendor admin can add them with `/accord partner member add <slug> @user` first.',
      );
      expect(await raciRows()).toEqual(before);
    });

    it('refuses a partner that is not in the project or has left the programme, and leaves the leaver out of stage duties', async () => {
      expect(await h.ask(people.alice, 'partner add gone "Gone Ltd"')).toContain(':white_check_mark:');
      expect(await h.ask(people.alice, 'project create trio "Trio" partners=acme,gone')).toContain(
        ':white_check_mark:',
      );
      expect(await h.ask(people.alice, 'partner exit gone reason="contract ended" handover=acme')).toContain(
        'Gone Ltd',
      );
      const before = await raciRows();
      expect(await h.ask(people.victor, 'raci set "Billing" R=initech A=vendor project=trio')).toContain(
        '`initech` is not a partner in this project (its partners: `acme`)',
      );
      expect(await h.ask(people.victor, 'raci set "Billing" R=gone A=vendor project=trio')).toContain(
        '`gone` is not a partner in this project (its partners: `acme`)',
      );
      expect(await raciRows()).toEqual(before);
      const template = await h.ask(people.victor, 'raci template acquisition project=trio');
      expect(template).not.toMatch(/^:(warning|no_entry):/);
      const trio = (await db().select().from(projects).where(eq(projects.slug, 'trio')))[0]?.id;
      const rows = (await raciRows()).filter((r) => r.projectId === trio);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.responsible).toEqual([{ kind: 'partner', slug: 'acme' }]);
    });
  });

  describe('admin add', () => {
    it('refuses a user whose team is not known to be the vendor’s, saying why', async () => {
      expect(await h.ask(people.alice, 'admin add <@U0HIDDEN>')).toBe(
        ":warning: Slack will not tell me which workspace <@U0HIDDEN> is in, so I cannot make them an Accord admin: only people of the vendor's own Slack workspace can be. Check that Accord can read their profile, or add them to ACCORD_ADMIN_USER_IDS.",
      );
      expect(await h.ask(people.alice, 'admin add <@U0QUINN>')).toBe(
        ":warning: <@U0QUINN> is not in the vendor's Slack workspace; only vendor users can be Accord admins.",
      );
      expect(await db().select().from(admins)).toEqual([]);
      expect(h.standIn.messagesIn('D0HIDDEN')).toEqual([]);
      expect(await h.ask(people.alice, 'admin add <@U0VERA>')).toContain('<@U0VERA> is now an Accord admin');
      expect(await h.ask(people.alice, 'admin remove <@U0VERA>')).toContain('no longer an Accord admin');
    });
  });

  describe('risks in a shared project', () => {
    const RECORD_FOR =
      ':no_entry: Partner members can record risks for themselves and their own partner’s people only; the vendor team can give a risk to anyone in the project.';
    const CHANGE =
      ':no_entry: That risk is another partner’s: only its own people and the vendor team can change or close it.';

    it('lets a partner member record risks for itself and its own partner’s people, counted for that partner, and no one else', async () => {
      const acme = await partnerId('acme');
      const own = await addRisk(people.pat, '"Trunk capacity" category=connectivity');
      expect(own.reply).toContain(`*R-${own.id}* recorded`);
      expect(await riskRow(own.id)).toMatchObject({ ownerUserId: people.pat.id, partnerId: acme });
      const colleague = await addRisk(people.pat, '"Agent attrition" category=personnel owner=<@U0ANN>');
      expect(await riskRow(colleague.id)).toMatchObject({ ownerUserId: ann.id, partnerId: acme });

      const count = (await db().select().from(risks)).length;
      for (const owner of ['<@U0QUINN>', '<@U0VICTOR>', '<@U0GUS>', '<@U0HIDDEN>']) {
        const reply = await inChannel(people.pat, `risk add "Their problem" owner=${owner}`);
        expect(reply).toBe(RECORD_FOR);
        expect(reply).not.toMatch(OTHER_PARTNERS);
      }
      expect(await db().select().from(risks)).toHaveLength(count);
    });

    it('refuses another partner’s member re-owning, re-rating or closing a partner’s risk, and changes nothing', async () => {
      const { id } = await addRisk(ann, '"Power at the Riga site" category=power impact=4');
      const before = await riskRow(id);
      for (const text of [
        `risk update R-${id} owner=<@U0QUINN>`,
        `risk update R-${id} impact=1`,
        `risk close R-${id} "not a problem"`,
      ]) {
        const reply = await inChannel(quinn, text);
        expect(reply).toBe(CHANGE);
        expect(reply).not.toMatch(/acme/i);
      }
      expect(await riskRow(id)).toEqual(before);
      // Its own partner may not give it away to another partner either.
      expect(await inChannel(people.pat, `risk update R-${id} owner=<@U0QUINN>`)).toBe(RECORD_FOR);
      expect(await riskRow(id)).toEqual(before);
      expect(await inChannel(people.pat, `risk update R-${id} impact=5`)).toBe(
        `:white_check_mark: R-${id} updated: impact 4 → 5.`,
      );
      expect(await inChannel(people.pat, `risk close R-${id} "UPS replaced"`)).toBe(
        `:white_check_mark: R-${id} closed.`,
      );
    });

    it('holds the one-click risk from a review problem to the same rule, whatever the button says', async () => {
      expect(await inChannel(people.victor, 'checkin run risk')).toContain(
        ':white_check_mark: Risk review check-in posted',
      );
      const [run] = await db()
        .select()
        .from(checkinRuns)
        .where(and(eq(checkinRuns.projectId, projectId('shared')), eq(checkinRuns.kind, 'risk')));
      const runId = run?.id ?? 0;
      const press = async (user: DriverUser, reporter: string) => {
        const res = await h.slack.press(user, {
          channel,
          ts: h.standIn.messagesIn(channel).at(-1)?.ts ?? '',
          actionId: `${actionIds.riskFromProblem}:power`,
          value: `${runId}:${reporter}:power`,
        });
        expect(res.status).toBe(200);
        await h.settle();
        return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
      };
      expect(await press(people.pat, quinn.id)).toEqual([RECORD_FOR]);
      expect(await press(quinn, ann.id)).toEqual([RECORD_FOR]);
      expect(await db().select().from(risks).where(eq(risks.sourceRunId, runId))).toEqual([]);
      expect(await press(people.pat, ann.id)).toEqual([]);
      expect(await db().select().from(risks).where(eq(risks.sourceRunId, runId))).toEqual([
        expect.objectContaining({ ownerUserId: ann.id, partnerId: await partnerId('acme') }),
      ]);
    });

    it('lets the vendor give a risk to anyone in the project, counted for their partner, but not to an outsider', async () => {
      const { id } = await addRisk(people.victor, '"Licence renewal" category=other');
      expect(await riskRow(id)).toMatchObject({ ownerUserId: people.victor.id, partnerId: null });
      expect(await inChannel(people.victor, `risk update R-${id} owner=<@U0QUINN>`)).toContain(
        `R-${id} updated: owner <@U0VICTOR> → <@U0QUINN>`,
      );
      expect(await riskRow(id)).toMatchObject({ ownerUserId: quinn.id, partnerId: await partnerId('globex') });
      expect(await inChannel(people.victor, `risk update R-${id} owner=<@U0IAN>`)).toBe(
        ':warning: <@U0IAN> is not part of this project: risks can go only to people of the vendor team or members of the project’s partners.',
      );
      const count = (await db().select().from(risks)).length;
      expect(await inChannel(people.victor, 'risk add "Elsewhere" owner=<@U0GUS>')).toContain(
        '<@U0GUS> is not part of this project',
      );
      expect(await db().select().from(risks)).toHaveLength(count);
      expect(await riskRow(id)).toMatchObject({ ownerUserId: quinn.id });
    });
  });

  describe('escalations raised by a partner member', () => {
    it('targets the vendor, never another partner, even on an activity that partner is Accountable for', async () => {
      expect(await h.ask(people.victor, 'raci set "Network" R=globex A=globex project=shared')).toContain(
        ':white_check_mark:',
      );
      const reply = await h.ask(people.pat, 'sev1 Network down in Riga activity="Network"', '/escalate', channel);
      expect(reply).toContain('raised for the vendor team');
      expect(reply).toContain('Another partner is Accountable for that activity, so it goes to the vendor team');
      expect(reply).not.toMatch(OTHER_PARTNERS);
      const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
      const [row] = await db().select().from(escalations).where(eq(escalations.id, id));
      expect(row).toMatchObject({
        severity: 'sev1',
        targetPartnerId: null,
        activity: 'Network',
        openedBy: people.pat.id,
      });
      const [opened] = await db().select().from(escalationEvents).where(eq(escalationEvents.escalationId, id));
      expect(opened?.data).toMatchObject({ target: 'vendor', redirectedToVendor: true });
      // The vendor owns it: globex's people cannot acknowledge it, the vendor can.
      expect(await h.ask(quinn, `escalation ack ESC-${id}`, '/accord', channel)).toContain(':no_entry:');
      expect(await h.ask(people.victor, `escalation ack ESC-${id}`, '/accord', channel)).toContain(`ESC-${id}`);

      // The Accountable partner's own member, and the vendor, still reach that partner.
      const byGlobex = await h.ask(quinn, 'sev3 Packet loss activity="Network"', '/escalate', channel);
      expect(byGlobex).toContain('raised for Globex');
      const byVendor = await h.ask(people.victor, 'sev3 Latency activity="Network"', '/escalate', channel);
      expect(byVendor).toContain('raised for Globex');
    });

    it('does not page the other partner through an `accountable` level', async () => {
      expect(
        await h.ask(people.alice, 'sla set sev2 ack=15m resolve=4h levels=accountable,admins project=shared'),
      ).toContain(':white_check_mark:');
      const reply = await h.ask(people.pat, 'sev2 Routing broken activity="Network"', '/escalate', channel);
      const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
      const message = h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
      const blocks = JSON.stringify(message?.blocks);
      expect(blocks).toContain('level 1: <@U0ALICE>');
      expect(blocks).not.toContain('<@U0QUINN>');
    });
  });
});
