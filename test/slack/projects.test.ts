import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, changeRequests, projectPartners, projects, raciActivities } from '../../src/db/schema';
import { createProject } from '../../src/services/projects/create-project';
import { buildContext } from '../../src/slack/pipeline';
import { actionIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, people, quinn, VENDOR_TEAM } from '../../src/testkit/world';

const ida = { id: 'U0IDA', teamId: VENDOR_TEAM, name: 'ida' };

describe.each(drivers)('projects, RACI and change requests (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const projectRow = async (slug: string) => (await db().select().from(projects).where(eq(projects.slug, slug)))[0];
  const audits = async (action: string) => db().select().from(auditEvents).where(eq(auditEvents.action, action));
  const lastText = (channel: string) => h.standIn.messagesIn(channel).at(-1)?.text ?? '';

  beforeAll(async () => {
    h = await startHarness({
      driver,
      users: [quinn, gus, ida],
    });
    expect(await h.ask(people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner add globex "Globex" tier=gold')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add acme <@U0PAT> lead')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add globex <@U0QUINN> confirm')).toContain(':white_check_mark:');
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('project create', () => {
    it('creates #accord-<slug>, invites people, shares with the partner organisation, welcomes and records it', async () => {
      const reply = await h.ask(
        people.victor,
        'project create rollout "Riga rollout" partners=acme,globex customer="Baltic Bank" tz=Europe/Riga stage=development',
      );
      const project = await projectRow('rollout');
      expect(project).toMatchObject({
        name: 'Riga rollout',
        customer: 'Baltic Bank',
        timeZone: 'Europe/Riga',
        stage: 'development',
        ownerUserId: people.victor.id,
      });
      const channel = h.standIn.channels.get(project?.channelId ?? '');
      expect(channel?.name).toBe('accord-rollout');
      expect(reply).toContain(`created with <#${project?.channelId}>`);
      expect(reply).toContain('Slack Connect invitation sent to the organisation of `acme`');
      // Creator and globex's member are people of this workspace; acme's people come through Slack Connect.
      expect([...(channel?.members ?? [])].sort()).toEqual([quinn.id, people.victor.id].sort());
      // Slack Connect invitations stay pending until Acme accepts (test/slack/invitations.test.ts).
      expect(h.standIn.pendingInvitations(channel?.id).map((i) => i.userId)).toEqual([people.pat.id]);
      expect(h.standIn.callsTo('conversations.inviteShared').map((c) => c.args.user_ids)).toEqual([people.pat.id]);
      const welcome = h.standIn.messagesIn(project?.channelId ?? '');
      expect(welcome).toHaveLength(1);
      expect(welcome[0]?.text).toContain('Welcome to Riga rollout');
      expect(JSON.stringify(welcome[0]?.blocks)).toContain('/escalate');
      const links = await db()
        .select()
        .from(projectPartners)
        .where(eq(projectPartners.projectId, project?.id ?? 0));
      expect(links.map((l) => l.position)).toEqual([0, 1]);
      expect(await audits('project.created')).toHaveLength(1);
    });

    it('says what to do when the channel name is taken, and records nothing', async () => {
      const taken = h.standIn.addChannel({ name: 'accord-taken' });
      const reply = await h.ask(people.victor, 'project create taken "Taken" partners=acme');
      expect(reply).toContain('A channel named #accord-taken already exists');
      expect(reply).toContain('`channel=#accord-taken`');
      expect(await projectRow('taken')).toBeUndefined();
      const ok = await h.ask(
        people.victor,
        `project create taken "Taken" partners=acme channel=<#${taken.id}|accord-taken>`,
      );
      expect(ok).toContain(`set up in <#${taken.id}>`);
      expect((await projectRow('taken'))?.channelId).toBe(taken.id);
    });

    it('joins a public channel it is not in, and refuses a private one until invited', async () => {
      const open = h.standIn.addChannel({ name: 'ops', botIsMember: false });
      expect(await h.ask(people.victor, `project create ops "Ops" partners=globex channel=<#${open.id}>`)).toContain(
        ':white_check_mark:',
      );
      expect(h.standIn.callsTo('conversations.join').map((c) => c.args.channel)).toContain(open.id);
      const closed = h.standIn.addChannel({ name: 'secret', isPrivate: true, botIsMember: false });
      const reply = await h.ask(
        people.victor,
        `project create secret "Secret" partners=globex channel=<#${closed.id}>`,
      );
      expect(reply).toContain('is private and I am not in it');
      expect(await projectRow('secret')).toBeUndefined();
      expect(
        await h.ask(people.victor, `project create again "Again" partners=globex channel=<#${open.id}>`),
      ).toContain('is already the channel of project `ops`');
    });

    it('tells the creator by DM when Slack refuses the Slack Connect invitation', async () => {
      h.standIn.inject('conversations.inviteShared', { error: 'restricted_action' });
      const reply = await h.ask(people.vera, 'project create shared "Shared" partners=acme');
      expect(reply).toContain(':white_check_mark:');
      const dm = h.standIn.messagesIn('D0VERA').at(-1)?.text ?? '';
      expect(dm).toContain('The Slack Connect invitation to');
      expect(dm).toContain('restricted_action');
      // The welcome still went out after the failed invitation.
      expect(lastText((await projectRow('shared'))?.channelId ?? '')).toContain('Welcome to Shared');
    });

    it('warns when a partner has its own Slack but no known member to invite', async () => {
      await h.ask(people.alice, 'partner add initech "Initech" team=T0INITECH');
      const reply = await h.ask(people.victor, 'project create lonely "Lonely" partners=initech');
      expect(reply).toContain(
        '`initech` has its own Slack organisation but nobody Accord could address a Slack Connect invitation to',
      );
    });

    it('says the channel exists when recording the project fails after creating it', async () => {
      const services = h.accord.services;
      const ctx = await buildContext(services, { userId: people.victor.id, userTeam: VENDOR_TEAM }, 'C0GENERAL');
      const failing = Object.create(ctx.db) as typeof ctx.db;
      failing.transaction = () => Promise.reject(new Error('connection lost'));
      const attempt = createProject({
        ctx: { ...ctx, db: failing },
        input: {
          slug: 'halfway',
          name: 'Halfway',
          partnerSlugs: ['globex'],
          customer: undefined,
          channelId: undefined,
          timeZone: undefined,
          stage: undefined,
        },
      });
      await expect(attempt).rejects.toThrow(
        /I created <#C[A-Z0-9]+> but could not record the project.*channel=<#C[A-Z0-9]+>/,
      );
      expect([...h.standIn.channels.values()].some((c) => c.name === 'accord-halfway')).toBe(true);
      expect(await projectRow('halfway')).toBeUndefined();
    });

    it.each([
      ['project create x1 "X" partners=nobody', 'There is no partner `nobody`'],
      ['project create x1 "X"', 'Name the partners'],
      ['project create x1 "X" partners=acme tz=Mars/Base', 'is not a time zone I know'],
      ['project create x1 "X" partners=acme stage=teenage', 'is not a customer stage'],
      ['project create X_1 "X" partners=acme', 'cannot be a project slug'],
      ['project create rollout "Again" partners=acme', 'A project `rollout` already exists'],
      ['project create x1 partners=acme', 'Give the project’s name in quotes'],
      ['project create x1 "X" partners=acme channel=general', 'is not a channel'],
      ['project create x1 "X" partners=acme colour=red', "I don't know the option `colour=`"],
    ])('refuses `%s` and changes nothing', async (text, expected) => {
      const before = (await db().select().from(projects)).length;
      const channels = h.standIn.channels.size;
      expect(await h.ask(people.victor, text)).toContain(expected);
      expect(await db().select().from(projects)).toHaveLength(before);
      expect(h.standIn.channels.size).toBe(channels);
    });

    it('refuses partner members and guests', async () => {
      expect(await h.ask(people.pat, 'project create p1 "P" partners=acme')).toContain(
        'Only vendor admins and vendor members can create projects',
      );
      expect(await h.ask(gus, 'project create p1 "P" partners=acme')).toContain('Accord does not know you yet');
      expect(await projectRow('p1')).toBeUndefined();
    });

    it('invites a partner’s new member to its project channels', async () => {
      const before = h.standIn.callsTo('conversations.invite').length;
      expect(await h.ask(people.alice, 'partner member add globex <@U0VERA> confirm')).toContain(
        'inviting them to its',
      );
      const invites = h.standIn.callsTo('conversations.invite').slice(before);
      const channelIds = new Set(invites.map((c) => c.args.channel));
      expect(channelIds).toEqual(
        new Set([(await projectRow('rollout'))?.channelId, (await projectRow('ops'))?.channelId]),
      );
      expect(invites.every((c) => c.args.users === people.vera.id)).toBe(true);
      await h.ask(people.alice, 'partner member remove globex <@U0VERA>');
      // Leaving a partner makes her a guest until an admin makes her a vendor member again.
      expect(await h.ask(people.alice, 'vendor reinstate <@U0VERA>')).toContain('is a vendor member again');
    });

    it('invites a vendor-workspace member of a partner with its own Slack directly, not by Slack Connect', async () => {
      const shared = h.standIn.callsTo('conversations.inviteShared').length;
      const invites = h.standIn.callsTo('conversations.invite').length;
      await h.ask(people.alice, 'partner member add acme <@U0VERA> confirm');
      expect(h.standIn.callsTo('conversations.inviteShared')).toHaveLength(shared);
      const direct = h.standIn.callsTo('conversations.invite').slice(invites);
      const acmeChannels = await Promise.all(
        ['rollout', 'taken', 'shared'].map(async (slug) => (await projectRow(slug))?.channelId),
      );
      expect(new Set(direct.map((c) => c.args.channel))).toEqual(new Set(acmeChannels));
      expect(direct.every((c) => c.args.users === people.vera.id)).toBe(true);
      expect(h.standIn.channels.get((await projectRow('rollout'))?.channelId ?? '')?.members.has(people.vera.id)).toBe(
        true,
      );
      await h.ask(people.alice, 'partner member remove acme <@U0VERA>');
      // Leaving a partner makes her a guest until an admin makes her a vendor member again.
      expect(await h.ask(people.alice, 'vendor reinstate <@U0VERA>')).toContain('is a vendor member again');
    });
  });

  describe('project list and show', () => {
    beforeAll(async () => {
      await h.slack.acceptInvitationsFor(people.pat);
      await h.settle();
    });

    it('shows vendor users every project and partner members only their own', async () => {
      const vendorList = await h.ask(people.victor, 'project list');
      for (const slug of ['rollout', 'taken', 'ops', 'shared', 'lonely']) expect(vendorList).toContain(`\`${slug}\``);
      const patList = await h.ask(people.pat, 'project list');
      expect(patList).toContain('`rollout`');
      expect(patList).toContain('`shared`');
      expect(patList).not.toContain('`ops`');
      expect(patList).not.toContain('`lonely`');
      expect(await h.ask(gus, 'project list')).toContain('Accord does not know you yet');
    });

    it('needs no slug in the project channel, and says so elsewhere', async () => {
      const channel = (await projectRow('rollout'))?.channelId ?? '';
      const shown = await h.ask(people.pat, 'project show', '/accord', channel);
      expect(shown).toContain('*Riga rollout* `rollout` for Baltic Bank');
      expect(shown).toContain('Owner: <@U0VICTOR>');
      expect(shown).toContain('Time zone: Europe/Riga');
      expect(await h.ask(people.victor, 'project show')).toContain('This channel is not a project channel');
    });

    it('answers a partner member asking about another partner’s project as if it did not exist', async () => {
      const reply = await h.ask(people.pat, 'project show ops');
      expect(reply).toContain('There is no project `ops`');
      expect(reply).toBe(
        await h.ask(people.pat, 'project show no-such-project').then((r) => r.replace('no-such-project', 'ops')),
      );
    });
    it('gives a guest the same refusal whether or not the project exists', async () => {
      const real = await h.ask(gus, 'project show rollout');
      expect(real).toContain('Accord does not know you yet');
      expect(await h.ask(gus, 'project show ghost')).toBe(real);
    });
  });

  describe('RACI', () => {
    let channel: string;
    const ask = (user: { id: string; teamId: string }, text: string) => h.ask(user, text, '/accord', channel);
    beforeAll(async () => {
      channel = (await projectRow('rollout'))?.channelId ?? '';
    });

    it('sets an activity, records old → new, and announces it in the channel', async () => {
      const reply = await ask(people.victor, 'raci set "Order handling" R=acme,<@U0VERA> A=vendor I=globex');
      expect(reply).toContain('Added *Order handling* in `rollout`');
      expect(lastText(channel)).toContain('<@U0VICTOR> set the RACI of *Order handling*');
      expect(lastText(channel)).toContain('R: Acme Telecom, <@U0VERA> · A: vendor · C: — · I: Globex');
      const changed = await ask(people.victor, 'raci set "order  HANDLING" A=acme');
      expect(changed).toContain('Updated *Order handling*');
      expect(changed).toContain('A: vendor → Acme Telecom');
      expect(lastText(channel)).toContain('A: vendor → Acme Telecom');
      const [row] = await db().select().from(raciActivities).where(eq(raciActivities.name, 'Order handling'));
      expect(row?.accountable).toEqual({ kind: 'partner', slug: 'acme' });
      const trail = await audits('raci.changed');
      expect(trail).toHaveLength(1);
      expect(trail[0]?.actor).toBe(people.victor.id);
      expect(trail[0]?.data).toMatchObject({
        before: { accountable: { kind: 'vendor' } },
        after: { accountable: { kind: 'partner', slug: 'acme' } },
      });
    });

    it.each([
      ['raci set "Billing" R=acme', 'Every activity needs an Accountable'],
      ['raci set "Billing" A=vendor', 'at least one Responsible'],
      ['raci set "Billing" R=acme A=vendor,globex', 'Exactly one Accountable'],
      ['raci set "Billing" R=initech A=vendor', '`initech` is not a partner in this project'],
      ['raci set "Billing" R=acme A=vendor C=acme', 'cannot be both Responsible and Consulted'],
      ['raci set "Billing"', 'Give at least one role'],
      ['raci set R=acme A=vendor', 'Name the activity'],
      ['raci set "Order handling" A=acme', 'Nothing changed'],
      ['raci set "Billing" R=<!channel> A=vendor', 'is not a person, a partner slug or `vendor`'],
    ])('refuses `%s` and changes nothing', async (text, expected) => {
      const before = await db().select().from(raciActivities);
      const posts = h.standIn.messagesIn(channel).length;
      expect(await ask(people.victor, text)).toContain(expected);
      expect(await db().select().from(raciActivities)).toEqual(before);
      expect(h.standIn.messagesIn(channel)).toHaveLength(posts);
    });

    it('clears C and I with none', async () => {
      await ask(people.victor, 'raci set "Order handling" C=<@U0QUINN>');
      expect(await ask(people.victor, 'raci set "Order handling" C=none I=none')).toContain('C: removed <@U0QUINN>');
      const [row] = await db().select().from(raciActivities).where(eq(raciActivities.name, 'Order handling'));
      expect(row?.consulted).toEqual([]);
      expect(row?.informed).toEqual([]);
    });

    it('fills a stage template, keeping activities that exist', async () => {
      const reply = await ask(people.victor, 'raci template development');
      expect(reply).toContain(
        '*development* stage duties. Added 3: Promotion, Customer service (training, enquiries, complaints), Arrears collection.',
      );
      expect(reply).toContain('Kept as they were: Order handling.');
      const [promotion] = await db().select().from(raciActivities).where(eq(raciActivities.name, 'Promotion'));
      expect(promotion?.responsible).toEqual([
        { kind: 'partner', slug: 'acme' },
        { kind: 'partner', slug: 'globex' },
      ]);
      expect(promotion?.accountable).toEqual({ kind: 'vendor' });
      expect(lastText(channel)).toContain('filled in the *development* stage duties');
      expect(await ask(people.victor, 'raci template')).toContain('Nothing to add.');
      expect(await ask(people.victor, 'raci template teenage')).toContain('is not a customer stage');
    });

    it('shows the matrix to the project’s partner members but lets only the vendor change it', async () => {
      const shown = await ask(people.pat, 'raci show');
      expect(shown).toContain('*Order handling* — R: Acme Telecom, <@U0VERA> · A: Acme Telecom');
      expect(await ask(people.pat, 'raci set "Promotion" A=acme')).toContain(
        'Only vendor admins and vendor members can create projects, set RACI',
      );
      expect(await h.ask(people.pat, 'raci show project=ops')).toContain('There is no project `ops`');
      expect(await h.ask(people.victor, 'raci show')).toContain('This channel is not a project channel');
      expect(await h.ask(people.victor, 'raci show project=rollout')).toContain('*RACI of Riga rollout*');
    });

    it('removes an activity, recorded and announced', async () => {
      expect(await ask(people.victor, 'raci remove "arrears collection"')).toContain('Removed *Arrears collection*');
      expect(lastText(channel)).toContain('removed the activity *Arrears collection*');
      expect(await audits('raci.removed')).toHaveLength(1);
      expect(await ask(people.victor, 'raci remove "Arrears collection"')).toContain('There is no activity');
    });
  });

  describe('change requests', () => {
    let channel: string;
    const ask = (user: { id: string; teamId: string }, text: string) => h.ask(user, text, '/accord', channel);
    const message = (number: number) => h.standIn.messagesIn(channel).find((m) => m.text.startsWith(`CR-${number}:`));
    const press = async (
      user: { id: string; teamId: string },
      number: number,
      actionId: string,
      { forged = false } = {},
    ) => {
      const [cr] = await db().select().from(changeRequests).where(eq(changeRequests.number, number));
      const target = message(number);
      const click = { channel, ts: target?.ts ?? '', actionId, value: String(cr?.id) };
      const res = forged ? await h.slack.forgedPress(user, click) : await h.slack.press(user, click);
      expect(res.status).toBe(200);
      await h.settle();
      return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
    };
    beforeAll(async () => {
      channel = (await projectRow('rollout'))?.channelId ?? '';
    });

    it('posts a change for the Accountable partner with Approve and Reject buttons', async () => {
      const reply = await ask(
        people.victor,
        'change propose "Move the IVR to the new platform" when=2026-03-10T22:00 activity="order handling"',
      );
      expect(reply).toContain('*CR-1* posted in the project channel for Acme Telecom (<@U0PAT>)');
      const posted = message(1);
      expect(posted?.text).toContain('waiting for Acme Telecom');
      const actions = JSON.stringify(posted?.blocks);
      expect(actions).toContain(actionIds.changeApprove);
      expect(actions).toContain(actionIds.changeReject);
      expect(actions).toContain('planned for 2026-03-10 22:00 Europe/Riga');
      const [cr] = await db().select().from(changeRequests);
      expect(cr?.plannedFor?.toISOString()).toBe('2026-03-10T20:00:00.000Z');
      expect(cr?.decider).toEqual({ kind: 'partner', slug: 'acme' });
    });

    it('lets only the decider decide; others are told who may, and nothing changes', async () => {
      const refused = await press(people.victor, 1, actionIds.changeApprove);
      expect(refused).toEqual([expect.stringContaining('Only Acme Telecom (<@U0PAT>) can approve or reject CR-1.')]);
      expect((await db().select().from(changeRequests))[0]?.status).toBe('proposed');
      expect(h.standIn.callsTo('chat.update').filter((c) => c.args.ts === message(1)?.ts)).toHaveLength(0);
    });

    it('checks that a presser may see the project before anything else, and never names the decider to another partner', async () => {
      // Globex takes part in the project but does not decide: it is not told who does.
      const fellow = await press(quinn, 1, actionIds.changeApprove);
      expect(fellow).toEqual(
        ['Only the decider named on CR-1 can approve or reject it.'].map((t) => expect.stringContaining(t)),
      );
      expect(fellow.join(' ')).not.toMatch(/Acme|U0PAT/);
      // A member of Initech (by its Slack team), which is not in the project, learns nothing of the
      // request, as if its id were wrong. A forged request: the channel is not shared with Initech.
      h.standIn.addUser({ id: 'U0IVAN', teamId: 'T0INITECH', name: 'ivan' });
      const outsider = await press({ id: 'U0IVAN', teamId: 'T0INITECH' }, 1, actionIds.changeApprove, { forged: true });
      expect(outsider).toEqual([expect.stringContaining('That change request no longer exists.')]);
      expect(outsider.join(' ')).not.toMatch(/Acme|U0PAT|CR-1/);
      // A guest is refused as for any project. A forged request too: Gus is not in the channel.
      const guest = await press(gus, 1, actionIds.changeApprove, { forged: true });
      expect(guest.join(' ')).not.toMatch(/Acme|U0PAT|CR-1/);
      expect(guest).toEqual([
        expect.stringContaining('Partner members can see the projects their partner takes part in only.'),
      ]);
      expect((await db().select().from(changeRequests))[0]?.status).toBe('proposed');
      expect(await audits('change_request.approved')).toHaveLength(0);
    });

    it('records the decision once, updates the message and announces it, even on a double click', async () => {
      expect(await press(people.pat, 1, actionIds.changeApprove)).toEqual([]);
      const again = await press(people.pat, 1, actionIds.changeReject);
      expect(again).toEqual([expect.stringContaining('CR-1 was already approved by <@U0PAT>')]);
      const [cr] = await db().select().from(changeRequests);
      expect(cr).toMatchObject({ status: 'approved', decidedBy: people.pat.id });
      expect(h.standIn.callsTo('chat.update').filter((c) => c.args.ts === message(1)?.ts)).toHaveLength(1);
      expect(JSON.stringify(message(1)?.blocks)).toContain('Approved by <@U0PAT>');
      expect(JSON.stringify(message(1)?.blocks)).not.toContain(actionIds.changeApprove);
      const thread = h.standIn.messagesIn(channel).filter((m) => m.threadTs === message(1)?.ts);
      expect(thread.map((m) => m.text)).toEqual([
        expect.stringContaining('<@U0PAT> approved *CR-1: Move the IVR to the new platform*'),
      ]);
      expect(await audits('change_request.approved')).toHaveLength(1);
    });

    it('falls back to the vendor project owner without an activity', async () => {
      expect(await ask(people.pat, 'change propose "Extra night shift"')).toContain(
        '*CR-2* posted in the project channel for <@U0VICTOR>',
      );
      expect(await press(people.alice, 2, actionIds.changeReject)).toEqual([
        expect.stringContaining('Only <@U0VICTOR> can approve or reject CR-2.'),
      ]);
      expect(await press(people.victor, 2, actionIds.changeReject)).toEqual([]);
      expect((await db().select().from(changeRequests).where(eq(changeRequests.number, 2)))[0]?.status).toBe(
        'rejected',
      );
    });

    it.each([
      ['change propose "Late" when=2026-03-01T10:00', 'is in the past'],
      ['change propose "Odd" when=next-week', 'is not a date and time'],
      ['change propose "Ghost" activity="No such thing"', 'There is no activity'],
      ['change propose', 'Give the change a title'],
    ])('refuses `%s` and posts nothing', async (text, expected) => {
      const before = (await db().select().from(changeRequests)).length;
      expect(await ask(people.victor, text)).toContain(expected);
      expect(await db().select().from(changeRequests)).toHaveLength(before);
    });

    it('refuses proposals from partner members outside the project', async () => {
      expect(await h.ask(people.alice, 'partner member add initech <@U0IDA> confirm')).toContain(':white_check_mark:');
      await h.slack.join(ida, channel);
      const reply = await ask(ida, 'change propose "Sneaky"');
      expect(reply).toContain(
        'change proposals are for the vendor team and the members of the partners in this project',
      );
      expect(reply).not.toMatch(/acme|globex/i);
      expect(await db().select().from(changeRequests).where(eq(changeRequests.title, 'Sneaky'))).toHaveLength(0);
    });
  });
});
