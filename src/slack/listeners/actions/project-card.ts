import type { App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { projectCardScores, projectCardStatements, projectOfCard } from '../../../services/projects/card-answers';
import type { ServiceContext } from '../../../services/context';
import { raiseModal } from '../../../messages/escalation';
import { addRiskModal, projectCardHelp } from '../../../messages/project-card';
import { escapeText } from '../../../messages/mrkdwn';
import { runRequest, type RequestServices } from '../../pipeline';
import { scoreReply, scoreTableReply } from '../../commands/scores';
import { statementReply } from '../../../messages/settlement/statement';

import { actionIds } from '../../../messages/ids';
import { openForm } from '../modal-flow';
import { recordIdOf } from '../record-id';
import { clicked, respondWithRetry, toClicker } from '../respond';
import type { Reply } from '../../../messages/types';

type Args = SlackActionMiddlewareArgs<BlockButtonAction>;

/** A person of another organisation has no slash command to fall back on: the mention is the way. */
const FORM_DID_NOT_OPEN = ':warning: Slack would not open the form. Mention Accord instead, e.g. `@Accord escalate sev2 Orders failing` or `@Accord risk add "<title>"`.';

const joined = (replies: Reply[]): Reply => ({ text: replies.map((r) => r.text).join('\n\n') });

/**
 * The buttons of the project card. They reach Accord from everyone in the channel, people of a
 * partner's own Slack organisation included (their clicks carry `user.team_id`), and each checks
 * that its value is the project of the channel it was pressed in. The forms open (loading) before
 * any database work; the answers are ephemeral, for the clicker only, through response_url.
 */
export function registerProjectCardButtons(app: App, services: RequestServices): void {
  const form = (actionId: string, title: string, build: (ctx: ServiceContext, projectId: number) => Promise<Parameters<typeof services.views.update>[1]>) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }: Args) => {
      await ack();
      const log = services.log.child({ action: actionId, userId: body.user.id });
      const outcome = await openForm(services, clicked(body, { action: actionId, value: action.value }), body.trigger_id, title, {
        verb: (ctx) => build(ctx, recordIdOf(action.value)),
      });
      if (outcome.kind === 'not-opened') await respondWithRetry(respond, { text: FORM_DID_NOT_OPEN }, log, { replace_original: false });
      if (outcome.kind === 'refused' && !outcome.shown) await respondWithRetry(respond, outcome.reply, log, { replace_original: false });
    });

  form(actionIds.cardRaiseEscalation, 'Escalate', async (ctx, projectId) => {
    const { project } = await projectOfCard({ ctx, input: { projectId, action: 'raiseEscalation' } });
    return raiseModal(project.channelId, project.name);
  });
  form(actionIds.cardAddRisk, 'Add risk', async (ctx, projectId) => {
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
    return r.results.length > 0 ? joined(r.results.map(scoreReply)) : { text: 'Your partner has no score in this project yet.' };
  });
  answer(actionIds.cardStatement, async (ctx, projectId) => {
    const { views, partners } = await projectCardStatements({ ctx, input: { projectId } });
    if (views.length > 0) return joined(views.map(statementReply));
    const whose = ctx.actor.role === 'partner' ? 'your partner' : partners.map((p) => escapeText(p.name)).join(', ') || 'this project’s partners';
    return { text: `There is no ${ctx.actor.role === 'partner' ? 'approved ' : ''}statement for ${whose} yet. Statements are built at each settlement and shown to partners once approved.` };
  });
  answer(actionIds.cardHelp, async (ctx, projectId) => {
    const { project } = await projectOfCard({ ctx, input: { projectId, action: 'seeProject' } });
    return { text: projectCardHelp(project.slug) };
  });
}
