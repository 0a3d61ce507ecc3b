import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { checkinSchedules, projects } from '../../db/schema';
import type { CheckinKind } from '../../domain/checkins/questions';
import { parseCron, type CronSpec } from '../../domain/cron';
import { parseSchedule } from '../../domain/schedule-words';
import { isValidTimeZone } from '../../domain/time-zone';
import { conflict, notFound, usageError } from '../../errors';
import { checkinRefusals } from '../../messages/checkin-refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import { postRun, scheduleNextOccurrence, type ScheduleRow } from './runs';

/** Defaults chosen for a daily or weekly rhythm: a nudge the same morning, a summary next day. */
export const DEFAULT_REMIND_MS = 4 * 3_600_000;
export const DEFAULT_CLOSE_MS = 24 * 3_600_000;
const MAX_WINDOW_MS = 14 * 86_400_000;

export interface ScheduleInput {
  project: string | undefined;
  kind: CheckinKind;
  /** As typed: a plain form such as `weekly mon 10:00`, or cron. */
  schedule: string;
  timeZone: string | undefined;
  remindMs: number | undefined;
  closeMs: number | undefined;
}

export async function scheduleCheckin({ ctx, input }: { ctx: ServiceContext; input: ScheduleInput }): Promise<{ schedule: ScheduleRow; next: Date | undefined; spec: CronSpec; plain: boolean }> {
  const { project } = await resolveProject(ctx, input.project, 'manageProjects');
  const parsed = parseSchedule(input.schedule);
  if ('error' in parsed) throw usageError(parsed.error);
  const { spec, plain } = parsed;
  const timeZone = input.timeZone ?? project.timeZone;
  if (!isValidTimeZone(timeZone)) throw usageError(checkinRefusals.unknownTimeZone(timeZone));
  // A default fits around what was given: the reminder halfway through a short close, the close
  // well after a late reminder.
  const remindMs = input.remindMs ?? (input.closeMs !== undefined ? Math.min(DEFAULT_REMIND_MS, Math.floor(input.closeMs / 2)) : DEFAULT_REMIND_MS);
  const closeMs = input.closeMs ?? Math.max(DEFAULT_CLOSE_MS, remindMs * 2);
  if (closeMs > MAX_WINDOW_MS) throw usageError(checkinRefusals.windowTooLong());
  if (remindMs >= closeMs) throw usageError(checkinRefusals.remindAfterClose());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [schedule] = await tx
      .insert(checkinSchedules)
      .values({ projectId: project.id, kind: input.kind, cron: spec.source, timeZone, remindMs, closeMs, createdBy: ctx.actor.userId, createdAt: now })
      .returning();
    if (!schedule) throw new Error('schedule insert returned no row');
    const next = await scheduleNextOccurrence(tx, ctx.timers, now, schedule, now);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'checkin_schedule.created',
      entityType: 'checkin_schedule',
      entityId: schedule.id,
      data: { project: project.slug, kind: input.kind, cron: spec.source, ...(plain ? { written: input.schedule } : {}), timeZone, remindMs, closeMs },
    });
    return { schedule, next, spec, plain };
  });
}

export interface ScheduleListItem {
  schedule: ScheduleRow;
  /** Undefined only for a stored cron this version no longer reads. */
  spec: CronSpec | undefined;
  next: Date | undefined;
}

export async function listSchedules({ ctx, input }: { ctx: ServiceContext; input: { project: string | undefined } }): Promise<{ projectSlug: string; items: ScheduleListItem[] }> {
  const { project } = await resolveProject(ctx, input.project, 'seeProject');
  const rows = await ctx.db
    .select()
    .from(checkinSchedules)
    .where(and(eq(checkinSchedules.projectId, project.id), isNull(checkinSchedules.removedAt)))
    .orderBy(asc(checkinSchedules.id));
  const items: ScheduleListItem[] = [];
  for (const schedule of rows) {
    const spec = parseCron(schedule.cron);
    items.push({ schedule, spec: 'error' in spec ? undefined : spec, next: schedule.paused ? undefined : await nextPending(ctx, schedule) });
  }
  return { projectSlug: project.slug, items };
}

/** The queued occurrence of the schedule's current generation (keys are `checkin:<id>:<generation>:<iso>`). */
async function nextPending(ctx: ServiceContext, schedule: ScheduleRow): Promise<Date | undefined> {
  return ctx.timers.nextDue(ctx.db, `checkin:${schedule.id}:${schedule.generation}:`);
}

/** A live schedule, which the actor must be allowed to manage (checked on its project). */
async function findSchedule(ctx: ServiceContext, id: number): Promise<ScheduleRow> {
  return (await findScheduleWithProject(ctx, id)).schedule;
}

async function findScheduleWithProject(ctx: ServiceContext, id: number): Promise<{ schedule: ScheduleRow; project: ProjectRow }> {
  const [row] = await ctx.db
    .select({ schedule: checkinSchedules, slug: projects.slug })
    .from(checkinSchedules)
    .innerJoin(projects, eq(projects.id, checkinSchedules.projectId))
    .where(eq(checkinSchedules.id, id));
  if (!row || row.schedule.removedAt) throw notFound(checkinRefusals.noSchedule(id));
  const { project } = await resolveProject(ctx, row.slug, 'manageProjects');
  return { schedule: row.schedule, project };
}

/** Pause and resume move the generation on, so an occurrence already queued does nothing. */
export async function setSchedulePaused({ ctx, input }: { ctx: ServiceContext; input: { id: number; paused: boolean } }): Promise<{ schedule: ScheduleRow; next: Date | undefined }> {
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
    await recordAudit(tx, now, ctx.actor.userId, { action: input.paused ? 'checkin_schedule.paused' : 'checkin_schedule.resumed', entityType: 'checkin_schedule', entityId: schedule.id });
    return { schedule, next };
  });
}

export async function removeSchedule({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<void> {
  const found = await findSchedule(ctx, input.id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(checkinSchedules)
      .set({ removedAt: now, generation: found.generation + 1 })
      .where(eq(checkinSchedules.id, found.id));
    await ctx.timers.cancel(tx, now, `checkin:${found.id}:`);
    await recordAudit(tx, now, ctx.actor.userId, { action: 'checkin_schedule.removed', entityType: 'checkin_schedule', entityId: found.id, data: { cron: found.cron, kind: found.kind } });
  });
}

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
async function scheduleForRun(ctx: ServiceContext, projectId: number, kind: CheckinKind): Promise<ScheduleRow | undefined> {
  const rows = await ctx.db
    .select()
    .from(checkinSchedules)
    .where(and(eq(checkinSchedules.projectId, projectId), eq(checkinSchedules.kind, kind), isNull(checkinSchedules.removedAt)))
    .orderBy(desc(checkinSchedules.id));
  return rows.find((r) => !r.paused) ?? rows[0];
}

/**
 * `/accord checkin run sync|risk|<id>`: one check-in now, outside the schedule's own occurrences,
 * with the reminder and close of the schedule named or found, or the defaults.
 */
export async function runCheckinNow({ ctx, input }: { ctx: ServiceContext; input: RunNowInput }): Promise<RunNowResult> {
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
    const run = await postRun(tx, ctx, now, { project, kind, occurrence: now, scheduleId: null, remindMs, closeMs, createdBy: ctx.actor.userId });
    if (!run) throw new Error('an unscheduled check-in cannot collide');
    return { runId: run.id, kind, schedule, remindMs, closeMs };
  });
}
