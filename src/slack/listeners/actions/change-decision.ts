import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideChange, type ChangeDecision } from '../../../services/changes/decide-change';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { actionIds } from '../../ids';
import { respondWithRetry } from '../respond';

/**
 * Approve / Reject on a change request. Thin: acknowledges at once, hands the decision to the
 * service verb, and tells only the clicker when it was refused (the channel sees the decision
 * through the updated message).
 */
export function registerChangeDecision(app: App, services: RequestServices): void {
  const handle = (decision: ChangeDecision) =>
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: action.action_id, userId: body.user.id });
      const id = Number(action.value);
      try {
        if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`change request button without a valid id: ${String(action.value)}`);
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
