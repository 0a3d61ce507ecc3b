import {
  ESCALATION_TIMER_JOB,
  runEscalationTimer,
  type EscalationTimerDeps,
  type TimerType,
} from '../services/escalations/timers';
import type { JobHandler } from './job-queue';

/** Every SLA timer of an escalation: the acknowledgement ladder, both warnings and the breach ladder. */
export const kind = ESCALATION_TIMER_JOB;

export function handler(deps: EscalationTimerDeps): JobHandler {
  return ({ tx, job, now }) =>
    runEscalationTimer(tx, deps, now, {
      escalationId: Number(job.payload.escalationId),
      generation: Number(job.payload.generation ?? 0),
      type: job.payload.type as TimerType,
      step: Number(job.payload.step ?? 0),
      dueAt: job.dueAt,
    });
}
