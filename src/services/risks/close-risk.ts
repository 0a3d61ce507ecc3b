import { eq } from 'drizzle-orm';
import { risks } from '../../db/schema';
import { conflict, usageError } from '../../errors';
import { riskClosedNotice, riskRefusals } from '../../messages/risk';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { announce, loadRisk, type RiskRow } from './risk-common';

export async function closeRisk({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; note: string };
}): Promise<RiskRow> {
  const note = input.note.trim();
  if (note.length === 0 || note.length > 1000) throw usageError(riskRefusals.closeNoteLength());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { risk, project } = await loadRisk(ctx, tx, input.id, true);
    if (risk.status === 'closed') throw conflict(riskRefusals.alreadyClosed(risk.id));
    const [closed] = await tx
      .update(risks)
      .set({ status: 'closed', closeNote: note, closedAt: now, updatedBy: ctx.actor.userId, updatedAt: now })
      .where(eq(risks.id, risk.id))
      .returning();
    if (!closed) throw new Error('risk vanished while locked');
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'risk.closed',
      entityType: 'risk',
      entityId: risk.id,
      data: { note },
    });
    await announce(ctx, tx, project, riskClosedNotice(ctx.actor.userId, risk, note));
    return closed;
  });
}
