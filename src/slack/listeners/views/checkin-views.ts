import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Question } from '../../../domain/checkins/questions';
import { answerCheckin } from '../../../services/checkins/answers';
import { refreshHome } from '../../../services/home/refresh-home';
import { runRequest, type RequestServices } from '../../pipeline';
import { viewIds } from '../../../messages/ids';
import { answerNotRecorded } from '../../../messages/checkin/replies';
import { submitted, tellSubmitter } from './after-ack';
import { validateAnswer } from '../../../domain/checkins/answers';

type Values = ViewSubmitAction['view']['state']['values'];

/** Each input's block_id and action_id are the question id; choices and text both become strings. */
function formValues(values: Values): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const field = actions[blockId];
    out[blockId] = field?.selected_option?.value ?? field?.value ?? undefined;
  }
  return out;
}

const inputBlock = z.object({
  type: z.literal('input'),
  block_id: z.string(),
  optional: z.boolean().optional(),
  element: z.object({
    type: z.string(),
    options: z.array(z.object({ value: z.string(), text: z.object({ text: z.string() }) })).optional(),
  }),
});

/**
 * The questions as the form itself asks them: Slack sends the submitted view's blocks back, so
 * what is required and which choices exist can be checked without the database.
 */
function questionsOfForm(blocks: unknown): Question[] {
  const list = Array.isArray(blocks) ? blocks : [];
  return list.flatMap((b: unknown): Question[] => {
    const parsed = inputBlock.safeParse(b);
    if (!parsed.success) return [];
    const { block_id: id, optional, element } = parsed.data;
    const options = element.options?.map((o) => ({ value: o.value, label: o.text.text }));
    return [
      {
        id,
        label: id,
        type: element.type === 'static_select' ? 'choice' : 'text',
        ...(options ? { options } : {}),
        optional: optional ?? false,
      },
    ];
  });
}

/** `<run>` or `<run>:<channel>`, as answerModal writes it. */
function metadataOf(text: string): { runId: number; channelId: string | undefined } {
  const [run = '', channel] = text.split(':');
  return {
    runId: /^[1-9]\d{0,15}$/.test(run) ? Number(run) : 0,
    channelId: channel && /^[CGD][A-Z0-9]+$/.test(channel) ? channel : undefined,
  };
}

/**
 * The answer form. What can be checked from the form alone (a required answer missing, a choice
 * that is not offered) is answered inside the form, which stays open; then the submission is
 * acknowledged at once, and the answer is saved after the acknowledgement. What happens then is
 * told privately in the channel the form came from (an ephemeral, which reaches people of another
 * organisation too), or by DM when it came from the App Home.
 */
export function registerCheckinViews(app: App, services: RequestServices): void {
  app.view<ViewSubmitAction>(
    viewIds.checkinAnswer,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
      const log = services.log.child({ userId: body.user.id, view: viewIds.checkinAnswer });
      const values = formValues(view.state.values);
      const quick = validateAnswer(
        { kind: 'sync', version: 1, title: '', questions: questionsOfForm(view.blocks) },
        values,
      );
      if (!quick.ok) {
        await ack({ response_action: 'errors', errors: quick.errors });
        return;
      }
      await ack();
      const { runId, channelId } = metadataOf(view.private_metadata);
      const tell = tellSubmitter(services, body.user.id, channelId);
      await runRequest(
        services,
        submitted(body, channelId, { runId }),
        { verb: (ctx) => answerCheckin({ ctx, input: { runId, via: 'form', values } }) },
        {
          done: async (result, ctx) => {
            // The form matched its own questions, so only a changed check-in gets here.
            if (result.errors) await tell(answerNotRecorded(result.errors));
            if (!ctx) return;
            // The App Home lists what waits for this person's answer; this one no longer does.
            await refreshHome({ ctx }).catch((err: unknown) =>
              log.warn('could not redraw the App Home after an answer', { err }),
            );
            services.afterCommit();
          },
          refused: tell,
        },
      );
    },
  );
}
