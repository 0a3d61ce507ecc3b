import { mentionChannel } from './text';

/** What a person can do about a message Slack will not take: said plainly, with the fix. */
export function explainSlackRefusal(error: string, channel: string | undefined): string {
  const where = channel && /^[CG]/.test(channel) ? mentionChannel(channel) : 'the conversation';
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
