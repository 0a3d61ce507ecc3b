import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerFormFor } from '../../../services/checkins/answers';
import { riskFromProblem } from '../../../services/risks/risks';
import { riskLabel } from '../../../domain/checkin';
import { refreshHome } from '../../../services/home/refresh-home';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import type { ServiceContext } from '../../../services/context';
import { answerModal } from '../../blocks/checkin';
import { homeNoticeModal } from '../../blocks/home';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import type { Reply } from '../../commands/types';
import { actionIds } from '../../ids';
import { respondWithRetry } from '../respond';
import { recordIdOf } from '../record-id';

/** **Answer** opens the run's own form; **Make “…” a risk** records a reported problem. */
export function registerCheckinButtons(app: App, services: RequestServices): void {
  app.action<BlockButtonAction>(actionIds.checkinAnswer, async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const log = services.log.child({ action: action.action_id, userId: body.user.id });
    let ctx: ServiceContext | undefined;
    // The same button sits on the App Home, where Slack gives no response_url: a refusal is shown
    // in a small modal instead (a DM when even that fails), and the page is redrawn, so a check-in
    // that closed meanwhile leaves it.
    const tell = async (reply: Reply) => {
      if (body.view?.type !== 'home') return respondWithRetry(respond, reply, log, { replace_original: false });
      if (!(await services.views.open(body.trigger_id, homeNoticeModal(reply.text)))) {
        await services.db.transaction((tx) => sendPersonNotice(tx, services.gateway, { userId: body.user.id, message: { text: reply.text }, privacy: 'person' }));
      }
      if (ctx) await refreshHome({ ctx }).catch((err: unknown) => log.warn('could not redraw the App Home after a refusal', { err }));
      services.afterCommit();
    };
    try {
      ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
      const { run, previous } = await answerFormFor({ ctx, input: { runId: recordIdOf(action.value) } });
      const opened = await services.views.open(body.trigger_id, answerModal(run.id, run.questions, previous));
      if (!opened) await tell({ text: ':warning: Slack would not open the form; reply in the check-in’s thread instead.' });
    } catch (err) {
      await tell(replyForError(err, log, { runId: action.value }));
    }
  });

  app.action<BlockButtonAction>(new RegExp(`^${actionIds.riskFromProblem.replace('.', '\\.')}:`), async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    await ack();
    const log = services.log.child({ action: action.action_id, userId: body.user.id });
    try {
      const [runId, reporter, area] = String(action.value).split(':');
      const ctx = await buildContext(services, { userId: body.user.id, userTeam: body.user.team_id }, body.channel?.id);
      const r = await riskFromProblem({ ctx, input: { runId: recordIdOf(runId), reporter: reporter ?? '', area: area ?? '' } });
      services.afterCommit();
      if (!r.created) await respondWithRetry(respond, { text: `:information_source: That problem is already ${riskLabel(r.risk.id)}.` }, log, { replace_original: false });
    } catch (err) {
      await respondWithRetry(respond, replyForError(err, log, { value: action.value }), log, { replace_original: false });
    }
  });
}
