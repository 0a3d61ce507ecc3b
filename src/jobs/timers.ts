import type { Timers } from '../services/ports';
import { cancelJobs, nextDueJob, scheduleJobs } from './job-queue';

/** The services' Timers port over the job queue: a timer is a row in the jobs table. */
export const jobTimers: Timers = {
  schedule: (tx, now, ...timers) => scheduleJobs(tx, now, timers),
  cancel: (tx, now, keyPrefix) => cancelJobs(tx, now, keyPrefix),
  nextDue: (db, keyPrefix) => nextDueJob(db, keyPrefix),
};
