import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isSeverity } from '../../../domain/escalation';
import { AccordError } from '../../../errors';
import { raiseEscalation } from '../../../services/escalations/raise';
import { resolveEscalation } from '../../../services/escalations/transitions';
import { sendPersonNotice } from '../../../services/notices/person-notice';
import { ESCALATE } from '../../commands/escalations';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';
import { inputIds, viewIds } from '../../ids';

type Values = ViewSubmitAction['view']['state']['values'];
const textOf = (values: Values, id: string) => values[id]?.[id]?.value?.trim() ?? '';
const selectedOf = (values: Values, id: string) => values[id]?.[id]?.selected_option?.value ?? '';

/**
 * Form submissions. Missing fields are answered inside the form (it stays open); everything
 * else runs after the ack, and a refusal reaches the person by DM since a closed form has no
 * reply channel.
 */
export function registerEscalationViews(app: App, services: RequestServices): void {
  const afterAck = async (userId: string, userTeam: string | undefined, channelId: string | undefined, work: (ctx: Awaited<ReturnType<typeof buildContext>>) => Promise<void>) => {
    const log = services.log.child({ userId });
    try {
      const ctx = await buildContext(services, { userId, userTeam }, channelId);
      await work(ctx);
      services.afterCommit();
    } catch (err) {
      const reply = replyForError(err, log, { channelId });
      if (!(err instanceof AccordError)) log.warn('form submission failed', { err });
      // A partner member of another organisation may be out of a DM's reach: then an ephemeral
      // where the form was opened, or in one of their projects.
      await services.db.transaction((tx) => sendPersonNotice(tx, services.gateway, { userId, message: { text: reply.text }, privacy: 'person', ...(channelId ? { channelId } : {}) }));
      services.afterCommit();
    }
  };

  app.view<ViewSubmitAction>(viewIds.escalationRaise, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const values = view.state.values;
    const severity = selectedOf(values, inputIds.severity);
    const title = textOf(values, inputIds.title);
    if (!isSeverity(severity) || title === '') {
      await ack({
        response_action: 'errors',
        errors: { ...(isSeverity(severity) ? {} : { [inputIds.severity]: 'Pick a severity.' }), ...(title === '' ? { [inputIds.title]: 'Say what happened.' } : {}) },
      });
      return;
    }
    await ack();
    const activity = textOf(values, inputIds.activity);
    await afterAck(body.user.id, body.user.team_id, view.private_metadata || undefined, async (ctx) => {
      await raiseEscalation({ ctx, input: { project: undefined, severity, title, activity: activity === '' ? undefined : activity, requestKey: `view:${view.id}`, usage: ESCALATE } });
    });
  });

  app.view<ViewSubmitAction>(viewIds.escalationResolve, async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const summary = textOf(view.state.values, inputIds.summary);
    if (summary === '') {
      await ack({ response_action: 'errors', errors: { [inputIds.summary]: 'Say what was done to resolve it.' } });
      return;
    }
    await ack();
    await afterAck(body.user.id, body.user.team_id, undefined, async (ctx) => {
      await resolveEscalation({ ctx, input: { id: Number(view.private_metadata), summary } });
    });
  });
}
