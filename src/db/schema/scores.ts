import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { partners } from './partners';

/** KPI targets per partner, or the default for all (partner_id null). */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id').references(() => partners.id),
    metric: text('metric').notNull(),
    op: text('op', { enum: ['<=', '>='] }).notNull(),
    value: numeric('value', { mode: 'number' }).notNull(),
    unit: text('unit', { enum: ['%', 's', ''] }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('kpi_targets_partner_metric_idx')
      .on(t.partnerId, t.metric)
      .where(sql`partner_id is not null`),
    uniqueIndex('kpi_targets_default_metric_idx')
      .on(t.metric)
      .where(sql`partner_id is null`),
  ],
);

/** A KPI reading for a partner and period (the latest per metric and period counts). */
export const kpiReadings = pgTable(
  'kpi_readings',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    value: numeric('value', { mode: 'number' }).notNull(),
    unit: text('unit', { enum: ['%', 's', ''] }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('kpi_readings_partner_period_idx').on(t.partnerId, t.period)],
);

/** Customer satisfaction ratings 1–5 of a partner. */
export const ratings = pgTable(
  'ratings',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    ratedBy: text('rated_by').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('ratings_partner_idx').on(t.partnerId, t.ratedAt)],
);

/** Admin-configured component weights (one row; absent means the defaults). */
export const scoreWeights = pgTable('score_weights', {
  id: integer('id').primaryKey(),
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const recommendationStatuses = ['pending', 'applied', 'dismissed'] as const;

/** Lifecycle recommendations computed at a period's end; a human applies or dismisses each. */
export const recommendations = pgTable(
  'recommendations',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    period: text('period').notNull(),
    kind: text('kind', { enum: ['promote', 'exit_review', 'training'] }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: recommendationStatuses }).notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('recommendations_once_idx').on(t.partnerId, t.period, t.kind)],
);

/** Which admins were sent a recommendation, to update their messages after the decision. */
export const recommendationMessages = pgTable(
  'recommendation_messages',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    userId: text('user_id').notNull(),
    outboxId: integer('outbox_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.userId] })],
);
