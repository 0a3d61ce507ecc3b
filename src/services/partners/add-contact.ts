import { eq } from 'drizzle-orm';
import { partnerContacts } from '../../db/schema';
import { conflict, validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { inviteNewContact } from '../projects/invite';
import { requireEmail } from './contact-email';
import { findActivePartner, type PartnerRow } from './find-partner';

/** At most this many contacts per partner: invitations go one per call, and the list is read in `partner show`. */
const MAX_CONTACTS = 20;

/**
 * Adds a contact email to a partner, for Slack Connect invitations to an organisation Accord has
 * no user ids for. Projects of the partner that could not invite anyone yet are invited by it now.
 */
export async function addPartnerContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; email: string };
}): Promise<{ partner: PartnerRow; email: string; invitedTo: number }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const email = requireEmail(input.email);
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await tx
      .select({ email: partnerContacts.email })
      .from(partnerContacts)
      .where(eq(partnerContacts.partnerId, partner.id));
    if (existing.some((c) => c.email === email)) throw conflict(partnerRefusals.contactTaken(email, partner.slug));
    if (existing.length >= MAX_CONTACTS) throw validation(partnerRefusals.tooManyContacts(partner.slug, MAX_CONTACTS));
    await tx.insert(partnerContacts).values({ partnerId: partner.id, email, addedBy: ctx.actor.userId, addedAt: now });
    const invitedTo = await inviteNewContact(ctx, tx, partner, email);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner_contact.added',
      entityType: 'partner',
      entityId: partner.id,
      data: { email, invitedTo },
    });
    return { partner, email, invitedTo };
  });
}
