import { and, desc, eq, isNull } from 'drizzle-orm';
import { checkinSchedules } from '../../db/schema';
import type { CheckinKind } from '../../domain/checkins/questions';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import { postRun, type ScheduleRow } from './runs';
import { DEFAULT_CLOSE_MS, DEFAULT_REMIND_MS, findScheduleWithProject } from './schedule-common';

export type RunNowInput = { project: string | undefined; kind: CheckinKind } | { scheduleId: number };

export interface RunNowResult {
  runId: number;
  kind: CheckinKind;
  /** The schedule whose reminder and close the check-in took; undefined when it took the defaults. */
  schedule: ScheduleRow | undefined;
  remindMs: number;
  closeMs: number;
}

/**
 * The schedule `checkin run <kind>` takes its reminder and close from: the project's most recent
 * running schedule of that kind, else its most recent paused one, else none (the defaults).
 */
async function scheduleForRun(
  ctx: ServiceContext,
  projectId: number,
  kind: CheckinKind,
): Promise<ScheduleRow | undefined> {
  const rows = await ctx.db
    .select()
    .from(checkinSchedules)
    .where(
      and(
        eq(checkinSchedules.projectId, projectId),
        eq(checkinSchedules.kind, kind),
        isNull(checkinSchedules.removedAt),
      ),
    )
    .orderBy(desc(checkinSchedules.id));
  return rows.find((r) => !r.paused) ?? rows[0];
}

/**
 * `/accord checkin run sync|risk|<id>`: one check-in now, outside the schedule's own occurrences,
 * with the reminder and close of the schedule named or found, or the defaults.
 */
export async function runCheckinNow({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RunNowInput;
}): Promise<RunNowResult> {
  let project: ProjectRow;
  let schedule: ScheduleRow | undefined;
  let kind: CheckinKind;
  if ('scheduleId' in input) {
    ({ schedule, project } = await findScheduleWithProject(ctx, input.scheduleId));
    kind = schedule.kind;
  } else {
    ({ project } = await resolveProject(ctx, input.project, 'manageProjects'));
    schedule = await scheduleForRun(ctx, project.id, input.kind);
    kind = input.kind;
  }
  const remindMs = schedule?.remindMs ?? DEFAULT_REMIND_MS;
  const closeMs = schedule?.closeMs ?? DEFAULT_CLOSE_MS;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const run = await postRun(tx, ctx, now, {
      project,
      kind,
      occurrence: now,
      scheduleId: null,
      remindMs,
      closeMs,
      createdBy: ctx.actor.userId,
    });
    if (!run) throw new Error('an unscheduled check-in cannot collide');
    return { runId: run.id, kind, schedule, remindMs, closeMs };
  });
}
