import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { statements } from '../../db/schema';

import { formatPeriod, monthKeys, nextPeriod, periodsHolding, type Period } from '../../domain/period';

export type StatementRow = typeof statements.$inferSelect;
export type Month = Extract<Period, { kind: 'month' }>;

// Settling, approving and changes to settled periods take this lock so that a change never
// slips between a draft being built and it being approved or carried.
const SETTLEMENT_LOCK_ID = 4_214_207_007;

export async function lockSettlement(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SETTLEMENT_LOCK_ID})`);
}

/** The approved statement, if any, that already settled this partner's month. */
export async function frozenStatementHolding(
  tx: DbOrTx,
  partnerId: number,
  month: Month,
): Promise<StatementRow | undefined> {
  const keys = periodsHolding(month).map(formatPeriod);
  const [row] = await tx
    .select()
    .from(statements)
    .where(
      and(eq(statements.partnerId, partnerId), eq(statements.status, 'approved'), inArray(statements.period, keys)),
    );
  return row;
}

/**
 * Where a change to an approved period goes: the first later period of the same kind that this
 * partner has no approved statement for. Entries are kept by month, so it is that period's first month.
 */
export async function carryTarget(
  tx: DbOrTx,
  partnerId: number,
  frozen: Period,
): Promise<{ period: Period; month: string }> {
  let period = nextPeriod(frozen);
  for (;;) {
    const key = formatPeriod(period);
    const [approved] = await tx
      .select({ id: statements.id })
      .from(statements)
      .where(and(eq(statements.partnerId, partnerId), eq(statements.period, key), eq(statements.status, 'approved')));
    if (!approved) {
      const [first] = monthKeys(period);
      if (!first) throw new Error(`period ${key} has no months`);
      return { period, month: first };
    }
    period = nextPeriod(period);
  }
}
