import type { App } from '@slack/bolt';
import { z } from 'zod';

import { AccordError } from '../../../errors';
import { handleThreadReply } from '../../../services/escalations/thread-reply';
import { findThreadOwner } from '../../../services/thread-owner';
import { errorReply } from '../../../messages/replies';
import {
  escalationFormOffer,
  mentionAnswer,
  mentionAnswerInThread,
  mentionFormUnavailable,
} from '../../../messages/mention-replies';
import { readerTranslator, runRequest, type RequestServices, type Step } from '../../pipeline';
import { prepareMention, textAfterMention } from '../../commands/registry';
import { viewIds } from '../../../messages/ids';
import { deliveryKeys } from '../../middleware/delivery-claims';
import type { Reply } from '../../../messages/types';
import { parseThreadReply } from '../../../domain/escalations/thread-reply';

/**
 * An `app_mention` as Slack sends it (https://docs.slack.dev/reference/events/app_mention): also
 * from people of another organisation in a Slack Connect channel, with their own team in
 * `user_team`, where slash commands never reach Accord.
 */
const mentionSchema = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  text: z.string().default(''),
  thread_ts: z.string().optional(),
  user_team: z.string().optional(),
  bot_id: z.string().optional(),
  edited: z.object({ ts: z.string() }).optional(),
});
type Mention = z.infer<typeof mentionSchema>;

/**
 * An edit re-sends the mention (a second app_mention for the same message `ts`). The message's
 * claim makes it run once; claims are kept for a day, so an edit long after the message was posted
 * could look new and run it again (a second escalation): such edits are not looked at.
 */
const EDIT_WINDOW_SECONDS = 60 * 60;

/**
 * `@Accord <command>` in a channel or a thread: the same command, parser, permissions and answers
 * as `/accord`, for everyone, partner members in their own organisation included. The answer is
 * an ephemeral to the asker (in the thread when the mention was in one); if Slack refuses it, a
 * thread reply that mentions them, withholding anything not `shareable`. In an escalation's thread
 * a mention that reads as a thread reply (`@Accord on it`, `@Accord resolved: …`) acts as one.
 */
export function registerMentions(app: App, services: RequestServices): void {
  app.event('app_mention', async ({ event }) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) {
      services.log.warn('ignoring an app_mention without the fields Accord needs', {
        issues: parsed.error.issues.map((i) => i.path.join('.')),
      });
      return;
    }
    const mention = parsed.data;
    // Another app's mention of Accord is never a command (and two bots must not talk in a loop).
    if (mention.bot_id) return;
    if (mention.edited && Number(mention.edited.ts) - Number(mention.ts) > EDIT_WINDOW_SECONDS) return;
    const post = async (reply: Reply) => {
      await services.db.transaction((tx) =>
        services.gateway.postEphemeral(tx, mention.channel, mention.user, mentionAnswer(reply), mention.thread_ts, {
          ifRefused: { message: mentionAnswerInThread(mention.user, reply), threadTs: mention.thread_ts ?? mention.ts },
        }),
      );
      services.afterCommit();
    };
    await runRequest(
      services,
      {
        who: { userId: mention.user, userTeam: mention.user_team },
        channelId: mention.channel,
        context: { event: 'app_mention', channel: mention.channel, userId: mention.user },
        deliveryKey: deliveryKeys.mention(mention.channel, mention.ts),
        queued: true,
      },
      () => stepFor(services, mention),
      { done: (reply) => (reply ? post(reply) : undefined), refused: post },
    );
  });
}

/** What the mention asks for; its result is undefined when it acted as a thread reply, which answers for itself. */
async function stepFor(services: RequestServices, mention: Mention): Promise<Step<Reply | undefined>> {
  const text = textAfterMention(mention.text, services.settings.botUserId);
  const threadTs = mention.thread_ts;
  if (threadTs && threadTs !== mention.ts && parseThreadReply(text)) {
    const owner = await findThreadOwner(services.db, mention.channel, threadTs);
    if (owner?.kind === 'escalation') {
      return {
        verb: async (ctx) => {
          await handleThreadReply({
            ctx,
            input: { channelId: mention.channel, threadTs, text, escalationId: owner.id },
          });
          return undefined;
        },
      };
    }
  }
  // A mention's work runs after Slack was answered, so the asker's language can be looked up.
  const t = await readerTranslator(
    services,
    { userId: mention.user, userTeam: mention.user_team },
    mention.channel,
    true,
  );
  let prepared;
  try {
    prepared = prepareMention(mention.text, services.settings.botUserId, mention.channel, t);
  } catch (err) {
    // Routing and parsing read no data: such an error only echoes what the asker typed, in a
    // message everyone in the channel can read anyway.
    if (err instanceof AccordError) return { result: { ...errorReply(err, t), shareable: true } };
    throw err;
  }
  if (prepared.kind === 'reply') return { result: { text: prepared.text, shareable: true } };
  if (prepared.kind === 'modal') {
    if (prepared.view.callback_id === viewIds.escalationRaise) return { result: escalationFormOffer(mention.channel) };
    return { result: { ...mentionFormUnavailable(), shareable: true } };
  }
  return prepared;
}
