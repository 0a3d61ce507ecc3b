import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  jobs,
  partnerCertifications,
  partnerMemberDepartures,
  partnerMembers,
  partners,
  partnerViolations,
  projects,
  raciActivities,
} from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, PARTNER_TEAM, people, quinn, VENDOR_TEAM } from '../../src/testkit/world';

const REFUSAL =
  ':no_entry: Only vendor admins can manage partners, their stages, violations, certifications and exits.';
const GUEST_WHOAMI = 'not part of the vendor team or any partner yet';
const LEFT =
  "Acme Telecom has left the vendor's partner programme, so its people no longer have access to Accord. If you should still have access, ask your contact at the vendor.";
const CERT_REMINDER = 'partner.certification-reminder';

describe.each(drivers)('/accord partner (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      driver,
      beforeStart(standIn) {
        standIn.addUser(quinn);
        standIn.addUser(gus);
      },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const db = () => h.accord.database.db;
  const partnerRow = async (slug: string) => {
    const [row] = await db().select().from(partners).where(eq(partners.slug, slug));
    if (!row) throw new Error(`no partner ${slug}`);
    return row;
  };
  const auditsOf = (action: string) => db().select().from(auditEvents).where(eq(auditEvents.action, action));
  const membersOf = async (slug: string) => {
    const partner = await partnerRow(slug);
    const rows = await db().select().from(partnerMembers).where(eq(partnerMembers.partnerId, partner.id));
    return rows.map((m) => ({ userId: m.userId, lead: m.lead })).sort((a, b) => a.userId.localeCompare(b.userId));
  };
  const projectRow = async (slug: string) => {
    const [row] = await db().select().from(projects).where(eq(projects.slug, slug));
    if (!row) throw new Error(`no project ${slug}`);
    return row;
  };
  const activityRow = async (projectSlug: string, name: string) => {
    const project = await projectRow(projectSlug);
    const [row] = await db()
      .select()
      .from(raciActivities)
      .where(and(eq(raciActivities.projectId, project.id), eq(raciActivities.name, name)));
    if (!row) throw new Error(`no activity ${name}`);
    return row;
  };
  const snapshot = async () => ({
    partners: await db().select().from(partners).orderBy(partners.id),
    members: await db().select().from(partnerMembers).orderBy(partnerMembers.partnerId, partnerMembers.userId),
    violations: await db().select().from(partnerViolations).orderBy(partnerViolations.id),
    certifications: await db().select().from(partnerCertifications).orderBy(partnerCertifications.id),
    jobs: await db().select().from(jobs).orderBy(jobs.id),
    audit: await db().select().from(auditEvents).orderBy(auditEvents.id),
    raci: await db().select().from(raciActivities).orderBy(raciActivities.id),
  });
  const certDms = (channel: string, certificate: string) =>
    h.standIn.messagesIn(channel).filter((m) => m.text.includes(certificate));

  describe('partner add', () => {
    it('registers a partner with its Slack team, and records it', async () => {
      const reply = await h.ask(people.alice, `partner add acme "Acme Telecom" team=${PARTNER_TEAM}`);
      expect(reply).toBe(
        ':white_check_mark: Partner *Acme Telecom* (`acme`, registered) added in the access stage. Everyone in Slack team T0PARTNER counts as its member.',
      );
      const acme = await partnerRow('acme');
      expect(acme).toMatchObject({
        name: 'Acme Telecom',
        tier: 'registered',
        stage: 'access',
        slackTeamId: PARTNER_TEAM,
        status: 'active',
        exitReview: false,
        createdBy: people.alice.id,
      });
      const audit = await auditsOf('partner.added');
      expect(audit).toEqual([
        expect.objectContaining({ actor: people.alice.id, entityType: 'partner', entityId: String(acme.id) }),
      ]);
      expect(audit[0]?.data).toMatchObject({
        slug: 'acme',
        name: 'Acme Telecom',
        tier: 'registered',
        slackTeamId: PARTNER_TEAM,
      });
    });

    it('registers partners without a Slack team and with a tier', async () => {
      expect(await h.ask(people.alice, 'partner add globex “Globex Corp” tier=gold')).toBe(
        ':white_check_mark: Partner *Globex Corp* (`globex`, gold) added in the access stage. Add its people with `/accord partner member add`.',
      );
      expect(await h.ask(people.alice, 'partner add initech "Initech" tier=Silver')).toContain('(`initech`, silver)');
      expect(await partnerRow('globex')).toMatchObject({ tier: 'gold', slackTeamId: null });
      expect(await auditsOf('partner.added')).toHaveLength(3);
    });

    it('refuses bad input and changes nothing', async () => {
      const before = await snapshot();
      const refusals: Array<[string, string]> = [
        ['partner add acme "Another Acme"', 'A partner `acme` already exists; pick another slug.'],
        [
          'partner add a "Short"',
          '`a` cannot be a partner slug: use 2–40 lower-case letters, digits and single dashes',
        ],
        ['partner add acme_x "Underscore"', '`acme_x` cannot be a partner slug'],
        ['partner add acme--x "Double dash"', '`acme--x` cannot be a partner slug'],
        [
          'partner add vendor "Vendor"',
          '`vendor` cannot be a partner slug: it has its own meaning in RACI assignments.',
        ],
        ['partner add none "Nobody"', '`none` cannot be a partner slug: it has its own meaning in RACI assignments.'],
        ['partner add "Zeta Corp" "Zeta"', 'is not a partner slug: slugs are single words'],
        ['partner add', 'Give the partner slug.'],
        ['partner add zeta', 'Give the partner’s name in quotes'],
        ['partner add zeta "   "', 'The partner name must be 1–100 characters.'],
        ['partner add zeta "Zeta" extra', 'I did not expect `extra` here.'],
        ['partner add zeta "Zeta" colour=red', "I don't know the option `colour=`."],
        [
          'partner add zeta "Zeta" tier=diamond',
          '`diamond` is not a tier: use `registered`, `silver`, `gold`, `platinum`.',
        ],
        ['partner add zeta "Zeta" team=acme', '`team=ACME` is not a Slack team id; they look like `T0123ABCD`.'],
        ['partner add zeta "Zeta" team=U0PAT', 'is not a Slack team id'],
        [`partner add zeta "Zeta" team=${VENDOR_TEAM}`, 'That is the vendor’s own Slack team'],
        ['partner add zeta "Zeta" team=t0vendor', 'That is the vendor’s own Slack team'],
        [
          `partner add zeta "Zeta" team=${PARTNER_TEAM}`,
          'Slack team T0PARTNER is already registered for partner `acme`.',
        ],
      ];
      for (const [text, expected] of refusals) {
        const reply = await h.ask(people.alice, text);
        expect(reply, text).toContain(expected);
        expect(reply, text).toMatch(/^:warning: /);
      }
      expect(await h.ask(people.alice, 'partner add Acme "Acme Again"')).toBe(
        ':warning: Slugs are lower case: use `acme` instead of `Acme`.',
      );
      expect(await h.ask(people.alice, 'partner add zeta "Zeta" tier=diamond')).toContain(
        'Usage: `/accord partner add <slug> "<Name>" [tier=registered|silver|gold|platinum] [team=<SlackTeamId>]`',
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('membership', () => {
    it('makes everyone in the registered Slack team a member without adding them by hand', async () => {
      expect(await h.ask(people.pat, 'whoami')).toBe('<@U0PAT>: member of Acme Telecom.');
      expect(await membersOf('acme')).toEqual([]);
    });

    it('knows a user whose profile Slack will not show by the team their mention states', async () => {
      expect(await h.ask(people.hidden, 'whoami')).toBe('<@U0HIDDEN>: member of Acme Telecom.');
    });

    it('answers that user as a guest, without failing, where the request states no team of theirs', async () => {
      // A slash command's team_id is the workspace it was typed in, not the user's (Slack would
      // not even deliver this one): Accord can only ask users.info, which fails for them.
      const reply = await h.slack.commandReply(people.hidden, '/accord', 'whoami', 'C0GENERAL', 5000, {
        deliverFromAnyTeam: true,
      });
      await h.settle();
      expect(reply).toContain('<@U0HIDDEN>');
      expect(reply).toContain(GUEST_WHOAMI);
      expect(
        h.standIn.callsTo('users.info').some((c) => c.args.user === people.hidden.id && c.response.ok === false),
      ).toBe(true);
    });

    it('adds a member by hand, who is then known even though Slack hides their team', async () => {
      expect(await h.ask(people.alice, 'partner member add acme <@U0HIDDEN|hidden>')).toBe(
        ':white_check_mark: <@U0HIDDEN> added to `acme` as a member.',
      );
      expect(await membersOf('acme')).toEqual([{ userId: people.hidden.id, lead: false }]);
      expect(await h.ask(people.hidden, 'whoami')).toBe('<@U0HIDDEN>: member of Acme Telecom.');
      const audit = await auditsOf('partner_member.added');
      expect(audit).toEqual([
        expect.objectContaining({ actor: people.alice.id, entityId: String((await partnerRow('acme')).id) }),
      ]);
      expect(audit[0]?.data).toMatchObject({ userId: people.hidden.id, lead: false });
    });

    it('warns before a vendor member becomes a partner member, and records nothing without `confirm`', async () => {
      expect(await h.ask(quinn, 'whoami')).toContain('vendor member');
      const before = await snapshot();
      for (const text of ['partner member add globex <@U0QUINN>', 'partner member add globex <@U0QUINN> lead']) {
        expect(await h.ask(people.alice, text)).toBe(
          ":warning: <@U0QUINN> is in the vendor's own Slack workspace, so adding them to *Globex Corp* would make them a partner member instead of a vendor member: they would see only Globex Corp's projects and could no longer create projects, set RACI or schedule check-ins. Nothing was changed. To go ahead, repeat the command with `confirm` at the end.",
        );
      }
      expect(await membersOf('globex')).toEqual([]);
      expect(await snapshot()).toEqual(before);
      expect(await h.ask(quinn, 'whoami')).toContain('vendor member');
    });

    it('adds, promotes, demotes and removes a hand-added member', async () => {
      expect(await h.ask(quinn, 'whoami')).toContain('vendor member');
      expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN> confirm')).toBe(
        ':white_check_mark: <@U0QUINN> added to `globex` as a member. They are now a partner member of Globex Corp instead of a vendor member: they see only its projects and can no longer create projects, set RACI or schedule check-ins.',
      );
      expect((await auditsOf('partner_member.added')).at(-1)?.data).toMatchObject({
        userId: quinn.id,
        lead: false,
        roleChange: 'vendor-member',
      });
      expect(await h.ask(quinn, 'whoami')).toBe('<@U0QUINN>: member of Globex Corp.');
      expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN> lead')).toBe(
        ':white_check_mark: <@U0QUINN> is now a lead of `globex`.',
      );
      expect(await membersOf('globex')).toEqual([{ userId: quinn.id, lead: true }]);
      expect(await h.ask(quinn, 'whoami')).toBe('<@U0QUINN>: member of Globex Corp (lead).');
      expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN>')).toBe(
        ':white_check_mark: <@U0QUINN> is now a member of `globex`.',
      );
      expect(await membersOf('globex')).toEqual([{ userId: quinn.id, lead: false }]);
      const updates = await auditsOf('partner_member.updated');
      expect(updates.map((a) => a.data)).toEqual([
        { userId: quinn.id, lead: true, wasLead: false },
        { userId: quinn.id, lead: false, wasLead: true },
      ]);
      expect(await h.ask(people.alice, 'partner member remove globex <@U0QUINN>')).toBe(
        ":white_check_mark: <@U0QUINN> is no longer a member of `globex`. They are now a guest in Accord, not a vendor member: leaving a partner never widens anyone's access. `/accord vendor reinstate` <@U0QUINN> makes them a vendor member again.",
      );
      expect(await membersOf('globex')).toEqual([]);
      expect(await auditsOf('partner_member.removed')).toHaveLength(1);
      expect(
        await db().select().from(partnerMemberDepartures).where(eq(partnerMemberDepartures.userId, quinn.id)),
      ).toEqual([
        expect.objectContaining({
          partnerId: (await partnerRow('globex')).id,
          reason: 'removed',
          recordedBy: people.alice.id,
          reinstatedAt: null,
        }),
      ]);
      expect(await h.ask(quinn, 'whoami')).toBe(
        '<@U0QUINN>: guest. You were a partner member, and Accord does not make a former partner member a vendor member by itself: ask a vendor admin to run `/accord vendor reinstate` for you.',
      );
      expect(await h.ask(people.alice, 'partner member remove globex <@U0QUINN>')).toBe(
        ':warning: <@U0QUINN> is not a member of Globex Corp by hand.',
      );
      // A vendor admin decides they are a vendor member again; that is audited, and said once.
      expect(await h.ask(people.alice, 'vendor reinstate <@U0QUINN>')).toBe(
        ":white_check_mark: <@U0QUINN> is a vendor member again: they can create projects, set RACI and schedule check-ins, and see every partner's scores and statements.",
      );
      expect(await h.ask(quinn, 'whoami')).toContain('<@U0QUINN>: vendor member.');
      expect((await auditsOf('vendor_member.reinstated')).map((a) => [a.actor, a.entityType, a.entityId])).toEqual([
        [people.alice.id, 'user', quinn.id],
      ]);
      const before = await snapshot();
      expect(await h.ask(people.alice, 'vendor reinstate <@U0QUINN>')).toBe(
        ':warning: <@U0QUINN> is not a former partner member waiting to be made a vendor member again, so there is nothing to change.',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('takes `lead` and `confirm` in either order, and needs no `confirm` for someone of the partner’s own team or a vendor admin', async () => {
      expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN> confirm lead')).toMatch(
        /^:white_check_mark: <@U0QUINN> added to `globex` as a lead\. They are now a partner member of Globex Corp instead of a vendor member/,
      );
      expect(await membersOf('globex')).toEqual([{ userId: quinn.id, lead: true }]);
      // Already a partner member: joining a second partner takes no vendor rights away.
      expect(await h.ask(people.alice, 'partner member add initech <@U0QUINN>')).toBe(
        ':white_check_mark: <@U0QUINN> added to `initech` as a member.',
      );
      // Still in Globex: leaving Initech leaves them a partner member, nothing more to say.
      expect(await h.ask(people.alice, 'partner member remove initech <@U0QUINN>')).toBe(
        ':white_check_mark: <@U0QUINN> is no longer a member of `initech`.',
      );
      expect(await h.ask(people.alice, 'partner member remove globex <@U0QUINN>')).toContain(
        'They are now a guest in Accord, not a vendor member',
      );
      // A guest has no vendor rights to lose: adding them again needs no `confirm`.
      expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN>')).toBe(
        ':white_check_mark: <@U0QUINN> added to `globex` as a member.',
      );
      expect(await h.ask(people.alice, 'partner member remove globex <@U0QUINN>')).toContain(
        'They are now a guest in Accord, not a vendor member',
      );
      // Admins are resolved first, so a vendor admin added in Slack keeps their rights.
      expect(await h.ask(people.alice, 'admin add <@U0VERA>')).toContain(':white_check_mark:');
      expect(await h.ask(people.alice, 'partner member add initech <@U0VERA>')).toBe(
        ':white_check_mark: <@U0VERA> added to `initech` as a member. They stay a vendor admin, since admin rights come first; were those taken back, they would be a partner member of Initech, not a vendor member.',
      );
      expect(await h.ask(people.vera, 'whoami')).toBe('<@U0VERA>: vendor admin.');
      expect(await h.ask(people.alice, 'partner member remove initech <@U0VERA>')).toBe(
        ':white_check_mark: <@U0VERA> is no longer a member of `initech`. They stay a vendor admin; were those rights taken back, they would be a guest until `/accord vendor reinstate`.',
      );
      expect(await h.ask(people.alice, 'admin remove <@U0VERA>')).toContain(':white_check_mark:');
      expect(await h.ask(people.vera, 'whoami')).toContain('<@U0VERA>: guest. You were a partner member');
      expect(await membersOf('initech')).toEqual([]);
      for (const who of ['<@U0QUINN>', '<@U0VERA>'])
        expect(await h.ask(people.alice, `vendor reinstate ${who}`)).toContain('is a vendor member again');
      expect(await h.ask(people.vera, 'whoami')).toContain('<@U0VERA>: vendor member.');
    });

    it('makes a Slack-team member a lead by adding them by hand', async () => {
      expect(await h.ask(people.alice, 'partner member add acme <@U0PAT>')).toBe(
        ':white_check_mark: <@U0PAT> added to `acme` as a member.',
      );
      expect(await h.ask(people.alice, 'partner member add acme <@U0PAT> LEAD')).toBe(
        ':white_check_mark: <@U0PAT> is now a lead of `acme`.',
      );
      expect(await membersOf('acme')).toEqual([
        { userId: people.hidden.id, lead: false },
        { userId: people.pat.id, lead: true },
      ]);
      expect(await h.ask(people.pat, 'whoami')).toBe('<@U0PAT>: member of Acme Telecom (lead).');
    });

    it('refuses to remove someone who is a member only through the Slack team', async () => {
      await h.ask(people.alice, 'partner add hooli "Hooli" team=T0HOOLI');
      h.standIn.addUser({ id: 'U0HANNA', teamId: 'T0HOOLI', name: 'hanna' });
      const hanna = { id: 'U0HANNA', teamId: 'T0HOOLI' };
      expect(await h.ask(hanna, 'whoami')).toBe('<@U0HANNA>: member of Hooli.');
      expect(await h.ask(people.alice, 'partner member remove hooli <@U0HANNA>')).toBe(
        ':warning: <@U0HANNA> is not a member of Hooli by hand (members through its Slack team stay members while they are in that team).',
      );
      expect(await h.ask(hanna, 'whoami')).toBe('<@U0HANNA>: member of Hooli.');
    });

    it('refuses bad member changes and changes nothing', async () => {
      const before = await snapshot();
      const refusals: Array<[string, string]> = [
        ['partner member add acme <@U0ALICE>', '<@U0ALICE> is a vendor admin and cannot also be a partner member.'],
        ['partner member add acme', 'Mention the person to add, e.g. `@pat`.'],
        ['partner member add acme pat', '`pat` is not a mention.'],
        ['partner member add acme "pat"', 'is not a mention.'],
        [
          'partner member add acme <@U0VERA> boss',
          "`boss` is not an option here; add `lead` to make them a lead, or `confirm` to add a person of the vendor's own workspace.",
        ],
        ['partner member add acme <@U0VERA> lead twice', '`twice` is not an option here'],
        ['partner member add acme <@U0VERA> lead lead', '`lead` given more than once.'],
        ['partner member add acme <@U0VERA> lead confirm twice', 'I did not expect `twice` here.'],
        ['partner member add nope <@U0VERA>', 'There is no partner `nope`.'],
        ['partner member remove acme', 'Mention the person to remove, e.g. `@pat`.'],
        ['partner member remove acme victor', '`victor` is not a mention.'],
        ['partner member remove acme <@U0VERA>', '<@U0VERA> is not a member of Acme Telecom by hand'],
      ];
      for (const [text, expected] of refusals) {
        const reply = await h.ask(people.alice, text);
        expect(reply, text).toContain(expected);
        expect(reply, text).toMatch(/^:warning: /);
      }
      expect(await h.ask(people.alice, 'partner member add acme')).toContain(
        'Usage: `/accord partner member add <slug> @user [lead] [confirm]`',
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('partner stage', () => {
    it('moves a partner to another stage and records it', async () => {
      expect(await h.ask(people.alice, 'partner stage acme growth')).toBe(
        ':white_check_mark: `acme` moved from access to growth.',
      );
      expect((await partnerRow('acme')).stage).toBe('growth');
      const audit = await auditsOf('partner.stage_changed');
      expect(audit.map((a) => a.data)).toEqual([{ from: 'access', to: 'growth' }]);
    });

    it('refuses the stage it is already in, an unknown stage, and a missing one', async () => {
      expect(await h.ask(people.alice, 'partner stage acme Growth')).toBe(
        ':warning: Acme Telecom is already in the growth stage.',
      );
      const bad = await h.ask(people.alice, 'partner stage acme expert');
      expect(bad).toContain('`expert` is not a stage: use `access`, `growth`, `maturity`.');
      expect(bad).toContain('Usage: `/accord partner stage <slug> access|growth|maturity`');
      expect(await h.ask(people.alice, 'partner stage acme')).toContain(
        'Give the stage: use `access`, `growth`, `maturity`.',
      );
      expect(await h.ask(people.alice, 'partner stage nope maturity')).toContain('There is no partner `nope`.');
      expect((await partnerRow('acme')).stage).toBe('growth');
      expect(await auditsOf('partner.stage_changed')).toHaveLength(1);
    });
  });

  describe('partner violation', () => {
    it('records a minor violation without an exit review', async () => {
      expect(await h.ask(people.alice, 'partner violation globex minor "Weekly report two days late"')).toBe(
        ':white_check_mark: Minor violation recorded for `globex`. It takes 5 points off the partner’s score for this period.',
      );
      const globex = await partnerRow('globex');
      expect(globex.exitReview).toBe(false);
      const rows = await db().select().from(partnerViolations).where(eq(partnerViolations.partnerId, globex.id));
      expect(rows).toEqual([
        expect.objectContaining({
          severity: 'minor',
          description: 'Weekly report two days late',
          recordedBy: people.alice.id,
        }),
      ]);
      expect(await h.ask(people.alice, 'partner list')).not.toContain('exit review');
    });

    it('marks a partner for exit review after a major violation and warns in list and show', async () => {
      expect(await h.ask(people.alice, 'partner violation acme MAJOR "Shared customer data with a competitor"')).toBe(
        ':white_check_mark: Major violation recorded for `acme`. The partner is now marked for exit review; decide with `/accord partner exit` or keep it.',
      );
      expect((await partnerRow('acme')).exitReview).toBe(true);
      expect((await partnerRow('globex')).exitReview).toBe(false);
      const list = await h.ask(people.alice, 'partner list');
      expect(list).toContain(
        '• *Acme Telecom* `acme` — registered, growth stage, everyone in Slack team T0PARTNER + 2 added by hand — :warning: exit review',
      );
      expect(list).toMatch(/• \*Globex Corp\* `globex` — gold, access stage, 0 members\n/);
      const show = await h.ask(people.alice, 'partner show acme');
      expect(show).toContain(':warning: Marked for exit review after a major violation.');
      expect(show).toContain('• 2026-03-02 major: Shared customer data with a competitor');
      expect(await h.ask(people.alice, 'partner show globex')).not.toContain('exit review');
    });

    it('notes the exit review when a further minor violation is recorded', async () => {
      expect(await h.ask(people.alice, 'partner violation acme minor "Missed a check-in"')).toContain(
        '(The partner is under exit review.)',
      );
      expect(await auditsOf('partner.violation_recorded')).toHaveLength(3);
    });

    it('refuses a violation without a description or with an unknown severity', async () => {
      const before = await snapshot();
      expect(await h.ask(people.alice, 'partner violation acme minor')).toContain('Say what happened, in quotes');
      expect(await h.ask(people.alice, 'partner violation acme minor "  "')).toContain(
        'Describe what happened in 1–500 characters.',
      );
      expect(await h.ask(people.alice, 'partner violation acme severe "Late"')).toContain(
        '`severe` is not a severity: use `minor`, `major`.',
      );
      expect(await h.ask(people.alice, 'partner violation acme')).toContain(
        'Usage: `/accord partner violation <slug> minor|major "<what happened>"`',
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('partner cert', () => {
    it('records a certification without expiry and schedules nothing', async () => {
      expect(await h.ask(people.alice, 'partner cert globex "Partner onboarding training"')).toBe(
        ':white_check_mark: “Partner onboarding training” recorded for `globex`.',
      );
      expect(await db().select().from(jobs).where(eq(jobs.kind, CERT_REMINDER))).toEqual([]);
    });

    it('schedules durable reminders 30 and 7 days before expiry', async () => {
      expect(await h.ask(people.alice, 'partner cert acme "ISO 27001" expires=2026-04-30')).toBe(
        ':white_check_mark: “ISO 27001” recorded for `acme`, valid until 2026-04-30. I will remind its leads and you on 2026-03-31 and 2026-04-23.',
      );
      const [cert] = await db().select().from(partnerCertifications).where(eq(partnerCertifications.name, 'ISO 27001'));
      expect(cert).toMatchObject({ expiresOn: '2026-04-30', recordedBy: people.alice.id });
      const scheduled = await db().select().from(jobs).where(eq(jobs.kind, CERT_REMINDER)).orderBy(jobs.dueAt);
      expect(scheduled.map((j) => ({ dueAt: j.dueAt.toISOString(), status: j.status, payload: j.payload }))).toEqual([
        { dueAt: '2026-03-31T09:00:00.000Z', status: 'pending', payload: { certificationId: cert?.id, days: 30 } },
        { dueAt: '2026-04-23T09:00:00.000Z', status: 'pending', payload: { certificationId: cert?.id, days: 7 } },
      ]);
      expect(await auditsOf('partner.certification_recorded')).toHaveLength(2);
    });

    it('refuses an expiry that is not a date or is in the past', async () => {
      const before = await snapshot();
      expect(await h.ask(people.alice, 'partner cert acme "CCNA" expires=next-year')).toContain(
        '`expires=next-year` is not a date; write it as YYYY-MM-DD',
      );
      expect(await h.ask(people.alice, 'partner cert acme "CCNA" expires=2026-02-30')).toContain(
        '`expires=2026-02-30` is not a date',
      );
      expect(await h.ask(people.alice, 'partner cert acme "CCNA" expires=2026-03-01')).toContain(
        '`expires=2026-03-01` is in the past',
      );
      expect(await h.ask(people.alice, 'partner cert acme')).toContain('Name the certification or training in quotes');
      expect(await h.ask(people.alice, 'partner cert acme "CCNA" until=2027-01-01')).toContain(
        "I don't know the option `until=`.",
      );
      expect(await snapshot()).toEqual(before);
    });

    it('reminds the partner’s leads and the admin who recorded it, once, when the day comes', async () => {
      h.clock.set(new Date('2026-03-31T08:59:00Z'));
      await h.settle();
      expect(certDms('D0PAT', 'ISO 27001')).toEqual([]);
      expect(certDms('D0ALICE', 'ISO 27001')).toEqual([]);

      h.clock.set(new Date('2026-03-31T09:00:00Z'));
      await h.settle();
      await h.settle();
      // Pat is in Acme's own organisation: Slack refuses the DM, and Acme has no project channel
      // yet, so the admin who recorded it is asked to pass it on (see cross-org-notices.test.ts).
      expect(certDms('D0PAT', 'ISO 27001')).toEqual([]);
      const toAlice = certDms('D0ALICE', 'ISO 27001');
      expect(toAlice).toHaveLength(2);
      expect(toAlice[0]?.text).toContain(
        'Acme Telecom’s certification “ISO 27001” expires on 2026-04-30 (in 30 days).',
      );
      expect(toAlice[1]?.text).toContain('I could not reach <@U0PAT> by direct message');
      expect(toAlice[1]?.text).toContain(
        '> :hourglass: Acme Telecom’s certification “ISO 27001” expires on 2026-04-30 (in 30 days).',
      );
      expect(certDms('D0HIDDEN', 'ISO 27001')).toEqual([]);
      expect(certDms('D0QUINN', 'ISO 27001')).toEqual([]);
      const done = await db()
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, CERT_REMINDER), eq(jobs.status, 'done')));
      expect(done).toHaveLength(1);

      h.clock.set(new Date('2026-04-23T09:00:00Z'));
      await h.settle();
      await h.settle();
      expect(certDms('D0PAT', 'ISO 27001')).toEqual([]);
      expect(certDms('D0ALICE', 'ISO 27001').map((m) => m.text.includes('(in 7 days)'))).toEqual([
        false,
        false,
        true,
        true,
      ]);
      const pending = await db()
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, CERT_REMINDER), eq(jobs.status, 'pending')));
      expect(pending).toEqual([]);
    });
  });

  describe('partner list and show', () => {
    it('lists every partner with tier, stage and members, those of its Slack team apart from those added by hand', async () => {
      const list = await h.ask(people.alice, 'partner list');
      expect(list.split('\n')).toEqual([
        '*Partners (4)*',
        '• *Acme Telecom* `acme` — registered, growth stage, everyone in Slack team T0PARTNER + 2 added by hand — :warning: exit review',
        '• *Globex Corp* `globex` — gold, access stage, 0 members',
        '• *Hooli* `hooli` — registered, access stage, everyone in Slack team T0HOOLI',
        '• *Initech* `initech` — silver, access stage, 0 members',
      ]);
    });

    it('shows a partner’s members, violations and certifications', async () => {
      const show = await h.ask(people.alice, 'partner show ACME');
      expect(show.split('\n')).toEqual([
        '*Acme Telecom* `acme` — registered, growth stage, Slack team T0PARTNER',
        ':warning: Marked for exit review after a major violation.',
        "*Members*: everyone in Slack team T0PARTNER (Slack does not let Accord list another organisation's people), plus 2 added by hand: <@U0PAT> (lead), <@U0HIDDEN>",
        '*Contacts* (0)',
        '*Violations* (2)',
        '• 2026-03-02 major: Shared customer data with a competitor',
        '• 2026-03-02 minor: Missed a check-in',
        '*Certifications* (1)',
        '• ISO 27001 — expires 2026-04-30',
      ]);
      const globex = await h.ask(people.alice, 'partner show globex');
      expect(globex).toContain('*Globex Corp* `globex` — gold, access stage\n');
      expect(globex).toContain('*Members* (0): none added by hand');
      expect(await h.ask(people.alice, 'partner show hooli')).toContain(
        "*Members*: everyone in Slack team T0HOOLI (Slack does not let Accord list another organisation's people); none added by hand",
      );
      expect(globex).toContain('• 2026-03-02 minor: Weekly report two days late');
      expect(globex.split('\n').at(-1)).toBe('• Partner onboarding training');
      expect(globex).not.toContain('expires');
      expect(await h.ask(people.alice, 'partner show nope')).toBe(
        ':warning: There is no partner `nope`. `/accord partner list` shows them all.',
      );
      expect(await h.ask(people.alice, 'partner list all')).toContain('`partner list` takes no arguments.');
    });
  });

  describe('permissions', () => {
    const commands = [
      'partner add zeta "Zeta"',
      'partner list',
      'partner show acme',
      'partner member add acme <@U0VERA>',
      'partner member remove acme <@U0HIDDEN>',
      'partner stage acme maturity',
      'partner violation globex minor "Late"',
      'partner cert globex "Training" expires=2026-12-31',
      'partner exit acme reason="gone" handover=globex',
    ];

    it('refuses every partner command to vendor members and partner members, and changes nothing', async () => {
      expect(await h.ask(people.victor, 'whoami')).toContain('vendor member');
      expect(await h.ask(people.pat, 'whoami')).toContain('member of Acme Telecom');
      const before = await snapshot();
      // What Accord posted, leaving out pat's own @Accord messages.
      const posted = () => h.standIn.messages.filter((m) => m.user === h.standIn.botUserId).length;
      const dmsBefore = posted();
      for (const user of [people.victor, people.pat]) {
        for (const text of commands) expect(await h.ask(user, text), `${user.name}: ${text}`).toBe(REFUSAL);
      }
      expect(await snapshot()).toEqual(before);
      expect(posted()).toBe(dmsBefore);
    });

    it('tells someone Accord does not know that they must be added first', async () => {
      expect(await h.ask(gus, 'whoami')).toContain(GUEST_WHOAMI);
      const before = await snapshot();
      for (const text of commands) {
        expect(await h.ask(gus, text), text).toBe(
          `${REFUSAL} Accord does not know you yet: ask a vendor admin to add you to your partner.`,
        );
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('partner exit', () => {
    let channel: string;

    it('sets up a shared project with RACI roles', async () => {
      expect(await h.ask(people.alice, 'project create rollout "Rollout" partners=acme,globex')).toContain(
        'Project *Rollout* (`rollout`) created with',
      );
      channel = (await projectRow('rollout')).channelId;
      expect(
        await h.ask(people.alice, 'raci set "Order handling" R=acme A=acme C=vendor', '/accord', channel),
      ).toContain('Added *Order handling* in `rollout`');
      expect(
        await h.ask(people.victor, 'raci set "Billing" R=vendor,acme A=vendor I=globex project=rollout'),
      ).toContain('Added *Billing* in `rollout`');
      expect(await h.ask(people.pat, 'project show rollout')).toContain('*Rollout* `rollout`');
      expect(await h.ask(people.alice, 'partner cert acme "PCI DSS" expires=2026-06-30')).toContain(
        'I will remind its leads and you on 2026-05-31 and 2026-06-23.',
      );
    });

    it('refuses an exit without a reason, without a handover, to itself or to an unknown partner', async () => {
      const before = await snapshot();
      const refusals: Array<[string, string]> = [
        ['partner exit acme handover=globex', 'Give the reason: `reason="…"`.'],
        ['partner exit acme reason="  " handover=globex', 'Give the reason: `reason="…"`.'],
        [
          'partner exit acme reason="contract ended"',
          'Say who takes over its work: `handover=<partner-slug>` or `handover=@user`.',
        ],
        [
          'partner exit acme reason="contract ended" handover=acme',
          'A partner cannot hand over to itself; name another partner or a person.',
        ],
        ['partner exit acme reason="contract ended" handover=nosuch', 'There is no partner `nosuch`.'],
        [
          'partner exit acme reason="contract ended" handover=<#C0GENERAL|general>',
          'is neither a partner slug nor a @mention.',
        ],
        ['partner exit acme reason="contract ended" handover=globex notice=30d', "I don't know the option `notice=`."],
        ['partner exit nope reason="contract ended" handover=globex', 'There is no partner `nope`.'],
        [
          'partner exit acme reason="contract ended" handover=<@U0PAT|pat>',
          '<@U0PAT> belongs to the partner that is leaving and loses access with it',
        ],
        ['partner exit acme reason="contract ended" handover=<@U0GUS|gus>', '<@U0GUS> is not in the vendor team'],
      ];
      for (const [text, expected] of refusals) {
        const reply = await h.ask(people.alice, text);
        expect(reply, text).toContain(expected);
        expect(reply, text).toMatch(/^:warning: /);
      }
      expect(await h.ask(people.alice, 'partner exit acme')).toContain(
        'Usage: `/accord partner exit <slug> reason="…" handover=<partner-slug>|@user`',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('hands the partner’s RACI roles to another partner, announces it and keeps its history', async () => {
      const messagesBefore = h.standIn.messagesIn(channel).length;
      const reply = await h.ask(people.alice, 'partner exit acme reason="contract ended" handover=globex');
      expect(reply).toContain(':white_check_mark: *Acme Telecom* has exited; its history is kept.');
      expect(reply).toContain('2 RACI role assignments handed over to Globex Corp:');
      expect(reply).toContain('• `rollout` *Order handling*:');
      expect(reply).toContain('A: Acme Telecom → Globex Corp');
      expect(reply).toContain('• `rollout` *Billing*:');
      expect(reply).toContain(`Its members lost access to Accord. Its Slack organisation still shares <#${channel}>`);

      const order = await activityRow('rollout', 'Order handling');
      expect(order.responsible).toEqual([{ kind: 'partner', slug: 'globex' }]);
      expect(order.accountable).toEqual({ kind: 'partner', slug: 'globex' });
      expect(order.consulted).toEqual([{ kind: 'vendor' }]);
      expect(order.informed).toEqual([]);
      const billing = await activityRow('rollout', 'Billing');
      expect(billing.responsible).toEqual([{ kind: 'vendor' }, { kind: 'partner', slug: 'globex' }]);
      expect(billing.accountable).toEqual({ kind: 'vendor' });
      expect(billing.informed).toEqual([]);

      expect(await partnerRow('acme')).toMatchObject({
        status: 'exited',
        exitReason: 'contract ended',
        handoverTo: 'globex',
        exitedAt: new Date('2026-04-23T09:00:00Z'),
      });
      const handedOver = await auditsOf('raci.handed_over');
      expect(handedOver.map((a) => a.entityId).sort()).toEqual([String(order.id), String(billing.id)].sort());
      const exited = await auditsOf('partner.exited');
      expect(exited).toEqual([
        expect.objectContaining({ actor: people.alice.id, entityId: String((await partnerRow('acme')).id) }),
      ]);
      expect(exited[0]?.data).toMatchObject({
        reason: 'contract ended',
        handover: { kind: 'partner', slug: 'globex' },
      });

      const announced = h.standIn.messagesIn(channel).slice(messagesBefore);
      expect(announced).toHaveLength(1);
      expect(announced[0]?.text).toContain(
        ':wave: Acme Telecom has left the partner network; Globex Corp takes over its work on this project.',
      );
      expect(announced[0]?.text).toContain('*Order handling*');

      expect(
        await db()
          .select()
          .from(partnerViolations)
          .where(eq(partnerViolations.partnerId, (await partnerRow('acme')).id)),
      ).toHaveLength(2);
      expect(await membersOf('acme')).toHaveLength(2);
    });

    it('takes access away from the partner’s people, by team and by hand, and tells them their partner has left', async () => {
      expect(await h.ask(people.pat, 'whoami')).toBe(`<@U0PAT>: ${LEFT}`);
      expect(await h.ask(people.hidden, 'whoami')).toBe(`<@U0HIDDEN>: ${LEFT}`);
      // Everything is refused with the same notice, which says nothing about what was asked for.
      for (const [command, text] of [
        ['/accord', 'project show rollout'],
        ['/accord', 'project show no-such-project'],
        ['/accord', 'project list'],
        ['/accord', 'raci show project=rollout'],
        ['/score', ''],
        ['/score', 'globex'],
        ['/accord', 'statement 2026-03'],
        ['/escalate', 'sev2 Still here project=rollout'],
      ] as const) {
        expect(await h.ask(people.pat, text, command), `${command} ${text}`).toBe(`:no_entry: ${LEFT}`);
      }
      const show = await h.ask(people.hidden, 'project show rollout');
      expect(show).toBe(`:no_entry: ${LEFT}`);
      // Someone else of another team is still the plain guest.
      expect(await h.ask(gus, 'whoami')).toContain(GUEST_WHOAMI);
      expect(await h.ask(gus, 'project list')).toContain('Accord does not know you yet');
      expect(show).not.toContain('Order handling');
    });

    it('still lists and shows the exited partner', async () => {
      const list = await h.ask(people.alice, 'partner list');
      expect(list).toContain('• ~Acme Telecom~ `acme` — exited 2026-04-23');
      expect(list.split('\n').at(-1)).toBe('• ~Acme Telecom~ `acme` — exited 2026-04-23');
      const show = await h.ask(people.alice, 'partner show acme');
      expect(show).toContain('Exited 2026-04-23: contract ended (handed over to `globex`)');
      expect(show).toContain('*Violations* (2)');
      expect(show).toContain(
        "*Former members*: everyone in Slack team T0PARTNER (Slack does not let Accord list another organisation's people), plus 2 added by hand: <@U0PAT> (lead), <@U0HIDDEN>",
      );
    });

    it('refuses to change an exited partner or hand work over to it', async () => {
      const before = await snapshot();
      const gone = 'Partner `acme` has exited the network; its history is kept but it takes no new work.';
      expect(await h.ask(people.alice, 'partner exit acme reason="again" handover=globex')).toBe(`:warning: ${gone}`);
      expect(await h.ask(people.alice, 'partner member add acme <@U0VERA>')).toBe(`:warning: ${gone}`);
      expect(await h.ask(people.alice, 'partner stage acme maturity')).toBe(`:warning: ${gone}`);
      expect(await h.ask(people.alice, 'partner exit initech reason="merged" handover=acme')).toBe(`:warning: ${gone}`);
      expect(await snapshot()).toEqual(before);
      expect(await auditsOf('partner.exited')).toHaveLength(1);
    });

    it('sends no reminders for an exited partner’s certifications', async () => {
      const scheduled = await db()
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, CERT_REMINDER), eq(jobs.status, 'pending')))
        .orderBy(jobs.dueAt);
      expect(scheduled.map((j) => j.dueAt.toISOString())).toEqual([
        '2026-05-31T09:00:00.000Z',
        '2026-06-23T09:00:00.000Z',
      ]);
      h.clock.set(new Date('2026-05-31T09:00:00Z'));
      await h.settle();
      const [ran] = await db()
        .select()
        .from(jobs)
        .where(eq(jobs.id, scheduled[0]?.id ?? -1));
      expect(ran?.status).toBe('done');
      expect(certDms('D0PAT', 'PCI DSS')).toEqual([]);
      expect(certDms('D0ALICE', 'PCI DSS')).toEqual([]);
    });

    it('hands a partner’s roles to a person and removes its hand-added members from the project channel', async () => {
      expect(await h.ask(people.alice, 'partner member add initech <@U0QUINN> lead confirm')).toMatch(
        /^:white_check_mark: <@U0QUINN> added to `initech` as a lead\. They are now a partner member/,
      );
      expect(await h.ask(people.alice, 'project create pilot "Pilot" partners=initech')).toContain(
        'Project *Pilot* (`pilot`) created with',
      );
      const pilot = (await projectRow('pilot')).channelId;
      expect(h.standIn.channels.get(pilot)?.members.has(quinn.id)).toBe(true);
      await h.ask(people.alice, 'raci set "Installation" R=initech,vendor A=initech project=pilot');

      const reply = await h.ask(
        people.alice,
        'partner exit initech reason="merged into Globex" handover=<@U0VERA|vera>',
      );
      expect(reply).toContain(':white_check_mark: *Initech* has exited; its history is kept.');
      expect(reply).toContain('1 RACI role assignment handed over to <@U0VERA>:');
      expect(reply).toContain('Its members lost access to Accord and are being removed from 1 project channel.');

      const installation = await activityRow('pilot', 'Installation');
      expect(installation.responsible).toEqual([{ kind: 'user', userId: people.vera.id }, { kind: 'vendor' }]);
      expect(installation.accountable).toEqual({ kind: 'user', userId: people.vera.id });
      expect(await partnerRow('initech')).toMatchObject({ status: 'exited', handoverTo: people.vera.id });
      expect(h.standIn.channels.get(pilot)?.members.has(quinn.id)).toBe(false);
      expect(h.standIn.messagesIn(pilot).at(-1)?.text).toContain(
        ':wave: Initech has left the partner network; <@U0VERA> takes over its work on this project.',
      );
      expect(reply).toContain(
        "\n<@U0QUINN> is of the vendor's own workspace and now a guest in Accord, not a vendor member. `/accord vendor reinstate` with a mention makes one a vendor member again.",
      );
      expect(await h.ask(quinn, 'whoami')).toContain('<@U0QUINN>: guest. You were a partner member');
      expect(await h.ask(quinn, 'project create q1 "Q" partners=globex')).toBe(
        ':no_entry: Only vendor admins and vendor members can create projects, set RACI and schedule check-ins. You are no longer a partner member, and Accord makes a former partner member a vendor member again only when a vendor admin says so: ask one to run `/accord vendor reinstate` for you.',
      );
      expect(await h.ask(people.alice, 'partner show initech')).toContain(
        'Exited 2026-05-31: merged into Globex (handed over to <@U0VERA>)',
      );
      expect(await h.ask(people.alice, 'vendor reinstate <@U0QUINN>')).toContain('is a vendor member again');
      expect(await h.ask(quinn, 'whoami')).toContain('<@U0QUINN>: vendor member.');
    });

    it('lets the exited partner’s Slack team be registered to a new partner', async () => {
      expect(await h.ask(people.alice, `partner add acme-next "Acme Next" team=${PARTNER_TEAM}`)).toContain(
        'Everyone in Slack team T0PARTNER counts as its member.',
      );
      expect(await h.ask(people.pat, 'whoami')).toBe('<@U0PAT>: member of Acme Next.');
    });
  });
});
