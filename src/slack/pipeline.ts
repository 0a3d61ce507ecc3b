import { AccordError, newReferenceId, withUsage } from '../errors';
import type { Limiter } from '../in-flight';
import type { Logger } from '../logger';
import type { ServiceContext, Services } from '../services/context';
import { resolveActor, type ActorInput } from '../services/resolve-actor';
import {
  commitOutcomeUnknownReply,
  databaseUnavailableReply,
  errorReply,
  unexpectedErrorReply,
} from '../messages/replies';
import type { Reply } from '../messages/types';
import { translator, type Translator } from '../messages/i18n/translator';
import { isCommitOutcomeUnknown, isDatabaseUnavailable } from '../db/client';
import { claimDelivery, releaseDelivery } from './middleware/delivery-claims';

/*
 * Every inbound request (slash command, mention, button, form submission, event) runs through
 * runRequest: claim the delivery, resolve who is acting, run the verb, send what the verb wrote,
 * and turn any failure into what the person should read. Listeners only parse the payload, pick
 * the step and say how their surface answers.
 */

export type RequestServices = Services & {
  afterCommit(): void;
  /** Where a request's work after its acknowledgement waits its turn (a bounded number run at once). */
  afterAck: Limiter;
};

/** What Slack sent, as far as running it goes. */
export interface Inbound {
  /** Who is acting; needed for a `verb` step. */
  who: ActorInput | undefined;
  channelId: string | undefined;
  /** Logged with a failure. */
  context: Record<string, unknown>;
  /**
   * What Slack makes unique about this delivery (a slash command's trigger_id, a mention's
   * message). Claimed first, so a second delivery of the same request does nothing (see settle).
   */
  deliveryKey?: string;
  /** Waits in the after-ack queue: for work Slack has already been told about. */
  queued?: boolean;
}

/** What to do for the request. */
export type Step<T> =
  /** A verb on behalf of the person who sent the request; their context is built first. `usage` is added to its USAGE refusals; `context` to what a failure logs. */
  | { verb: (ctx: ServiceContext) => Promise<T>; usage?: string; context?: Record<string, unknown> }
  /** Work that acts for nobody in particular (a Slack Connect event): no actor is resolved. */
  | { work: () => Promise<T> }
  /** An answer known without the database (help, a typo, a ready form). */
  | { result: T };

/** How a surface answers. Both may write (an ephemeral, a DM); they send it themselves (afterCommit). */
export interface Surface<T> {
  done(result: T, ctx: ServiceContext | undefined): Promise<void> | void;
  /** `ctx` is there when the refusal came after the context was built. */
  refused(reply: Reply, err: unknown, ctx: ServiceContext | undefined): Promise<void> | void;
}

type Outcome<T> =
  | { kind: 'done'; result: T; ctx: ServiceContext | undefined }
  | { kind: 'refused'; reply: Reply; err: unknown; ctx: ServiceContext | undefined }
  | { kind: 'duplicate' };

/** Runs one request; `step` may be worked out under the delivery claim (a mention's routing reads the database). */
export async function runRequest<T>(
  services: RequestServices,
  inbound: Inbound,
  step: Step<T> | (() => Promise<Step<T>>),
  surface: Surface<T>,
): Promise<void> {
  const outcome = inbound.queued
    ? await services.afterAck(() => settle(services, inbound, step))
    : await settle(services, inbound, step);
  if (outcome.kind === 'done') await surface.done(outcome.result, outcome.ctx);
  if (outcome.kind === 'refused') await surface.refused(outcome.reply, outcome.err, outcome.ctx);
}

/**
 * With a delivery key, the key is claimed first, so the same request delivered twice (a retry, or
 * a replay within the five minutes Bolt accepts) runs once: the second delivery does nothing, and
 * its user hears nothing more, since the first delivery answers. If the work fails for a reason
 * other than a refusal, nothing was changed and the claim is given back, so a retried delivery
 * can run; a refusal keeps it, so a replay does not repeat the refusal.
 */
async function settle<T>(
  services: RequestServices,
  inbound: Inbound,
  step: Step<T> | (() => Promise<Step<T>>),
): Promise<Outcome<T>> {
  const { deliveryKey, context } = inbound;
  let claimed = false;
  let ctx: ServiceContext | undefined;
  let usage: string | undefined;
  let logged = context;
  try {
    if (deliveryKey !== undefined) {
      claimed = await claimDelivery(services.db, services.clock, deliveryKey);
      if (!claimed) {
        services.log.info('ignoring a delivery already processed', { ...context, deliveryKey });
        return { kind: 'duplicate' };
      }
    }
    const s = typeof step === 'function' ? await step() : step;
    if ('result' in s) return { kind: 'done', result: s.result, ctx };
    let result: T;
    if ('verb' in s) {
      usage = s.usage;
      logged = { ...context, ...s.context };
      if (!inbound.who) throw new Error('a verb needs the person who asked');
      ctx = await buildContext(services, inbound.who, inbound.channelId);
      result = await s.verb(ctx);
    } else {
      result = await s.work();
    }
    services.afterCommit();
    return { kind: 'done', result, ctx };
  } catch (err) {
    if (claimed && deliveryKey !== undefined && !(err instanceof AccordError)) await giveBack(services, deliveryKey);
    const t = ctx?.t ?? (inbound.who ? await readerTranslator(services, inbound.who, inbound.channelId) : undefined);
    return { kind: 'refused', reply: replyForError(withUsage(err, usage), services.log, logged, t), err, ctx };
  }
}

/** Builds the service context for one request: who is acting is resolved here, once. */
export async function buildContext(
  services: RequestServices,
  who: ActorInput,
  channelId: string | undefined,
): Promise<ServiceContext> {
  const actor = await resolveActor(services, { ...who, channelId });
  services.languageMemory.set(who.userId, channelId, actor.language);
  return {
    ...services,
    actor,
    channelId,
    t: translator(actor.language),
    log: services.log.child({ userId: who.userId, channelId }),
  };
}

/**
 * The translator for someone whose request has no context (yet): remembered from a recent
 * request, else worked out as for any request (src/domain/language.ts), else, when even that
 * fails (the database is away), the network's language.
 */
export async function readerTranslator(
  services: RequestServices,
  who: ActorInput,
  channelId: string | undefined,
  /** Work it out even when remembered: for answers after the acknowledgement, which can wait for it. */
  fresh = false,
): Promise<Translator> {
  const known = fresh ? undefined : services.languageMemory.get(who.userId, channelId);
  if (known) return translator(known);
  try {
    const actor = await resolveActor(services, { ...who, channelId });
    services.languageMemory.set(who.userId, channelId, actor.language);
    return translator(actor.language);
  } catch (err) {
    services.log.info('could not work out the language of a person; answering in the network language', {
      userId: who.userId,
      err,
    });
    return translator(services.settings.defaultLanguage);
  }
}

/** Maps any failure to what the user should read (in `t`'s language): AccordError as written, anything else with a reference id. */
export function replyForError(err: unknown, log: Logger, context: Record<string, unknown>, t?: Translator): Reply {
  if (err instanceof AccordError) return errorReply(err, t);
  if (isCommitOutcomeUnknown(err)) {
    log.warn('the database connection was lost while a change was being committed', { ...context, err });
    return commitOutcomeUnknownReply(t);
  }
  if (isDatabaseUnavailable(err)) {
    log.warn('the database could not be reached while handling a request', { ...context, err });
    return databaseUnavailableReply(t);
  }
  const referenceId = newReferenceId();
  log.error('unexpected error while handling a request', { ...context, referenceId, err });
  return unexpectedErrorReply(referenceId, t);
}

async function giveBack(services: RequestServices, deliveryKey: string): Promise<void> {
  try {
    await releaseDelivery(services.db, deliveryKey);
  } catch (err) {
    // The claim stays: a retry of this delivery is ignored, and the person types the command again.
    services.log.warn('could not release the claim of a failed slash command', { deliveryKey, err });
  }
}

/** For events nobody waits on: a failure is logged (above, with a reference) and handed to Bolt's error handler. */
export const toBolt: Surface<unknown> = {
  done: () => undefined,
  refused: (_reply, err) => {
    throw err;
  },
};
