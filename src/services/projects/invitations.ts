import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import {
  partnerContacts,
  partnerMembers,
  partners,
  projectPartners,
  projects,
  type InvitationState,
} from '../../db/schema';
import type { Logger } from '../../logger';
import {
  MAX_REINVITES,
  invitationAwaitingApprovalText,
  invitationDeclinedText,
  invitationGaveUpText,
  invitationStalledText,
  partnerWelcomeText,
  unsharedText,
} from '../../messages/slack-connect';

import type { Clock } from '../../clock';
import { recordAudit } from '../audit';
import type { AccordSettings } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import type { ProjectRow } from './find-project';
import { followUpKeyPrefix, inviteTheRest, scheduleFollowUp, type InvitationFollowUp } from './invite';
import { inviteeOf, type SlackGateway, type Timers } from '../ports';
import type { SlackDirectory } from '../ports';

/**
 * What Slack tells about a Slack Connect invitation to a project channel, read from its events
 * (src/slack/listeners/events/shared-channel.ts). `teamId` is the other organisation where the
 * event names it; `recipient` is whom the invitation was addressed to (a user id or an email).
 */
export type SharedChannelEvent =
  | {
      kind: 'accepted';
      channelId: string;
      teamId: string | undefined;
      recipient: string[];
      approvalRequired: boolean;
      userId: string | undefined;
    }
  | { kind: 'approved'; channelId: string; teamId: string | undefined; recipient: string[] }
  | { kind: 'declined'; channelId: string; teamId: string | undefined; recipient: string[] }
  | { kind: 'connected'; channelId: string; teamId: string }
  | { kind: 'unshared'; channelId: string; teamId: string }
  | { kind: 'joined'; channelId: string; userId: string; teamId: string | undefined };

export interface InvitationDeps {
  db: Db;
  clock: Clock;
  gateway: SlackGateway;
  directory: SlackDirectory;
  settings: AccordSettings;
  timers: Timers;
  log: Logger;
}

type Link = typeof projectPartners.$inferSelect;
interface Found {
  project: ProjectRow;
  partner: PartnerRow;
  link: Link;
}

/**
 * The project partner an event is about: by the other organisation's team (registered, or learnt
 * when its invitation was accepted), else by whom the invitation was addressed to (one of the
 * partner's people, a contact email, or the recorded first invitee). Exited partners are included:
 * their organisation leaving the channel is expected and is recorded like any other.
 */
async function findLink(
  tx: DbOrTx,
  vendorTeamId: string,
  channelId: string,
  teamId: string | undefined,
  recipient: readonly string[],
): Promise<Found | undefined> {
  // Slack delivers an invitation's events (accepted, channel_shared, member_joined_channel) at
  // nearly the same moment and Accord handles them side by side: the project's row lock makes them
  // take turns, so each sees what the one before it recorded.
  const [project] = await tx.select().from(projects).where(eq(projects.channelId, channelId)).for('update');
  if (!project) return undefined;
  const rows = await tx
    .select({ link: projectPartners, partner: partners })
    .from(projectPartners)
    .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
    .where(eq(projectPartners.projectId, project.id));
  const byTeam =
    teamId && teamId !== vendorTeamId
      ? rows.find((r) => r.partner.slackTeamId === teamId || r.link.connectedTeamId === teamId)
      : undefined;
  if (byTeam) return { project, ...byTeam };
  const wanted = recipient.map((r) => r.toLowerCase());
  if (wanted.length === 0) return undefined;
  const byInvitee = rows.find((r) => r.link.invitee !== null && wanted.includes(r.link.invitee.toLowerCase()));
  if (byInvitee) return { project, ...byInvitee };
  const ids = rows.map((r) => r.partner.id);
  const userIds = recipient.filter((r) => !r.includes('@'));
  const emails = wanted.filter((r) => r.includes('@'));
  if (userIds.length > 0) {
    const [member] = await tx
      .select({ partnerId: partnerMembers.partnerId })
      .from(partnerMembers)
      .where(and(inArray(partnerMembers.partnerId, ids), inArray(partnerMembers.userId, userIds)));
    const hit = member && rows.find((r) => r.partner.id === member.partnerId);
    if (hit) return { project, ...hit };
  }
  if (emails.length > 0) {
    const [contact] = await tx
      .select({ partnerId: partnerContacts.partnerId })
      .from(partnerContacts)
      .where(and(inArray(partnerContacts.partnerId, ids), inArray(partnerContacts.email, emails)));
    const hit = contact && rows.find((r) => r.partner.id === contact.partnerId);
    if (hit) return { project, ...hit };
  }
  return undefined;
}

async function setState(
  tx: DbOrTx,
  timers: Timers,
  now: Date,
  f: Found,
  state: InvitationState,
  extra: Partial<Link> = {},
): Promise<void> {
  await tx
    .update(projectPartners)
    .set({ invitationState: state, invitationChangedAt: now, ...extra })
    .where(and(eq(projectPartners.projectId, f.project.id), eq(projectPartners.partnerId, f.partner.id)));
  if (state !== 'invited') await timers.cancel(tx, now, followUpKeyPrefix(f.project.id, f.partner.id));
  await recordAudit(tx, now, 'slack', {
    action: `project_partner.${state}`,
    entityType: 'project',
    entityId: f.project.id,
    data: { partner: f.partner.slug, from: f.link.invitationState },
  });
}

/**
 * A partner with no registered team learns it from the organisation that accepted an invitation
 * addressed to the partner's own people or contacts: from then on everyone in that team is its
 * member (docs/product.md §2). Never the vendor's own team, never a team another active partner holds.
 */
async function learnTeam(
  tx: DbOrTx,
  now: Date,
  deps: InvitationDeps,
  f: Found,
  teamId: string | undefined,
): Promise<void> {
  if (!teamId || teamId === deps.settings.vendorTeamId) return;
  if (f.link.connectedTeamId !== teamId) {
    await tx
      .update(projectPartners)
      .set({ connectedTeamId: teamId })
      .where(and(eq(projectPartners.projectId, f.project.id), eq(projectPartners.partnerId, f.partner.id)));
    f.link = { ...f.link, connectedTeamId: teamId };
  }
  if (f.partner.slackTeamId || f.partner.status !== 'active') return;
  const [holder] = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.slackTeamId, teamId), eq(partners.status, 'active'), ne(partners.id, f.partner.id)));
  if (holder) {
    deps.log.warn('an invitation was accepted from a team another partner holds; not recorded as this partner’s', {
      partner: f.partner.slug,
      teamId,
    });
    return;
  }
  await tx.update(partners).set({ slackTeamId: teamId }).where(eq(partners.id, f.partner.id));
  f.partner = { ...f.partner, slackTeamId: teamId };
  await recordAudit(tx, now, 'slack', {
    action: 'partner.team_learned',
    entityType: 'partner',
    entityId: f.partner.id,
    data: { teamId, project: f.project.slug },
  });
}

const notifyOwner = (deps: InvitationDeps, tx: DbOrTx, f: Found, text: string) =>
  deps.gateway.postMessage(tx, f.project.channelId, { text }, { reportTo: f.project.ownerUserId });

/**
 * The partner's organisation is in the channel: recorded once as `connected`, its other known
 * people are invited, and its own part of the welcome is posted, once in the project's life.
 */
async function connect(
  tx: DbOrTx,
  now: Date,
  deps: InvitationDeps,
  f: Found,
  teamId: string | undefined,
  present: ReadonlySet<string>,
): Promise<void> {
  await learnTeam(tx, now, deps, f, teamId);
  if (f.link.invitationState === 'connected') return;
  await setState(tx, deps.timers, now, f, 'connected', f.link.welcomedAt ? {} : { welcomedAt: now });
  if (f.partner.status !== 'active') return;
  await inviteTheRest(deps, tx, { project: f.project, partner: f.partner, firstInvitee: f.link.invitee, present });
  if (!f.link.welcomedAt)
    await deps.gateway.postMessage(
      tx,
      f.project.channelId,
      { text: partnerWelcomeText(f.project, f.partner.name) },
      { reportTo: f.project.ownerUserId },
    );
}

/** Records one Slack Connect event on the project-partner link it concerns; anything else is left alone. */
export async function recordSharedChannelEvent(deps: InvitationDeps, event: SharedChannelEvent): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const recipient = 'recipient' in event ? event.recipient : 'userId' in event && event.userId ? [event.userId] : [];
    const f = await findLink(tx, deps.settings.vendorTeamId, event.channelId, event.teamId, recipient);
    if (!f) {
      deps.log.info('a Slack Connect event about no project partner; ignored', {
        kind: event.kind,
        channel: event.channelId,
        teamId: event.teamId,
      });
      return;
    }
    const state = f.link.invitationState;
    switch (event.kind) {
      case 'accepted':
        // Without an approval step, accepting connects the channel; channel_shared and
        // member_joined_channel say so too, in whatever order they arrive.
        if (!event.approvalRequired) {
          await connect(tx, now, deps, f, event.teamId, new Set(event.userId ? [event.userId] : []));
          return;
        }
        await learnTeam(tx, now, deps, f, event.teamId);
        if (state === 'connected' || state === 'accepted') return;
        await setState(tx, deps.timers, now, f, 'accepted');
        if (f.partner.status === 'active')
          await notifyOwner(deps, tx, f, invitationAwaitingApprovalText(f.project.ownerUserId, f.partner.name));
        return;
      case 'approved':
        // The approving team may be the vendor's own: the partner's is the one learnt on acceptance.
        await recordAudit(tx, now, 'slack', {
          action: 'project_partner.approved',
          entityType: 'project',
          entityId: f.project.id,
          data: { partner: f.partner.slug },
        });
        await connect(tx, now, deps, f, f.link.connectedTeamId ?? f.partner.slackTeamId ?? undefined, new Set());
        return;
      case 'declined':
        // A later invitation someone declined does not undo a connection.
        if (state === 'connected' || state === 'declined') return;
        await setState(tx, deps.timers, now, f, 'declined');
        if (f.partner.status === 'active')
          await notifyOwner(deps, tx, f, invitationDeclinedText(f.project.ownerUserId, f.partner.name));
        return;
      case 'connected':
        await connect(tx, now, deps, f, event.teamId, new Set());
        return;
      case 'joined': {
        // Someone of the partner's organisation is in the channel: it is connected, whichever
        // event arrives first.
        const team = event.teamId ?? (await deps.directory.teamOf(event.userId));
        if (state === 'connected' || !team || team === deps.settings.vendorTeamId) return;
        if (f.partner.slackTeamId !== team && f.link.connectedTeamId !== team && f.link.invitee !== event.userId)
          return;
        await connect(tx, now, deps, f, team, new Set([event.userId]));
        return;
      }
      case 'unshared':
        if (state === 'unshared') return;
        await setState(tx, deps.timers, now, f, 'unshared');
        // An exited partner leaving is what was asked for; an active one is news for the owner.
        if (f.partner.status === 'active')
          await notifyOwner(deps, tx, f, unsharedText(f.project.ownerUserId, f.partner.name));
        return;
    }
  });
}

/**
 * Seven days after an invitation (and again after fourteen), if nobody accepted it: sent again
 * and the owner told in the channel; after the second re-send's seven days, the owner is told it
 * is left to them. Stale rounds (the link moved on, or a fresh invitation replaced it) do nothing.
 */
export async function followUpInvitation(
  tx: DbOrTx,
  deps: { gateway: SlackGateway; timers: Timers },
  now: Date,
  o: InvitationFollowUp,
): Promise<void> {
  const { gateway } = deps;
  const { projectId, partnerId, invitedAt, round } = o;
  const [row] = await tx
    .select({ link: projectPartners, project: projects, partner: partners })
    .from(projectPartners)
    .innerJoin(projects, eq(projects.id, projectPartners.projectId))
    .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
    .where(and(eq(projectPartners.projectId, projectId), eq(projectPartners.partnerId, partnerId)));
  if (
    !row ||
    row.link.invitationState !== 'invited' ||
    row.link.invitedAt?.toISOString() !== invitedAt ||
    !row.link.invitee ||
    row.partner.status !== 'active'
  )
    return;
  const { project, partner } = row;
  if (round > MAX_REINVITES) {
    await gateway.postMessage(
      tx,
      project.channelId,
      { text: invitationGaveUpText(project.ownerUserId, partner.name) },
      { reportTo: project.ownerUserId },
    );
    await recordAudit(tx, now, 'system', {
      action: 'project_partner.invitation_stalled',
      entityType: 'project',
      entityId: project.id,
      data: { partner: partner.slug, reinvites: row.link.reinvites },
    });
    return;
  }
  await gateway.inviteSharedToChannel(tx, project.channelId, inviteeOf(row.link.invitee), {
    reportTo: project.ownerUserId,
  });
  await tx
    .update(projectPartners)
    .set({ reinvites: round })
    .where(and(eq(projectPartners.projectId, projectId), eq(projectPartners.partnerId, partnerId)));
  await gateway.postMessage(
    tx,
    project.channelId,
    { text: invitationStalledText(project.ownerUserId, partner.name, round) },
    { reportTo: project.ownerUserId },
  );
  await recordAudit(tx, now, 'system', {
    action: 'project_partner.reinvited',
    entityType: 'project',
    entityId: project.id,
    data: { partner: partner.slug, round },
  });
  await scheduleFollowUp(tx, deps.timers, now, {
    projectId,
    partnerId,
    invitedAt: row.link.invitedAt,
    round: round + 1,
  });
}
