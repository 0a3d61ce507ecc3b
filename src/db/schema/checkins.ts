import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { QuestionSet } from '../../domain/checkins/questions';
import { partners } from './partners';
import { projects } from './projects';

export const checkinKindValues = ['sync', 'risk'] as const;

export const checkinSchedules = pgTable('checkin_schedules', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id')
    .notNull()
    .references(() => projects.id),
  kind: text('kind', { enum: checkinKindValues }).notNull(),
  cron: text('cron').notNull(),
  timeZone: text('time_zone').notNull(),
  remindMs: bigint('remind_ms', { mode: 'number' }).notNull(),
  closeMs: bigint('close_ms', { mode: 'number' }).notNull(),
  paused: boolean('paused').notNull().default(false),
  /** Bumped by pause/resume and edits, so an occurrence job of an older generation does nothing. */
  generation: integer('generation').notNull().default(0),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
});

export const checkinRunStatuses = ['open', 'closed'] as const;

/** One posted check-in. Unique per schedule and occurrence: replicas racing to post it make one row. */
export const checkinRuns = pgTable(
  'checkin_runs',
  {
    id: serial('id').primaryKey(),
    scheduleId: integer('schedule_id').references(() => checkinSchedules.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind', { enum: checkinKindValues }).notNull(),
    /** The scheduled instant (or the moment of `checkin run`). */
    occurrence: timestamp('occurrence', { withTimezone: true, mode: 'date' }).notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }).notNull(),
    late: boolean('late').notNull().default(false),
    /** The questions as they were when posted; editing the schedule never changes a run in progress. */
    questions: jsonb('questions').$type<QuestionSet>().notNull(),
    expected: jsonb('expected').$type<string[]>().notNull(),
    remindAt: timestamp('remind_at', { withTimezone: true, mode: 'date' }).notNull(),
    closeAt: timestamp('close_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: checkinRunStatuses }).notNull().default('open'),
    messageOutboxId: bigint('message_outbox_id', { mode: 'number' }),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('checkin_runs_occurrence_idx')
      .on(t.scheduleId, t.occurrence)
      .where(sql`schedule_id is not null`),
    index('checkin_runs_project_idx').on(t.projectId, t.occurrence),
    index('checkin_runs_message_idx').on(t.messageOutboxId),
    // Scores read the check-ins closed in a period.
    index('checkin_runs_close_idx').on(t.closeAt),
  ],
);

export const checkinAnswers = pgTable(
  'checkin_answers',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => checkinRuns.id),
    userId: text('user_id').notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    text: text('text'),
    via: text('via', { enum: ['form', 'thread'] }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.userId] })],
);

/** Expected answers that never came, per partner, for the partner's score (issue of scoring). */
export const checkinMisses = pgTable(
  'checkin_misses',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => checkinRuns.id),
    userId: text('user_id').notNull(),
    partnerId: integer('partner_id').references(() => partners.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.userId] }), index('checkin_misses_partner_idx').on(t.partnerId)],
);

export const riskStatusValues = ['open', 'closed'] as const;

export const risks = pgTable(
  'risks',
  {
    /** Shown as R-<id>. */
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    category: text('category').notNull(),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    ownerUserId: text('owner_user_id'),
    /** The partner the risk belongs to, when its owner is a partner member (for the partner's score). */
    partnerId: integer('partner_id').references(() => partners.id),
    reviewOn: date('review_on', { mode: 'string' }),
    mitigation: text('mitigation'),
    status: text('status', { enum: riskStatusValues }).notNull().default('open'),
    closeNote: text('close_note'),
    sourceRunId: integer('source_run_id').references(() => checkinRuns.id),
    sourceKey: text('source_key').unique(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('risks_project_idx').on(t.projectId, t.status),
    index('risks_partner_review_idx').on(t.partnerId, t.reviewOn),
  ],
);

/** A risk whose review date had passed when a risk check-in was posted: flagged there, counted in scores. */
export const riskOverdueFlags = pgTable(
  'risk_overdue_flags',
  {
    riskId: integer('risk_id')
      .notNull()
      .references(() => risks.id),
    runId: integer('run_id')
      .notNull()
      .references(() => checkinRuns.id),
    reviewOn: date('review_on', { mode: 'string' }).notNull(),
    partnerId: integer('partner_id').references(() => partners.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.runId] })],
);
