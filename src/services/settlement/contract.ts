import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contracts } from '../../db/schema';
import { notFound } from '../../errors';
import { settlementRefusals } from '../../messages/settlement/refusals';
import type { PartnerRow } from '../partners/find-partner';

export type ContractRow = typeof contracts.$inferSelect;

export async function contractOf(db: DbOrTx, partner: PartnerRow): Promise<ContractRow> {
  const [row] = await db.select().from(contracts).where(eq(contracts.partnerId, partner.id));
  if (!row) throw notFound(settlementRefusals.noContract(partner.slug));
  return row;
}
