import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { partnerMemberDepartures, partnerMembers, partners } from '../../db/schema';
import type { PartnerMembership } from '../context';
import type { MembershipSource } from '../resolve-actor';

/**
 * Partner membership (docs/product.md §2): added by hand, or implied by the user's Slack team being
 * the partner's registered team (Slack Connect). Exited partners grant nothing; they are looked
 * up only to tell their former people why Accord no longer knows them.
 */
export function createMembershipSource(db: Db): MembershipSource {
  return {
    async membershipsOf(userId, teamId) {
      const byHand = await db
        .select({ partnerId: partners.id, slug: partners.slug, name: partners.name, lead: partnerMembers.lead })
        .from(partnerMembers)
        .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
        .where(and(eq(partnerMembers.userId, userId), eq(partners.status, 'active')));
      const byTeam = teamId
        ? await db
            .select({ partnerId: partners.id, slug: partners.slug, name: partners.name })
            .from(partners)
            .where(and(eq(partners.slackTeamId, teamId), eq(partners.status, 'active')))
        : [];
      const result = new Map<number, PartnerMembership>();
      for (const p of byTeam) result.set(p.partnerId, { ...p, lead: false });
      for (const p of byHand) result.set(p.partnerId, p);
      return [...result.values()].sort((a, b) => a.slug.localeCompare(b.slug));
    },
    async formerPartnersOf(userId, teamId) {
      const byHand = await db
        .select({ name: partners.name })
        .from(partnerMembers)
        .innerJoin(partners, eq(partners.id, partnerMembers.partnerId))
        .where(and(eq(partnerMembers.userId, userId), eq(partners.status, 'exited')));
      const byTeam = teamId
        ? await db
            .select({ name: partners.name })
            .from(partners)
            .where(and(eq(partners.slackTeamId, teamId), eq(partners.status, 'exited')))
        : [];
      return [...new Set([...byHand, ...byTeam].map((p) => p.name))].sort((a, b) => a.localeCompare(b));
    },
    hasLeftPartner: (userId) => hasLeftPartner(db, userId),
  };
}

/**
 * Whether the user left a partner (taken out of it, or it exited) and no vendor admin has made
 * them a vendor member again since (`/accord vendor reinstate`). Membership history lives in
 * partner_member_departures; see the table's comment for why it keeps such people guests.
 */
export async function hasLeftPartner(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: partnerMemberDepartures.id })
    .from(partnerMemberDepartures)
    .where(and(eq(partnerMemberDepartures.userId, userId), isNull(partnerMemberDepartures.reinstatedAt)))
    .limit(1);
  return row !== undefined;
}

export const partnerSlugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
