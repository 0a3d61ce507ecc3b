import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partners } from '../../db/schema';
import { notFound } from '../../errors';

export type PartnerRow = typeof partners.$inferSelect;

export async function findPartner(db: DbOrTx, slug: string): Promise<PartnerRow> {
  const [row] = await db.select().from(partners).where(eq(partners.slug, slug));
  if (!row) throw notFound(`There is no partner \`${slug}\`. \`/accord partner list\` shows them all.`);
  return row;
}

export async function findActivePartner(db: DbOrTx, slug: string): Promise<PartnerRow> {
  const row = await findPartner(db, slug);
  if (row.status === 'exited') throw notFound(`Partner \`${slug}\` has exited the network; its history is kept but it takes no new work.`);
  return row;
}
