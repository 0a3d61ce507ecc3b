import { and, eq } from 'drizzle-orm';
import { partnerContacts } from '../../db/schema';
import { normaliseEmail } from '../../domain/email';
import { conflict, validation } from '../../errors';
import { escapeText } from '../../messages/mrkdwn';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { inviteNewContact } from '../projects/invite';
import { findActivePartner, type PartnerRow } from './find-partner';

/** At most this many contacts per partner: invitations go one per call, and the list is read in `partner show`. */
const MAX_CONTACTS = 20;

function requireEmail(text: string): string {
  const email = normaliseEmail(text);
  if (!email) throw validation(`\`${escapeText(text.slice(0, 80))}\` is not an email address; write it as \`name@example.com\`.`);
  return email;
}

/**
 * Adds a contact email to a partner, for Slack Connect invitations to an organisation Accord has
 * no user ids for. Projects of the partner that could not invite anyone yet are invited by it now.
 */
export async function addPartnerContact({ ctx, input }: { ctx: ServiceContext; input: { slug: string; email: string } }): Promise<{ partner: PartnerRow; email: string; invitedTo: number }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const email = requireEmail(input.email);
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.select({ email: partnerContacts.email }).from(partnerContacts).where(eq(partnerContacts.partnerId, partner.id));
    if (existing.some((c) => c.email === email)) throw conflict(`\`${escapeText(email)}\` is already a contact of \`${partner.slug}\`.`);
    if (existing.length >= MAX_CONTACTS) throw validation(`\`${partner.slug}\` already has ${MAX_CONTACTS} contacts, the most Accord keeps; remove one first.`);
    await tx.insert(partnerContacts).values({ partnerId: partner.id, email, addedBy: ctx.actor.userId, addedAt: now });
    const invitedTo = await inviteNewContact(ctx, tx, partner, email);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'partner_contact.added', entityType: 'partner', entityId: partner.id, data: { email, invitedTo } });
    return { partner, email, invitedTo };
  });
}

/** Removes a contact; invitations already sent stay with Slack (an admin can cancel them there). */
export async function removePartnerContact({ ctx, input }: { ctx: ServiceContext; input: { slug: string; email: string } }): Promise<{ partner: PartnerRow; email: string }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const email = requireEmail(input.email);
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(partnerContacts)
      .where(and(eq(partnerContacts.partnerId, partner.id), eq(partnerContacts.email, email)))
      .returning();
    if (removed.length === 0) throw validation(`\`${escapeText(email)}\` is not a contact of \`${partner.slug}\`; \`/accord partner show ${partner.slug}\` lists them.`);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'partner_contact.removed', entityType: 'partner', entityId: partner.id, data: { email } });
    return { partner, email };
  });
}
