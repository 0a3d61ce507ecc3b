import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from './types';
import {
  MESSAGE_BLOCK_LIMIT,
  MESSAGE_TEXT_LIMIT,
  escapeText,
  mentionChannel,
  mentionUser,
  section,
  truncate,
} from './mrkdwn';

/** How a notice that could not be a DM is shown in a project channel. */
export type NoticeFallbackKind = 'ephemeral' | 'mention';

function withIntro(intro: string, message: SlackMessage): SlackMessage {
  const text = truncate(`${intro}\n${message.text}`, MESSAGE_TEXT_LIMIT);
  if (!message.blocks) return { text };
  // The intro takes one block; a message already at Slack's limit keeps its own blocks whole.
  const blocks: KnownBlock[] =
    message.blocks.length < MESSAGE_BLOCK_LIMIT ? [section(intro), ...message.blocks] : message.blocks;
  return { text, blocks };
}

/**
 * A DM that Slack would not deliver, as it appears in the person's project channel instead:
 * seen only by them (an ephemeral), or a channel message that mentions them.
 */
export function rerouted(userId: string, message: SlackMessage, kind: NoticeFallbackKind): SlackMessage {
  return kind === 'ephemeral'
    ? withIntro(
        ':envelope_with_arrow: Slack would not let me send you this as a direct message, so here it is, visible only to you:',
        message,
      )
    : withIntro(
        `:envelope_with_arrow: ${mentionUser(userId)}, Slack would not let me send you this as a direct message:`,
        message,
      );
}

/**
 * To the vendor person responsible, when a notice reached its person nowhere: the DM was refused
 * and there was no project channel of theirs to use, or the channel refused it too. The text is
 * quoted so they can pass it on; it is only ever sent to a vendor person, who may read it.
 */
export function undeliveredNotice(o: {
  userId: string;
  error: string;
  channel: string | undefined;
  text: string;
}): string {
  const where = o.channel
    ? `, nor in ${mentionChannel(o.channel)}`
    : ', and there is no project channel of theirs I could use instead';
  const quoted = truncate(o.text, 2500)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return `:warning: I could not reach ${mentionUser(o.userId)} by direct message (Slack answered \`${escapeText(o.error)}\`)${where}. Please pass this on to them:\n${quoted}`;
}
