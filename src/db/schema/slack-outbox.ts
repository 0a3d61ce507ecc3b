import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

// The argument a message's `ts` fills in: a thread reply's thread_ts, an update's ts, a pin's timestamp.
export const outboxRefFields = ['thread_ts', 'ts', 'timestamp'] as const;
export type OutboxRefField = (typeof outboxRefFields)[number];

export interface OutboxResult {
  channel?: string;
  ts?: string;
}

export const slackOutbox = pgTable(
  'slack_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Messages of one lane (a channel, or a user's App Home) are delivered in id order, paced. */
    lane: text('lane').notNull(),
    method: text('method').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** A thread reply or an update waits for this message's `ts` and fills it into `refField`. */
    refId: bigint('ref_id', { mode: 'number' }),
    refField: text('ref_field', { enum: outboxRefFields }),
    /** Who hears about it when Slack refuses the message for good. */
    reportTo: text('report_to'),
    status: text('status', { enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    result: jsonb('result').$type<OutboxResult>(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // The worker only ever scans undelivered rows; a partial index keeps that scan small however
    // much history accumulates.
    index('slack_outbox_open_idx')
      .on(t.lane, t.id)
      .where(sql`status in ('pending', 'sending')`),
    // Finds the record behind a Slack message from its ts (a reply in an escalation's thread).
    index('slack_outbox_ts_idx').on(sql`(${t.result}->>'ts')`),
    index('slack_outbox_ref_idx').on(t.refId),
  ],
);

/** Earliest time a lane (`channel:C…`) or a method (`method:chat.update`) may be used again. */
export const slackPacing = pgTable('slack_pacing', {
  key: text('key').primaryKey(),
  notBefore: timestamp('not_before', { withTimezone: true, mode: 'date' }).notNull(),
});
