import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideRecommendation } from '../../../services/scores/decide-recommendation';
import { recommendationDecidedReply } from '../../../messages/score';
import { runRequest, type RequestServices } from '../../pipeline';
import { actionIds } from '../../../messages/ids';
import { clicked, toClicker } from '../respond';
import { recordIdOf } from '../record-id';

/** Apply / Dismiss on a lifecycle recommendation sent to the vendor admins. */
export function registerRecommendationButtons(app: App, services: RequestServices): void {
  for (const [actionId, decision] of [
    [actionIds.recommendationApply, 'applied'],
    [actionIds.recommendationDismiss, 'dismissed'],
  ] as const) {
    app.action<BlockButtonAction>(
      actionId,
      async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        const log = services.log.child({ action: actionId, userId: body.user.id });
        await runRequest(
          services,
          clicked(body, { action: actionId, recommendation: action.value }),
          {
            verb: async (ctx) =>
              recommendationDecidedReply(
                await decideRecommendation({ ctx, input: { id: recordIdOf(action.value), decision } }),
              ),
          },
          toClicker(respond, log),
        );
      },
    );
  }
}
