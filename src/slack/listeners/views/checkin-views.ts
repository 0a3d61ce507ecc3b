import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { AccordError } from '../../../errors';
import { answerCheckin } from '../../../services/checkins/answers';
import { refreshHome } from '../../../services/home/refresh-home';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { viewIds } from '../../ids';

type Values = ViewSubmitAction['view']['state']['values'];

/** Each input's block_id and action_id are the question id; choices and text both become strings. */
function formValues(values: Values): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const field = actions[blockId];
    out[blockId] = field?.selected_option?.value ?? field?.value ?? undefined;
  }
  return out;
}

/**
 * The answer form. Validation runs against the run's question snapshot before the form closes,
 * so a missing answer is shown next to its question; the answer is saved in the same step.
 */
export function registerCheckinViews(app: App, services: RequestServices): void {
  app.view<ViewSubmitAction>(viewIds.checkinAnswer, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const log = services.log.child({ userId: body.user.id, view: viewIds.checkinAnswer });
    try {
      const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, undefined);
      const result = await answerCheckin({ ctx, input: { runId: Number(view.private_metadata), via: 'form', values: formValues(view.state.values) } });
      if (result.errors) {
        await ack({ response_action: 'errors', errors: result.errors });
        return;
      }
      await ack();
      services.afterCommit();
      // The App Home lists what waits for this person's answer; this one no longer does.
      await refreshHome({ ctx }).catch((err: unknown) => log.warn('could not redraw the App Home after an answer', { err }));
      services.afterCommit();
    } catch (err) {
      const reply = replyForError(err, log, {});
      if (err instanceof AccordError) {
        // Shown in place of the form, which cannot be saved.
        await ack({
          response_action: 'update',
          view: {
            type: 'modal',
            title: { type: 'plain_text', text: 'Check-in' },
            close: { type: 'plain_text', text: 'Close' },
            blocks: [{ type: 'section', text: { type: 'mrkdwn', text: reply.text } }],
          },
        });
      } else {
        await ack();
        await services.db.transaction((tx) => sendPersonNotice(tx, services.gateway, { userId: body.user.id, message: { text: reply.text }, privacy: 'person' }));
        services.afterCommit();
      }
    }
  });
}
