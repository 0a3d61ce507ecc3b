import type { ViewSubmitAction } from '@slack/bolt';
import { AccordError } from '../../../errors';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import type { Reply } from '../../../messages/types';
import type { Inbound, RequestServices, Surface } from '../../pipeline';

/** A form submission as the pipeline runs it: the submitter, in the channel the form came from. */
export function submitted(
  body: ViewSubmitAction,
  channelId: string | undefined,
  context: Record<string, unknown> = {},
): Inbound {
  return {
    who: { userId: body.user.id, userTeam: body.user.team_id },
    channelId,
    context: { userId: body.user.id, channelId, ...context },
  };
}

/**
 * Tells the submitter of a form privately in the channel the form came from, since a DM may not
 * reach someone of another organisation; when the form names no channel, as a notice (a DM,
 * re-routed to one of their projects if Slack refuses it).
 */
export function tellSubmitter(
  services: RequestServices,
  userId: string,
  channelId: string | undefined,
): (reply: Reply) => Promise<void> {
  return async (reply) => {
    await services.db.transaction((tx) =>
      channelId
        ? services.gateway.postEphemeral(tx, channelId, userId, { text: reply.text })
        : sendPersonNotice(tx, services.gateway, { userId, message: { text: reply.text }, privacy: 'person' }),
    );
    services.afterCommit();
  };
}

/**
 * The work of a form submission after its acknowledgement (Slack closes the form on the ack), so
 * a refusal has no form to be shown in: it reaches the submitter as tellSubmitter says.
 */
export function afterFormAck(
  services: RequestServices,
  userId: string,
  channelId: string | undefined,
): Surface<unknown> {
  const tell = tellSubmitter(services, userId, channelId);
  return {
    done: () => undefined,
    refused: async (reply, err) => {
      if (!(err instanceof AccordError)) services.log.warn('form submission failed', { userId, err });
      await tell(reply);
    },
  };
}
