import { followUpInvitation } from '../services/projects/invitations';
import { INVITATION_FOLLOW_UP_JOB, type InvitationFollowUp } from '../services/projects/invite';
import type { SlackGateway, Timers } from '../services/ports';
import type { JobHandler } from './job-queue';

/** A Slack Connect invitation nobody answered: sent again, twice, then left to the project's owner. */
export const kind = INVITATION_FOLLOW_UP_JOB;

export function handler(deps: { gateway: SlackGateway; timers: Timers }): JobHandler {
  return ({ tx, job, now }) => followUpInvitation(tx, deps, now, job.payload as unknown as InvitationFollowUp);
}
