import { AccordError, newReferenceId } from '../../errors';
import type { Logger } from '../../logger';
import type { ServiceContext, Services } from '../../services/context';
import { resolveActor, type ActorInput, type MembershipSource } from '../../services/resolve-actor';
import { commitOutcomeUnknownReply, databaseUnavailableReply, errorReply, unexpectedErrorReply } from '../blocks/replies';
import { isCommitOutcomeUnknown, isDatabaseUnavailable } from '../../db/client';
import type { Reply, Subcommand } from './types';

export type RequestServices = Services & {
  memberships: MembershipSource;
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

export async function executeSubcommand(services: RequestServices, sub: Subcommand, parsed: unknown, who: ActorInput, channelId: string | undefined): Promise<Reply> {
  try {
    const ctx = await buildContext(services, who, channelId);
    const reply = await sub.run(ctx, parsed as never);
    services.afterCommit();
    return reply;
  } catch (err) {
    return replyForError(err, services.log, { subcommand: sub.name, userId: who.userId, channelId });
  }
}
