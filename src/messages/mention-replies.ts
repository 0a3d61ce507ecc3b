import { actionIds } from './ids';
import { MESSAGE_BLOCK_LIMIT, MESSAGE_TEXT_LIMIT, mentionUser, section, truncate } from './mrkdwn';
import type { SlackMessage, Reply } from './types';

/**
 * What a person who mentions Accord reads. Slack offers slash commands only inside the
 * organisations where Accord is installed, so a partner member of another organisation could not
 * follow "Usage: `/accord …`": every command named in an answer to a mention is written in the
 * form they can type, `@Accord …`. Only code spans that start with one of Accord's own commands
 * change; echoed user text is never inside one as-is (backticks are replaced when echoed).
 */
export function inMentionForm(text: string): string {
  return text.replace(/`\/(accord|escalate|score)(?=[\s`])( ?)/g, (_whole, command: string, space: string) =>
    command === 'accord' ? `\`@Accord${space}` : `\`@Accord ${command}${space}`,
  );
}

/** An answer to a mention, as the ephemeral the asker alone sees. */
export function mentionAnswer(reply: Reply): SlackMessage {
  return { text: inMentionForm(reply.text), ...(reply.blocks ? { blocks: reply.blocks } : {}) };
}

/**
 * Posted visibly in the mention's thread when Slack will not show the asker an ephemeral there
 * (https://docs.slack.dev/reference/methods/chat.postEphemeral/ : `user_not_in_channel`). A
 * shareable answer is given as it is, addressed to the asker; any other answer is withheld, and
 * the notice says why, without a word of what it held.
 */
export function mentionAnswerInThread(userId: string, reply: Reply): SlackMessage {
  if (!reply.shareable) {
    return {
      text: `${mentionUser(userId)} Slack would not let me show you my answer privately in this channel, and it is meant for you alone, so I am not posting it here. Ask me again in a channel you are a member of.`,
    };
  }
  const answer = mentionAnswer(reply);
  const text = truncate(`${mentionUser(userId)} ${answer.text}`, MESSAGE_TEXT_LIMIT);
  // With blocks, Slack shows the blocks and not `text`: the asker is named in a block of its own.
  return answer.blocks
    ? { text, blocks: [section(mentionUser(userId)), ...answer.blocks].slice(0, MESSAGE_BLOCK_LIMIT) }
    : { text };
}

/**
 * `@Accord escalate` with nothing after it: Slack opens a form only in answer to a click or a
 * command (a trigger_id), and a mention brings none, so the answer offers the form behind a button.
 */
export function escalationFormOffer(channelId: string): Reply {
  const text =
    'Press the button to raise an escalation with the form, or type it in one go: `@Accord escalate sev2 <what happened>`.';
  return {
    text,
    shareable: true,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'escalation_form_offer',
        elements: [
          {
            type: 'button',
            action_id: actionIds.escalationOpenForm,
            text: { type: 'plain_text', text: 'Raise escalation' },
            value: channelId,
            style: 'primary',
          },
        ],
      },
    ],
  };
}

/** A command that would open a form Accord has no button for: it can still be typed in one go. */
export const mentionFormUnavailable = (): Reply => ({
  text: ':warning: That command opens a form, which Slack only opens from a button or a slash command. Type it with its arguments instead; `@Accord help` lists them.',
});

/** When a press on the form button cannot open the form. */
export const escalationFormNotOpened = (): Reply => ({
  text: ':warning: Slack would not open the form; type the escalation in one go instead, e.g. `@Accord escalate sev2 Calls drop after 30 s`.',
});

export const escalationFormNeedsChannel = (): Reply => ({
  text: ':warning: The escalation form belongs to a project channel: press the button on a message in that channel, or mention me there: `@Accord escalate`.',
});
