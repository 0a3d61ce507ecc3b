import { escapeText, mentionChannel, mentionUser } from './mrkdwn';

const usersIn = (payload: Record<string, unknown>, key: string) =>
  String(payload[key] ?? '')
    .split(',')
    .filter(Boolean)
    .map(mentionUser)
    .join(', ');

function explainInvite(error: string, where: string, who: string): string {
  switch (error) {
    case 'not_in_channel':
      return `I could not invite ${who} to ${where} because I am not in it. Type \`/invite @Accord\` there, then invite them yourself.`;
    case 'is_archived':
      return `I could not invite ${who} to ${where} because it is archived. Unarchive it and invite them yourself.`;
    case 'user_not_found':
    case 'user_is_restricted':
    case 'user_is_ultra_restricted':
      return `I could not invite ${who} to ${where}: Slack says \`${error}\`. If they are from another organisation, they join through the Slack Connect invitation instead; otherwise a Slack admin has to let them in.`;
    default:
      return `I could not invite ${who} to ${where}: Slack answered \`${error}\`. Invite them from the channel's member list, or ask a Slack admin.`;
  }
}

/**
 * A refused Slack Connect invitation, with the fix. The codes are those of
 * https://docs.slack.dev/reference/methods/conversations.inviteShared; `no_external_invite_permission`
 * is what Slack answers when the workspace does not let this app (or anyone acting through it)
 * invite people from other organisations.
 */
function explainSharedInvite(error: string, where: string, who: string): string {
  const failed = `The Slack Connect invitation to ${where} for ${who} was not sent`;
  switch (error) {
    case 'not_allowed_token_type':
    case 'missing_scope':
      return `${failed}: the app lacks the \`conversations.connect:write\` scope. Reinstall Accord with the scopes in manifest.yml, or share the channel from Slack yourself.`;
    case 'not_paid':
      return `${failed} (\`not_paid\`): Slack Connect needs a paid Slack plan on the vendor's side. Upgrade the workspace, or share the channel from Slack once it can.`;
    case 'restricted_action':
      return `${failed} (\`restricted_action\`): a workspace setting does not let Accord send this kind of invitation. Accord invites with permission to post and use apps (\`external_limited=false\`); a Slack admin can allow it under Settings → Slack Connect → "Manage permissions for inviting people to channels" (invitations with permission to post, invite and more), or share the channel by hand.`;
    case 'no_external_invite_permission':
      return `${failed} (\`no_external_invite_permission\`): this workspace does not let Accord invite people from other organisations. A Slack owner or admin can let members and apps send Slack Connect invitations (Settings → Slack Connect), then Accord's next invitation goes through.`;
    case 'connection_limit_exceeded_pending':
      return `${failed} (\`connection_limit_exceeded_pending\`): the channel already has a pending Slack Connect invitation. Wait for it to be accepted, or cancel it in the channel's settings (channel name → Settings → Slack Connect invitations) and share the channel again.`;
    case 'connection_limit_exceeded':
    case 'legacy_connection_limit_exceeded':
      return `${failed} (\`${error}\`): the channel is already connected to as many organisations as Slack allows. Stop sharing it with one that left the project, or give the project its own channel.`;
    case 'team_not_allowed':
    case 'not_allowed_for_grid_workspace':
      return `${failed} (\`${error}\`): Slack Connect is off, or not allowed with that organisation, for this workspace. An admin of the organisation can allow it (Slack admin settings → Slack Connect).`;
    case 'invalid_email':
      return `${failed}: Slack says the address is not a valid email. Fix the partner's contact with \`/accord partner contact remove\` and \`/accord partner contact add\`.`;
    case 'user_not_found':
      return `${failed}: Slack does not know that person. Slack lets apps invite people by id only from organisations already connected to yours; add an email instead with \`/accord partner contact add <partner> name@example.com\`.`;
    case 'channel_archived':
    case 'is_archived':
      return `${failed} because the channel is archived. Unarchive it, then share it from Slack.`;
    case 'cannot_share_mandatory_channel':
    case 'cannot_share_cross_workspace_channel':
    case 'not_supported':
    case 'invalid_channel_type':
    case 'not_owner':
      return `${failed} (\`${error}\`): Slack cannot share this channel with another organisation. Give the project a regular channel of this workspace (\`channel=#…\` at \`/accord project create\`).`;
    default:
      return `${failed}: Slack answered \`${error}\`. Share the channel from Slack (channel name → Share channel), or ask a Slack admin.`;
  }
}

/** Whom an invitation was for: the mentioned person, or their email (not a link, not a ping). */
function inviteeIn(payload: Record<string, unknown>): string {
  const users = usersIn(payload, 'user_ids');
  if (users) return users;
  const email = String(payload.emails ?? '');
  return email ? `\`${escapeText(email)}\`` : 'a partner';
}

/** What a person can do about a message Slack will not take: said plainly, with the fix. */
export function explainSlackRefusal(
  error: string,
  channel: string | undefined,
  method = 'chat.postMessage',
  payload: Record<string, unknown> = {},
): string {
  const where = channel && /^[CG]/.test(channel) ? mentionChannel(channel) : 'the conversation';
  if (method === 'conversations.invite') return explainInvite(error, where, usersIn(payload, 'users') || 'people');
  if (method === 'conversations.inviteShared') return explainSharedInvite(error, where, inviteeIn(payload));
  switch (error) {
    case 'channel_not_found':
      return `I could not post in ${where}: Slack says the channel does not exist or I cannot see it. If it is private, invite me to it; if it was deleted, tell Accord which channel to use instead.`;
    case 'not_in_channel':
      return `I could not post in ${where} because I am not a member. Type \`/invite @Accord\` there and I will use it from then on.`;
    case 'is_archived':
      return `I could not post in ${where} because it is archived. Unarchive it, or move the project to another channel.`;
    case 'parent_not_delivered':
      return `I could not reply in a thread in ${where} because the message it belongs to never reached Slack (see my earlier message).`;
    default:
      return `I could not deliver a message to ${where}: Slack answered \`${error}\`. An admin can find the details in Accord's log.`;
  }
}

/** The report of a file upload Slack refused for good: why, and which file stayed unshared. */
export function uploadRefusedReport(explanation: string, filename: string, title: string): string {
  return `${explanation}\nThe file \`${escapeText(filename)}\` (${escapeText(title)}) was not shared.`;
}
