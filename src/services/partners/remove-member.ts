import { and, eq } from 'drizzle-orm';
import { partnerMembers } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from './find-partner';
import { recordDeparture, standingAfterLeaving, type StandingAfterLeaving } from './vendor-standing';

/**
 * Takes a hand-added member out of a partner. The membership is kept as history
 * (partner_member_departures): a person of the vendor's own workspace does not fall back to being
 * a vendor member, who would see every partner's figures, but is a guest until a vendor admin
 * runs `/accord vendor reinstate`. The reply says which, from `standing`.
 */
export async function removePartnerMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; userId: string };
}): Promise<{ standing: StandingAfterLeaving }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(partnerMembers)
      .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.userId, input.userId)))
      .returning();
    if (removed.length === 0) {
      throw validation(partnerRefusals.notMemberByHand(input.userId, partner));
    }
    await recordDeparture(tx, {
      partnerId: partner.id,
      userId: input.userId,
      reason: 'removed',
      at: now,
      by: ctx.actor.userId,
    });
    const standing = await standingAfterLeaving(ctx, tx, input.userId, partner.id);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner_member.removed',
      entityType: 'partner',
      entityId: partner.id,
      data: { userId: input.userId, ...(standing === 'guest' ? { nowGuest: true } : {}) },
    });
    return { standing };
  });
}
