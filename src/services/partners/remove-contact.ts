import { and, eq } from 'drizzle-orm';
import { partnerContacts } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { requireEmail } from './contact-email';
import { findActivePartner, type PartnerRow } from './find-partner';

/** Removes a contact; invitations already sent stay with Slack (an admin can cancel them there). */
export async function removePartnerContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; email: string };
}): Promise<{ partner: PartnerRow; email: string }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const email = requireEmail(input.email);
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(partnerContacts)
      .where(and(eq(partnerContacts.partnerId, partner.id), eq(partnerContacts.email, email)))
      .returning();
    if (removed.length === 0) throw validation(partnerRefusals.notAContact(email, partner.slug));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner_contact.removed',
      entityType: 'partner',
      entityId: partner.id,
      data: { email },
    });
    return { partner, email };
  });
}
