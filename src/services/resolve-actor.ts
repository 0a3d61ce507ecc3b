import type { Actor, PartnerMembership, Services, VendorGuestReason } from './context';
import { adminSourceFrom } from './admins/is-admin';
import type { SlackDirectory } from './ports';
import { readerLanguage, type LanguageChoices } from '../domain/language';

/** Where partner membership comes from (the database in production; see partners/memberships.ts). */
export interface MembershipSource {
  /**
   * What decides a user's role, read together: an admin by `/accord admin add`, their active partners
   * (by hand or by team), and whether they left a partner (removed, or it exited) and have not been
   * made a vendor member again since.
   */
  standingOf(userId: string, teamId: string | undefined, channelId?: string): Promise<Standing>;
  /** Names of exited partners the user belonged to (by hand or by team); they grant nothing. */
  formerPartnersOf(userId: string, teamId: string | undefined): Promise<string[]>;
}

export interface Standing {
  admin: boolean;
  memberships: PartnerMembership[];
  leftPartner: boolean;
  /**
   * What the language rule needs, read in the same round trip: the person's own choice, the
   * language of (the first by slug of) their partners that set one, and that of the project whose
   * channel the request came from.
   */
  languages: Pick<LanguageChoices, 'own' | 'partner' | 'project'>;
}

export interface ActorInput {
  userId: string;
  /**
   * The user's own team when the payload states it (`user_team` on events, `user.team_id` on
   * interactions). A slash command's `team_id` is the workspace it was typed in, which in a Slack
   * Connect channel need not be the user's, so it is not passed here: granting vendor rights on it
   * would let a partner's user act as the vendor.
   */
  userTeam: string | undefined;
  /** The conversation the request came from: its project's language is a default for the reader. */
  channelId?: string | undefined;
}

/**
 * Being in the vendor's workspace is not enough to be a vendor member, which reads every partner's
 * scores and draft statements. It is the default only for a full member of the workspace:
 * - Slack's guest accounts (`is_restricted`, `is_ultra_restricted`) are guests;
 * - someone who was a partner member and left it (taken out, or the partner exited) is a guest
 *   until a vendor admin makes them a vendor member again (`/accord vendor reinstate`): losing a
 *   partner must never widen what a person sees;
 * - when Slack will not confirm the account just now, nothing is granted on a guess (a failed
 *   lookup is retried after 30 seconds, see outbound/directory.ts).
 * Explicit grants come before all this: vendor admins and partner members keep their roles.
 * Returns undefined for a vendor member.
 */
export async function vendorGuestReason(
  directory: SlackDirectory,
  userId: string,
  leftPartner: () => Promise<boolean>,
): Promise<VendorGuestReason | undefined> {
  const account = await directory.accountOf(userId);
  if (account === undefined) return 'unconfirmed';
  if (account.restricted || account.ultraRestricted) return 'slack-guest';
  if (await leftPartner()) return 'left-partner';
  return undefined;
}

/**
 * docs/product.md §2: admins first (by configuration or by `/accord admin add`), then partner members
 * (added by hand or by their Slack Connect team), then full members of the vendor's own team (see
 * vendorGuestReason); anyone else is a guest who may read help and nothing more.
 */
export async function resolveActor(
  services: Pick<Services, 'settings' | 'directory' | 'memberships'>,
  input: ActorInput,
): Promise<Actor> {
  const teamId = input.userTeam ?? (await services.directory.teamOf(input.userId));
  const standing = await services.memberships.standingOf(input.userId, teamId, input.channelId);
  const adminSource = adminSourceFrom(services.settings, input.userId, standing.admin);
  const partners = standing.memberships;
  const language = readerLanguage({
    ...standing.languages,
    // Slack's locale is asked only when the person chose nothing (users.info is cached per user).
    slackLocale: standing.languages.own ? undefined : (await services.directory.accountOf(input.userId))?.locale,
    network: services.settings.defaultLanguage,
  });
  const actor = { userId: input.userId, teamId, adminSource, partners, language };
  if (adminSource) return { ...actor, role: 'admin' };
  if (partners.length > 0) return { ...actor, role: 'partner' };
  if (teamId === services.settings.vendorTeamId) {
    const guestReason = await vendorGuestReason(services.directory, input.userId, () =>
      Promise.resolve(standing.leftPartner),
    );
    return guestReason ? { ...actor, role: 'guest', guestReason } : { ...actor, role: 'vendor' };
  }
  // Only a guest is asked about: anyone with a role keeps it, whatever partner they once belonged to.
  const formerPartners = await services.memberships.formerPartnersOf(input.userId, teamId);
  return { ...actor, role: 'guest', ...(formerPartners.length > 0 ? { formerPartners } : {}) };
}
