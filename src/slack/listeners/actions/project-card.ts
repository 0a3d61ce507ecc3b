import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { projectOfCard } from '../../../services/projects/card-answers';
import { projectCardScores } from '../../../services/projects/card-scores';
import { projectCardStatements } from '../../../services/projects/card-statements';
import type { ServiceContext } from '../../../services/context';
import { raiseModal } from '../../../messages/escalation/message';
import { addRiskModal, projectCardFormTitles, projectCardReplies } from '../../../messages/project-card';
import { runRequest, type RequestServices } from '../../pipeline';
import { scoreReplies, scoreReply, scoreTableReply } from '../../../messages/score';
import { statementReply } from '../../../messages/settlement/statement';

import { actionIds } from '../../../messages/ids';
import { openForm } from '../modal-flow';
import { recordIdOf } from '../record-id';
import { clicked, respondWithRetry, toClicker } from '../respond';
import type { Reply } from '../../../messages/types';

type Args = SlackActionMiddlewareArgs<BlockButtonAction>;

const joined = (replies: Reply[]): Reply => ({ text: replies.map((r) => r.text).join('\n\n') });

/**
 * The buttons of the project card. They reach Accord from everyone in the channel, people of a
 * partner's own Slack organisation included (their clicks carry `user.team_id`), and each checks
 * that its value is the project of the channel it was pressed in. The forms open (loading) before
 * any database work; the answers are ephemeral, for the clicker only, through response_url.
 */
export function registerProjectCardButtons(app: App, services: RequestServices): void {
  const form = (
    actionId: string,
    title: string,
    build: (ctx: ServiceContext, projectId: number) => Promise<Parameters<typeof services.views.update>[1]>,
  ) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }: Args) => {
      await ack();
      const log = services.log.child({ action: actionId, userId: body.user.id });
      const outcome = await openForm(
        services,
        clicked(body, { action: actionId, value: action.value }),
        body.trigger_id,
        title,
        {
          verb: (ctx) => build(ctx, recordIdOf(action.value)),
        },
      );
      if (outcome.kind === 'not-opened')
        await respondWithRetry(respond, projectCardReplies.formDidNotOpen(), log, { replace_original: false });
      if (outcome.kind === 'refused' && !outcome.shown)
        await respondWithRetry(respond, outcome.reply, log, { replace_original: false });
    });

  form(actionIds.cardRaiseEscalation, projectCardFormTitles.raiseEscalation, async (ctx, projectId) => {
    const { project } = await projectOfCard({ ctx, input: { projectId, action: 'raiseEscalation' } });
    return raiseModal(project.channelId, project.name);
  });
  form(actionIds.cardAddRisk, projectCardFormTitles.addRisk, async (ctx, projectId) => {
    const { project } = await projectOfCard({ ctx, input: { projectId, action: 'contribute' } });
    return addRiskModal(project.channelId, project.name);
  });

  const answer = (actionId: string, work: (ctx: ServiceContext, projectId: number) => Promise<Reply>) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }: Args) => {
      await ack();
      const log = services.log.child({ action: actionId, userId: body.user.id });
      // Reading scores and statements can take a while: it waits its turn after the ack.
      await runRequest(
        services,
        { ...clicked(body, { action: actionId, value: action.value }), queued: true },
        async () => {
          const projectId = recordIdOf(action.value);
          return { verb: (ctx) => work(ctx, projectId) };
        },
        toClicker(respond, log),
      );
    });

  answer(actionIds.cardScore, async (ctx, projectId) => {
    const r = await projectCardScores({ ctx, input: { projectId } });
    if (r.kind === 'table') return scoreTableReply(r.period, r.rows);
    return r.results.length > 0 ? joined(r.results.map(scoreReply)) : scoreReplies.noneInProject();
  });
  answer(actionIds.cardStatement, async (ctx, projectId) => {
    const { views, partners } = await projectCardStatements({ ctx, input: { projectId } });
    if (views.length > 0) return joined(views.map(statementReply));
    return projectCardReplies.noStatement(
      ctx.actor.role === 'partner',
      partners.map((p) => p.name),
    );
  });
  answer(actionIds.cardHelp, async (ctx, projectId) => {
    const { project } = await projectOfCard({ ctx, input: { projectId, action: 'seeProject' } });
    return projectCardReplies.help(project.slug);
  });
}
