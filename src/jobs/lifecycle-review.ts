import { LIFECYCLE_JOB, runLifecycleReview, type LifecycleDeps } from '../services/scores/lifecycle';
import type { JobHandler } from './job-queue';

/** The month-end review of the partners' scores; each one queues the next month's. */
export const kind = LIFECYCLE_JOB;

export function handler(deps: LifecycleDeps): JobHandler {
  return ({ tx, job, now }) => runLifecycleReview(tx, deps, now, { period: String(job.payload.period) });
}
