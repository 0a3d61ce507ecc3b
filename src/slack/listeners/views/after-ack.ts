import { AccordError } from '../../../errors';
import type { ServiceContext } from '../../../services/context';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';

export type AfterFormAck = (userId: string, userTeam: string | undefined, channelId: string | undefined, work: (ctx: ServiceContext) => Promise<void>) => Promise<void>;

/**
 * The work of a form submission after its acknowledgement (Slack closes the form on the ack). A
 * refusal reaches the person privately in the channel the form came from, since a DM may not reach
 * someone of another organisation; when the form names no channel, as a notice (a DM, re-routed
 * to one of their projects if Slack refuses it).
 */
export function afterFormAck(services: RequestServices): AfterFormAck {
  return async (userId, userTeam, channelId, work) => {
    const log = services.log.child({ userId });
    try {
      const ctx = await buildContext(services, { userId, userTeam }, channelId);
      await work(ctx);
      services.afterCommit();
    } catch (err) {
      const reply = replyForError(err, log, { channelId });
      if (!(err instanceof AccordError)) log.warn('form submission failed', { err });
      await services.db.transaction((tx) =>
        channelId ? services.gateway.postEphemeral(tx, channelId, userId, { text: reply.text }) : sendPersonNotice(tx, services.gateway, { userId, message: { text: reply.text }, privacy: 'person' }),
      );
      services.afterCommit();
    }
  };
}
