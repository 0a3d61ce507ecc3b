import { and, asc, eq, like, lte } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, DbOrTx, Tx } from '../db/client';
import { auditEvents, jobs } from '../db/schema';
import type { Logger } from '../logger';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  /** The job's own transaction: its effects, its outbox messages and its completion commit together. */
  tx: Tx;
  job: JobRow;
  now: Date;
  log: Logger;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface ScheduleJobInput {
  kind: string;
  /** Unique over all time, e.g. `esc:12:level:2:round:1`; scheduling it again does nothing. */
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

/** Returns true when the job was added, false when a job with that key already exists. */
export async function scheduleJob(tx: DbOrTx, now: Date, input: ScheduleJobInput): Promise<boolean> {
  return (await scheduleJobs(tx, now, [input])) > 0;
}

/** Several jobs in one statement (one round trip); returns how many were new. */
export async function scheduleJobs(tx: DbOrTx, now: Date, inputs: readonly ScheduleJobInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows = await tx
    .insert(jobs)
    .values(
      inputs.map((input) => ({
        kind: input.kind,
        key: input.key,
        dueAt: input.dueAt,
        payload: input.payload ?? {},
        maxAttempts: input.maxAttempts ?? 8,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: jobs.key })
    .returning({ id: jobs.id });
  return rows.length;
}

/** Keys that start with `prefix`, taken literally (`%` and `_` in it match only themselves). */
const keyStartsWith = (prefix: string) => like(jobs.key, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** Cancels pending jobs whose key starts with `prefix`; returns how many. */
export async function cancelJobs(tx: DbOrTx, now: Date, prefix: string): Promise<number> {
  const rows = await tx
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(jobs.status, 'pending'), keyStartsWith(prefix)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** When the earliest pending job whose key starts with `prefix` is due, if any is. */
export async function nextDueJob(db: DbOrTx, prefix: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ dueAt: jobs.dueAt })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), keyStartsWith(prefix)))
    .orderBy(asc(jobs.dueAt))
    .limit(1);
  return row?.dueAt;
}

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  handlers: Record<string, JobHandler>;
  /** Most jobs one round runs, so a backlog cannot starve the outbox or a shutdown. */
  roundLimit?: number;
  /**
   * Jobs run side by side in one round. Safe because each claim is its own row lock (SKIP LOCKED);
   * worth it on PostgreSQL, where a job mostly waits on round trips. PGlite is one connection.
   */
  concurrency?: number;
}

export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
}

/**
 * Runs due jobs, each in its own transaction that holds the job's row lock from claim to
 * completion (`FOR UPDATE SKIP LOCKED`): another replica skips it, and if this process dies
 * mid-job the transaction aborts and the job is due again at once, with no lease to wait out.
 */
export class JobRunner {
  constructor(private readonly o: JobRunnerOptions) {}

  async runDue(): Promise<number> {
    const limit = this.o.roundLimit ?? 200;
    let started = 0;
    let ran = 0;
    const loop = async () => {
      while (started < limit) {
        started += 1;
        const outcome = await this.runOne();
        if (outcome === 'none') return;
        ran += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? 1) }, loop));
    return ran;
  }

  /** Runs the earliest due job, if any. */
  async runOne(): Promise<'ran' | 'failed' | 'none'> {
    const now = this.o.clock.now();
    let claimed: JobRow | undefined;
    try {
      await this.o.db.transaction(async (tx) => {
        const [job] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, 'pending'), lte(jobs.dueAt, now)))
          .orderBy(asc(jobs.dueAt), asc(jobs.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!job) return;
        claimed = job;
        const handler = this.o.handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
        await handler({ tx, job, now, log: this.o.log.child({ jobId: job.id, jobKind: job.kind, jobKey: job.key }) });
        await tx
          .update(jobs)
          .set({ status: 'done', finishedAt: now, attempts: job.attempts + 1 })
          .where(eq(jobs.id, job.id));
      });
    } catch (err) {
      if (!claimed) throw err;
      await this.recordFailure(claimed, now, err);
      return 'failed';
    }
    return claimed ? 'ran' : 'none';
  }

  private async recordFailure(job: JobRow, now: Date, err: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const message = err instanceof Error ? err.message : String(err);
    const givingUp = attempts >= job.maxAttempts;
    this.o.log[givingUp ? 'error' : 'warn'](givingUp ? 'job failed for good' : 'job failed, will retry', {
      jobId: job.id,
      jobKind: job.kind,
      jobKey: job.key,
      attempts,
      err,
    });
    await this.o.db.transaction(async (tx) => {
      await tx
        .update(jobs)
        .set(
          givingUp
            ? { status: 'failed', attempts, lastError: message, finishedAt: now }
            : { attempts, lastError: message, dueAt: new Date(now.getTime() + retryDelayMs(attempts)) },
        )
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'pending')));
      if (givingUp) {
        await tx.insert(auditEvents).values({
          at: now,
          actor: 'system',
          action: 'job.failed',
          entityType: 'job',
          entityId: String(job.id),
          data: { kind: job.kind, key: job.key, error: message },
        });
      }
    });
  }
}
