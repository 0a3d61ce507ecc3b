import type { BlockAction, RespondFn } from '@slack/bolt';
import type { Logger } from '../../logger';
import type { Reply } from '../../messages/types';
import type { Inbound, Surface } from '../pipeline';

export const toResponse = (reply: Reply) => ({
  response_type: reply.inChannel ? ('in_channel' as const) : ('ephemeral' as const),
  text: reply.text,
  ...(reply.blocks ? { blocks: reply.blocks } : {}),
});

/** response_url accepts a reply for 30 minutes; a few quick retries cover a blip, then it is logged. */
export async function respondWithRetry(
  respond: RespondFn,
  reply: Reply,
  log: Logger,
  extra: Record<string, unknown> = {},
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await respond({ ...toResponse(reply), ...extra });
      return;
    } catch (err) {
      if (attempt >= 3) {
        log.error('could not deliver a reply to response_url', { err });
        return;
      }
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

/** Answers through response_url (a command's, or a button's with `replace_original: false`); nothing when the verb has nothing to say. */
export function viaResponseUrl(
  respond: RespondFn,
  log: Logger,
  extra: Record<string, unknown> = {},
): Surface<Reply | undefined> {
  const send = (reply: Reply) => respondWithRetry(respond, reply, log, extra);
  return { done: (reply) => (reply ? send(reply) : undefined), refused: send };
}

/** A button's answer is for the clicker only; the message clicked stays as it is. */
export const toClicker = (respond: RespondFn, log: Logger) => viaResponseUrl(respond, log, { replace_original: false });

/** A click as the pipeline runs it: the clicker (with their own team, also from another organisation) in the channel of the message. */
export function clicked(body: BlockAction, context: Record<string, unknown>): Inbound {
  return {
    who: { userId: body.user.id, userTeam: body.user.team_id },
    channelId: body.channel?.id,
    context: { userId: body.user.id, ...context },
  };
}
