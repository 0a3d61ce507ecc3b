import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerFormFor } from '../../../services/checkins/answers';
import { riskFromProblem } from '../../../services/risks/risk-from-problem';

import { refreshHome } from '../../../services/home/refresh-home';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import { answerModal } from '../../../messages/checkin/message';
import { answerFormNotOpened, answerFormTitle } from '../../../messages/checkin/replies';
import { runRequest, type RequestServices } from '../../pipeline';
import { actionIds } from '../../../messages/ids';
import { clicked, respondWithRetry, toClicker } from '../respond';
import { recordIdOf } from '../record-id';
import { openForm } from '../modal-flow';
import type { Reply } from '../../../messages/types';
import { problemAlreadyRisk } from '../../../messages/risk';

/** **Answer** opens the run's own form; **Make “…” a risk** records a reported problem. */
export function registerCheckinButtons(app: App, services: RequestServices): void {
  app.action<BlockButtonAction>(
    actionIds.checkinAnswer,
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: action.action_id, userId: body.user.id });
      const onHome = body.view?.type === 'home';
      // The form is opened (loading) before the run is looked up; a refusal is then shown in it. The
      // same button sits on the App Home, where Slack gives no response_url: what cannot be shown in
      // a modal goes by DM there, and the page is redrawn, so a check-in that closed meanwhile leaves it.
      const outcome = await openForm(
        services,
        clicked(body, { action: action.action_id, value: action.value }),
        body.trigger_id,
        answerFormTitle,
        {
          verb: async (ctx) => {
            const { run, previous } = await answerFormFor({ ctx, input: { runId: recordIdOf(action.value) } });
            return answerModal(run.id, run.questions, previous, body.channel?.id);
          },
        },
      );
      const tell = async (reply: Reply) => {
        if (!onHome) return respondWithRetry(respond, reply, log, { replace_original: false });
        await services.db.transaction((tx) =>
          sendPersonNotice(tx, services.gateway, {
            userId: body.user.id,
            message: { text: reply.text },
            privacy: 'person',
          }),
        );
        services.afterCommit();
      };
      if (outcome.kind === 'not-opened') await tell(answerFormNotOpened());
      if (outcome.kind === 'refused' && !outcome.shown) await tell(outcome.reply);
      if (outcome.kind === 'refused' && onHome && outcome.ctx) {
        await refreshHome({ ctx: outcome.ctx }).catch((err: unknown) =>
          log.warn('could not redraw the App Home after a refusal', { err }),
        );
        services.afterCommit();
      }
    },
  );

  app.action<BlockButtonAction>(
    new RegExp(`^${actionIds.riskFromProblem.replace('.', '\\.')}:`),
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
      await ack();
      const log = services.log.child({ action: action.action_id, userId: body.user.id });
      const [runId, reporter, area] = String(action.value).split(':');
      await runRequest(
        services,
        clicked(body, { action: action.action_id, value: action.value }),
        {
          verb: async (ctx) => {
            const r = await riskFromProblem({
              ctx,
              input: { runId: recordIdOf(runId), reporter: reporter ?? '', area: area ?? '' },
            });
            return r.created ? undefined : problemAlreadyRisk(r.risk.id);
          },
        },
        toClicker(respond, log),
      );
    },
  );
}
