import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

import { raiseEscalation } from '../../../services/escalations/raise';
import { resolveEscalation } from '../../../services/escalations/resolve-escalation';
import { usageOf } from '../../commands/registry';
import { runRequest, type RequestServices } from '../../pipeline';
import { afterFormAck, submitted } from './after-ack';
import { inputIds, viewIds } from '../../../messages/ids';
import { escalationFormErrors } from '../../../messages/escalation/replies';
import { isSeverity } from '../../../domain/escalations/state';

type Values = ViewSubmitAction['view']['state']['values'];
const textOf = (values: Values, id: string) => values[id]?.[id]?.value?.trim() ?? '';
const selectedOf = (values: Values, id: string) => values[id]?.[id]?.selected_option?.value ?? '';

/**
 * Form submissions. Missing fields are answered inside the form (it stays open); everything
 * else runs after the ack, and a refusal reaches the person privately in the form's channel (by DM
 * when the form names none), since a closed form has no reply channel.
 */
export function registerEscalationViews(app: App, services: RequestServices): void {
  app.view<ViewSubmitAction>(
    viewIds.escalationRaise,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
      const values = view.state.values;
      const severity = selectedOf(values, inputIds.severity);
      const title = textOf(values, inputIds.title);
      if (!isSeverity(severity) || title === '') {
        await ack({
          response_action: 'errors',
          errors: {
            ...(isSeverity(severity) ? {} : { [inputIds.severity]: escalationFormErrors.severity }),
            ...(title === '' ? { [inputIds.title]: escalationFormErrors.title } : {}),
          },
        });
        return;
      }
      await ack();
      const activity = textOf(values, inputIds.activity);
      const channelId = view.private_metadata || undefined;
      // The form does what `/escalate` does, so its refusals end with the same usage line.
      await runRequest(
        services,
        submitted(body, channelId),
        {
          verb: (ctx) =>
            raiseEscalation({
              ctx,
              input: {
                project: undefined,
                severity,
                title,
                activity: activity === '' ? undefined : activity,
                requestKey: `view:${view.id}`,
              },
            }),
          usage: usageOf('escalate'),
        },
        afterFormAck(services, body.user.id, channelId),
      );
    },
  );

  app.view<ViewSubmitAction>(
    viewIds.escalationResolve,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
      const summary = textOf(view.state.values, inputIds.summary);
      if (summary === '') {
        await ack({ response_action: 'errors', errors: { [inputIds.summary]: escalationFormErrors.summary } });
        return;
      }
      await ack();
      await runRequest(
        services,
        submitted(body, undefined),
        { verb: (ctx) => resolveEscalation({ ctx, input: { id: Number(view.private_metadata), summary } }) },
        afterFormAck(services, body.user.id, undefined),
      );
    },
  );
}
