import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../logger';
import { executeSubcommand, replyForError, type RequestServices } from '../../commands/execute';
import { prepareCommand } from '../../commands/registry';
import type { Reply, SlashCommand } from '../../commands/types';

const payloadSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  user_team: z.string().optional(),
  text: z.string().default(''),
});

const toResponse = (reply: Reply) => ({ response_type: reply.inChannel ? ('in_channel' as const) : ('ephemeral' as const), text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });

/** response_url accepts a reply for 30 minutes; a few quick retries cover a blip, then it is logged. */
async function respondWithRetry(respond: RespondFn, reply: Reply, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await respond(toResponse(reply));
      return;
    } catch (err) {
      if (attempt >= 3) {
        log.error('could not deliver a command reply to response_url', { err });
        return;
      }
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

/**
 * Thin listener: the arguments are parsed before the acknowledgement (a typo is answered in the
 * ack itself); real work starts after ack() and its reply goes to response_url, so Slack's
 * 3-second limit never depends on the database.
 */
export function registerSlashCommand(app: App, command: SlashCommand, services: RequestServices): void {
  app.command(command, async ({ command: raw, ack, respond }) => {
    const log = services.log.child({ command });
    const parsedPayload = payloadSchema.safeParse(raw);
    if (!parsedPayload.success) {
      await ack(toResponse({ text: ':warning: Slack sent this command without the fields Accord needs (user and text); please try again.' }));
      return;
    }
    const payload = parsedPayload.data;
    let prepared;
    try {
      prepared = prepareCommand(command, payload.text, payload.channel_id);
    } catch (err) {
      await ack(toResponse(replyForError(err, log, { text: payload.text })));
      return;
    }
    if (prepared.kind === 'reply') {
      await ack(toResponse({ text: prepared.text }));
      return;
    }
    await ack();
    const reply = await executeSubcommand(services, prepared.sub, prepared.parsed, { userId: payload.user_id, userTeam: payload.user_team }, payload.channel_id);
    await respondWithRetry(respond, reply, log);
  });
}
