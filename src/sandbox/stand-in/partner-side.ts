import type { StandInStore } from './store';
import type { StandInEvent, StandInInvitation } from './types';

/**
 * Slack Connect, the other organisation's side: its people accept or decline the invitations
 * Accord sent (conversations.inviteShared), an admin approves them, or the organisation stops
 * sharing a channel. Each returns the events Slack sends the app, in Slack's order; the caller
 * delivers them.
 */

function findInvitation(
  s: StandInStore,
  inviteId: string,
  states: ReadonlyArray<StandInInvitation['state']>,
): StandInInvitation {
  const found = s.invitations.find((i) => i.id === inviteId);
  if (!found) throw new Error(`there is no invitation ${inviteId}`);
  if (!states.includes(found.state)) throw new Error(`invitation ${inviteId} is ${found.state}`);
  if (found.state === 'pending' && found.dateInvalid <= Math.floor(s.clock.now().getTime() / 1000))
    throw new Error(`invitation ${inviteId} has lapsed (Slack keeps them 14 days)`);
  return found;
}

function teamJson(s: StandInStore, id: string): Record<string, unknown> {
  return {
    id,
    name: id === s.teamId ? 'Vendor' : id,
    icon: {},
    is_verified: false,
    domain: id.toLowerCase(),
    date_created: 0,
  };
}

function userJson(s: StandInStore, id: string): Record<string, unknown> {
  const user = s.users.get(id);
  const name = user?.name ?? id;
  return {
    id,
    team_id: user?.teamId ?? '',
    name,
    updated: 0,
    profile: {
      real_name: user?.realName ?? name,
      display_name: name,
      team: user?.teamId ?? '',
      email: user?.email ?? '',
    },
  };
}

/** The invite object of shared_channel_invite_* events. */
function inviteJson(s: StandInStore, i: StandInInvitation): Record<string, unknown> {
  return {
    id: i.id,
    date_created: i.dateCreated,
    date_invalid: i.dateInvalid,
    inviting_team: teamJson(s, s.teamId),
    inviting_user: userJson(s, s.botUserId),
    ...(i.email ? { recipient_email: i.email } : {}),
    ...(i.userId ? { recipient_user_id: i.userId } : {}),
  };
}

function eventChannel(s: StandInStore, channelId: string): Record<string, unknown> {
  const c = s.channels.get(channelId);
  return { id: channelId, is_private: c?.isPrivate ?? false, is_im: false, name: c?.name ?? channelId };
}

function teamsIn(s: StandInStore, channelId: string): Record<string, unknown>[] {
  const c = s.channels.get(channelId);
  return [s.teamId, ...[...(c?.sharedWithTeams ?? [])].filter((t) => t !== s.teamId)].map((t) => teamJson(s, t));
}

/**
 * The invitee (`userId`, of another team) accepts. Slack then sends shared_channel_invite_accepted
 * and, unless an admin must approve first, connects the channel: channel_shared (the first time
 * that team joins it) and member_joined_channel. Returns the events in the order Slack sends them.
 * https://docs.slack.dev/reference/events/shared_channel_invite_accepted
 */
export function acceptInvitation(s: StandInStore, inviteId: string, userId: string): StandInEvent[] {
  const invitation = findInvitation(s, inviteId, ['pending']);
  const user = s.users.get(userId);
  if (!user) throw new Error(`there is no user ${userId}`);
  if (user.teamId === s.teamId)
    throw new Error('a Slack Connect invitation is accepted by someone of another organisation');
  if (invitation.userId && invitation.userId !== userId)
    throw new Error(`invitation ${inviteId} is addressed to ${invitation.userId}`);
  invitation.state = 'accepted';
  invitation.acceptedBy = userId;
  const accepted: StandInEvent = {
    type: 'shared_channel_invite_accepted',
    approval_required: s.connectApprovalRequired,
    invite: inviteJson(s, invitation),
    channel: eventChannel(s, invitation.channel),
    teams_in_channel: teamsIn(s, invitation.channel),
    accepting_user: userJson(s, userId),
    event_ts: s.nextTs(),
  };
  return s.connectApprovalRequired ? [accepted] : [accepted, ...connect(s, invitation)];
}

/** An admin approves an accepted invitation: shared_channel_invite_approved, then the connection. */
export function approveInvitation(s: StandInStore, inviteId: string, approvingTeamId = s.teamId): StandInEvent[] {
  const invitation = findInvitation(s, inviteId, ['accepted']);
  const approved: StandInEvent = {
    type: 'shared_channel_invite_approved',
    invite: inviteJson(s, invitation),
    channel: eventChannel(s, invitation.channel),
    approving_team_id: approvingTeamId,
    teams_in_channel: teamsIn(s, invitation.channel),
    approving_user: userJson(s, s.botUserId),
    event_ts: s.nextTs(),
  };
  return [approved, ...connect(s, invitation)];
}

/** The invitee declines: shared_channel_invite_declined, and the channel stays as it was. */
export function declineInvitation(s: StandInStore, inviteId: string, userId: string): StandInEvent[] {
  const invitation = findInvitation(s, inviteId, ['pending']);
  const user = s.users.get(userId);
  invitation.state = 'declined';
  return [
    {
      type: 'shared_channel_invite_declined',
      invite: inviteJson(s, invitation),
      channel: eventChannel(s, invitation.channel),
      declining_team_id: user?.teamId ?? '',
      teams_in_channel: teamsIn(s, invitation.channel),
      declining_user: userJson(s, userId),
      event_ts: s.nextTs(),
    },
  ];
}

/** The other organisation stops sharing the channel: its people leave it, channel_unshared. */
export function unshareChannel(s: StandInStore, channelId: string, teamId: string): StandInEvent[] {
  const channel = s.channels.get(channelId);
  if (!channel?.sharedWithTeams.delete(teamId)) throw new Error(`${channelId} is not shared with ${teamId}`);
  for (const member of [...channel.members]) if (s.users.get(member)?.teamId === teamId) channel.members.delete(member);
  const stillShared = [...channel.sharedWithTeams].some((t) => t !== s.teamId);
  return [
    {
      type: 'channel_unshared',
      previously_connected_team_id: teamId,
      channel: channelId,
      is_ext_shared: stillShared,
      event_ts: s.nextTs(),
    },
  ];
}

function connect(s: StandInStore, invitation: StandInInvitation): StandInEvent[] {
  const userId = invitation.acceptedBy ?? '';
  const teamId = s.users.get(userId)?.teamId ?? '';
  const channel = s.channels.get(invitation.channel);
  if (!channel) throw new Error(`there is no channel ${invitation.channel}`);
  invitation.state = 'connected';
  if (invitation.externalLimited)
    s.postOnlyTeams.set(channel.id, new Set([...(s.postOnlyTeams.get(channel.id) ?? []), teamId]));
  const events: StandInEvent[] = [];
  if (!channel.sharedWithTeams.has(teamId)) {
    channel.sharedWithTeams.add(teamId);
    events.push({ type: 'channel_shared', connected_team_id: teamId, channel: channel.id, event_ts: s.nextTs() });
  }
  channel.members.add(userId);
  events.push({
    type: 'member_joined_channel',
    user: userId,
    channel: channel.id,
    channel_type: channel.isPrivate ? 'G' : 'C',
    team: teamId,
    event_ts: s.nextTs(),
  });
  return events;
}
