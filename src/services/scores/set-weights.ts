import { scoreWeights } from '../../db/schema';
import { validateWeights, type ComponentId } from '../../domain/scores/score';
import { usageError } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { currentWeights } from './scores';

/** `/accord score weights ack=25 …`: admins only; unnamed components keep their weight. */
export async function setWeights({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { weights: Partial<Record<ComponentId, number>> };
}): Promise<Record<ComponentId, number>> {
  requirePermission(ctx.actor, 'manageNetwork');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await currentWeights(tx);
    const checked = validateWeights({ ...before, ...input.weights });
    if (!checked.ok) throw usageError(checked.error);
    await tx
      .insert(scoreWeights)
      .values({ id: 1, weights: checked.weights, updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: scoreWeights.id,
        set: { weights: checked.weights, updatedBy: ctx.actor.userId, updatedAt: now },
      });
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'score_weights.set',
      entityType: 'score_weights',
      entityId: 1,
      data: { before, after: checked.weights },
    });
    return checked.weights;
  });
}
