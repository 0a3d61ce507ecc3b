import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { languages } from '../../domain/language';

/**
 * The language a person chose with `/accord language` (by Slack user id). No row: Accord works it
 * out (Slack's locale, their partner's and the project's language; src/domain/language.ts).
 */
export const userLanguages = pgTable('user_languages', {
  userId: text('user_id').primaryKey(),
  language: text('language', { enum: languages }).notNull(),
  setAt: timestamp('set_at', { withTimezone: true, mode: 'date' }).notNull(),
});
