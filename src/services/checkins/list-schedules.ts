import { and, asc, eq, isNull } from 'drizzle-orm';
import { checkinSchedules } from '../../db/schema';
import { parseCron } from '../../domain/cron/parse';
import type { CronSpec } from '../../domain/cron/spec';
import type { ServiceContext } from '../context';
import { resolveProject } from '../projects/find-project';
import type { ScheduleRow } from './runs';

export interface ScheduleListItem {
  schedule: ScheduleRow;
  /** Undefined only for a stored cron this version no longer reads. */
  spec: CronSpec | undefined;
  next: Date | undefined;
}

export async function listSchedules({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined };
}): Promise<{ projectSlug: string; items: ScheduleListItem[] }> {
  const { project } = await resolveProject(ctx, input.project, 'seeProject');
  const rows = await ctx.db
    .select()
    .from(checkinSchedules)
    .where(and(eq(checkinSchedules.projectId, project.id), isNull(checkinSchedules.removedAt)))
    .orderBy(asc(checkinSchedules.id));
  const items: ScheduleListItem[] = [];
  for (const schedule of rows) {
    const spec = parseCron(schedule.cron);
    items.push({
      schedule,
      spec: 'error' in spec ? undefined : spec,
      next: schedule.paused ? undefined : await nextPending(ctx, schedule),
    });
  }
  return { projectSlug: project.slug, items };
}

/** The queued occurrence of the schedule's current generation (keys are `checkin:<id>:<generation>:<iso>`). */
async function nextPending(ctx: ServiceContext, schedule: ScheduleRow): Promise<Date | undefined> {
  return ctx.timers.nextDue(ctx.db, `checkin:${schedule.id}:${schedule.generation}:`);
}
