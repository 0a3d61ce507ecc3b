import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideChange, type ChangeDecision } from '../../../services/changes/decide-change';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { actionIds } from '../../../messages/ids';
import { respondWithRetry } from '../respond';
import { recordIdOf } from '../record-id';

/**
 * Approve / Reject on a change request. Thin: acknowledges at once, hands the decision to the
 * service verb, and tells only the clicker when it was refused (the channel sees the decision
 * through the updated message).
 */
export function registerChangeDecision(app: App, services: RequestServices): void {
  const handle =
    (decision: ChangeDecision) =>
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: action.action_id, userId: body.user.id });
      let id: number | undefined;
      try {
        id = recordIdOf(action.value);
        const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
        await decideChange({ ctx, input: { changeRequestId: id, decision } });
        services.afterCommit();
      } catch (err) {
        await respondWithRetry(respond, replyForError(err, log, { changeRequestId: id }), log, { replace_original: false });
      }
    };
  app.action<BlockButtonAction>(actionIds.changeApprove, handle('approved'));
  app.action<BlockButtonAction>(actionIds.changeReject, handle('rejected'));
}
