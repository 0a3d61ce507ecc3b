import { asc } from 'drizzle-orm';
import { accruedEntries, contracts, settlementEntries, statements, usageRecords } from '../db/schema';
import type { Harness } from './harness';

/** Everything the settlement tables hold and the files shared in Slack, to show a refused command changed nothing. */
export async function settlementSnapshot(h: Harness) {
  const db = h.accord.database.db;
  return {
    contracts: await db.select().from(contracts).orderBy(asc(contracts.partnerId)),
    usage: await db.select().from(usageRecords).orderBy(asc(usageRecords.id)),
    entries: await db.select().from(settlementEntries).orderBy(asc(settlementEntries.id)),
    accrued: await db.select().from(accruedEntries).orderBy(asc(accruedEntries.partnerId)),
    statements: await db.select().from(statements).orderBy(asc(statements.id)),
    files: h.standIn.files.size,
  };
}
