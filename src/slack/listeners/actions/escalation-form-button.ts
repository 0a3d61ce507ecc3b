import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { escalationFormNeedsChannel, escalationFormNotOpened } from '../../../messages/mention-replies';
import { raiseModal } from '../../../messages/escalation/message';
import type { RequestServices } from '../../pipeline';
import { actionIds } from '../../../messages/ids';
import { openForm } from '../modal-flow';
import { clicked, respondWithRetry } from '../respond';

/**
 * **Raise escalation**: opens the escalation form for the channel the button is in. It is how a
 * mention (`@Accord escalate` with nothing after it), which brings no trigger_id, gets to a form;
 * the click does bring one. The form reads nothing, so it is in place as soon as the loading view
 * is; who may raise what is checked when the form is submitted.
 */
export function registerEscalationFormButton(app: App, services: RequestServices): void {
  app.action<BlockButtonAction>(
    actionIds.escalationOpenForm,
    async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: actionIds.escalationOpenForm, userId: body.user.id });
      const channelId = body.channel?.id;
      if (!channelId) {
        await respondWithRetry(respond, escalationFormNeedsChannel(), log, { replace_original: false });
        return;
      }
      const view = raiseModal(channelId);
      const title = view.type === 'modal' ? view.title.text : 'Accord';
      const outcome = await openForm(
        services,
        clicked(body, { action: actionIds.escalationOpenForm }),
        body.trigger_id,
        title,
        { result: view },
      );
      if (outcome.kind === 'not-opened')
        await respondWithRetry(respond, escalationFormNotOpened(), log, { replace_original: false });
    },
  );
}
