import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partners, projectPartners, projects } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import type { StandInInvitation } from '../../src/sandbox/stand-in';
import { SlackCallError } from '../../src/outbound/web-api';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { PARTNER_TEAM, people, VENDOR_TEAM } from '../../src/testkit/world';

const DAY = 24 * 3600 * 1000;
// Acme's people are in Acme's own Slack organisation (PARTNER_TEAM); so are Initech's and Umbrella's in theirs.
const quinn = { id: 'U0QUINN', teamId: PARTNER_TEAM, name: 'quinn', email: 'quinn@acme.example' };
const ivan = { id: 'U0IVAN', teamId: 'T0INITECH', name: 'ivan', email: 'ivan@initech.example' };
const ida = { id: 'U0IDA', teamId: 'T0INITECH', name: 'ida', email: 'ida@initech.example' };
const uma = { id: 'U0UMA', teamId: 'T0UMBRELLA', name: 'uma' };
// Wayne has no Slack team on record; hal is of Wayne's own organisation, wes of the vendor's workspace.
const hal = { id: 'U0HAL', teamId: 'T0WAYNE', name: 'hal' };
const wes = { id: 'U0WES', teamId: VENDOR_TEAM, name: 'wes' };

describe.each(drivers)('Slack Connect invitations (%s)', (driver) => {
  let h: Harness;
  const logLines: string[] = [];
  const db = () => h.accord.database.db;
  const projectRow = async (slug: string) => {
    const [row] = await db().select().from(projects).where(eq(projects.slug, slug));
    if (!row) throw new Error(`no project ${slug}`);
    return row;
  };
  const link = async (projectSlug: string, partnerSlug: string) => {
    const project = await projectRow(projectSlug);
    const [partner] = await db().select().from(partners).where(eq(partners.slug, partnerSlug));
    const [row] = await db()
      .select()
      .from(projectPartners)
      .where(and(eq(projectPartners.projectId, project.id), eq(projectPartners.partnerId, partner?.id ?? 0)));
    return row;
  };
  const sharedCallsIn = (channel: string) =>
    h.standIn.callsTo('conversations.inviteShared').filter((c) => c.args.channel === channel && c.response.ok === true);
  const textsIn = (channel: string) => h.standIn.messagesIn(channel).map((m) => m.text);
  const create = async (slug: string, partnerSlugs: string) => {
    const reply = await h.ask(people.victor, `project create ${slug} "${slug}" partners=${partnerSlugs}`);
    expect(reply).toContain(':white_check_mark:');
    return (await projectRow(slug)).channelId;
  };
  const onlyPending = (channel: string): StandInInvitation => {
    const pending = h.standIn.pendingInvitations(channel);
    expect(pending).toHaveLength(1);
    return pending[0] as StandInInvitation;
  };
  const deliver = async (answers: Promise<Array<{ status: number }>>) => {
    for (const answer of await answers) expect(answer.status).toBe(200);
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({
      driver,
      log: createLogger('info', (line) => logLines.push(line)),
      beforeStart: (s) => [quinn, ivan, ida, uma, hal, wes].forEach((u) => s.addUser(u)),
    });
    expect(await h.ask(people.alice, `partner add acme "Acme Telecom" team=${PARTNER_TEAM}`)).toContain(
      ':white_check_mark:',
    );
    expect(await h.ask(people.alice, 'partner member add acme <@U0PAT> lead')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add acme <@U0QUINN>')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner add initech "Initech"')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner add umbrella "Umbrella" team=T0UMBRELLA')).toContain(
      ':white_check_mark:',
    );
    expect(await h.ask(people.alice, 'partner member add umbrella <@U0UMA> lead')).toContain(':white_check_mark:');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sends one conversations.inviteShared per invitee, with external_limited=false, and keeps it pending', async () => {
    const channel = await create('rollout', 'acme');
    // Acme's lead first; Acme's other people once its organisation is connected.
    const calls = sharedCallsIn(channel);
    expect(calls.map((c) => c.args)).toEqual([{ channel, user_ids: people.pat.id, external_limited: 'false' }]);
    expect(onlyPending(channel)).toMatchObject({ userId: people.pat.id, externalLimited: false, state: 'pending' });
    expect(h.standIn.channels.get(channel)?.sharedWithTeams.has(PARTNER_TEAM)).toBe(false);
    expect(await link('rollout', 'acme')).toMatchObject({
      invitationState: 'invited',
      invitee: people.pat.id,
      reinvites: 0,
    });
    expect(await h.ask(people.victor, 'project show rollout')).toContain(
      'Acme Telecom (`acme`, Slack Connect: invited 2026-03-02, not yet accepted)',
    );
  });

  it('is refused by the stand-in, as by Slack, when one call names several invitees', async () => {
    const channel = (await projectRow('rollout')).channelId;
    const refusal = async (args: Record<string, unknown>) => {
      const err = await h.accord.slack
        .call('conversations.inviteShared', { channel, ...args })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SlackCallError);
      return err instanceof SlackCallError && err.failure.kind === 'permanent' ? err.failure.error : undefined;
    };
    expect(await refusal({ user_ids: `${people.pat.id},${quinn.id}` })).toBe('invalid_arguments');
    expect(await refusal({ emails: 'a@acme.example,b@acme.example' })).toBe('too_many_emails');
    expect(await refusal({})).toBe('recipients_not_specified');
    expect(h.standIn.pendingInvitations(channel)).toHaveLength(1);
  });

  it('goes pending → accepted → connected: the other members are invited and welcomed once', async () => {
    const channel = (await projectRow('rollout')).channelId;
    await deliver(h.slack.acceptInvitation(onlyPending(channel).id, people.pat));
    expect(await link('rollout', 'acme')).toMatchObject({
      invitationState: 'connected',
      connectedTeamId: PARTNER_TEAM,
    });
    expect(h.standIn.channels.get(channel)?.members.has(people.pat.id)).toBe(true);
    // Quinn, Acme's other known person, is invited now the organisation is in the channel: one call.
    expect(sharedCallsIn(channel).map((c) => c.args.user_ids)).toEqual([people.pat.id, quinn.id]);
    const welcome = textsIn(channel).filter((t) => t.includes('Welcome, Acme Telecom!'));
    expect(welcome).toHaveLength(1);
    expect(welcome[0]).toContain('@Accord escalate sev2');
    // Quinn accepting too, and a repeated connection, change nothing and welcome nobody twice.
    await deliver(h.slack.acceptInvitation(onlyPending(channel).id, quinn));
    await deliver(
      h.slack.events([{ type: 'channel_shared', connected_team_id: PARTNER_TEAM, channel, event_ts: '1.1' }]),
    );
    expect(textsIn(channel).filter((t) => t.includes('Welcome, Acme Telecom!'))).toHaveLength(1);
    expect(sharedCallsIn(channel)).toHaveLength(2);
    expect(await h.ask(people.victor, 'project show rollout')).toContain(
      'Acme Telecom (`acme`, Slack Connect: connected 2026-03-02)',
    );
  });

  it('waits for an admin’s approval when Slack asks for one, and tells the owner', async () => {
    const channel = await create('approval', 'acme');
    h.standIn.connectApprovalRequired = true;
    try {
      const invitation = onlyPending(channel);
      await deliver(h.slack.acceptInvitation(invitation.id, people.pat));
      expect((await link('approval', 'acme'))?.invitationState).toBe('accepted');
      expect(textsIn(channel).at(-1)).toContain(
        '<@U0VICTOR> Acme Telecom accepted the Slack Connect invitation to this channel; it connects once a Slack admin approves it',
      );
      expect(await h.ask(people.victor, 'project show approval')).toContain(
        'Slack Connect: accepted 2026-03-02, waiting for approval',
      );
      await deliver(h.slack.approveInvitation(invitation.id, VENDOR_TEAM));
      expect((await link('approval', 'acme'))?.invitationState).toBe('connected');
      expect(textsIn(channel).filter((t) => t.includes('Welcome, Acme Telecom!'))).toHaveLength(1);
    } finally {
      h.standIn.connectApprovalRequired = false;
    }
  });

  it('invites a partner Accord knows nobody of by its contact’s email, and learns its organisation on acceptance', async () => {
    expect(await h.ask(people.alice, 'partner contact add initech not-an-email')).toContain(
      '`not-an-email` is not an email address',
    );
    expect(
      await h.ask(people.alice, 'partner contact add initech <mailto:ivan@initech.example|ivan@initech.example>'),
    ).toContain('`ivan@initech.example` is now a contact of `initech`');
    h.clock.advance(60_000);
    expect(await h.ask(people.alice, 'partner contact add initech IDA@initech.example')).toContain(
      '`ida@initech.example` is now a contact of `initech`',
    );
    expect(await h.ask(people.alice, 'partner contact add initech ida@initech.example')).toContain(
      'is already a contact',
    );
    expect(await h.ask(people.victor, 'partner contact add initech eve@initech.example')).toContain(
      'Only vendor admins',
    );
    expect(await h.ask(people.alice, 'partner show initech')).toContain(
      '*Contacts* (2): ivan@initech.example, ida@initech.example',
    );

    const channel = await create('helpdesk', 'initech');
    expect(sharedCallsIn(channel).map((c) => c.args)).toEqual([
      { channel, emails: 'ivan@initech.example', external_limited: 'false' },
    ]);
    expect(textsIn(channel).join('\n')).not.toContain('ivan@initech.example');
    await deliver(h.slack.acceptInvitation(onlyPending(channel).id, ivan));
    expect(await link('helpdesk', 'initech')).toMatchObject({
      invitationState: 'connected',
      connectedTeamId: 'T0INITECH',
    });
    // Ivan's organisation is now Initech's: its people are Initech's members.
    expect(await h.ask(people.alice, 'partner show initech')).toContain('Slack team T0INITECH');
    expect(sharedCallsIn(channel).map((c) => c.args.emails)).toEqual(['ivan@initech.example', 'ida@initech.example']);
    expect(textsIn(channel).filter((t) => t.includes('Welcome, Initech!'))).toHaveLength(1);
    expect(await h.ask(people.alice, 'partner contact remove initech nobody@initech.example')).toContain(
      'is not a contact of `initech`',
    );
    expect(await h.ask(people.alice, 'partner contact remove initech ida@initech.example')).toContain(
      'is no longer a contact',
    );
  });

  it('sends the invitation once a contact is added to a partner that had nobody to invite', async () => {
    await h.ask(people.alice, 'partner add hooli "Hooli" team=T0HOOLI');
    const channel = await create('lonely', 'hooli');
    expect(sharedCallsIn(channel)).toHaveLength(0);
    expect((await link('lonely', 'hooli'))?.invitationState).toBeNull();
    expect(await h.ask(people.alice, 'partner contact add hooli gavin@hooli.example')).toContain(
      'I am inviting it to 1 project channel that had nobody to invite yet',
    );
    expect(sharedCallsIn(channel).map((c) => c.args.emails)).toEqual(['gavin@hooli.example']);
    expect((await link('lonely', 'hooli'))?.invitationState).toBe('invited');
  });

  it('tells the owner in the channel when an invitation is declined, and sends no more', async () => {
    const channel = await create('declined', 'acme');
    await deliver(h.slack.declineInvitation(onlyPending(channel).id, people.pat));
    expect((await link('declined', 'acme'))?.invitationState).toBe('declined');
    expect(textsIn(channel).at(-1)).toContain(
      '<@U0VICTOR> Acme Telecom declined the Slack Connect invitation to this channel',
    );
    expect(await h.ask(people.victor, 'project show declined')).toContain('Slack Connect: declined');
    h.clock.advance(8 * DAY);
    await h.settle();
    expect(sharedCallsIn(channel)).toHaveLength(1);
  });

  it('re-invites after 7 days without an answer, at most twice, then leaves it to the owner', async () => {
    const channel = await create('stalled', 'acme');
    const notices = () => textsIn(channel).filter((t) => t.includes('has not accepted'));
    h.clock.advance(7 * DAY);
    await h.settle();
    expect(sharedCallsIn(channel).map((c) => c.args.user_ids)).toEqual([people.pat.id, people.pat.id]);
    expect(notices().at(-1)).toContain(
      '<@U0VICTOR> Acme Telecom has not accepted the Slack Connect invitation to this channel after 7 days, so I sent it again (1 of at most 2)',
    );
    h.clock.advance(7 * DAY);
    await h.settle();
    expect(sharedCallsIn(channel)).toHaveLength(3);
    expect(notices().at(-1)).toContain('after 14 days, so I sent it again (2 of at most 2)');
    h.clock.advance(7 * DAY);
    await h.settle();
    expect(sharedCallsIn(channel)).toHaveLength(3);
    expect(notices().at(-1)).toContain('after 3 invitations over 21 days; I will not send more');
    h.clock.advance(30 * DAY);
    await h.settle();
    expect(sharedCallsIn(channel)).toHaveLength(3);
    expect(notices()).toHaveLength(3);
    expect((await link('stalled', 'acme'))?.reinvites).toBe(2);
  });

  it('invites someone of another organisation by Slack Connect even when their partner has no team on record, and the vendor’s own people directly', async () => {
    expect(await h.ask(people.alice, 'partner add wayne "Wayne Enterprises"')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add wayne <@U0HAL> lead')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner member add wayne <@U0WES> confirm')).toContain(':white_check_mark:');
    const channel = await create('wayne-pilot', 'wayne');
    // Slack will not add hal with conversations.invite: he is of another organisation.
    const invited = h.standIn.callsTo('conversations.invite').filter((c) => c.args.channel === channel);
    expect(invited.flatMap((c) => String(c.args.users).split(','))).not.toContain(hal.id);
    expect(invited.flatMap((c) => String(c.args.users).split(','))).toContain(wes.id);
    expect(sharedCallsIn(channel).map((c) => c.args.user_ids)).toEqual([hal.id]);
    expect(h.standIn.channels.get(channel)?.members.has(hal.id)).toBe(false);
    await deliver(h.slack.acceptInvitationsFor(hal));
    expect(h.standIn.channels.get(channel)?.members.has(hal.id)).toBe(true);
    expect(await link('wayne-pilot', 'wayne')).toMatchObject({
      invitationState: 'connected',
      connectedTeamId: 'T0WAYNE',
    });
  });

  it('records a partner organisation leaving the channel, and an exited partner’s leaving without errors', async () => {
    const rollout = (await projectRow('rollout')).channelId;
    await deliver(h.slack.unshareChannel(rollout, PARTNER_TEAM));
    expect((await link('rollout', 'acme'))?.invitationState).toBe('unshared');
    expect(textsIn(rollout).at(-1)).toContain("<@U0VICTOR> Acme Telecom's organisation no longer shares this channel");

    const channel = await create('umbrella', 'umbrella');
    await deliver(h.slack.acceptInvitation(onlyPending(channel).id, uma));
    expect((await link('umbrella', 'umbrella'))?.invitationState).toBe('connected');
    expect(await h.ask(people.alice, 'partner exit umbrella reason="contract ended" handover=<@U0VICTOR>')).toContain(
      'has exited',
    );
    const posts = h.standIn.messagesIn(channel).length;
    const logged = logLines.length;
    await deliver(h.slack.unshareChannel(channel, 'T0UMBRELLA'));
    expect((await link('umbrella', 'umbrella'))?.invitationState).toBe('unshared');
    expect(h.standIn.messagesIn(channel)).toHaveLength(posts);
    expect(logLines.slice(logged).filter((l) => /"level":"(error|warn)"/.test(l))).toEqual([]);
  });

  it.each([
    ['not_paid', 'Slack Connect needs a paid Slack plan'],
    ['restricted_action', '"Manage permissions for inviting people to channels"'],
    ['no_external_invite_permission', 'can let members and apps send Slack Connect invitations'],
    ['connection_limit_exceeded_pending', 'the channel already has a pending Slack Connect invitation'],
  ])('explains `%s` to the project owner with the fix', async (error, fix) => {
    h.standIn.inject('conversations.inviteShared', { error });
    await create(`err-${error.replace(/_/g, '-').slice(0, 30)}`, 'acme');
    const dm = h.standIn.messagesIn('D0VICTOR').at(-1)?.text ?? '';
    expect(dm).toContain(`The Slack Connect invitation to <#`);
    expect(dm).toContain(`for <@U0PAT> was not sent (\`${error}\`)`);
    expect(dm).toContain(fix);
  });
});
