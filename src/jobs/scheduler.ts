import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { Logger } from '../logger';
import { scheduleJob } from './job-queue';
import { PRUNE_JOB, pruneJobKey } from './maintenance';
import type { Pump } from './pump';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  jobs: Pump;
  outbox: Pump;
}

/**
 * node-cron only provides the heartbeat; what is due lives in the database, so a tick that is
 * missed (a restart, a slow round) loses nothing: the next tick finds the overdue rows.
 */
export function startScheduler(o: SchedulerOptions): { stop(): Promise<void> } {
  const tick: ScheduledTask = cron.schedule(
    '* * * * * *',
    () => {
      o.jobs.kick();
      o.outbox.kick();
    },
    { name: 'accord-tick', noOverlap: true },
  );
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
      await tick.stop();
      await hourly.stop();
    },
  };
}
