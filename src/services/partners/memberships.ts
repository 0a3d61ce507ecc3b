import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { queryRows } from '../../db/rows';
import { admins, partnerMemberDepartures, partnerMembers, partners, projects, userLanguages } from '../../db/schema';
import { isLanguage, type Language } from '../../domain/language';
import type { PartnerMembership } from '../context';
import type { MembershipSource } from '../resolve-actor';

/**
 * Partner membership (docs/product.md §2): added by hand, or implied by the user's Slack team being
 * the partner's registered team (Slack Connect). Exited partners grant nothing; they are looked
 * up only to tell their former people why Accord no longer knows them.
 */
const languageOrUndefined = (value: string | null | undefined): Language | undefined =>
  isLanguage(value) ? value : undefined;

export function createMembershipSource(db: Db): MembershipSource {
  return {
    async standingOf(userId, teamId, channelId) {
      // Everything resolveActor needs in one round trip: every request resolves its actor first.
      const [row] = await queryRows<{
        admin: boolean;
        left_partner: boolean;
        by_hand: string | PartnerMembership[] | null;
        by_team: string | Omit<PartnerMembership, 'lead'>[] | null;
        language: string | null;
        partner_language: string | null;
        project_language: string | null;
      }>(
        db,
        sql`select
              exists (select 1 from ${admins} where ${admins.userId} = ${userId}) as admin,
              exists (select 1 from ${partnerMemberDepartures}
                      where ${partnerMemberDepartures.userId} = ${userId} and ${partnerMemberDepartures.reinstatedAt} is null) as left_partner,
              (select json_agg(json_build_object('partnerId', p.id, 'slug', p.slug, 'name', p.name, 'lead', m.lead))
                 from ${partnerMembers} m join ${partners} p on p.id = m.partner_id
                 where m.user_id = ${userId} and p.status = 'active') as by_hand,
              (select json_agg(json_build_object('partnerId', p.id, 'slug', p.slug, 'name', p.name))
                 from ${partners} p where p.slack_team_id = ${teamId ?? null} and p.status = 'active') as by_team,
              (select ${userLanguages.language} from ${userLanguages} where ${userLanguages.userId} = ${userId}) as language,
              (select p.language from ${partners} p
                 where p.status = 'active' and p.language is not null
                   and (p.slack_team_id = ${teamId ?? null}
                        or exists (select 1 from ${partnerMembers} m where m.partner_id = p.id and m.user_id = ${userId}))
                 order by p.slug limit 1) as partner_language,
              (select ${projects.language} from ${projects} where ${projects.channelId} = ${channelId ?? null}) as project_language`,
      );
      const list = <T>(v: string | T[] | null | undefined): T[] =>
        v == null ? [] : typeof v === 'string' ? (JSON.parse(v) as T[]) : v;
      const result = new Map<number, PartnerMembership>();
      for (const p of list(row?.by_team)) result.set(p.partnerId, { ...p, lead: false });
      for (const p of list(row?.by_hand)) result.set(p.partnerId, p);
      return {
        admin: row?.admin === true,
        leftPartner: row?.left_partner === true,
        memberships: [...result.values()].sort((a, b) => a.slug.localeCompare(b.slug)),
        languages: {
          own: languageOrUndefined(row?.language),
          partner: languageOrUndefined(row?.partner_language),
          project: languageOrUndefined(row?.project_language),
        },
      };
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
