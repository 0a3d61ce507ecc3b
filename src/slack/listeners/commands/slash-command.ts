import type { App } from '@slack/bolt';
import { z } from 'zod';
import { translator, type Translator } from '../../../messages/i18n/translator';
import type { Reply } from '../../../messages/types';
import { readerTranslator, replyForError, runRequest, type Inbound, type RequestServices } from '../../pipeline';
import { prepareCommand } from '../../commands/registry';
import type { SlashCommand } from '../../commands/types';
import { deliveryKeys } from '../../middleware/delivery-claims';
import { openForm } from '../modal-flow';
import { respondWithRetry, toResponse, viaResponseUrl } from '../respond';
import { formNotOpenedReply, incompleteCommandReply, queuedReply } from '../../../messages/replies';
import { queuedAhead } from '../../../in-flight';

const payloadSchema = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  user_team: z.string().optional(),
  trigger_id: z.string().optional(),
  text: z.string().default(''),
});

/**
 * Thin listener: the arguments are parsed before the acknowledgement (a typo is answered in the
 * ack itself); real work starts after ack() and its reply goes to response_url, so Slack's
 * 3-second limit never depends on the database.
 */
/** How long a slash command's acknowledgement may wait for the language of someone not seen lately. */
const LOOKUP_MS = 300;

/** `promise`'s value if it settles within `ms`, else undefined (it goes on, for whoever awaits it). */
async function within<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (!promise) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerSlashCommand(app: App, command: SlashCommand, services: RequestServices): void {
  app.command(command, async ({ command: raw, ack, respond }) => {
    const log = services.log.child({ command });
    const parsedPayload = payloadSchema.safeParse(raw);
    if (!parsedPayload.success) {
      await ack(toResponse(incompleteCommandReply()));
      return;
    }
    const payload = parsedPayload.data;
    const who = { userId: payload.user_id, userTeam: payload.user_team };
    // The acknowledgement waits on the database for a moment at most. Someone answered recently
    // is answered from memory; anyone else's language is looked up for up to LOOKUP_MS, and what
    // is answered in the acknowledgement (help, a typo) is in it then. When the database or Slack
    // takes longer, the acknowledgement goes out empty and the answer follows through response_url.
    const remembered = services.languageMemory.get(who.userId, payload.channel_id);
    const lookup = remembered ? undefined : readerTranslator(services, who, payload.channel_id);
    const inTime = remembered ? translator(remembered) : await within(lookup, LOOKUP_MS);
    const t = inTime ?? translator(services.settings.defaultLanguage);
    const answer = async (render: (t: Translator) => Reply) => {
      if (inTime || !lookup) {
        await ack(toResponse(render(t)));
        return;
      }
      await ack();
      await respondWithRetry(respond, render(await lookup), log);
    };
    let prepared;
    try {
      prepared = prepareCommand(command, payload.text, payload.channel_id, t);
    } catch (err) {
      // A refusal's words are written out in the language it is rendered in.
      await answer((reader) => replyForError(err, log, { text: payload.text }, reader));
      return;
    }
    if (prepared.kind === 'reply') {
      await answer((reader) => {
        const again = prepareCommand(command, payload.text, payload.channel_id, reader);
        return { text: again.kind === 'reply' ? again.text : prepared.text };
      });
      return;
    }
    // What Slack makes unique about this delivery: a second delivery of the same signed body is
    // acknowledged and does nothing (the first one answers). A reply in the ack changes nothing,
    // so it needs no claim.
    const deliveryKey = payload.trigger_id ? deliveryKeys.command(payload.trigger_id) : undefined;
    const inbound: Inbound = {
      who,
      channelId: payload.channel_id,
      context: { command, userId: payload.user_id, channelId: payload.channel_id },
      deliveryKey,
    };
    if (prepared.kind === 'modal') {
      await ack();
      const { view } = prepared;
      const title = view.type === 'modal' ? view.title.text : 'Accord';
      // The loading view opens before anything touches the database, the delivery claim included;
      // a second delivery of the same command finds its trigger_id already used (Slack answers
      // `exchanged_trigger_id`) and, not claiming the delivery, says nothing.
      const outcome = await openForm(services, inbound, payload.trigger_id, title, { result: view });
      if (outcome.kind === 'not-opened') {
        await respondWithRetry(respond, formNotOpenedReply(t), log);
      }
      if (outcome.kind === 'refused' && !outcome.shown) await respondWithRetry(respond, outcome.reply, log);
      return;
    }
    const ahead = queuedAhead(services.afterAck);
    await ack(ahead === undefined ? undefined : toResponse(queuedReply(ahead, t)));
    // The subcommand is known before the claim, so even a failed claim is logged with it.
    await runRequest(
      services,
      { ...inbound, context: { ...inbound.context, subcommand: prepared.sub.name }, queued: true },
      prepared,
      viaResponseUrl(respond, log),
    );
  });
}
