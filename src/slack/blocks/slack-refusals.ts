import { mentionChannel, mentionUser } from './text';

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

function explainSharedInvite(error: string, where: string, who: string): string {
  switch (error) {
    case 'not_allowed_token_type':
    case 'missing_scope':
      return `I could not send the Slack Connect invitation for ${where} to ${who}'s organisation: the app lacks the \`conversations.connect:write\` scope. Reinstall Accord with the scopes in manifest.yml, or share the channel from Slack yourself.`;
    case 'restricted_action':
    case 'not_paid':
    case 'team_not_allowed':
      return `Slack would not let me share ${where} with ${who}'s organisation (\`${error}\`): Slack Connect is off, or not allowed with that organisation, in this workspace's settings. A Slack admin can allow it, or share the channel by hand.`;
    default:
      return `The Slack Connect invitation for ${where} to ${who}'s organisation failed: Slack answered \`${error}\`. Share the channel from Slack (channel name → Share channel), or ask a Slack admin.`;
  }
}

/** What a person can do about a message Slack will not take: said plainly, with the fix. */
export function explainSlackRefusal(error: string, channel: string | undefined, method = 'chat.postMessage', payload: Record<string, unknown> = {}): string {
  const where = channel && /^[CG]/.test(channel) ? mentionChannel(channel) : 'the conversation';
  if (method === 'conversations.invite') return explainInvite(error, where, usersIn(payload, 'users') || 'people');
  if (method === 'conversations.inviteShared') return explainSharedInvite(error, where, usersIn(payload, 'user_ids') || 'a partner');
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
