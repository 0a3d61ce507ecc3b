import { eq } from 'drizzle-orm';
import { checkinSchedules } from '../../db/schema';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findSchedule } from './schedule-common';

export async function removeSchedule({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<void> {
  const found = await findSchedule(ctx, input.id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(checkinSchedules)
      .set({ removedAt: now, generation: found.generation + 1 })
      .where(eq(checkinSchedules.id, found.id));
    await ctx.timers.cancel(tx, now, `checkin:${found.id}:`);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'checkin_schedule.removed',
      entityType: 'checkin_schedule',
      entityId: found.id,
      data: { cron: found.cron, kind: found.kind },
    });
  });
}
