import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import type { Logger } from '../../logger';
import { claimDelivery, deliveryKeys, releaseDelivery } from './delivery-claims';

/**
 * Slack re-delivers an event it thinks we missed (X-Slack-Retry-Num), with the same event_id.
 * The id is claimed before any listener runs, so a retry, or the same delivery reaching two
 * replicas, is processed at most once. If the listeners fail, the claim is released so that
 * Slack's retry gets another chance. (Slash commands are claimed by their trigger_id after their
 * acknowledgement instead: see executeSubcommand.)
 */
export function dedupeEvents(db: Db, clock: Clock, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId =
      typeof body === 'object' && body !== null && 'event_id' in body && typeof body.event_id === 'string'
        ? body.event_id
        : undefined;
    if (!eventId) {
      await next();
      return;
    }
    const key = deliveryKeys.event(eventId);
    if (!(await claimDelivery(db, clock, key))) {
      log.info('ignoring an event already processed', { eventId });
      return;
    }
    try {
      await next();
    } catch (err) {
      await releaseDelivery(db, key);
      throw err;
    }
  };
}
