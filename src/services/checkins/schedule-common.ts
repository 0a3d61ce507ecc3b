import { eq } from 'drizzle-orm';
import { checkinSchedules, projects } from '../../db/schema';
import { notFound } from '../../errors';
import { checkinRefusals } from '../../messages/checkin/refusals';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import type { ScheduleRow } from './runs';

// What the schedule verbs share (schedule-checkin.ts and its siblings): the default timing and finding a schedule.

/** Defaults chosen for a daily or weekly rhythm: a nudge the same morning, a summary next day. */
export const DEFAULT_REMIND_MS = 4 * 3_600_000;
export const DEFAULT_CLOSE_MS = 24 * 3_600_000;

/** A live schedule, which the actor must be allowed to manage (checked on its project). */
export async function findSchedule(ctx: ServiceContext, id: number): Promise<ScheduleRow> {
  return (await findScheduleWithProject(ctx, id)).schedule;
}

export async function findScheduleWithProject(
  ctx: ServiceContext,
  id: number,
): Promise<{ schedule: ScheduleRow; project: ProjectRow }> {
  const [row] = await ctx.db
    .select({ schedule: checkinSchedules, slug: projects.slug })
    .from(checkinSchedules)
    .innerJoin(projects, eq(projects.id, checkinSchedules.projectId))
    .where(eq(checkinSchedules.id, id));
  if (!row || row.schedule.removedAt) throw notFound(checkinRefusals.noSchedule(id));
  const { project } = await resolveProject(ctx, row.slug, 'manageProjects');
  return { schedule: row.schedule, project };
}
