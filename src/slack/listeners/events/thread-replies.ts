import type { App } from '@slack/bolt';

import { answerCheckin } from '../../../services/checkins/answers';
import { handleThreadReply } from '../../../services/escalations/thread-reply';
import { findThreadOwner } from '../../../services/thread-owner';
import { AccordError } from '../../../errors';
import { runRequest, type RequestServices } from '../../pipeline';
import { parseThreadReply } from '../../../domain/escalations/thread-reply';

/**
 * Replies in threads of Accord's own messages. In an escalation's thread, `ack`/`on it` and
 * `resolved: …` act like its buttons (anything else is conversation and stays unanswered). In a
 * check-in's thread, a person's reply is their answer. A reply also sent to the channel is the
 * same reply (subtype `thread_broadcast`, one event:
 * https://docs.slack.dev/reference/events/message/thread_broadcast). Bot messages, edits and
 * top-level messages are not looked at, nor a reply that mentions Accord: that one is a command,
 * and the app_mention listener (mentions.ts) handles it once. A thread that is not Accord's costs
 * one indexed lookup.
 */
export function registerThreadReplies(app: App, services: RequestServices): void {
  app.event('message', async ({ event }) => {
    if (
      (event.subtype !== undefined && event.subtype !== 'thread_broadcast') ||
      !('thread_ts' in event) ||
      !event.thread_ts ||
      event.thread_ts === event.ts
    )
      return;
    if (!event.user || ('bot_id' in event && event.bot_id)) return;
    // Left Slack-escaped: the domain parsers expect the text as Slack sends it.
    const text = typeof event.text === 'string' ? event.text : '';
    if (mentionsBot(text, services.settings.botUserId)) return;
    const owner = await findThreadOwner(services.db, event.channel, event.thread_ts);
    if (!owner || (owner.kind === 'escalation' && !parseThreadReply(text))) return;
    // Slack states the author's own team on messages (user_team), also in Slack Connect channels.
    const userTeam = 'user_team' in event && typeof event.user_team === 'string' ? event.user_team : undefined;
    const { channel, user, thread_ts: threadTs } = event;
    await runRequest(
      services,
      { who: { userId: user, userTeam }, channelId: channel, context: { event: 'message', channel, userId: user } },
      {
        verb: (ctx) =>
          owner.kind === 'escalation'
            ? handleThreadReply({ ctx, input: { channelId: channel, threadTs, text, escalationId: owner.id } })
            : answerCheckin({ ctx, input: { runId: owner.id, via: 'thread', text, threadTs } }).then(() => undefined),
      },
      {
        done: () => undefined,
        // A check-in's refusal is for the person who replied, in the thread; anything else goes to Bolt's error
        // handler.
        refused: async (reply, err) => {
          if (owner.kind !== 'checkin' || !(err instanceof AccordError)) throw err;
          await services.db.transaction((tx) =>
            services.gateway.postEphemeral(tx, channel, user, { text: reply.text }, threadTs),
          );
          services.afterCommit();
        },
      },
    );
  });
}

const mentionsBot = (text: string, botUserId: string) =>
  botUserId !== '' && (text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`));
