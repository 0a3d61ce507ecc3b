import { and, lt, inArray } from 'drizzle-orm';
import { processedSlackEvents, slackOutbox } from '../db/schema';
import type { JobHandler } from './job-queue';

/** Hourly clean-up of delivery keys and delivered outbox rows; scheduled by src/jobs/scheduler.ts. */
export const PRUNE_JOB = 'maintenance.prune';
export const kind = PRUNE_JOB;

// Slack retries an event for about an hour, and a signed slash command can be replayed for five
// minutes (Bolt refuses older timestamps): a day of event ids and command:<trigger_id> keys is ample.
const DELIVERY_KEY_RETENTION_MS = 24 * 60 * 60_000;
// Delivered outbox rows are only needed to thread replies under them and to update them later.
const SENT_OUTBOX_RETENTION_MS = 90 * 24 * 60 * 60_000;

export function handler(): JobHandler {
  return async ({ tx, now }) => {
    await tx
      .delete(processedSlackEvents)
      .where(lt(processedSlackEvents.receivedAt, new Date(now.getTime() - DELIVERY_KEY_RETENTION_MS)));
    await tx
      .delete(slackOutbox)
      .where(
        and(
          inArray(slackOutbox.status, ['sent']),
          lt(slackOutbox.sentAt, new Date(now.getTime() - SENT_OUTBOX_RETENTION_MS)),
        ),
      );
  };
}

/** One key per hour: every replica schedules it, the unique key makes it run once. */
export function pruneJobKey(now: Date): string {
  return `${PRUNE_JOB}:${now.toISOString().slice(0, 13)}`;
}
