import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../logger';
import type { Reply } from '../../messages/types';

export const toResponse = (reply: Reply) => ({
  response_type: reply.inChannel ? ('in_channel' as const) : ('ephemeral' as const),
  text: reply.text,
  ...(reply.blocks ? { blocks: reply.blocks } : {}),
});

/** response_url accepts a reply for 30 minutes; a few quick retries cover a blip, then it is logged. */
export async function respondWithRetry(respond: RespondFn, reply: Reply, log: Logger, extra: Record<string, unknown> = {}): Promise<void> {
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
