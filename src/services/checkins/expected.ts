import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { partnerMembers, raciActivities } from '../../db/schema';
import type { Party } from '../../domain/raci/party';
import type { PartnerRow } from '../partners/find-partner';
import type { ProjectRow } from '../projects/find-project';

/**
 * Who is expected to answer a check-in (docs/product.md): the project's Responsible and Accountable
 * people, and each partner's leads. A partner named in R or A is represented by its leads, the
 * vendor by the project owner. Worked out when the check-in is posted, and kept with the run.
 */
export async function expectedRespondents(
  tx: DbOrTx,
  project: ProjectRow,
  partners: readonly PartnerRow[],
): Promise<string[]> {
  const active = partners.filter((p) => p.status === 'active');
  const leads =
    active.length === 0
      ? []
      : await tx
          .select()
          .from(partnerMembers)
          .where(
            and(
              inArray(
                partnerMembers.partnerId,
                active.map((p) => p.id),
              ),
              eq(partnerMembers.lead, true),
            ),
          );
  const leadsOf = (slug: string) => {
    const partner = active.find((p) => p.slug === slug);
    return partner ? leads.filter((l) => l.partnerId === partner.id).map((l) => l.userId) : [];
  };
  const activities = await tx.select().from(raciActivities).where(eq(raciActivities.projectId, project.id));
  const people: string[] = [];
  const add = (party: Party) => {
    if (party.kind === 'user') people.push(party.userId);
    else if (party.kind === 'vendor') people.push(project.ownerUserId);
    else people.push(...leadsOf(party.slug));
  };
  for (const a of activities) {
    for (const party of a.responsible) add(party);
    add(a.accountable);
  }
  for (const p of active) people.push(...leadsOf(p.slug));
  return [...new Set(people)];
}

/** Which partner, if any, an expected respondent answers for (a lead or hand-added member). */
export async function partnerOfRespondent(
  tx: DbOrTx,
  partners: readonly PartnerRow[],
  userId: string,
): Promise<number | null> {
  if (partners.length === 0) return null;
  const [row] = await tx
    .select({ partnerId: partnerMembers.partnerId })
    .from(partnerMembers)
    .where(
      and(
        eq(partnerMembers.userId, userId),
        inArray(
          partnerMembers.partnerId,
          partners.map((p) => p.id),
        ),
      ),
    );
  return row?.partnerId ?? null;
}
