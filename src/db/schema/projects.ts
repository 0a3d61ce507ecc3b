import { bigint, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { languages } from '../../domain/language';
import type { Party } from '../../domain/raci/party';
import { partners } from './partners';

export const customerStageValues = ['acquisition', 'development', 'maturity', 'decline', 'churn'] as const;

export const projects = pgTable('projects', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  customer: text('customer'),
  channelId: text('channel_id').notNull().unique(),
  timeZone: text('time_zone').notNull(),
  /** What the channel's shared messages are written in (`lang=`); null: the network's (ACCORD_LANGUAGE). */
  language: text('language', { enum: languages }),
  stage: text('stage', { enum: customerStageValues }).notNull().default('acquisition'),
  /** The vendor project owner: the creator, decides change requests when no Accountable is set. */
  ownerUserId: text('owner_user_id').notNull(),
  /** The project card (the pinned welcome message with its buttons), kept up to date with chat.update. */
  cardOutboxId: bigint('card_outbox_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Where a partner's Slack Connect invitation to the project channel stands, as Slack's events tell
 * it (src/slack/listeners/events/shared-channel.ts): `invited` (sent, pending), `accepted` (by the
 * partner, waiting for an admin's approval or the connection), `connected` (the partner's
 * organisation is in the channel), `declined`, `unshared` (the organisation left the channel).
 */
export const invitationStates = ['invited', 'accepted', 'connected', 'declined', 'unshared'] as const;
export type InvitationState = (typeof invitationStates)[number];

export const projectPartners = pgTable(
  'project_partners',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    position: integer('position').notNull(),
    /** Null while no Slack Connect invitation was sent: the partner's people are of this workspace, or nobody is known to address. */
    invitationState: text('invitation_state', { enum: invitationStates }),
    /** Whom the first invitation went to: a user id (`U…`) or an email address. */
    invitee: text('invitee'),
    invitedAt: timestamp('invited_at', { withTimezone: true, mode: 'date' }),
    /** Invitations sent again after 7 days without an answer (at most 2). */
    reinvites: integer('reinvites').notNull().default(0),
    invitationChangedAt: timestamp('invitation_changed_at', { withTimezone: true, mode: 'date' }),
    /** The partner's Slack team as Slack named it when accepting or connecting. */
    connectedTeamId: text('connected_team_id'),
    /** When the partner's own welcome was posted: once, at the first connection. */
    welcomedAt: timestamp('welcomed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.partnerId] })],
);

export const raciActivities = pgTable(
  'raci_activities',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    /** normaliseActivity(name): activities are unique per project regardless of case and spacing. */
    nameKey: text('name_key').notNull(),
    responsible: jsonb('responsible').$type<Party[]>().notNull(),
    accountable: jsonb('accountable').$type<Party>().notNull(),
    consulted: jsonb('consulted').$type<Party[]>().notNull(),
    informed: jsonb('informed').$type<Party[]>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('raci_activities_project_name_idx').on(t.projectId, t.nameKey)],
);

export const changeRequestStatuses = ['proposed', 'approved', 'rejected'] as const;

export const changeRequests = pgTable(
  'change_requests',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    plannedFor: timestamp('planned_for', { withTimezone: true, mode: 'date' }),
    activity: text('activity'),
    /** Who decides: the activity's Accountable party, else the vendor project owner. */
    decider: jsonb('decider').$type<Party>().notNull(),
    status: text('status', { enum: changeRequestStatuses }).notNull().default('proposed'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    messageOutboxId: integer('message_outbox_id'),
  },
  (t) => [uniqueIndex('change_requests_number_idx').on(t.projectId, t.number)],
);
