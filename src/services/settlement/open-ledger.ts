import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accruedEntries, settlementEntries, statements, usageRecords } from '../../db/schema';
import { emptyLoad, type PeriodLoad } from '../../domain/money';

import { formatPeriod, monthsOf, periodOfKey, periodsHolding, type Period } from '../../domain/period';

/** A partner's unsettled money in one quarter, and the months (or periods) it sits in, by currency. */
export interface OpenQuarter {
  quarter: string;
  load: PeriodLoad;
  /** Currency → the months or periods holding deductions, adjustments or entered commission in it. */
  currencies: Map<string, Set<string>>;
}

const quarterKeyOf = (key: string): string => {
  const p = periodOfKey(key);
  return p.kind === 'quarter' ? key : formatPeriod(periodsHolding(p)[1]);
};

/**
 * Everything of a partner that no approved statement holds yet, by quarter: the largest period a
 * statement can cover, so a limit checked on it holds for the month statements inside it too.
 * Usage and entries are kept by month; entered commission by the period it was entered for.
 */
export async function openLedger(tx: DbOrTx, partnerId: number): Promise<Map<string, OpenQuarter>> {
  const approved = await tx
    .select({ period: statements.period })
    .from(statements)
    .where(and(eq(statements.partnerId, partnerId), eq(statements.status, 'approved')));
  const settledMonths = new Set(approved.flatMap((s) => monthsOf(periodOfKey(s.period)).map(formatPeriod)));
  const settledPeriods = new Set(approved.map((s) => s.period));
  const [usage, entries, entered] = await Promise.all([
    tx
      .select({ month: usageRecords.month, total: sql<string>`sum(${usageRecords.seconds})` })
      .from(usageRecords)
      .where(eq(usageRecords.partnerId, partnerId))
      .groupBy(usageRecords.month),
    tx
      .select({
        month: settlementEntries.month,
        kind: settlementEntries.kind,
        currency: settlementEntries.currency,
        total: sql<string>`sum(${settlementEntries.cents})`,
      })
      .from(settlementEntries)
      .where(eq(settlementEntries.partnerId, partnerId))
      .groupBy(settlementEntries.month, settlementEntries.kind, settlementEntries.currency),
    tx
      .select()
      .from(accruedEntries)
      .where(and(eq(accruedEntries.partnerId, partnerId), ne(accruedEntries.cents, 0))),
  ]);
  const out = new Map<string, OpenQuarter>();
  const of = (key: string) => {
    const quarter = quarterKeyOf(key);
    let q = out.get(quarter);
    if (!q) {
      q = { quarter, load: emptyLoad(3), currencies: new Map() };
      out.set(quarter, q);
    }
    return q;
  };
  const note = (q: OpenQuarter, currency: string, where: string) =>
    q.currencies.set(currency, (q.currencies.get(currency) ?? new Set()).add(where));
  for (const u of usage) if (!settledMonths.has(u.month)) of(u.month).load.usageSeconds += BigInt(u.total);
  for (const e of entries) {
    if (settledMonths.has(e.month)) continue;
    const q = of(e.month);
    if (e.kind === 'deduction') q.load.deductionsCents += BigInt(e.total);
    else q.load.adjustmentsCents += BigInt(e.total);
    note(q, e.currency, e.month);
  }
  for (const a of entered) {
    if (
      settledPeriods.has(a.period) ||
      monthsOf(periodOfKey(a.period)).every((m) => settledMonths.has(formatPeriod(m)))
    )
      continue;
    const q = of(a.period);
    q.load.enteredCents += BigInt(a.cents);
    note(q, a.currency, a.period);
  }
  return out;
}

/** The quarter holding a month, with nothing in it when the partner has nothing open there. */
export function openQuarterOf(
  ledger: Map<string, OpenQuarter>,
  month: Extract<Period, { kind: 'month' }>,
): OpenQuarter {
  const quarter = formatPeriod(periodsHolding(month)[1]);
  return ledger.get(quarter) ?? { quarter, load: emptyLoad(3), currencies: new Map() };
}
