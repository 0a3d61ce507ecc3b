import type { Actor, PartnerMembership, Services } from './context';
import { adminSourceOf } from './admins/is-admin';

/** Where partner membership comes from (the database in production; see partners/memberships.ts). */
export interface MembershipSource {
  membershipsOf(userId: string, teamId: string | undefined): Promise<PartnerMembership[]>;
  /** Names of exited partners the user belonged to (by hand or by team); they grant nothing. */
  formerPartnersOf(userId: string, teamId: string | undefined): Promise<string[]>;
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
}

/**
 * docs/product.md §2: admins first (by configuration or by `/accord admin add`), then partner members
 * (added by hand or by their Slack Connect team), then members of the vendor's own team; anyone
 * else is a guest who may read help and nothing more.
 */
export async function resolveActor(services: Pick<Services, 'db' | 'settings' | 'directory' | 'memberships'>, input: ActorInput): Promise<Actor> {
  const teamId = input.userTeam ?? (await services.directory.teamOf(input.userId));
  const [adminSource, partners] = await Promise.all([adminSourceOf(services, input.userId), services.memberships.membershipsOf(input.userId, teamId)]);
  const role: Actor['role'] = adminSource ? 'admin' : partners.length > 0 ? 'partner' : teamId === services.settings.vendorTeamId ? 'vendor' : 'guest';
  // Only a guest is asked about: anyone with a role keeps it, whatever partner they once belonged to.
  const formerPartners = role === 'guest' ? await services.memberships.formerPartnersOf(input.userId, teamId) : [];
  return { userId: input.userId, teamId, role, adminSource, partners, ...(formerPartners.length > 0 ? { formerPartners } : {}) };
}
