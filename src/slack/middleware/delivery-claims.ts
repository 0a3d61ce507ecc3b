import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { processedSlackEvents } from '../../db/schema';

/**
 * What Slack makes unique about a delivery, stored in processed_slack_events so that a second
 * delivery of it, a retry or a replay, reaching this replica or another, is processed at most once.
 * An event is keyed by its own `event_id` (`Ev…`); a slash command, which has none, by its
 * `trigger_id`, and a mention by its message, each under a prefix so the kinds of key never meet. The hourly clean-up
 * (src/jobs/prune.ts) drops keys of both kinds by age.
 */
export const deliveryKeys = {
  event: (eventId: string) => eventId,
  command: (triggerId: string) => `command:${triggerId}`,
  /**
   * A message that mentions Accord, whatever delivered it: Slack's retries carry the same
   * event_id, but an edit re-sends the mention as a new event for the same message `ts`.
   */
  mention: (channel: string, ts: string) => `mention:${channel}:${ts}`,
} as const;

/** True when this delivery is the first with this key; false when another already took it. */
export async function claimDelivery(db: Db, clock: Clock, key: string): Promise<boolean> {
  const claimed = await db
    .insert(processedSlackEvents)
    .values({ eventId: key, receivedAt: clock.now() })
    .onConflictDoNothing()
    .returning({ key: processedSlackEvents.eventId });
  return claimed.length > 0;
}

/** Gives a claim back after its handling failed, so that a retried delivery can run. */
export async function releaseDelivery(db: Db, key: string): Promise<void> {
  await db.delete(processedSlackEvents).where(eq(processedSlackEvents.eventId, key));
}
