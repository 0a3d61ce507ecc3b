import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partnerContacts, partnerMembers, projectPartners, projects, type InvitationState } from '../../db/schema';
import { REINVITE_AFTER_DAYS } from '../../messages/slack-connect';

import type { AccordSettings, ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import type { ProjectRow } from './find-project';
import { inviteeOf, type SlackGateway, type Timers } from '../ports';
import type { SlackDirectory } from '../ports';

/** The durable follow-up of a Slack Connect invitation nobody has answered (followUpInvitation, run by src/jobs/invitation-follow-up.ts). */
export const INVITATION_FOLLOW_UP_JOB = 'slack-connect.follow-up';
const DAY_MS = 24 * 3600 * 1000;

/** Job keys of one invitation, unique over all time: a later fresh invitation has another `invitedAt`. */
export const followUpKeyPrefix = (projectId: number, partnerId: number) => `connect:${projectId}:${partnerId}:`;
const followUpKey = (projectId: number, partnerId: number, invitedAt: Date, round: number) =>
  `${followUpKeyPrefix(projectId, partnerId)}${invitedAt.getTime()}:${round}`;

/** What a follow-up carries: the invitation (by its time) and which round of re-sending is due. */
export interface InvitationFollowUp {
  projectId: number;
  partnerId: number;
  invitedAt: string;
  round: number;
}

export async function scheduleFollowUp(
  tx: DbOrTx,
  timers: Timers,
  now: Date,
  o: { projectId: number; partnerId: number; invitedAt: Date; round: number },
): Promise<void> {
  await timers.schedule(tx, now, {
    kind: INVITATION_FOLLOW_UP_JOB,
    key: followUpKey(o.projectId, o.partnerId, o.invitedAt, o.round),
    dueAt: new Date(o.invitedAt.getTime() + REINVITE_AFTER_DAYS * DAY_MS * o.round),
    payload: { projectId: o.projectId, partnerId: o.partnerId, invitedAt: o.invitedAt.toISOString(), round: o.round },
  });
}

/**
 * Which of a partner's hand-added members are people of this workspace (`local`, invited and
 * removed directly) and which belong to another Slack organisation (`external`, reached through a
 * Slack Connect invitation): by the person's own team, whether or not the partner's team is on
 * record, since Slack will not add someone of another organisation with conversations.invite. A
 * user whose team Slack will not tell is treated as external: that is what hidden profiles usually
 * mean.
 */
export async function splitMembers(
  ctx: { directory: SlackDirectory; settings: Pick<AccordSettings, 'vendorTeamId'> },
  userIds: readonly string[],
): Promise<{ local: string[]; external: string[] }> {
  const local: string[] = [];
  const external: string[] = [];
  for (const userId of userIds) {
    const team = await ctx.directory.teamOf(userId);
    (team === ctx.settings.vendorTeamId ? local : external).push(userId);
  }
  return { local, external };
}

export interface InviteDeps {
  directory: SlackDirectory;
  gateway: SlackGateway;
  settings: Pick<AccordSettings, 'vendorTeamId'>;
  timers: Timers;
}

/** Whom a partner's Slack Connect invitations can be addressed to: its external members (leads first) by id, else its contacts by email. */
async function addressees(
  deps: InviteDeps,
  tx: DbOrTx,
  partner: PartnerRow,
): Promise<{ local: string[]; invitees: string[] }> {
  const members = await tx
    .select()
    .from(partnerMembers)
    .where(eq(partnerMembers.partnerId, partner.id))
    .orderBy(desc(partnerMembers.lead), asc(partnerMembers.addedAt), asc(partnerMembers.userId));
  const { local, external } = await splitMembers(
    deps,
    members.map((m) => m.userId),
  );
  if (external.length > 0) return { local, invitees: external };
  const contacts = await tx
    .select({ email: partnerContacts.email })
    .from(partnerContacts)
    .where(eq(partnerContacts.partnerId, partner.id))
    .orderBy(asc(partnerContacts.addedAt), asc(partnerContacts.email));
  return { local, invitees: contacts.map((c) => c.email) };
}

/**
 * Sends the partner's first Slack Connect invitation to the project channel, to one person (Slack
 * takes one invitee per call, and connects the rest of the organisation after the first accepts):
 * records the link as `invited` and schedules the follow-up should nobody answer.
 */
export async function sendFirstInvitation(
  deps: InviteDeps,
  tx: DbOrTx,
  now: Date,
  o: { project: ProjectRow; partner: PartnerRow; invitee: string },
): Promise<void> {
  await deps.gateway.inviteSharedToChannel(tx, o.project.channelId, inviteeOf(o.invitee), {
    reportTo: o.project.ownerUserId,
  });
  await tx
    .update(projectPartners)
    .set({ invitationState: 'invited', invitee: o.invitee, invitedAt: now, invitationChangedAt: now, reinvites: 0 })
    .where(and(eq(projectPartners.projectId, o.project.id), eq(projectPartners.partnerId, o.partner.id)));
  await scheduleFollowUp(tx, deps.timers, now, {
    projectId: o.project.id,
    partnerId: o.partner.id,
    invitedAt: now,
    round: 1,
  });
}

export interface PartnerInvitation {
  /** People of this workspace invited directly. */
  local: string[];
  /** How the Slack Connect invitation was addressed, if one was sent. */
  shared: 'user' | 'email' | undefined;
  /** The partner has its own Slack organisation but nobody to address an invitation to. */
  unaddressable: boolean;
}

/**
 * Brings a partner into a project channel: its people of this workspace are invited directly,
 * its own organisation gets one Slack Connect invitation (by user id when Accord knows one of its
 * people, else by a contact's email). `skip` holds people already invited by the caller.
 */
export async function invitePartnerToProject(
  deps: InviteDeps,
  tx: DbOrTx,
  now: Date,
  o: { project: ProjectRow; partner: PartnerRow; skip?: ReadonlySet<string> },
): Promise<PartnerInvitation> {
  const { local, invitees } = await addressees(deps, tx, o.partner);
  const direct = local.filter((u) => !o.skip?.has(u));
  if (direct.length > 0)
    await deps.gateway.inviteToChannel(tx, o.project.channelId, direct, { reportTo: o.project.ownerUserId });
  const [first] = invitees;
  if (first === undefined) return { local: direct, shared: undefined, unaddressable: o.partner.slackTeamId !== null };
  await sendFirstInvitation(deps, tx, now, { project: o.project, partner: o.partner, invitee: first });
  return { local: direct, shared: first.includes('@') ? 'email' : 'user', unaddressable: false };
}

interface PartnerLink {
  project: ProjectRow;
  state: InvitationState | null;
}

async function linksOf(tx: DbOrTx, partnerId: number): Promise<PartnerLink[]> {
  const rows = await tx
    .select({ project: projects, state: projectPartners.invitationState })
    .from(projectPartners)
    .innerJoin(projects, eq(projects.id, projectPartners.projectId))
    .where(eq(projectPartners.partnerId, partnerId));
  return rows.map((r) => ({ project: r.project, state: r.state }));
}

/**
 * A person just added to a partner, brought into its project channels: directly when they are of
 * this workspace; by Slack Connect otherwise, at once where the partner's organisation is
 * connected, as the first invitation where none was sent (or the last was declined or ended), and
 * not yet where an invitation is pending (the partner's people are invited once it connects).
 * A refused invitation of this one person is explained to whoever added them (`reportTo`); the
 * organisation's first invitation belongs to the project, so its owner hears about that one.
 */
export async function inviteNewMember(
  ctx: Pick<ServiceContext, 'directory' | 'gateway' | 'clock' | 'settings' | 'timers'>,
  tx: DbOrTx,
  partner: PartnerRow,
  userId: string,
  reportTo: string,
): Promise<number> {
  const links = await linksOf(tx, partner.id);
  const { local } = await splitMembers(ctx, [userId]);
  const now = ctx.clock.now();
  for (const { project, state } of links) {
    if (local.length > 0) await ctx.gateway.inviteToChannel(tx, project.channelId, local, { reportTo });
    else if (state === 'connected')
      await ctx.gateway.inviteSharedToChannel(tx, project.channelId, { userId }, { reportTo });
    else if (state !== 'invited' && state !== 'accepted')
      await sendFirstInvitation(ctx, tx, now, { project, partner, invitee: userId });
  }
  return links.length;
}

/** A contact just added: the partner's projects that never got an invitation (nobody to address) get one by this email. */
export async function inviteNewContact(
  ctx: Pick<ServiceContext, 'directory' | 'gateway' | 'clock' | 'settings' | 'timers'>,
  tx: DbOrTx,
  partner: PartnerRow,
  email: string,
): Promise<number> {
  const links = (await linksOf(tx, partner.id)).filter((l) => l.state === null);
  const now = ctx.clock.now();
  for (const { project } of links) await sendFirstInvitation(ctx, tx, now, { project, partner, invitee: email });
  return links.length;
}

/**
 * Once the partner's organisation is in the channel: its other known people are invited (one call
 * each: by id, or by their contacts' emails when Accord knows no ids), apart from the first invitee.
 */
export async function inviteTheRest(
  deps: InviteDeps,
  tx: DbOrTx,
  o: { project: ProjectRow; partner: PartnerRow; firstInvitee: string | null; present: ReadonlySet<string> },
): Promise<void> {
  const { invitees } = await addressees(deps, tx, o.partner);
  for (const invitee of invitees) {
    if (invitee === o.firstInvitee || o.present.has(invitee)) continue;
    await deps.gateway.inviteSharedToChannel(tx, o.project.channelId, inviteeOf(invitee), {
      reportTo: o.project.ownerUserId,
    });
  }
}

/** The channels of the projects a partner takes part in. */
export async function channelsOfPartner(tx: DbOrTx, partnerId: number): Promise<string[]> {
  const rows = await tx
    .select({ channelId: projects.channelId })
    .from(projectPartners)
    .innerJoin(projects, eq(projects.id, projectPartners.projectId))
    .where(eq(projectPartners.partnerId, partnerId));
  return rows.map((r) => r.channelId);
}
