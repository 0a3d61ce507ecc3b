import { sql } from 'drizzle-orm';
import {
  bigint,
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
import type { SlaOverride, SlaPolicy } from '../../domain/escalations/policy';
import { partners } from './partners';
import { projects } from './projects';

export const escalationStatusValues = ['open', 'acknowledged', 'resolved', 'cancelled'] as const;
export const severityValues = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

export const escalations = pgTable(
  'escalations',
  {
    /** Shown as ESC-<id>: one sequence for the whole network, so a number is unambiguous anywhere. */
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    severity: text('severity', { enum: severityValues }).notNull(),
    /** Set when the monthly quota opened it below the severity asked for. */
    requestedSeverity: text('requested_severity', { enum: severityValues }),
    title: text('title').notNull(),
    activity: text('activity'),
    /** null: the vendor is the target. */
    targetPartnerId: integer('target_partner_id').references(() => partners.id),
    status: text('status', { enum: escalationStatusValues }).notNull().default('open'),
    /** The policy in force, frozen at opening (and at an upgrade), so later edits never move running timers. */
    policy: jsonb('policy').$type<SlaPolicy>().notNull(),
    /** The last level notified (1-based) and in which round of the chain. */
    level: integer('level').notNull().default(1),
    round: integer('round').notNull().default(1),
    notifiedAt: timestamp('notified_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Bumped when the timers start over (an upgrade); timers of an older generation do nothing. */
    generation: integer('generation').notNull().default(0),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolution: text('resolution'),
    cancelledBy: text('cancelled_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    breachedAt: timestamp('breached_at', { withTimezone: true, mode: 'date' }),
    /**
     * When acknowledgement and resolution fall due under the frozen policy (escalationDeadlines),
     * written with the policy (opening, upgrade) so scores compare instead of recomputing business
     * hours per row and call. Null only on rows written before the columns existed, until the
     * start-up backfill (src/db/backfill-deadlines.ts) fills them in.
     */
    ackDeadline: timestamp('ack_deadline', { withTimezone: true, mode: 'date' }),
    resolveDeadline: timestamp('resolve_deadline', { withTimezone: true, mode: 'date' }),
    messageOutboxId: bigint('message_outbox_id', { mode: 'number' }),
    /** Identifies the request that opened it (a modal submission), so a repeat opens nothing new. */
    requestKey: text('request_key').unique(),
  },
  (t) => [
    index('escalations_project_idx').on(t.projectId, t.openedAt),
    index('escalations_open_idx')
      .on(t.status)
      .where(sql`status in ('open', 'acknowledged')`),
    index('escalations_message_idx').on(t.messageOutboxId),
    // The project card counts a project's open and acknowledged escalations at every change of one.
    index('escalations_project_open_idx')
      .on(t.projectId, t.status)
      .where(sql`status in ('open', 'acknowledged')`),
    // Scores read a partner's escalations by month.
    index('escalations_target_idx').on(t.targetPartnerId, t.openedAt),
    // Scores of the whole network read one period of every partner's escalations: a range of
    // opening times, which the per-partner index above serves only by one descent per partner.
    index('escalations_opened_idx').on(t.openedAt),
    // The start-up backfill finds the rows still without deadlines without reading the table; empty once done.
    index('escalations_deadline_missing_idx')
      .on(t.id)
      .where(sql`ack_deadline is null or resolve_deadline is null`),
  ],
);

export const escalationEventKinds = [
  'opened',
  'notified',
  'warned',
  'acknowledged',
  'breached',
  'resolved',
  'cancelled',
  'upgraded',
  'downgraded',
  'handed_over',
] as const;
export type EscalationEventKind = (typeof escalationEventKinds)[number];

/** The timeline: every state change and notification, with its time and actor ('system' for timers). */
export const escalationEvents = pgTable(
  'escalation_events',
  {
    id: serial('id').primaryKey(),
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actor: text('actor').notNull(),
    kind: text('kind', { enum: escalationEventKinds }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('escalation_events_escalation_idx').on(t.escalationId, t.at)],
);

export const slaScopes = ['network', 'partner', 'project'] as const;
export type SlaScope = (typeof slaScopes)[number];

/** Overrides of the built-in policies: network-wide, per partner, per project (later wins). */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    scope: text('scope', { enum: slaScopes }).notNull(),
    /** 0 for the network scope. */
    scopeId: integer('scope_id').notNull(),
    severity: text('severity', { enum: severityValues }).notNull(),
    override: jsonb('override').$type<SlaOverride>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeId, t.severity] })],
);

/** "Two mountains a month": how many top-severity escalations a project may open per month. */
export const slaQuotas = pgTable(
  'sla_quotas',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    severity: text('severity', { enum: severityValues }).notNull(),
    perMonth: integer('per_month').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('sla_quotas_project_idx').on(t.projectId, t.severity)],
);
