import { eq } from 'drizzle-orm';
import { risks } from '../../db/schema';
import { conflict, usageError } from '../../errors';
import { riskChangeText, riskRefusals, riskUpdatedNotice, type RiskChange } from '../../messages/risk';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { validateRisk, type RiskInput } from '../../domain/checkins/risks';
import { announce, loadRisk, partnerOfOwner, today, type RiskRow } from './risk-common';

export async function updateRisk({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RiskInput & { id: number; owner: string | undefined };
}): Promise<{ risk: RiskRow; changes: RiskChange[] }> {
  // A new owner is placed before the transaction (it may ask Slack); the lock then re-checks the risk.
  const ownerPartnerId =
    input.owner === undefined
      ? undefined
      : await partnerOfOwner(ctx, (await loadRisk(ctx, ctx.db, input.id, false)).partners, input.owner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { risk, project } = await loadRisk(ctx, tx, input.id, true);
    if (risk.status === 'closed') throw conflict(riskRefusals.closed(risk.id));
    const checked = validateRisk(input, today(ctx, project.timeZone), 'update');
    if (!checked.ok) throw usageError(checked.error);
    const v = checked.value;
    const set: Partial<RiskRow> = {};
    const changes: RiskChange[] = [];
    if (v.title !== undefined && v.title !== risk.title) {
      set.title = v.title;
      changes.push({ field: 'title', to: v.title });
    }
    if (v.category !== undefined && v.category !== risk.category) {
      set.category = v.category;
      changes.push({ field: 'category', from: risk.category, to: v.category });
    }
    if (v.likelihood !== undefined && v.likelihood !== risk.likelihood) {
      set.likelihood = v.likelihood;
      changes.push({ field: 'likelihood', from: risk.likelihood, to: v.likelihood });
    }
    if (v.impact !== undefined && v.impact !== risk.impact) {
      set.impact = v.impact;
      changes.push({ field: 'impact', from: risk.impact, to: v.impact });
    }
    if (v.review !== undefined && v.review !== risk.reviewOn) {
      set.reviewOn = v.review;
      changes.push({ field: 'review', from: risk.reviewOn, to: v.review });
    }
    if (v.mitigation !== undefined && v.mitigation !== (risk.mitigation ?? '')) {
      set.mitigation = v.mitigation === '' ? null : v.mitigation;
      changes.push({ field: 'mitigation', cleared: v.mitigation === '' });
    }
    if (input.owner !== undefined && input.owner !== risk.ownerUserId) {
      set.ownerUserId = input.owner;
      set.partnerId = ownerPartnerId ?? null;
      changes.push({ field: 'owner', from: risk.ownerUserId, to: input.owner });
    }
    if (changes.length === 0) throw usageError(riskRefusals.nothingChanged(risk.id));
    const [updated] = await tx
      .update(risks)
      .set({ ...set, updatedBy: ctx.actor.userId, updatedAt: now })
      .where(eq(risks.id, risk.id))
      .returning();
    if (!updated) throw new Error('risk vanished while locked');
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'risk.updated',
      entityType: 'risk',
      entityId: risk.id,
      data: { before: risk, changes: changes.map(riskChangeText) },
    });
    await announce(ctx, tx, project, riskUpdatedNotice(ctx.actor.userId, risk.id, changes));
    return { risk: updated, changes };
  });
}
