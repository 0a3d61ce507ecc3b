import { and, eq } from 'drizzle-orm';
import { checkinSchedules } from '../../db/schema';
import { conflict } from '../../errors';
import { checkinRefusals } from '../../messages/checkin/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { scheduleNextOccurrence, type ScheduleRow } from './runs';
import { findSchedule } from './schedule-common';

/** Pause and resume move the generation on, so an occurrence already queued does nothing. */
export async function setSchedulePaused({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; paused: boolean };
}): Promise<{ schedule: ScheduleRow; next: Date | undefined }> {
  const found = await findSchedule(ctx, input.id);
  if (found.paused === input.paused) throw conflict(checkinRefusals.alreadyPaused(found.id, input.paused));
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [schedule] = await tx
      .update(checkinSchedules)
      .set({ paused: input.paused, generation: found.generation + 1 })
      .where(and(eq(checkinSchedules.id, found.id), eq(checkinSchedules.generation, found.generation)))
      .returning();
    if (!schedule) throw conflict(checkinRefusals.scheduleChanged(found.id));
    await ctx.timers.cancel(tx, now, `checkin:${schedule.id}:`);
    const next = input.paused ? undefined : await scheduleNextOccurrence(tx, ctx.timers, now, schedule, now);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: input.paused ? 'checkin_schedule.paused' : 'checkin_schedule.resumed',
      entityType: 'checkin_schedule',
      entityId: schedule.id,
    });
    return { schedule, next };
  });
}
