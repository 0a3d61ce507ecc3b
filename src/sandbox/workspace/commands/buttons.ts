import { jsonOf, modalInputs, textOf, type Json, type ModalInput } from '../../render';
import type { SignedResponse } from '../../slack-driver';
import { clickNotDeliveredLines, INDENT, preview } from '../lines';
import { buildStateValues } from '../modal-state';
import { parseAssignments } from '../parse';
import { VENDOR_TEAM } from '../people';
import type { Session } from '../session';
import type { ButtonSource } from '../transcript';
import { newTriggerId, nowTs, responseIdOf } from './ids';

/** press and submit: a button in a message, an ephemeral or a view, and the open modal's form. */

function payloadUser(s: Session): Json {
  return { id: s.user.id, username: s.user.name, name: s.user.name, team_id: s.user.teamId };
}

function basePayload(s: Session, type: string): Json {
  return {
    type,
    token: 'legacy-verification-token',
    api_app_id: 'A0ACCORD',
    team: { id: VENDOR_TEAM, domain: 'vendor' },
    user: payloadUser(s),
    trigger_id: newTriggerId(),
    is_enterprise_install: false,
  };
}

function containerOf(s: Session, source: ButtonSource, responseUrl: string): Json {
  const channel = (id: string) => ({ id, name: s.names.channel(id) ?? id });
  if (source.kind === 'view') {
    return {
      container: { type: 'view', view_id: source.viewId },
      view: { ...source.view, id: source.viewId, team_id: VENDOR_TEAM, state: { values: {} } },
    };
  }
  if (source.kind === 'ephemeral') {
    return {
      container: { type: 'message', message_ts: nowTs(), channel_id: source.channel, is_ephemeral: true },
      channel: channel(source.channel),
      response_url: responseUrl,
    };
  }
  const current = s.standIn.messageAt(source.channel, source.ts);
  const message = {
    type: 'message',
    user: current?.user,
    ts: source.ts,
    text: current?.text ?? '',
    blocks: current?.blocks ?? [],
    ...(current?.threadTs ? { thread_ts: current.threadTs } : {}),
  };
  return {
    container: { type: 'message', message_ts: source.ts, channel_id: source.channel, is_ephemeral: false },
    channel: channel(source.channel),
    message,
    response_url: responseUrl,
  };
}

export async function press(s: Session, rest: string): Promise<string[]> {
  const n = /^\(?(\d+)\)?$/.exec(rest)?.[1];
  const target = n ? s.transcript.buttons.get(Number(n)) : undefined;
  if (!target)
    return [
      `There is no button ${rest ? `(${preview(rest)})` : 'number'}; buttons show as (n) in Accord's messages. Type: press <n>`,
    ];
  const { driver } = s.started();
  const { ref, source } = target;
  const responseUrl = s.standIn.newResponseUrl();
  const channel = source.kind === 'view' ? s.channel : source.channel;
  if (source.kind === 'message' && !s.standIn.canSee(s.user.id, channel)) {
    const name = s.standIn.channels.get(channel)?.name ?? channel;
    return [
      `(only you) Slack: ${s.user.name} cannot see #${name}, so there is no button (${n}) for them to press.`,
      `${INDENT}"channels" lists the channels and who is in them.`,
    ];
  }
  const postOnly = s.standIn.interactionRefusal(s.user.teamId, channel);
  if (postOnly !== undefined) return clickNotDeliveredLines(postOnly);
  s.transcript.origins.set(responseIdOf(responseUrl), {
    userId: s.user.id,
    channel,
    message: source.kind === 'message' ? source.number : undefined,
  });
  const action = {
    type: 'button',
    action_id: ref.actionId,
    block_id: ref.blockId,
    text: { type: 'plain_text', text: ref.label },
    action_ts: nowTs(),
    ...(ref.value !== undefined ? { value: ref.value } : {}),
    ...(ref.url ? { url: ref.url } : {}),
  };
  const res = await driver.interaction({
    ...basePayload(s, 'block_actions'),
    ...containerOf(s, source, responseUrl),
    actions: [action],
    state: { values: {} },
  });
  const pressed = `You pressed “${ref.label}”${ref.url ? ` (Slack also opens ${ref.url})` : ''}.`;
  const refused = res.status === 200 ? [] : [`Accord did not acknowledge the button (HTTP ${res.status}).`];
  const after = await s.settleAndFlush();
  return [pressed, ...refused, ...(after.length > 0 || refused.length > 0 ? after : ['(nothing visible happened)'])];
}

export async function submit(s: Session, rest: string): Promise<string[]> {
  const modal = s.transcript.modal;
  if (!modal) return ['No modal is open. Modals open when a button or command asks for details.'];
  const given = parseAssignments(rest);
  if (typeof given === 'string') return [given];
  const inputs = modalInputs(modal.view, s.names);
  const values = buildStateValues(inputs, given, s.resolver);
  if (typeof values === 'string') return [values];
  const { driver } = s.started();
  const view = {
    ...modal.view,
    id: modal.id,
    team_id: VENDOR_TEAM,
    state: { values },
    hash: `hash-${modal.id}`,
    root_view_id: modal.id,
    previous_view_id: null,
    app_id: 'A0ACCORD',
    bot_id: 'B0ACCORD',
  };
  const res = await driver.interaction({ ...basePayload(s, 'view_submission'), view, response_urls: [] });
  const answer = submissionLines(s, res, inputs);
  return [...answer, ...(await s.settleAndFlush())];
}

function submissionLines(s: Session, res: SignedResponse, inputs: readonly ModalInput[]): string[] {
  if (res.status !== 200) return [`Accord did not take the submission (HTTP ${res.status}); the modal stays open.`];
  const body = res.json ?? {};
  const modal = s.transcript.modal;
  const next = jsonOf(body, 'view');
  if (body.response_action === 'errors') {
    const errors = Object.entries(jsonOf(body, 'errors') ?? {}).map(
      ([blockId, error]) => `${INDENT}${inputs.find((i) => i.blockId === blockId)?.label ?? blockId}: ${textOf(error)}`,
    );
    return ['Accord kept the modal open:', ...errors];
  }
  if ((body.response_action === 'update' || body.response_action === 'push') && next && modal)
    return s.transcript.modalLines(modal.id, next, 'now shows');
  if (modal) s.standIn.closeView(modal.id);
  s.transcript.modal = undefined;
  return ['(the modal closed)'];
}
