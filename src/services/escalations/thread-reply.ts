import { AccordError } from '../../errors';
import type { ServiceContext } from '../context';
import { acknowledgeEscalation } from './acknowledge-escalation';
import { resolveEscalation } from './resolve-escalation';
import { parseThreadReply } from '../../domain/escalations/thread-reply';
import { resolveWithoutSummaryHint, threadReplyRefusal } from '../../messages/escalation/notices';

export interface ThreadMessage {
  channelId: string;
  threadTs: string;
  text: string;
  escalationId: number;
}

/**
 * A reply in an escalation's thread: when the text is `ack…`/`on it` or
 * `resolved: …`, it acts as the button would. A refusal (not allowed, already resolved, no
 * summary) is told to the author alone, in the thread; nothing else is answered, so ordinary
 * conversation in the thread stays quiet.
 */
export async function handleThreadReply({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ThreadMessage;
}): Promise<'acknowledged' | 'resolved' | 'refused' | 'ignored'> {
  const reply = parseThreadReply(input.text);
  if (!reply) return 'ignored';
  const id = input.escalationId;
  try {
    if (reply.kind === 'acknowledge') {
      await acknowledgeEscalation({ ctx, input: { id } });
      return 'acknowledged';
    }
    if (reply.kind === 'resolve-without-summary') {
      await ctx.gateway.postEphemeral(
        ctx.db,
        input.channelId,
        ctx.actor.userId,
        { text: resolveWithoutSummaryHint() },
        input.threadTs,
      );
      return 'refused';
    }
    await resolveEscalation({ ctx, input: { id, summary: reply.summary } });
    return 'resolved';
  } catch (err) {
    if (!(err instanceof AccordError)) throw err;
    await ctx.gateway.postEphemeral(
      ctx.db,
      input.channelId,
      ctx.actor.userId,
      { text: threadReplyRefusal(err) },
      input.threadTs,
    );
    return 'refused';
  }
}
