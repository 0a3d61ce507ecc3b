import { sql } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { queryRows } from '../db/rows';
import type { Logger } from '../logger';
import { scheduleJob } from './job-queue';
import { PRUNE_JOB, pruneJobKey } from './prune';
import type { Pump } from './pump';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  jobs: Pump;
  outbox: Pump;
}

/**
 * A wake-up further ahead than this is not armed: the heartbeat makes the job pump look again
 * every second, so a job is always within reach of one, and a stale timer (the job cancelled or
 * taken by another replica) costs at most one empty round.
 */
const WAKE_HORIZON_MS = 2_000;

/**
 * node-cron only provides the heartbeat; what is due lives in the database, so a tick that is
 * missed (a restart, a slow round) loses nothing: the next tick finds the overdue rows.
 *
 * On its own the heartbeat would make every timer up to a second late, so whenever the job pump
 * runs out of work it reads the earliest pending due time and sets a timer for that moment. The
 * timer only kicks the pump: claiming stays in the database (FOR UPDATE SKIP LOCKED), so a
 * wake-up that finds the job gone or not yet due does nothing.
 */
export function startScheduler(o: SchedulerOptions): { stop(): Promise<void> } {
  let stopped = false;
  let wake: NodeJS.Timeout | undefined;
  // The due time the last immediate wake-up was for. If that job is still pending after a round,
  // someone else holds it (another replica, or a retry moved it): leave it to the heartbeat
  // rather than query in a loop.
  let kickedFor = Number.NEGATIVE_INFINITY;
  let lookups = 0;

  const arm = (delayMs: number, dueAt: number) => {
    clearTimeout(wake);
    wake = setTimeout(() => {
      wake = undefined;
      if (stopped) return;
      // Timers can fire a few milliseconds early against the wall clock (libuv measures from
      // the start of its loop iteration); a round then would not yet see the job as due.
      const early = dueAt - o.clock.now().getTime();
      if (early > 0) {
        arm(Math.ceil(early), dueAt);
        return;
      }
      kickedFor = dueAt;
      o.jobs.kick();
    }, delayMs);
    wake.unref();
  };

  const lookAhead = async () => {
    const mine = (lookups += 1);
    let next: number | undefined;
    try {
      const [row] = await queryRows<{ next: number | string | null }>(
        o.db,
        sql`select (extract(epoch from min(due_at)) * 1000)::float8 as next from jobs where status = 'pending'`,
      );
      next = row?.next === null || row?.next === undefined ? undefined : Number(row.next);
    } catch (err) {
      // The job pump reports an unreachable database itself; this only costs precision.
      o.log.debug('could not read the next due job; the heartbeat carries on', { err });
      return;
    }
    // A later look (after a later round) knows better.
    if (stopped || mine !== lookups || next === undefined) return;
    const delay = next - o.clock.now().getTime();
    if (delay > WAKE_HORIZON_MS) return;
    if (delay > 0) arm(Math.ceil(delay), next);
    else if (next > kickedFor) arm(0, next);
  };

  const unsubscribe = o.jobs.onIdle((done) => {
    // Jobs write Slack messages into the outbox without kicking it; send them now, not at the next tick.
    if (done > 0) o.outbox.kick();
    void lookAhead();
  });

  const tick: ScheduledTask = cron.schedule(
    '* * * * * *',
    () => {
      o.jobs.kick();
      o.outbox.kick();
    },
    { name: 'accord-tick', noOverlap: true },
  );
  // A missed tick loses nothing (see above); node-cron would otherwise warn on the console, outside the log.
  tick.on('execution:missed', (ctx) => o.log.debug('heartbeat tick missed: the event loop was busy', { at: ctx.date }));
  const hourly: ScheduledTask = cron.schedule(
    '0 7 * * * *',
    async () => {
      const now = o.clock.now();
      try {
        await scheduleJob(o.db, now, { kind: PRUNE_JOB, key: pruneJobKey(now), dueAt: now });
      } catch (err) {
        o.log.warn('could not schedule the hourly clean-up; the next hour will', { err });
      }
    },
    { name: 'accord-hourly', noOverlap: true },
  );
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(wake);
      await tick.stop();
      await hourly.stop();
    },
  };
}
