import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Admins added in Slack. The ones from ACCORD_ADMIN_USER_IDS live in the configuration only, so
// removing one from the environment really removes them.
export const admins = pgTable('admins', {
  userId: text('user_id').primaryKey(),
  addedBy: text('added_by').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
});
