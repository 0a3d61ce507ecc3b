import { CHECKIN_OCCURRENCE_JOB, runCheckinOccurrence, type CheckinDeps } from '../services/checkins/runs';
import type { JobHandler } from './job-queue';

/** A check-in schedule's occurrence: posts the run and queues the next occurrence. */
export const kind = CHECKIN_OCCURRENCE_JOB;

export function handler(deps: CheckinDeps): JobHandler {
  return ({ tx, job, now, log }) =>
    runCheckinOccurrence(tx, deps, now, log, {
      scheduleId: Number(job.payload.scheduleId),
      generation: Number(job.payload.generation),
      occurrence: new Date(String(job.payload.occurrence)),
    });
}
