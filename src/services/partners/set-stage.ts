import { eq } from 'drizzle-orm';
import { partners, type PartnerStage } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from './find-partner';

export async function setPartnerStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; stage: PartnerStage };
}): Promise<{ from: PartnerStage }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const partner = await findActivePartner(ctx.db, input.slug);
  if (partner.stage === input.stage) throw validation(partnerRefusals.sameStage(partner.name, input.stage));
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(partners).set({ stage: input.stage }).where(eq(partners.id, partner.id));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.stage_changed',
      entityType: 'partner',
      entityId: partner.id,
      data: { from: partner.stage, to: input.stage },
    });
  });
  return { from: partner.stage };
}
