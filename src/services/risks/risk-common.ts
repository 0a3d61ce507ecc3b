import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { projects, risks } from '../../db/schema';
import { localDate } from '../../domain/time-zone';
import { notFound } from '../../errors';
import { riskRefusals } from '../../messages/risk';
import type { ServiceContext } from '../context';
import { can, requirePermission } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { partnersOfProject, type ProjectRow } from '../projects/find-project';
import { notOfProjectError, projectStandingOf } from '../projects/project-people';

// What the risk verbs share (add-risk.ts and its siblings): the row, the project's date, who may own a risk, and
// loading one.

export type RiskRow = typeof risks.$inferSelect;

export const today = (ctx: ServiceContext, tz: string) => localDate(ctx.clock.now(), tz);

/**
 * Who may own a risk, and the partner it then counts for (its score's risk reviews). Anyone of
 * the vendor may give a risk to anyone in the project; a partner member records risks only for
 * themselves and their own partner's people, so one partner cannot put work, or a late review,
 * on another. The owner is placed as the actor is (docs/product.md §2).
 */
export async function partnerOfOwner(
  ctx: ServiceContext,
  partners: readonly PartnerRow[],
  owner: string,
): Promise<number | null> {
  const standing = await projectStandingOf(ctx, owner, partners);
  const projectPartnerIds = partners.map((p) => p.id);
  if (ctx.actor.role === 'partner') {
    const partnerIds = standing.belongs && standing.side === 'partner' ? standing.partnerIds : [];
    requirePermission(ctx.actor, 'recordRiskFor', {
      projectPartnerIds,
      recordOwner: { self: owner === ctx.actor.userId, partnerIds },
    });
    // A member of several of the project's partners records for the one they share with the actor.
    return partnerIds.find((id) => ctx.actor.partners.some((p) => p.partnerId === id)) ?? partnerIds[0] ?? null;
  }
  if (!standing.belongs)
    throw notOfProjectError(standing.teamKnown ? [owner] : [], standing.teamKnown ? [] : [owner], 'risks');
  return standing.side === 'partner' ? (standing.partnerIds[0] ?? null) : null;
}

/** Tells the project channel about a change to its register. */
export async function announce(ctx: ServiceContext, tx: Tx, project: ProjectRow, text: string): Promise<void> {
  await ctx.gateway.postMessage(tx, project.channelId, { text }, { reportTo: ctx.actor.userId });
}

/**
 * Loads a risk (and locks it inside a transaction); a partner member outside its project is told
 * it does not exist, and one of another partner of the project may not change it.
 */
export async function loadRisk(
  ctx: ServiceContext,
  db: DbOrTx,
  id: number,
  lock: boolean,
): Promise<{ risk: RiskRow; project: ProjectRow; partners: PartnerRow[] }> {
  const query = db
    .select({ risk: risks, project: projects })
    .from(risks)
    .innerJoin(projects, eq(projects.id, risks.projectId))
    .where(eq(risks.id, id));
  const [row] = lock ? await query.for('update', { of: risks }) : await query;
  if (!row) throw notFound(riskRefusals.notFound(id));
  const partners = await partnersOfProject(db, row.project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id), recordPartnerId: row.risk.partnerId };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource))
    throw notFound(riskRefusals.notFound(id));
  requirePermission(ctx.actor, 'contribute', resource);
  requirePermission(ctx.actor, 'changeRisk', resource);
  return { ...row, partners };
}
