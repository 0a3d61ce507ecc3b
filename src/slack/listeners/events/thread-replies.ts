import type { App } from '@slack/bolt';
import { parseThreadReply } from '../../../domain/escalation';
import { handleThreadReply } from '../../../services/escalations/thread-reply';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';

/**
 * Replies in threads of project channels: `ack`/`on it` and `resolved: …` in an escalation's
 * thread act like its buttons. Bot messages, edits and top-level messages are not looked at.
 */
export function registerThreadReplies(app: App, services: RequestServices): void {
  app.event('message', async ({ event }) => {
    if (event.subtype !== undefined || !('thread_ts' in event) || !event.thread_ts || event.thread_ts === event.ts) return;
    if (!event.user || event.bot_id) return;
    const text = typeof event.text === 'string' ? event.text : '';
    // Most thread replies are conversation: a pure check first, before any database work.
    if (!parseThreadReply(text)) return;
    try {
      // Slack states the author's own team on messages (user_team), also in Slack Connect channels.
      const userTeam = 'user_team' in event && typeof event.user_team === 'string' ? event.user_team : undefined;
      const ctx = await buildContext(services, { userId: event.user, userTeam }, event.channel);
      const outcome = await handleThreadReply({ ctx, input: { channelId: event.channel, threadTs: event.thread_ts, text } });
      if (outcome !== 'ignored') services.afterCommit();
    } catch (err) {
      replyForError(err, services.log, { event: 'message', channel: event.channel, userId: event.user });
      throw err;
    }
  });
}
