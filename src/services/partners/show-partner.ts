import { asc, desc, eq } from 'drizzle-orm';
import { partnerCertifications, partnerMembers, partnerViolations } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findPartner, type PartnerRow } from './find-partner';

export interface PartnerDetails {
  partner: PartnerRow;
  members: Array<typeof partnerMembers.$inferSelect>;
  violations: Array<typeof partnerViolations.$inferSelect>;
  certifications: Array<typeof partnerCertifications.$inferSelect>;
}

export async function showPartner({ ctx, input }: { ctx: ServiceContext; input: { slug: string } }): Promise<PartnerDetails> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findPartner(ctx.db, input.slug);
  const [members, violations, certifications] = await Promise.all([
    ctx.db.select().from(partnerMembers).where(eq(partnerMembers.partnerId, partner.id)).orderBy(desc(partnerMembers.lead), asc(partnerMembers.userId)),
    ctx.db.select().from(partnerViolations).where(eq(partnerViolations.partnerId, partner.id)).orderBy(desc(partnerViolations.recordedAt)),
    ctx.db.select().from(partnerCertifications).where(eq(partnerCertifications.partnerId, partner.id)).orderBy(asc(partnerCertifications.name)),
  ]);
  return { partner, members, violations, certifications };
}
