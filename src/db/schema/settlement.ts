import { bigint, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { pricingModels } from '../../domain/money';
import { partners } from './partners';

// Every amount is integer cents (bigint, read as a JS number: MAX_CENTS keeps them exact).

/** The partner's contract: one at a time; a change applies to every statement built after it. */
export const contracts = pgTable('contracts', {
  partnerId: integer('partner_id')
    .primaryKey()
    .references(() => partners.id),
  model: text('model', { enum: pricingModels }).notNull(),
  currency: text('currency').notNull(),
  rateCents: bigint('rate_cents', { mode: 'number' }),
  feeCents: bigint('fee_cents', { mode: 'number' }),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Metered usage (`/accord usage record`), in whole seconds, by calendar month (`YYYY-MM`). */
export const usageRecords = pgTable(
  'usage_records',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    month: text('month').notNull(),
    seconds: bigint('seconds', { mode: 'number' }).notNull(),
    unit: text('unit', { enum: ['minutes', 'hours'] }).notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('usage_records_partner_month_idx').on(t.partnerId, t.month)],
);

/** Commission entered (or imported) for a settlement period; re-entering replaces it. */
export const accruedEntries = pgTable(
  'accrued_entries',
  {
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    period: text('period').notNull(),
    cents: bigint('cents', { mode: 'number' }).notNull(),
    /** The contract's currency when it was entered; a statement is built only from its own currency. */
    currency: text('currency').notNull(),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.period] })],
);

export const settlementEntryKinds = ['deduction', 'adjustment'] as const;

/**
 * Deductions (e.g. for violations) and adjustments (supplementary settlements), by month. An
 * adjustment with `originPeriod` carries a change to an approved period into a later one.
 */
export const settlementEntries = pgTable(
  'settlement_entries',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    month: text('month').notNull(),
    kind: text('kind', { enum: settlementEntryKinds }).notNull(),
    /** Deductions are positive and subtracted; adjustments carry their sign. */
    cents: bigint('cents', { mode: 'number' }).notNull(),
    /** The contract's currency when it was recorded (or, when carried, the approved statement's). */
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    originPeriod: text('origin_period'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('settlement_entries_partner_month_idx').on(t.partnerId, t.month)],
);

export const statementStatuses = ['draft', 'approved'] as const;

/**
 * A partner's statement for a period (`YYYY-MM` or `YYYY-Qn`). A draft is replaced each time the
 * period is settled; an approved one is frozen, with the contract terms and usage it was built
 * from, so a late change can be valued against exactly what was approved.
 */
export const statements = pgTable(
  'statements',
  {
    id: serial('id').primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    period: text('period').notNull(),
    status: text('status', { enum: statementStatuses }).notNull(),
    currency: text('currency').notNull(),
    model: text('model', { enum: pricingModels }).notNull(),
    rateCents: bigint('rate_cents', { mode: 'number' }),
    feeCents: bigint('fee_cents', { mode: 'number' }),
    usageSeconds: bigint('usage_seconds', { mode: 'number' }).notNull(),
    enteredCents: bigint('entered_cents', { mode: 'number' }).notNull(),
    basis: text('basis').notNull(),
    accruedCents: bigint('accrued_cents', { mode: 'number' }).notNull(),
    /** Y × 100 (Y has two decimals); null when the period had no evidence. */
    scoreHundredths: integer('score_hundredths'),
    payableCents: bigint('payable_cents', { mode: 'number' }).notNull(),
    deductionsCents: bigint('deductions_cents', { mode: 'number' }).notNull(),
    adjustmentsCents: bigint('adjustments_cents', { mode: 'number' }).notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    builtBy: text('built_by').notNull(),
    builtAt: timestamp('built_at', { withTimezone: true, mode: 'date' }).notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('statements_partner_period_idx').on(t.partnerId, t.period),
    index('statements_period_idx').on(t.period),
  ],
);
