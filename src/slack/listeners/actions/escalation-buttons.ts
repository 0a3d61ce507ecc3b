import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ServiceContext } from '../../../services/context';
import { acknowledgeEscalation, checkCanResolve, escalateNow, upgradeEscalation } from '../../../services/escalations/transitions';
import { resolveModal } from '../../../messages/escalation';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { actionIds } from '../../../messages/ids';
import { respondWithRetry } from '../respond';
import { recordIdOf } from '../record-id';
import { openModal } from '../modal-flow';

type Work = (ctx: ServiceContext, id: number) => Promise<string | undefined>;

/**
 * The buttons on an escalation's message. Thin: ack at once, hand over to the service verb, and
 * tell only the clicker when something was refused or needs saying; the channel sees the change
 * through the updated message and the thread.
 */
export function registerEscalationButtons(app: App, services: RequestServices): void {
  const on = (actionId: string, work: Work) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: actionId, userId: body.user.id });
      let id: number | undefined;
      try {
        id = recordIdOf(action.value);
        const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
        const note = await work(ctx, id);
        services.afterCommit();
        if (note) await respondWithRetry(respond, { text: note }, log, { replace_original: false });
      } catch (err) {
        await respondWithRetry(respond, replyForError(err, log, { escalationId: id }), log, { replace_original: false });
      }
    });
  on(actionIds.escalationAcknowledge, async (ctx, id) => {
    await acknowledgeEscalation({ ctx, input: { id } });
    return undefined;
  });
  // Resolve asks for a summary in a modal, opened (loading) before the escalation is looked up.
  app.action<BlockButtonAction>(actionIds.escalationResolve, async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const log = services.log.child({ action: actionIds.escalationResolve, userId: body.user.id });
    const outcome = await openModal(services, log, body.trigger_id, 'Resolve', async () => {
      const id = recordIdOf(action.value);
      const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
      const { title } = await checkCanResolve({ ctx, input: { id } });
      return resolveModal(id, title);
    });
    if (outcome.kind === 'not-opened') {
      const label = /^[1-9]\d{0,15}$/.test(action.value ?? '') ? `ESC-${action.value ?? ''}` : 'ESC-<n>';
      await respondWithRetry(
        respond,
        { text: `:warning: Slack would not open the form; reply \`resolved: <summary>\` in the thread, or use \`/accord escalation resolve ${label} "<summary>"\`.` },
        log,
        { replace_original: false },
      );
    }
    if (outcome.kind === 'refused' && !outcome.shown) await respondWithRetry(respond, outcome.reply, log, { replace_original: false });
  });
  on(actionIds.escalationEscalate, async (ctx, id) => {
    const r = await escalateNow({ ctx, input: { id } });
    return `:rotating_light: ${r.label} escalated to level ${r.level}.`;
  });
  on(actionIds.escalationUpgrade, async (ctx, id) => {
    const r = await upgradeEscalation({ ctx, input: { id } });
    return `:arrow_up: ${r.label} upgraded.`;
  });
}
