import { and, eq, isNull } from 'drizzle-orm';
import { partnerMemberDepartures, partnerMembers, partners } from '../../db/schema';
import { conflict, validation } from '../../errors';
import { escapeText, mentionUser } from '../../messages/mrkdwn';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';

const nothingToDo = (userId: string) => conflict(`${mentionUser(userId)} is not a former partner member waiting to be made a vendor member again, so there is nothing to change.`);

/**
 * `/accord vendor reinstate @user`: someone of the vendor's workspace who left a partner (taken out,
 * or the partner exited) is a guest until a vendor admin decides otherwise (see vendorGuestReason);
 * this is that decision. It closes every open departure of theirs, audited, so they are a vendor
 * member again. Slack guests and people of other organisations are refused: being reinstated would
 * not make them vendor members.
 */
export async function reinstateVendorMember({ ctx, input }: { ctx: ServiceContext; input: { userId: string } }): Promise<{ userId: string }> {
  requirePermission(ctx.actor, 'reinstateVendorMember');
  const who = mentionUser(input.userId);
  const account = await ctx.directory.accountOf(input.userId);
  if (!account) throw validation(`Slack would not show me ${who}'s account just now, so I cannot tell whether they are in the vendor's workspace. Nothing was changed; try again in a minute.`);
  if (account.teamId !== ctx.settings.vendorTeamId) throw validation(`${who} is not in the vendor's Slack workspace; only its people can be vendor members. Nothing was changed.`);
  if (account.restricted || account.ultraRestricted) {
    throw validation(
      `Slack lists ${who} as a guest of the vendor's workspace, and Accord never makes Slack guests vendor members. Nothing was changed. If they work for a partner, add them to it with \`/accord partner member add\`.`,
    );
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
      throw validation(`${who} is still a member of *${escapeText(current.name)}*; take them out first with \`/accord partner member remove ${current.slug}\` and their mention. Nothing was changed.`);
    }
    const closed = await tx
      .update(partnerMemberDepartures)
      .set({ reinstatedAt: now, reinstatedBy: ctx.actor.userId })
      .where(and(eq(partnerMemberDepartures.userId, input.userId), isNull(partnerMemberDepartures.reinstatedAt)))
      .returning({ id: partnerMemberDepartures.id, partnerId: partnerMemberDepartures.partnerId });
    if (closed.length === 0) throw nothingToDo(input.userId);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'vendor_member.reinstated',
      entityType: 'user',
      entityId: input.userId,
      data: { departures: closed.map((d) => d.id), partnerIds: [...new Set(closed.map((d) => d.partnerId))] },
    });
    return { userId: input.userId };
  });
}
