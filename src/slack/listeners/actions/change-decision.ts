import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideChange, type ChangeDecision } from '../../../services/changes/decide-change';
import { runRequest, type RequestServices } from '../../pipeline';
import { actionIds } from '../../../messages/ids';
import { clicked, toClicker } from '../respond';
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
      await runRequest(
        services,
        clicked(body, { action: action.action_id, changeRequestId: action.value }),
        async () => {
          const changeRequestId = recordIdOf(action.value);
          return {
            verb: async (ctx) => {
              await decideChange({ ctx, input: { changeRequestId, decision } });
              return undefined;
            },
          };
        },
        toClicker(respond, log),
      );
    };
  app.action<BlockButtonAction>(actionIds.changeApprove, handle('approved'));
  app.action<BlockButtonAction>(actionIds.changeReject, handle('rejected'));
}
