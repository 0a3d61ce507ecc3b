import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

import { addRisk } from '../../../services/risks/add-risk';
import type { ServiceContext } from '../../../services/context';
import { runRequest, type RequestServices } from '../../pipeline';
import { inputIds, viewIds } from '../../../messages/ids';
import { afterFormAck, submitted } from './after-ack';
import { riskFormTitleMissing } from '../../../messages/risk';
import { riskLabel } from '../../../domain/checkins/risks';

type Values = ViewSubmitAction['view']['state']['values'];
const textOf = (values: Values, id: string) => values[id]?.[id]?.value?.trim() ?? '';
const selectedOf = (values: Values, id: string) => values[id]?.[id]?.selected_option?.value ?? undefined;

/** What the form takes, said the way `/accord risk add` would: a refusal ends with it. */
const FORM_USAGE = '/accord risk add "<title>" [category=<area>|other] [likelihood=1-5] [impact=1-5] [mitigation="…"]';

/**
 * *Add risk* from the project card. An empty title is answered inside the form; everything else
 * (the risk rules, the project, permissions) runs after the ack, through the same verb as
 * `/accord risk add`, which announces the risk in the channel. A refusal is told privately there.
 */
export function registerRiskViews(app: App, services: RequestServices): void {
  app.view<ViewSubmitAction>(
    viewIds.riskAdd,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
      const values = view.state.values;
      const title = textOf(values, inputIds.title);
      if (title === '') {
        await ack({ response_action: 'errors', errors: { [inputIds.title]: riskFormTitleMissing } });
        return;
      }
      await ack();
      const channelId = /^[CG][A-Z0-9]+$/.test(view.private_metadata) ? view.private_metadata : undefined;
      const mitigation = textOf(values, inputIds.mitigation);
      // The form names its channel; the project is the one of that channel, as for a command typed there.
      const verb = async (ctx: ServiceContext) => {
        const risk = await addRisk({
          ctx,
          input: {
            project: undefined,
            title,
            category: selectedOf(values, inputIds.riskCategory),
            likelihood: selectedOf(values, inputIds.likelihood),
            impact: selectedOf(values, inputIds.impact),
            mitigation: mitigation === '' ? undefined : mitigation,
            owner: undefined,
          },
        });
        ctx.log.info('risk added from the project card', { risk: riskLabel(risk.id) });
      };
      await runRequest(
        services,
        submitted(body, channelId),
        { verb, usage: FORM_USAGE },
        afterFormAck(services, body.user.id, channelId),
      );
    },
  );
}
