import { and, eq, isNull } from 'drizzle-orm';
import { partnerMemberDepartures, partnerMembers, partners } from '../../db/schema';
import { conflict, validation } from '../../errors';
import { reinstateRefusals } from '../../messages/admin';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';

/**
 * `/accord vendor reinstate @user`: someone of the vendor's workspace who left a partner (taken out,
 * or the partner exited) is a guest until a vendor admin decides otherwise (see vendorGuestReason);
 * this is that decision. It closes every open departure of theirs, audited, so they are a vendor
 * member again. Slack guests and people of other organisations are refused: being reinstated would
 * not make them vendor members.
 */
export async function reinstateVendorMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { userId: string };
}): Promise<{ userId: string }> {
  requirePermission(ctx.actor, 'reinstateVendorMember');
  const account = await ctx.directory.accountOf(input.userId);
  if (!account) throw validation(reinstateRefusals.accountUnseen(input.userId));
  if (account.teamId !== ctx.settings.vendorTeamId) throw validation(reinstateRefusals.notVendorTeam(input.userId));
  if (account.restricted || account.ultraRestricted) {
    throw validation(reinstateRefusals.slackGuest(input.userId));
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ slug: partners.slug, name: partners.name })
      .from(partnerMembers)
      .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
      .where(and(eq(partnerMembers.userId, input.userId), eq(partners.status, 'active')))
      .limit(1);
    if (current) {
      throw validation(reinstateRefusals.stillMember(input.userId, current));
    }
    const closed = await tx
      .update(partnerMemberDepartures)
      .set({ reinstatedAt: now, reinstatedBy: ctx.actor.userId })
      .where(and(eq(partnerMemberDepartures.userId, input.userId), isNull(partnerMemberDepartures.reinstatedAt)))
      .returning({ id: partnerMemberDepartures.id, partnerId: partnerMemberDepartures.partnerId });
    if (closed.length === 0) throw conflict(reinstateRefusals.nothingToDo(input.userId));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'vendor_member.reinstated',
      entityType: 'user',
      entityId: input.userId,
      data: { departures: closed.map((d) => d.id), partnerIds: [...new Set(closed.map((d) => d.partnerId))] },
    });
    return { userId: input.userId };
  });
}
