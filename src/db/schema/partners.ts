import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { languages } from '../../domain/language';

export const partnerTiers = ['registered', 'silver', 'gold', 'platinum'] as const;
export type PartnerTier = (typeof partnerTiers)[number];
export const partnerStages = ['access', 'growth', 'maturity'] as const;
export type PartnerStage = (typeof partnerStages)[number];
export const partnerStatuses = ['active', 'exited'] as const;
export const violationSeverities = ['minor', 'major'] as const;
export type ViolationSeverity = (typeof violationSeverities)[number];

export const partners = pgTable(
  'partners',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    tier: text('tier', { enum: partnerTiers }).notNull().default('registered'),
    stage: text('stage', { enum: partnerStages }).notNull().default('access'),
    /** The partner's own Slack team: its users are members without being added by hand. */
    slackTeamId: text('slack_team_id'),
    /** The language for the partner's people who have not chosen one (`partner set <slug> lang=…`). */
    language: text('language', { enum: languages }),
    status: text('status', { enum: partnerStatuses }).notNull().default('active'),
    /** Set by a major violation; cleared by a human decision, never automatically. */
    exitReview: boolean('exit_review').notNull().default(false),
    exitReason: text('exit_reason'),
    exitedAt: timestamp('exited_at', { withTimezone: true, mode: 'date' }),
    handoverTo: text('handover_to'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // One active partner per Slack team, or membership by team would be ambiguous.
  (t) => [
    uniqueIndex('partners_active_team_idx')
      .on(t.slackTeamId)
      .where(sql`status = 'active' and slack_team_id is not null`),
  ],
);

export const partnerMembers = pgTable(
  'partner_members',
  {
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    userId: text('user_id').notNull(),
    lead: boolean('lead').notNull().default(false),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.userId] }), index('partner_members_user_idx').on(t.userId)],
);

/**
 * Email addresses of a partner's people, for Slack Connect invitations to an organisation Accord
 * has no user ids for yet (conversations.inviteShared takes one email per call). Stored lower case.
 */
export const partnerContacts = pgTable(
  'partner_contacts',
  {
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    email: text('email').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.email] })],
);

export const partnerViolations = pgTable('partner_violations', {
  id: serial('id').primaryKey(),
  partnerId: integer('partner_id')
    .notNull()
    .references(() => partners.id),
  severity: text('severity', { enum: violationSeverities }).notNull(),
  description: text('description').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const partnerCertifications = pgTable('partner_certifications', {
  id: serial('id').primaryKey(),
  partnerId: integer('partner_id')
    .notNull()
    .references(() => partners.id),
  name: text('name').notNull(),
  expiresOn: date('expires_on', { mode: 'string' }),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const departureReasons = ['removed', 'exited'] as const;
export type DepartureReason = (typeof departureReasons)[number];

/**
 * Membership history: one row each time a hand-added member leaves a partner, taken out with
 * `partner member remove` or with the whole partner at `partner exit`. A person of the vendor's own
 * workspace with a row not yet reinstated is a guest, never a vendor member by default: being
 * dropped from a partner must not widen anyone's access (docs/product.md §2). `/accord vendor
 * reinstate` sets `reinstatedAt` on all their open rows.
 */
export const partnerMemberDepartures = pgTable(
  'partner_member_departures',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    userId: text('user_id').notNull(),
    reason: text('reason', { enum: departureReasons }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Who removed them or exited the partner; `system` for rows carried over from before history was kept. */
    recordedBy: text('recorded_by').notNull(),
    reinstatedAt: timestamp('reinstated_at', { withTimezone: true, mode: 'date' }),
    reinstatedBy: text('reinstated_by'),
  },
  // Resolving who someone is asks for their open rows on every request of a vendor-team user.
  (t) => [
    index('partner_member_departures_open_idx')
      .on(t.userId)
      .where(sql`reinstated_at is null`),
  ],
);
