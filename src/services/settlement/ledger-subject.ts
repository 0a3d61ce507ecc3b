import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { settlementEntries, statements } from '../../db/schema';
import { overLimit, type PeriodLoad } from '../../domain/money';
import { formatPeriod, periodOf, periodOfKey, periodsHolding, type Period } from '../../domain/period';
import { validation } from '../../errors';
import { settlementRefusals } from '../../messages/settlement/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findPartner, type PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { contractOf, type ContractRow } from './contract';
import { carryTarget, type Month, type StatementRow } from './frozen';
import { openLedger, openQuarterOf, type OpenQuarter } from './open-ledger';

export interface LedgerOutcome {
  partner: PartnerRow;
  month: string;
  /** Set when the month was already approved: the change went into this later period instead. */
  carried?: { from: string; to: string; cents: number; currency: string };
  /** A draft of the period that will hold the change exists and needs settling again. */
  draftToRebuild?: string;
}

export function monthOrCurrent(ctx: ServiceContext, period: Period | undefined): Month {
  const p = period ?? periodOf(ctx.clock.now(), 'month', ctx.settings.defaultTimeZone);
  if (p.kind !== 'month') throw validation(settlementRefusals.monthOnly(p.year, p.quarter));
  return p;
}

/** What every ledger verb starts from: an admin, the partner and its contract, and the month (default: this one). */
export async function ledgerSubject(ctx: ServiceContext, input: { partner: string; period: Period | undefined }) {
  requirePermission(ctx.actor, 'settle');
  const partner = await findPartner(ctx.db, input.partner);
  const contract = await contractOf(ctx.db, partner);
  const month = monthOrCurrent(ctx, input.period);
  return { partner, contract, month, key: formatPeriod(month), now: ctx.clock.now() };
}

export async function draftHolding(tx: DbOrTx, partnerId: number, month: string): Promise<string | undefined> {
  const m = periodOfKey(month);
  if (m.kind !== 'month') return undefined;
  const keys = periodsHolding(m).map(formatPeriod);
  const [draft] = await tx
    .select({ period: statements.period })
    .from(statements)
    .where(and(eq(statements.partnerId, partnerId), eq(statements.status, 'draft'), inArray(statements.period, keys)));
  return draft?.period;
}

export async function carry(
  tx: DbOrTx,
  ctx: ServiceContext,
  partner: PartnerRow,
  frozen: StatementRow,
  cents: number,
  reason: string,
  now: Date,
): Promise<LedgerOutcome> {
  const target = await carryTarget(tx, partner.id, periodOfKey(frozen.period));
  const to = formatPeriod(target.period);
  const targetMonth = periodOfKey(target.month);
  if (targetMonth.kind !== 'month') throw new Error(`carry target ${target.month} is not a month`);
  const open = openQuarterOf(await openLedger(tx, partner.id), targetMonth);
  const over = overLimit(
    { model: 'commission', rateCents: null, feeCents: null },
    { ...open.load, enteredCents: 0n, adjustmentsCents: open.load.adjustmentsCents + BigInt(cents) },
  );
  if (over)
    throw validation(
      settlementRefusals.carriedOverLimit(partner.slug, frozen.period, to, open.quarter, frozen.currency, over),
    );
  await tx.insert(settlementEntries).values({
    partnerId: partner.id,
    month: target.month,
    kind: 'adjustment',
    cents,
    currency: frozen.currency,
    reason,
    originPeriod: frozen.period,
    createdBy: ctx.actor.userId,
    createdAt: now,
  });
  await recordAudit(tx, now, ctx.actor.userId, {
    action: 'settlement.carried',
    entityType: 'partner',
    entityId: partner.id,
    data: { from: frozen.period, to, cents, reason },
  });
  return {
    partner,
    month: target.month,
    carried: { from: frozen.period, to, cents, currency: frozen.currency },
    draftToRebuild: await draftHolding(tx, partner.id, target.month),
  };
}

/** Refuses a record that would take the month's quarter beyond what Accord settles exactly. */
export function refuseOverLimit(
  slug: string,
  contract: ContractRow,
  open: OpenQuarter,
  load: PeriodLoad,
  what: string,
): void {
  const over = overLimit(contract, load);
  if (over) throw validation(settlementRefusals.recordOverLimit(slug, what, open.quarter, contract.currency, over));
}

/** Why a change to an approved period cannot be carried: it was approved in another currency. */
export const carriedCurrencyRefusal = (slug: string, frozen: StatementRow, contract: ContractRow) =>
  validation(settlementRefusals.carriedCurrency(slug, frozen, contract.currency));
