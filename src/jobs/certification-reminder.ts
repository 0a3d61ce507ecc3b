import { CERT_REMINDER_JOB } from '../services/partners/record-certification';
import { sendCertificationReminder } from '../services/partners/send-certification-reminder';
import type { SlackGateway } from '../services/ports';
import type { JobHandler } from './job-queue';

/** A reminder, 30 and 7 days ahead, that a partner's certification expires. */
export const kind = CERT_REMINDER_JOB;

export function handler(deps: { gateway: SlackGateway }): JobHandler {
  return ({ tx, job }) =>
    sendCertificationReminder(tx, deps.gateway, {
      certificationId: Number(job.payload.certificationId),
      days: Number(job.payload.days),
    });
}
