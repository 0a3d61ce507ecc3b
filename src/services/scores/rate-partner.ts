import { ratings } from '../../db/schema';

import { validation } from '../../errors';
import { scoreRefusals } from '../../messages/score';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from '../partners/find-partner';

/** `/accord rate <partner> <1-5> ["comment"]`: a customer satisfaction rating, admins only. */
export async function ratePartner({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string; rating: number; comment: string | undefined };
}): Promise<void> {
  requirePermission(ctx.actor, 'manageNetwork');
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
    throw validation(scoreRefusals.ratingRange());
  const comment = input.comment?.trim() || null;
  if (comment !== null && comment.length > 500) throw validation(scoreRefusals.commentLength());
  const partner = await findActivePartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ratings)
      .values({ partnerId: partner.id, rating: input.rating, comment, ratedBy: ctx.actor.userId, ratedAt: now })
      .returning();
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'rating.recorded',
      entityType: 'partner',
      entityId: partner.id,
      data: { ratingId: row?.id, rating: input.rating, comment },
    });
  });
}
