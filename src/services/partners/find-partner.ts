import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partners } from '../../db/schema';
import { notFound } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';

export type PartnerRow = typeof partners.$inferSelect;

export async function findPartner(db: DbOrTx, slug: string): Promise<PartnerRow> {
  const [row] = await db.select().from(partners).where(eq(partners.slug, slug));
  if (!row) throw notFound(partnerRefusals.noSuchPartner(slug));
  return row;
}

export async function findActivePartner(db: DbOrTx, slug: string): Promise<PartnerRow> {
  const row = await findPartner(db, slug);
  if (row.status === 'exited') throw notFound(partnerRefusals.exited(slug));
  return row;
}
