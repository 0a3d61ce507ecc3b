import { asc, desc, eq } from 'drizzle-orm';
import { partnerCertifications, partnerContacts, partnerMembers, partnerViolations } from '../../db/schema';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findPartner, type PartnerRow } from './find-partner';

export interface PartnerDetails {
  partner: PartnerRow;
  members: Array<typeof partnerMembers.$inferSelect>;
  violations: Array<typeof partnerViolations.$inferSelect>;
  certifications: Array<typeof partnerCertifications.$inferSelect>;
  /** Emails that Slack Connect invitations go to while Accord knows none of the partner's people by id. */
  contacts: string[];
}

export async function showPartner({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string };
}): Promise<PartnerDetails> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findPartner(ctx.db, input.slug);
  const [members, violations, certifications, contacts] = await Promise.all([
    ctx.db
      .select()
      .from(partnerMembers)
      .where(eq(partnerMembers.partnerId, partner.id))
      .orderBy(desc(partnerMembers.lead), asc(partnerMembers.userId)),
    ctx.db
      .select()
      .from(partnerViolations)
      .where(eq(partnerViolations.partnerId, partner.id))
      .orderBy(desc(partnerViolations.recordedAt)),
    ctx.db
      .select()
      .from(partnerCertifications)
      .where(eq(partnerCertifications.partnerId, partner.id))
      .orderBy(asc(partnerCertifications.name)),
    ctx.db
      .select({ email: partnerContacts.email })
      .from(partnerContacts)
      .where(eq(partnerContacts.partnerId, partner.id))
      .orderBy(asc(partnerContacts.addedAt), asc(partnerContacts.email)),
  ]);
  return { partner, members, violations, certifications, contacts: contacts.map((c) => c.email) };
}
