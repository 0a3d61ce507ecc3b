import { checkinSchedules } from '../../db/schema';
import type { CheckinKind } from '../../domain/checkins/questions';
import type { CronSpec } from '../../domain/cron/spec';
import { parseSchedule } from '../../domain/schedule-words';
import { isValidTimeZone } from '../../domain/time-zone';
import { usageError } from '../../errors';
import { checkinRefusals } from '../../messages/checkin/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { resolveProject } from '../projects/find-project';
import { scheduleNextOccurrence, type ScheduleRow } from './runs';
import { DEFAULT_CLOSE_MS, DEFAULT_REMIND_MS } from './schedule-common';

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

export async function scheduleCheckin({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ScheduleInput;
}): Promise<{ schedule: ScheduleRow; next: Date | undefined; spec: CronSpec; plain: boolean }> {
  const { project } = await resolveProject(ctx, input.project, 'manageProjects');
  const parsed = parseSchedule(input.schedule);
  if ('error' in parsed) throw usageError(parsed.error);
  const { spec, plain } = parsed;
  const timeZone = input.timeZone ?? project.timeZone;
  if (!isValidTimeZone(timeZone)) throw usageError(checkinRefusals.unknownTimeZone(timeZone));
  // A default fits around what was given: the reminder halfway through a short close, the close
  // well after a late reminder.
  const remindMs =
    input.remindMs ??
    (input.closeMs !== undefined ? Math.min(DEFAULT_REMIND_MS, Math.floor(input.closeMs / 2)) : DEFAULT_REMIND_MS);
  const closeMs = input.closeMs ?? Math.max(DEFAULT_CLOSE_MS, remindMs * 2);
  if (closeMs > MAX_WINDOW_MS) throw usageError(checkinRefusals.windowTooLong());
  if (remindMs >= closeMs) throw usageError(checkinRefusals.remindAfterClose());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [schedule] = await tx
      .insert(checkinSchedules)
      .values({
        projectId: project.id,
        kind: input.kind,
        cron: spec.source,
        timeZone,
        remindMs,
        closeMs,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning();
    if (!schedule) throw new Error('schedule insert returned no row');
    const next = await scheduleNextOccurrence(tx, ctx.timers, now, schedule, now);
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'checkin_schedule.created',
      entityType: 'checkin_schedule',
      entityId: schedule.id,
      data: {
        project: project.slug,
        kind: input.kind,
        cron: spec.source,
        ...(plain ? { written: input.schedule } : {}),
        timeZone,
        remindMs,
        closeMs,
      },
    });
    return { schedule, next, spec, plain };
  });
}
