import { AccordError, newReferenceId } from '../../errors';
import type { Logger } from '../../logger';
import type { ServiceContext, Services } from '../../services/context';
import { resolveActor, type ActorInput } from '../../services/resolve-actor';
import { commitOutcomeUnknownReply, databaseUnavailableReply, errorReply, unexpectedErrorReply } from '../../messages/replies';
import { isCommitOutcomeUnknown, isDatabaseUnavailable } from '../../db/client';
import { claimDelivery, releaseDelivery } from '../middleware/delivery-claims';
import type { Subcommand } from './types';
import type { Reply } from '../../messages/types';

export type RequestServices = Services & {
  afterCommit(): void;
  /** Where a command's work after its acknowledgement waits its turn (a bounded number run at once). */
  afterAck<T>(work: () => Promise<T>): Promise<T>;
};

/** Builds the service context for one request: who is acting is resolved here, once. */
export async function buildContext(services: RequestServices, who: ActorInput, channelId: string | undefined): Promise<ServiceContext> {
  const actor = await resolveActor(services, who);
  return { ...services, actor, channelId, log: services.log.child({ userId: who.userId, channelId }) };
}

/** Maps any failure to what the user should read: AccordError as written, anything else with a reference id. */
export function replyForError(err: unknown, log: Logger, context: Record<string, unknown>): Reply {
  if (err instanceof AccordError) return errorReply(err);
  if (isCommitOutcomeUnknown(err)) {
    log.warn('the database connection was lost while a change was being committed', { ...context, err });
    return commitOutcomeUnknownReply();
  }
  if (isDatabaseUnavailable(err)) {
    log.warn('the database could not be reached while handling a request', { ...context, err });
    return databaseUnavailableReply();
  }
  const referenceId = newReferenceId();
  log.error('unexpected error while handling a request', { ...context, referenceId, err });
  return unexpectedErrorReply(referenceId);
}

/**
 * Runs a subcommand and returns what its user should read; undefined only for a delivery handled
 * before (see oncePerDelivery).
 */
export async function executeSubcommand(services: RequestServices, sub: Subcommand, parsed: unknown, who: ActorInput, channelId: string | undefined, deliveryKey?: string): Promise<Reply | undefined> {
  return oncePerDelivery(services, deliveryKey, { subcommand: sub.name, userId: who.userId, channelId }, async () => {
    const ctx = await buildContext(services, who, channelId);
    const reply = await sub.run(ctx, parsed as never);
    services.afterCommit();
    return reply;
  });
}

/**
 * Runs a request's work, mapping any failure to a reply. With a delivery key (a slash command's
 * trigger_id), the key is claimed first, so the same signed command delivered twice (a retry, or
 * a replay within the five minutes Bolt accepts) runs once: the second delivery returns undefined
 * and its user hears nothing more, since the first delivery answers. If the work fails for a
 * reason other than a refusal, nothing was changed and the claim is given back, so a retried
 * delivery can run; a refusal keeps it, so a replay does not repeat the refusal.
 */
export async function oncePerDelivery(
  services: RequestServices,
  deliveryKey: string | undefined,
  context: Record<string, unknown>,
  work: () => Promise<Reply | undefined>,
): Promise<Reply | undefined> {
  let claimed = false;
  try {
    if (deliveryKey !== undefined) {
      claimed = await claimDelivery(services.db, services.clock, deliveryKey);
      if (!claimed) {
        services.log.info('ignoring a delivery already processed', { ...context, deliveryKey });
        return undefined;
      }
    }
    return await work();
  } catch (err) {
    if (claimed && deliveryKey !== undefined && !(err instanceof AccordError)) await giveBack(services, deliveryKey);
    return replyForError(err, services.log, context);
  }
}

async function giveBack(services: RequestServices, deliveryKey: string): Promise<void> {
  try {
    await releaseDelivery(services.db, deliveryKey);
  } catch (err) {
    // The claim stays: a retry of this delivery is ignored, and the person types the command again.
    services.log.warn('could not release the claim of a failed slash command', { deliveryKey, err });
  }
}
