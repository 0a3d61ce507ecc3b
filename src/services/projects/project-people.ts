import { validation, type AccordError } from '../../errors';
import { projectRefusals } from '../../messages/project';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import { resolveActor } from '../resolve-actor';

/**
 * How a named person stands towards a project (docs/product.md §2). A person belongs to it when
 * they are of the vendor (an admin or a vendor member) or a member of one of its active partners;
 * `partnerIds` are those partners, in the project's order.
 */
export type ProjectStanding =
  | { belongs: true; side: 'vendor' }
  | { belongs: true; side: 'partner'; partnerIds: number[] }
  | { belongs: false; teamKnown: boolean };

/**
 * Places a person who is not the actor exactly as the actor is placed (admins, then partner
 * members by hand or by Slack Connect team, then the vendor's own team), so a role or a record
 * can never go to someone Accord would not let act on it.
 */
export async function projectStandingOf(
  ctx: ServiceContext,
  userId: string,
  projectPartners: readonly PartnerRow[],
): Promise<ProjectStanding> {
  const person = userId === ctx.actor.userId ? ctx.actor : await resolveActor(ctx, { userId, userTeam: undefined });
  if (person.role === 'admin' || person.role === 'vendor') return { belongs: true, side: 'vendor' };
  const theirs = new Set(person.partners.map((p) => p.partnerId));
  const partnerIds = projectPartners.filter((p) => p.status === 'active' && theirs.has(p.id)).map((p) => p.id);
  if (partnerIds.length > 0) return { belongs: true, side: 'partner', partnerIds };
  return { belongs: false, teamKnown: person.teamId !== undefined };
}

/** The refusal for people who do not belong to the project (see projectRefusals.notOfProject). */
export function notOfProjectError(
  outside: readonly string[],
  unknownTeam: readonly string[],
  what: string,
): AccordError {
  return validation(projectRefusals.notOfProject(outside, unknownTeam, what));
}

/** Refuses, with the reason, unless every one of `userIds` belongs to the project. */
export async function requireProjectPeople(
  ctx: ServiceContext,
  userIds: readonly string[],
  projectPartners: readonly PartnerRow[],
  what: string,
): Promise<void> {
  const outside: string[] = [];
  const unknownTeam: string[] = [];
  for (const userId of new Set(userIds)) {
    const standing = await projectStandingOf(ctx, userId, projectPartners);
    if (!standing.belongs) (standing.teamKnown ? outside : unknownTeam).push(userId);
  }
  if (outside.length > 0 || unknownTeam.length > 0) throw notOfProjectError(outside, unknownTeam, what);
}
