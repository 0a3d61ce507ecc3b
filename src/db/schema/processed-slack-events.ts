import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Event ids already taken, so Slack's retried deliveries are processed at most once. */
export const processedSlackEvents = pgTable('processed_slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});
