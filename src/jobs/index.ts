import type { AccordSettings } from '../services/context';
import type { SlackGateway, Timers } from '../services/ports';
import * as certificationReminder from './certification-reminder';
import * as checkinOccurrence from './checkin-occurrence';
import * as checkinRun from './checkin-run';
import * as escalationTimer from './escalation-timer';
import * as invitationFollowUp from './invitation-follow-up';
import type { JobHandler } from './job-queue';
import * as lifecycleReview from './lifecycle-review';
import * as prune from './prune';

/** What the handlers need from the composition root. */
export interface JobDeps {
  gateway: SlackGateway;
  settings: AccordSettings;
  timers: Timers;
}

/**
 * The handler of every job kind, by the kind stored in its rows (one file per kind in this
 * folder). A kind's string must never change: pending rows in existing databases carry it.
 */
export function jobHandlers(deps: JobDeps): Record<string, JobHandler> {
  return {
    [prune.kind]: prune.handler(),
    [certificationReminder.kind]: certificationReminder.handler(deps),
    [escalationTimer.kind]: escalationTimer.handler(deps),
    [checkinOccurrence.kind]: checkinOccurrence.handler(deps),
    [checkinRun.kind]: checkinRun.handler(deps),
    [lifecycleReview.kind]: lifecycleReview.handler(deps),
    [invitationFollowUp.kind]: invitationFollowUp.handler(deps),
  };
}
