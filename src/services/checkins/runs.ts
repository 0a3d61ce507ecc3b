import { and, asc, eq, lt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import {
  checkinAnswers,
  checkinMisses,
  checkinRuns,
  checkinSchedules,
  projects,
  riskOverdueFlags,
  risks,
} from '../../db/schema';
import { questionSet, type CheckinKind } from '../../domain/checkins/questions';
import { nextOccurrence } from '../../domain/cron/occurrences';
import { parseCron } from '../../domain/cron/parse';
import { formatLocal, localDate } from '../../domain/time-zone';
import { checkinMessage } from '../../messages/checkin/message';
import { overdueRiskLine, reminderNotice, summaryNotice } from '../../messages/checkin/notices';
import { mentionUser } from '../../messages/mrkdwn';
import type { Logger } from '../../logger';
import { recordAudit } from '../audit';
import { partnersOfProject, type ProjectRow } from '../projects/find-project';
import { expectedRespondents, partnerOfRespondent } from './expected';
import type { SlackGateway, Timers } from '../ports';
import { stillToAnswer, summarise } from '../../domain/checkins/summary';

/** A schedule's next occurrence (src/jobs/checkin-occurrence.ts). */
export const CHECKIN_OCCURRENCE_JOB = 'checkin.occurrence';
/** A posted run's reminder and close (src/jobs/checkin-run.ts). */
export const CHECKIN_RUN_JOB = 'checkin.run';

export type RunRow = typeof checkinRuns.$inferSelect;
export type ScheduleRow = typeof checkinSchedules.$inferSelect;

export interface CheckinDeps {
  gateway: SlackGateway;
  timers: Timers;
}

/** A schedule's occurrence, as its timer carries it; `generation` is the schedule's when it was set. */
export interface CheckinOccurrence {
  scheduleId: number;
  generation: number;
  occurrence: Date;
}

/** A run's reminder or close, as its timer carries it. */
export interface CheckinRunStep {
  runId: number;
  step: 'remind' | 'close';
}

// An occurrence posted more than this after its time says that it is late.
const LATE_AFTER_MS = 60_000;

/** Schedules the job for the schedule's next occurrence after `after` (unique per occurrence, for ever). */
export async function scheduleNextOccurrence(
  tx: DbOrTx,
  timers: Timers,
  now: Date,
  schedule: ScheduleRow,
  after: Date,
): Promise<Date | undefined> {
  const spec = parseCron(schedule.cron);
  if ('error' in spec) return undefined;
  const at = nextOccurrence(spec, after, schedule.timeZone);
  await timers.schedule(tx, now, {
    kind: CHECKIN_OCCURRENCE_JOB,
    key: `checkin:${schedule.id}:${schedule.generation}:${at.toISOString()}`,
    dueAt: at,
    payload: { scheduleId: schedule.id, generation: schedule.generation, occurrence: at.toISOString() },
  });
  return at;
}

export interface PostRunInput {
  project: ProjectRow;
  kind: CheckinKind;
  occurrence: Date;
  scheduleId: number | null;
  remindMs: number;
  closeMs: number;
  createdBy: string;
}

/**
 * Posts a check-in: the question snapshot, the expected respondents, the message with its Answer
 * button, and its reminder and close timers, in the caller's transaction. The run row is unique
 * per schedule and occurrence, so when two replicas both try, one posts and the other does
 * nothing. A risk check-in also flags the project's risks whose review date has passed.
 */
export async function postRun(tx: Tx, deps: CheckinDeps, now: Date, input: PostRunInput): Promise<RunRow | undefined> {
  const { project } = input;
  const partners = await partnersOfProject(tx, project.id);
  const set = questionSet(input.kind);
  const expected = await expectedRespondents(tx, project, partners);
  const late = now.getTime() - input.occurrence.getTime() > LATE_AFTER_MS;
  const base = late ? now : input.occurrence;
  const remindAt = new Date(base.getTime() + input.remindMs);
  const closeAt = new Date(input.occurrence.getTime() + input.closeMs);
  const [run] = await tx
    .insert(checkinRuns)
    .values({
      scheduleId: input.scheduleId,
      projectId: project.id,
      kind: input.kind,
      occurrence: input.occurrence,
      postedAt: now,
      late,
      questions: set,
      expected,
      remindAt,
      closeAt,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing()
    .returning();
  if (!run) return undefined;
  const overdue: string[] = [];
  if (input.kind === 'risk') {
    const today = localDate(now, project.timeZone);
    const due = await tx
      .select()
      .from(risks)
      .where(and(eq(risks.projectId, project.id), eq(risks.status, 'open'), lt(risks.reviewOn, today)))
      .orderBy(asc(risks.id));
    for (const r of due) {
      await tx
        .insert(riskOverdueFlags)
        .values({ riskId: r.id, runId: run.id, reviewOn: r.reviewOn ?? today, partnerId: r.partnerId, at: now })
        .onConflictDoNothing();
      overdue.push(overdueRiskLine(r));
    }
  }
  const message = checkinMessage({
    runId: run.id,
    set,
    when: formatLocal(input.occurrence, project.timeZone),
    closes: formatLocal(closeAt, project.timeZone),
    late,
    expected,
    open: true,
    answered: 0,
    overdue,
  });
  const ref = await deps.gateway.postMessage(tx, project.channelId, message, {
    reportTo: input.createdBy.startsWith('U') ? input.createdBy : project.ownerUserId,
  });
  await tx.update(checkinRuns).set({ messageOutboxId: ref.outboxId }).where(eq(checkinRuns.id, run.id));
  await deps.timers.schedule(
    tx,
    now,
    ...(remindAt.getTime() < closeAt.getTime()
      ? [
          {
            kind: CHECKIN_RUN_JOB,
            key: `checkin-run:${run.id}:remind`,
            dueAt: remindAt,
            payload: { runId: run.id, step: 'remind' },
          },
        ]
      : []),
    {
      kind: CHECKIN_RUN_JOB,
      key: `checkin-run:${run.id}:close`,
      dueAt: closeAt,
      payload: { runId: run.id, step: 'close' },
    },
  );
  await recordAudit(tx, now, input.createdBy, {
    action: 'checkin.posted',
    entityType: 'checkin_run',
    entityId: run.id,
    data: {
      project: project.slug,
      kind: input.kind,
      occurrence: input.occurrence.toISOString(),
      late,
      expected,
      overdue: overdue.length,
    },
  });
  return { ...run, messageOutboxId: ref.outboxId };
}

/**
 * A schedule's occurrence is due. Skipped when the schedule was paused, removed or changed since
 * (its generation moved on); posted late, with a note, when replicas were down at its time; not
 * posted at all once even its close time has passed. Either way the next occurrence is scheduled.
 */
export async function runCheckinOccurrence(
  tx: Tx,
  deps: CheckinDeps,
  now: Date,
  log: Logger,
  o: CheckinOccurrence,
): Promise<void> {
  const { scheduleId, occurrence } = o;
  // The schedule row is locked (pause and edits wait for this post); its project comes in the same query.
  const [row] = await tx
    .select({ schedule: checkinSchedules, project: projects })
    .from(checkinSchedules)
    .innerJoin(projects, eq(projects.id, checkinSchedules.projectId))
    .where(eq(checkinSchedules.id, scheduleId))
    .for('update', { of: checkinSchedules });
  if (!row) return;
  const { schedule, project } = row;
  if (schedule.removedAt || schedule.paused || schedule.generation !== o.generation) return;
  if (occurrence.getTime() + schedule.closeMs <= now.getTime()) {
    log.info('check-in occurrence missed past its close time; not posted', {
      scheduleId,
      occurrence: occurrence.toISOString(),
    });
    await recordAudit(tx, now, 'system', {
      action: 'checkin.missed_occurrence',
      entityType: 'checkin_schedule',
      entityId: schedule.id,
      data: { occurrence: occurrence.toISOString() },
    });
  } else {
    await postRun(tx, deps, now, {
      project,
      kind: schedule.kind,
      occurrence,
      scheduleId: schedule.id,
      remindMs: schedule.remindMs,
      closeMs: schedule.closeMs,
      createdBy: 'system',
    });
  }
  await scheduleNextOccurrence(tx, deps.timers, now, schedule, occurrence);
}

async function loadRun(tx: Tx, runId: number): Promise<{ run: RunRow; project: ProjectRow } | undefined> {
  const [row] = await tx
    .select({ run: checkinRuns, project: projects })
    .from(checkinRuns)
    .innerJoin(projects, eq(projects.id, checkinRuns.projectId))
    .where(eq(checkinRuns.id, runId))
    .for('update', { of: checkinRuns });
  return row;
}

const threadOf = (run: RunRow) => (run.messageOutboxId === null ? {} : { threadOf: { outboxId: run.messageOutboxId } });

/** Reminder (one thread message naming those who have not answered) and close (the summary). */
export async function runCheckinRunStep(
  tx: Tx,
  deps: Pick<CheckinDeps, 'gateway'>,
  now: Date,
  o: CheckinRunStep,
): Promise<void> {
  const loaded = await loadRun(tx, o.runId);
  if (!loaded || loaded.run.status !== 'open') return;
  const { run, project } = loaded;
  const answers = await tx.select().from(checkinAnswers).where(eq(checkinAnswers.runId, run.id));
  if (o.step === 'remind') {
    const missing = stillToAnswer(
      run.expected,
      answers.map((a) => a.userId),
    );
    if (missing.length === 0) return;
    await deps.gateway.postMessage(
      tx,
      project.channelId,
      { text: reminderNotice(missing, formatLocal(run.closeAt, project.timeZone)) },
      threadOf(run),
    );
    return;
  }
  await closeRun(tx, deps, now, run, project, answers);
}

export async function closeRun(
  tx: Tx,
  deps: Pick<CheckinDeps, 'gateway'>,
  now: Date,
  run: RunRow,
  project: ProjectRow,
  answers: Array<typeof checkinAnswers.$inferSelect>,
): Promise<void> {
  const byUser = new Map(answers.map((a) => [a.userId, { values: a.values, ...(a.text ? { text: a.text } : {}) }]));
  const summary = summarise(run.questions, run.expected, byUser, mentionUser);
  await tx.update(checkinRuns).set({ status: 'closed' }).where(eq(checkinRuns.id, run.id));
  const partners = await partnersOfProject(tx, project.id);
  for (const userId of summary.missed) {
    await tx
      .insert(checkinMisses)
      .values({ runId: run.id, userId, partnerId: await partnerOfRespondent(tx, partners, userId), at: now })
      .onConflictDoNothing();
  }
  await deps.gateway.postMessage(
    tx,
    project.channelId,
    { text: summaryNotice(run.questions.title, answers.length, summary.lines) },
    threadOf(run),
  );
  if (run.messageOutboxId !== null) {
    await deps.gateway.updateMessage(
      tx,
      { outboxId: run.messageOutboxId },
      checkinMessage({
        runId: run.id,
        set: run.questions,
        when: formatLocal(run.occurrence, project.timeZone),
        closes: formatLocal(run.closeAt, project.timeZone),
        late: run.late,
        expected: run.expected,
        open: false,
        answered: answers.length,
        overdue: [],
      }),
    );
  }
  await recordAudit(tx, now, 'system', {
    action: 'checkin.closed',
    entityType: 'checkin_run',
    entityId: run.id,
    data: { answered: answers.map((a) => a.userId), missed: summary.missed, tally: summary.tally },
  });
}
