import { asc, count } from 'drizzle-orm';
import { partnerMembers, partners } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import type { PartnerRow } from './find-partner';

export async function listPartners({ ctx }: { ctx: ServiceContext }): Promise<Array<PartnerRow & { members: number }>> {
  requirePermission(ctx.actor, 'manageNetwork');
  const rows = await ctx.db.select().from(partners).orderBy(asc(partners.status), asc(partners.slug));
  const counts = await ctx.db
    .select({ partnerId: partnerMembers.partnerId, n: count() })
    .from(partnerMembers)
    .groupBy(partnerMembers.partnerId);
  const byPartner = new Map(counts.map((c) => [c.partnerId, Number(c.n)]));
  return rows.map((r) => ({ ...r, members: byPartner.get(r.id) ?? 0 }));
}
