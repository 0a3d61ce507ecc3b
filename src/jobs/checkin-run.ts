import { CHECKIN_RUN_JOB, runCheckinRunStep, type CheckinDeps } from '../services/checkins/runs';
import type { JobHandler } from './job-queue';

/** A posted check-in's reminder, and its close with the summary. */
export const kind = CHECKIN_RUN_JOB;

export function handler(deps: Pick<CheckinDeps, 'gateway'>): JobHandler {
  return ({ tx, job, now }) =>
    runCheckinRunStep(tx, deps, now, {
      runId: Number(job.payload.runId),
      step: job.payload.step === 'remind' ? 'remind' : 'close',
    });
}
