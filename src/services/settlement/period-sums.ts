import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accruedEntries, settlementEntries, usageRecords } from '../../db/schema';
import { emptyLoad, type PeriodLoad } from '../../domain/money';

export interface PeriodSums extends PeriodLoad {
  /** The currencies the period's deductions, adjustments and entered commission were recorded in. */
  currencies: Set<string>;
}

export const emptySums = (months: number): PeriodSums => ({ ...emptyLoad(months), currencies: new Set() });

/** Usage, entered commission, deductions and adjustments of many partners in one period, exact, in three grouped queries. */
export async function periodSums(
  tx: DbOrTx,
  ids: number[],
  months: string[],
  key: string,
): Promise<Map<number, PeriodSums>> {
  const out = new Map<number, PeriodSums>();
  if (ids.length === 0) return out;
  const of = (id: number) => {
    let s = out.get(id);
    if (!s) {
      s = emptySums(months.length);
      out.set(id, s);
    }
    return s;
  };
  const [usage, entries, entered] = await Promise.all([
    tx
      .select({ id: usageRecords.partnerId, total: sql<string>`sum(${usageRecords.seconds})` })
      .from(usageRecords)
      .where(and(inArray(usageRecords.partnerId, ids), inArray(usageRecords.month, months)))
      .groupBy(usageRecords.partnerId),
    tx
      .select({
        id: settlementEntries.partnerId,
        kind: settlementEntries.kind,
        currency: settlementEntries.currency,
        total: sql<string>`sum(${settlementEntries.cents})`,
      })
      .from(settlementEntries)
      .where(and(inArray(settlementEntries.partnerId, ids), inArray(settlementEntries.month, months)))
      .groupBy(settlementEntries.partnerId, settlementEntries.kind, settlementEntries.currency),
    tx
      .select()
      .from(accruedEntries)
      .where(and(inArray(accruedEntries.partnerId, ids), eq(accruedEntries.period, key))),
  ]);
  for (const u of usage) of(u.id).usageSeconds = BigInt(u.total);
  for (const e of entries) {
    const s = of(e.id);
    if (e.kind === 'deduction') s.deductionsCents += BigInt(e.total);
    else s.adjustmentsCents += BigInt(e.total);
    s.currencies.add(e.currency);
  }
  for (const a of entered) {
    const s = of(a.partnerId);
    s.enteredCents = BigInt(a.cents);
    if (a.cents !== 0) s.currencies.add(a.currency);
  }
  return out;
}
