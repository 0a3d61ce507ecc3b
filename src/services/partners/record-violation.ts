import { eq } from 'drizzle-orm';
import { partners, partnerViolations, type ViolationSeverity } from '../../db/schema';
import { validation } from '../../errors';
import { partnerRefusals } from '../../messages/partner/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from './find-partner';

/** A major violation marks the partner for exit review (docs/domain.md §2); nothing else is automatic. */
export async function recordViolation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { slug: string; severity: ViolationSeverity; description: string };
}): Promise<{ exitReview: boolean }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const description = input.description.trim();
  if (description.length === 0 || description.length > 500) throw validation(partnerRefusals.violationLength());
  const partner = await findActivePartner(ctx.db, input.slug);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerViolations)
      .values({
        partnerId: partner.id,
        severity: input.severity,
        description,
        recordedBy: ctx.actor.userId,
        recordedAt: now,
      })
      .returning();
    if (input.severity === 'major')
      await tx.update(partners).set({ exitReview: true }).where(eq(partners.id, partner.id));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'partner.violation_recorded',
      entityType: 'partner',
      entityId: partner.id,
      data: { violationId: row?.id, severity: input.severity, description },
    });
  });
  return { exitReview: input.severity === 'major' || partner.exitReview };
}
