import { performance } from 'node:perf_hooks';
import { and, asc, eq, inArray, like, lte, sql } from 'drizzle-orm';
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
   * Batches run side by side in one round. Safe because each batch's claim takes its own row locks
   * (SKIP LOCKED), so batches never share a job; worth it on PostgreSQL, where a job mostly waits
   * on round trips. PGlite is one connection.
   */
  concurrency?: number;
  /** Most jobs one transaction claims and runs (default 50). */
  batchSize?: number;
  /**
   * No job is started once a batch has run this long (default 250 ms); the rest of its claim is
   * handed back by its commit, due as before. Keeps the batch's row locks short-lived.
   */
  batchBudgetMs?: number;
  /** A monotonic clock in ms for the batch budget; the default is performance.now. */
  elapsedMs?: () => number;
}

export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
}

/** What one batch did: how many jobs it claimed, ran to completion and saw fail. */
interface BatchOutcome {
  claimed: number;
  ran: number;
  failed: number;
}

/**
 * Runs due jobs in batches. A batch is one transaction that claims up to `batchSize` due jobs in
 * one statement (`FOR UPDATE SKIP LOCKED`) and holds their row locks until it commits: another
 * replica skips them, and if this process dies mid-batch the transaction aborts and every job of
 * it is due again at once, with no lease to wait out. Each job's handler runs in a savepoint of
 * its own, so a failing job rolls back only its own effects; its failure is recorded and the batch
 * goes on. The done marks are written in one statement at the end, in the same transaction as the
 * effects, so a job's effects and its completion commit together or not at all.
 */
export class JobRunner {
  private readonly elapsed: () => number;

  constructor(private readonly o: JobRunnerOptions) {
    this.elapsed = o.elapsedMs ?? (() => performance.now());
  }

  async runDue(): Promise<number> {
    const limit = this.o.roundLimit ?? 200;
    const batchSize = Math.max(1, this.o.batchSize ?? 50);
    let reserved = 0;
    let ran = 0;
    const loop = async () => {
      while (reserved < limit) {
        const take = Math.min(batchSize, limit - reserved);
        reserved += take;
        const outcome = await this.runBatch(take);
        const attempted = outcome.ran + outcome.failed;
        ran += attempted;
        // What this batch did not start goes back to the round's allowance.
        reserved -= take - attempted;
        // A short claim that ran to its end means nothing else is due (or another batch holds it);
        // a batch cut short by its budget left due jobs behind, so the loop goes on.
        if (attempted === 0 || (outcome.claimed < take && attempted === outcome.claimed)) return;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? 1) }, loop));
    return ran;
  }

  /** Runs the earliest due job, if any. */
  async runOne(): Promise<'ran' | 'failed' | 'none'> {
    const outcome = await this.runBatch(1);
    return outcome.ran > 0 ? 'ran' : outcome.failed > 0 ? 'failed' : 'none';
  }

  /** Claims up to `size` due jobs and runs them in one transaction. */
  private async runBatch(size: number): Promise<BatchOutcome> {
    const now = this.o.clock.now();
    const startedAt = this.elapsed();
    const budget = this.o.batchBudgetMs ?? 250;
    // The job running when the batch's transaction fails, if it failed inside a job.
    let culprit: JobRow | undefined;
    try {
      return await this.o.db.transaction(async (tx) => {
        const claimed = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, 'pending'), lte(jobs.dueAt, now)))
          .orderBy(asc(jobs.dueAt), asc(jobs.id))
          .limit(size)
          .for('update', { skipLocked: true });
        const done: JobRow[] = [];
        let failed = 0;
        for (const job of claimed) {
          if (done.length + failed > 0 && this.elapsed() - startedAt >= budget) break;
          culprit = job;
          try {
            await tx.transaction((savepoint) => this.runHandler(savepoint, job, now));
            done.push(job);
          } catch (err) {
            // Back at the savepoint: the job's own writes are gone, the batch's are intact.
            failed += 1;
            await this.recordFailure(tx, job, now, err);
          }
          culprit = undefined;
        }
        if (done.length > 0)
          await tx
            .update(jobs)
            .set({ status: 'done', finishedAt: now, attempts: sql`${jobs.attempts} + 1` })
            .where(
              inArray(
                jobs.id,
                done.map((j) => j.id),
              ),
            );
        return { claimed: claimed.length, ran: done.length, failed };
      });
    } catch (err) {
      // Nothing of the batch committed and its rows are unlocked, due again at once. The job it
      // failed in (its savepoint could not be rolled back, or the connection went) is charged an
      // attempt, as it would have been on its own: a job that always breaks its transaction must
      // not take its batch down for ever.
      if (!culprit) throw err;
      const job = culprit;
      await this.o.db.transaction((tx) => this.recordFailure(tx, job, now, err));
      return { claimed: 1, ran: 0, failed: 1 };
    }
  }

  private async runHandler(tx: Tx, job: JobRow, now: Date): Promise<void> {
    const handler = this.o.handlers[job.kind];
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler({ tx, job, now, log: this.o.log.child({ jobId: job.id, jobKind: job.kind, jobKey: job.key }) });
  }

  private async recordFailure(tx: Tx, job: JobRow, now: Date, err: unknown): Promise<void> {
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
  }
}
