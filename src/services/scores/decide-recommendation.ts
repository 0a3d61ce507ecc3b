import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { partners, recommendationMessages, recommendations } from '../../db/schema';
import type { Recommendation } from '../../domain/scores/lifecycle';
import { conflict, notFound } from '../../errors';
import { recommendationMessage } from '../../messages/recommendation';
import { recommendationRefusals, type RecommendationOutcome } from '../../messages/score';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';

/** Apply or dismiss: admins only, first decision wins; applying a promotion or exit review changes the partner. */
export async function decideRecommendation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; decision: 'applied' | 'dismissed' };
}): Promise<RecommendationOutcome> {
  requirePermission(ctx.actor, 'manageNetwork');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx: Tx) => {
    const [row] = await tx
      .select({ rec: recommendations, partner: partners })
      .from(recommendations)
      .innerJoin(partners, eq(partners.id, recommendations.partnerId))
      .where(eq(recommendations.id, input.id))
      .for('update', { of: recommendations });
    if (!row) throw notFound(recommendationRefusals.gone());
    if (row.rec.status !== 'pending')
      throw conflict(recommendationRefusals.alreadyDecided(row.rec.status, row.rec.decidedBy));
    const rec = row.rec.data as unknown as Recommendation;
    let outcome: RecommendationOutcome = input.decision === 'dismissed' ? { kind: 'dismissed' } : { kind: 'recorded' };
    if (input.decision === 'applied' && rec.kind === 'promote') {
      if (row.partner.status !== 'active') throw conflict(recommendationRefusals.partnerLeft(row.partner.name));
      // A recommendation made before the stage changed by hand must not move the partner back.
      if (row.partner.stage !== rec.from)
        throw conflict(recommendationRefusals.stageMoved(row.partner.name, row.partner.stage, rec.from));
      await tx.update(partners).set({ stage: rec.to }).where(eq(partners.id, row.partner.id));
      outcome = { kind: 'promoted', partnerName: row.partner.name, stage: rec.to };
    } else if (input.decision === 'applied' && rec.kind === 'exit_review') {
      await tx.update(partners).set({ exitReview: true }).where(eq(partners.id, row.partner.id));
      outcome = { kind: 'exit_review', partnerName: row.partner.name };
    } else if (input.decision === 'applied') {
      outcome = { kind: 'training', partnerName: row.partner.name };
    }
    await tx
      .update(recommendations)
      .set({ status: input.decision, decidedBy: ctx.actor.userId, decidedAt: now })
      .where(eq(recommendations.id, row.rec.id));
    const messages = await tx
      .select()
      .from(recommendationMessages)
      .where(and(eq(recommendationMessages.recommendationId, row.rec.id)));
    for (const m of messages) {
      await ctx.gateway.updateMessage(
        tx,
        { outboxId: m.outboxId },
        recommendationMessage({
          id: row.rec.id,
          partnerName: row.partner.name,
          period: row.rec.period,
          rec,
          decided: { status: input.decision, by: ctx.actor.userId },
        }),
      );
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: `recommendation.${input.decision}`,
      entityType: 'recommendation',
      entityId: row.rec.id,
      data: { partner: row.partner.slug, kind: rec.kind, period: row.rec.period },
    });
    return outcome;
  });
}
