import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { admins, partnerMemberDepartures, partnerMembers, partners, type DepartureReason } from '../../db/schema';
import type { AccordSettings, ServiceContext } from '../context';
import { vendorGuestReason } from '../resolve-actor';
import { hasLeftPartner } from './memberships';

/** Whether the person is an active partner's member by hand, other than `partnerId`'s. */
export async function memberOfAnotherPartner(tx: Tx, userId: string, partnerId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: partnerMembers.partnerId })
    .from(partnerMembers)
    .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
    .where(
      and(eq(partnerMembers.userId, userId), ne(partnerMembers.partnerId, partnerId), eq(partners.status, 'active')),
    )
    .limit(1);
  return row !== undefined;
}

/** Like adminSourceOf, but inside the caller's transaction (PGlite has one connection: a query outside it would wait for ever). */
async function isAdminIn(tx: Tx, settings: AccordSettings, userId: string): Promise<boolean> {
  if (settings.configAdminIds.has(userId)) return true;
  const [row] = await tx.select({ userId: admins.userId }).from(admins).where(eq(admins.userId, userId));
  return row !== undefined;
}

/**
 * Whether the person is a vendor member today and would stop being one by joining `partnerId`:
 * a full member of the vendor's workspace (see vendorGuestReason), not an admin, in no other active
 * partner. Only for them does `partner member add` ask for `confirm`.
 */
export async function isVendorMemberOutside(
  ctx: ServiceContext,
  tx: Tx,
  userId: string,
  partnerId: number,
): Promise<boolean> {
  if ((await ctx.directory.teamOf(userId)) !== ctx.settings.vendorTeamId) return false;
  if (await isAdminIn(tx, ctx.settings, userId)) return false;
  if (await memberOfAnotherPartner(tx, userId, partnerId)) return false;
  return (await vendorGuestReason(ctx.directory, userId, () => hasLeftPartner(tx, userId))) === undefined;
}

/**
 * What leaving `partnerId` makes of a person, for the reply: `guest` for a full member of the
 * vendor's workspace in no other active partner and not an admin, the people `/accord vendor
 * reinstate` is for; `admin` when admin rights keep them a vendor admin; `unchanged` for everyone
 * else (still a partner member elsewhere, of another organisation, or a Slack guest anyway).
 */
export type StandingAfterLeaving = 'guest' | 'admin' | 'unchanged';

export async function standingAfterLeaving(
  ctx: ServiceContext,
  tx: Tx,
  userId: string,
  partnerId: number,
): Promise<StandingAfterLeaving> {
  if (await isAdminIn(tx, ctx.settings, userId)) return 'admin';
  if ((await ctx.directory.teamOf(userId)) !== ctx.settings.vendorTeamId) return 'unchanged';
  if (await memberOfAnotherPartner(tx, userId, partnerId)) return 'unchanged';
  const account = await ctx.directory.accountOf(userId);
  return account && !account.restricted && !account.ultraRestricted ? 'guest' : 'unchanged';
}

/** Membership history: the person left the partner (see partner_member_departures). */
export async function recordDeparture(
  tx: Tx,
  o: { partnerId: number; userId: string; reason: DepartureReason; at: Date; by: string },
): Promise<void> {
  await tx
    .insert(partnerMemberDepartures)
    .values({ partnerId: o.partnerId, userId: o.userId, reason: o.reason, leftAt: o.at, recordedBy: o.by });
}
