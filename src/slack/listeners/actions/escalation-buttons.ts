import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ServiceContext } from '../../../services/context';
import { acknowledgeEscalation } from '../../../services/escalations/acknowledge-escalation';
import { checkCanResolve } from '../../../services/escalations/check-can-resolve';
import { escalateNow } from '../../../services/escalations/escalate-now';
import { upgradeEscalation } from '../../../services/escalations/upgrade-escalation';
import { resolveModal } from '../../../messages/escalation/message';
import {
  escalatedNowReply,
  resolveFormNotOpened,
  resolveFormTitle,
  upgradedReply,
} from '../../../messages/escalation/replies';
import { runRequest, type RequestServices } from '../../pipeline';
import { actionIds } from '../../../messages/ids';
import { clicked, respondWithRetry, toClicker } from '../respond';
import { recordIdOf } from '../record-id';
import { openForm } from '../modal-flow';

type Work = (ctx: ServiceContext, id: number) => Promise<string | undefined>;

/**
 * The buttons on an escalation's message. Thin: ack at once, hand over to the service verb, and
 * tell only the clicker when something was refused or needs saying; the channel sees the change
 * through the updated message and the thread.
 */
export function registerEscalationButtons(app: App, services: RequestServices): void {
  const on = (actionId: string, work: Work) =>
    app.action<BlockButtonAction>(
      actionId,
      async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
        await ack();
        const log = services.log.child({ action: actionId, userId: body.user.id });
        await runRequest(
          services,
          clicked(body, { action: actionId, escalationId: action.value }),
          async () => {
            const id = recordIdOf(action.value);
            return {
              verb: async (ctx) => {
                const note = await work(ctx, id);
                return note ? { text: note } : undefined;
              },
            };
          },
          toClicker(respond, log),
        );
      },
    );
  on(actionIds.escalationAcknowledge, async (ctx, id) => {
    await acknowledgeEscalation({ ctx, input: { id } });
    return undefined;
  });
  // Resolve asks for a summary in a modal, opened (loading) before the escalation is looked up.
  app.action<BlockButtonAction>(
    actionIds.escalationResolve,
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: actionIds.escalationResolve, userId: body.user.id });
      const outcome = await openForm(
        services,
        clicked(body, { action: actionIds.escalationResolve }),
        body.trigger_id,
        resolveFormTitle,
        async () => {
          const id = recordIdOf(action.value);
          return {
            verb: async (ctx) => {
              const { title } = await checkCanResolve({ ctx, input: { id } });
              return resolveModal(id, title);
            },
          };
        },
      );
      if (outcome.kind === 'not-opened')
        await respondWithRetry(respond, resolveFormNotOpened(action.value), log, { replace_original: false });
      if (outcome.kind === 'refused' && !outcome.shown)
        await respondWithRetry(respond, outcome.reply, log, { replace_original: false });
    },
  );
  on(actionIds.escalationEscalate, async (ctx, id) => {
    const r = await escalateNow({ ctx, input: { id } });
    return escalatedNowReply(r.id, r.level);
  });
  on(actionIds.escalationUpgrade, async (ctx, id) => {
    const r = await upgradeEscalation({ ctx, input: { id } });
    return upgradedReply(r.id);
  });
}
