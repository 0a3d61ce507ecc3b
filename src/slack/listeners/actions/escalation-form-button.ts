import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { escalationFormNeedsChannel, escalationFormNotOpened } from '../../blocks/mention-replies';
import { raiseModal } from '../../blocks/escalation';
import type { RequestServices } from '../../commands/execute';
import { actionIds } from '../../ids';
import { respondWithRetry } from '../respond';

/**
 * **Raise escalation**: opens the escalation form for the channel the button is in. It is how a
 * mention (`@Accord escalate` with nothing after it), which brings no trigger_id, gets to a form;
 * the click does bring one. Opening it reads nothing, so it happens at once, well inside Slack's
 * 3-second trigger window; who may raise what is checked when the form is submitted.
 */
export function registerEscalationFormButton(app: App, services: RequestServices): void {
  app.action<BlockButtonAction>(actionIds.escalationOpenForm, async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const log = services.log.child({ action: actionIds.escalationOpenForm, userId: body.user.id });
    const channelId = body.channel?.id;
    if (!channelId) {
      await respondWithRetry(respond, escalationFormNeedsChannel(), log, { replace_original: false });
      return;
    }
    const opened = await services.views.open(body.trigger_id, raiseModal(channelId));
    if (!opened) await respondWithRetry(respond, escalationFormNotOpened(), log, { replace_original: false });
  });
}
