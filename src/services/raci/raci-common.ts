import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { raciActivities } from '../../db/schema';
import { normaliseActivity } from '../../domain/raci/activity';
import type { RaciAssignment } from '../../domain/raci/assignment';
import type { Party } from '../../domain/raci/party';
import { closest } from '../../domain/suggest';
import { notFound, validation, type AccordError } from '../../errors';
import { raciRefusals } from '../../messages/raci';
import type { PartnerRow } from '../partners/find-partner';

export type RaciRow = typeof raciActivities.$inferSelect;

export const assignmentOf = (row: RaciRow): RaciAssignment => ({
  responsible: row.responsible,
  accountable: row.accountable,
  consulted: row.consulted,
  informed: row.informed,
});

/** Partner slug → name, so messages show names. */
export const partnerNames = (partners: readonly PartnerRow[]): Record<string, string> =>
  Object.fromEntries(partners.map((p) => [p.slug, p.name]));

/**
 * A partner named in a RACI must take part in the project, and not have left the partner
 * programme (its people have lost access); saying which partners do take part helps the fix.
 */
export function requireProjectPartners(assignment: RaciAssignment, partners: readonly PartnerRow[]): void {
  const active = partners.filter((p) => p.status === 'active');
  const slugs = new Set(active.map((p) => p.slug));
  const named = [
    ...assignment.responsible,
    assignment.accountable,
    ...assignment.consulted,
    ...assignment.informed,
  ].filter((p): p is Extract<Party, { kind: 'partner' }> => p.kind === 'partner');
  const outside = [...new Set(named.map((p) => p.slug).filter((s) => !slugs.has(s)))];
  if (outside.length > 0) {
    throw validation(
      raciRefusals.notProjectPartners(
        outside,
        active.map((p) => p.slug),
      ),
    );
  }
}

export async function findActivity(
  tx: DbOrTx,
  projectId: number,
  name: string,
  forUpdate = false,
): Promise<RaciRow | undefined> {
  const query = tx
    .select()
    .from(raciActivities)
    .where(and(eq(raciActivities.projectId, projectId), eq(raciActivities.nameKey, normaliseActivity(name))));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * The refusal for an activity the project does not have, naming the closest of the project's own
 * activities when one is near enough to be the one meant (never another project's).
 */
export async function missingActivity(
  tx: DbOrTx,
  project: { id: number; slug: string },
  name: string,
): Promise<AccordError> {
  const rows = await tx
    .select({ name: raciActivities.name })
    .from(raciActivities)
    .where(eq(raciActivities.projectId, project.id))
    .orderBy(raciActivities.id);
  const near = closest(
    name,
    rows.map((r) => r.name),
  );
  return notFound(raciRefusals.noSuchActivity(name, project.slug, near));
}
