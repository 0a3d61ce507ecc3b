import { risks } from '../../db/schema';
import { usageError } from '../../errors';
import { riskAddedNotice } from '../../messages/risk';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { resolveProject } from '../projects/find-project';
import { validateRisk, type RiskInput } from '../../domain/checkins/risks';
import { announce, partnerOfOwner, today, type RiskRow } from './risk-common';

export interface AddRiskInput extends RiskInput {
  project: string | undefined;
  owner: string | undefined;
}

export async function addRisk({ ctx, input }: { ctx: ServiceContext; input: AddRiskInput }): Promise<RiskRow> {
  const { project, partners } = await resolveProject(ctx, input.project, 'contribute');
  const checked = validateRisk(input, today(ctx, project.timeZone), 'add');
  if (!checked.ok) throw usageError(checked.error);
  const v = checked.value;
  const owner = input.owner ?? ctx.actor.userId;
  // Before the transaction: placing the owner may ask Slack, which must not hold a lock.
  const partnerId = await partnerOfOwner(ctx, partners, owner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [risk] = await tx
      .insert(risks)
      .values({
        projectId: project.id,
        title: v.title ?? '',
        category: v.category ?? 'other',
        likelihood: v.likelihood ?? 3,
        impact: v.impact ?? 3,
        ownerUserId: owner,
        partnerId,
        reviewOn: v.review ?? null,
        mitigation: v.mitigation ?? null,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      })
      .returning();
    if (!risk) throw new Error('risk insert returned no row');
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'risk.added',
      entityType: 'risk',
      entityId: risk.id,
      data: { project: project.slug, ...v, owner },
    });
    await announce(ctx, tx, project, riskAddedNotice(ctx.actor.userId, risk, owner));
    return risk;
  });
}
