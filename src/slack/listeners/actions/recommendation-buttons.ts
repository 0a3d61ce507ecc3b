import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decideRecommendation } from '../../../services/scores/lifecycle';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { actionIds } from '../../../messages/ids';
import { respondWithRetry } from '../respond';
import { recordIdOf } from '../record-id';

/** Apply / Dismiss on a lifecycle recommendation sent to the vendor admins. */
export function registerRecommendationButtons(app: App, services: RequestServices): void {
  for (const [actionId, decision] of [
    [actionIds.recommendationApply, 'applied'],
    [actionIds.recommendationDismiss, 'dismissed'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: actionId, userId: body.user.id });
      try {
        const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
        const r = await decideRecommendation({ ctx, input: { id: recordIdOf(action.value), decision } });
        services.afterCommit();
        await respondWithRetry(respond, { text: `:white_check_mark: ${r.summary}` }, log, { replace_original: false });
      } catch (err) {
        await respondWithRetry(respond, replyForError(err, log, { recommendation: action.value }), log, { replace_original: false });
      }
    });
  }
}
