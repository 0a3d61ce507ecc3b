import type { SlackView, Reply } from '../../messages/types';
import { loadingModal, noticeModal } from '../../messages/modals';
import type { ServiceContext } from '../../services/context';
import type { OpenView } from '../../services/ports';
import { runRequest, type Inbound, type RequestServices, type Step } from '../pipeline';

/**
 * `shown` is false when a refusal could not be put in the modal (closed meanwhile): say it
 * elsewhere. `duplicate`: a delivery handled before, which says nothing.
 */
export type ModalOutcome =
  | { kind: 'filled' }
  | { kind: 'refused'; reply: Reply; shown: boolean; ctx: ServiceContext | undefined }
  | { kind: 'not-opened' }
  | { kind: 'duplicate' };

/**
 * Every modal Accord opens goes through here. Slack honours a trigger_id for three seconds only
 * (https://api.slack.com/surfaces/modals: a trigger_id "expires in 3 seconds"), and the database
 * may take longer than that, so a small loading view is opened first, before any database work
 * (the delivery claim included). Then the request runs, and the view it returns takes the loading
 * one's place (views.update, by view id and hash); a refusal is shown in the modal itself, where
 * the person is looking. When Slack would not open even the loading view, nothing is run.
 */
export async function openForm(
  services: RequestServices,
  inbound: Inbound,
  triggerId: string | undefined,
  title: string,
  step: Step<SlackView> | (() => Promise<Step<SlackView>>),
): Promise<ModalOutcome> {
  const open = triggerId ? await services.views.openLoading(triggerId, loadingModal(title)) : undefined;
  let outcome: ModalOutcome = { kind: 'duplicate' };
  const show = async (at: OpenView, view: SlackView) => {
    // False when the person closed the modal meanwhile.
    const shown = await services.views.update(at, view);
    if (!shown)
      services.log.info('a modal could not be filled in; it was probably closed', { ...inbound.context, title });
    return shown;
  };
  // Not opened: still claimed, so a second delivery of the same command does not say so again.
  await runRequest<SlackView | undefined>(services, inbound, open ? step : { result: undefined }, {
    done: async (view) => {
      if (!open || !view) outcome = { kind: 'not-opened' };
      else {
        await show(open, view);
        outcome = { kind: 'filled' };
      }
    },
    refused: async (reply, _err, ctx) => {
      outcome = { kind: 'refused', reply, shown: open ? await show(open, noticeModal(title, reply.text)) : false, ctx };
    },
  });
  return outcome;
}
