import type { Logger } from '../../logger';

import type { SlackView, Reply } from '../../messages/types';
import { loadingModal, noticeModal } from '../../messages/modals';
import { replyForError, type RequestServices } from '../commands/execute';

import type { OpenView } from '../../services/ports';

/** `shown` is false when a refusal could not be put in the modal (closed meanwhile): say it elsewhere. */
export type ModalOutcome = { kind: 'filled' } | { kind: 'refused'; reply: Reply; shown: boolean } | { kind: 'not-opened' };

/**
 * Every modal Accord opens starts here. Slack honours a trigger_id for three seconds only
 * (https://api.slack.com/surfaces/modals: a trigger_id "expires in 3 seconds"), and the database
 * may take longer than that, so a small loading view is opened first, before any database work.
 */
export async function openLoadingModal(services: RequestServices, triggerId: string | undefined, title: string): Promise<OpenView | undefined> {
  return triggerId ? services.views.openLoading(triggerId, loadingModal(title)) : undefined;
}

/**
 * Runs `fill` (the database work) and puts the view it returns in place of the loading one, by
 * view id and hash (views.update). A refusal is shown in the modal itself, where the person is
 * looking.
 */
export async function fillModal(services: RequestServices, log: Logger, open: OpenView, title: string, fill: () => Promise<SlackView>): Promise<ModalOutcome> {
  let view: SlackView;
  let refusal: Reply | undefined;
  try {
    view = await fill();
  } catch (err) {
    refusal = replyForError(err, log, { viewId: open.id });
    view = noticeModal(title, refusal.text);
  }
  // False when the person closed the modal meanwhile.
  const shown = await services.views.update(open, view);
  if (!shown) log.info('a modal could not be filled in; it was probably closed', { title });
  return refusal ? { kind: 'refused', reply: refusal, shown } : { kind: 'filled' };
}

/** Loading view first, then `fill`; when Slack would not open even the loading view, nothing is done. */
export async function openModal(services: RequestServices, log: Logger, triggerId: string | undefined, title: string, fill: () => Promise<SlackView>): Promise<ModalOutcome> {
  const open = await openLoadingModal(services, triggerId, title);
  if (!open) return { kind: 'not-opened' };
  return fillModal(services, log, open, title, fill);
}
