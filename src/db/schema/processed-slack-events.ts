import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Deliveries already taken, so Slack's retried (or replayed) deliveries are processed at most once:
 * an event's `event_id`, or `command:<trigger_id>` for a slash command (src/slack/middleware/delivery-claims.ts).
 * The column keeps its first name; it holds both kinds of key.
 */
export const processedSlackEvents = pgTable('processed_slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});
