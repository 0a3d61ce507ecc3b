import { jsonListOf, jsonOf, optionValue, textOf, type Json, type ModalInput } from '../render';
import { parseStartTime } from './parse';

/** What `submit field=value …` puts in `view.state.values`, as Slack builds it from a filled-in modal. */

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
const ID_PICKERS: Readonly<Record<string, { key: string; many: boolean; kind: 'user' | 'channel' }>> = {
  users_select: { key: 'selected_user', many: false, kind: 'user' },
  multi_users_select: { key: 'selected_users', many: true, kind: 'user' },
  conversations_select: { key: 'selected_conversation', many: false, kind: 'channel' },
  multi_conversations_select: { key: 'selected_conversations', many: true, kind: 'channel' },
  channels_select: { key: 'selected_channel', many: false, kind: 'channel' },
  multi_channels_select: { key: 'selected_channels', many: true, kind: 'channel' },
};
const PICKER_KEYS: Readonly<Record<string, string>> = {
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
};

export interface IdResolver {
  user(text: string): string | undefined;
  channel(text: string): string | undefined;
}

/** The key Slack puts an input's value under in `view.state.values`. */
function stateKeyOf(type: string): string {
  if (SINGLE_OPTION.has(type)) return 'selected_option';
  if (MULTI_OPTION.has(type)) return 'selected_options';
  return ID_PICKERS[type]?.key ?? PICKER_KEYS[type] ?? 'value';
}

function initialOf(element: Json, stateKey: string): unknown {
  const initial = element[stateKey === 'value' ? 'initial_value' : stateKey.replace('selected_', 'initial_')];
  if (initial !== undefined) return initial;
  return stateKey.endsWith('s') ? [] : null;
}

function optionsOf(element: Json): Json[] {
  return [
    ...jsonListOf(element, 'options'),
    ...jsonListOf(element, 'option_groups').flatMap((g) => jsonListOf(g, 'options')),
  ];
}

function findOption(element: Json, raw: string): Json | undefined {
  const wanted = raw.toLowerCase();
  return optionsOf(element).find(
    (o) => optionValue(o).toLowerCase() === wanted || textOf(jsonOf(o, 'text')?.text).toLowerCase() === wanted,
  );
}

const splitList = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseOptions(element: Json, raw: string, many: boolean): Parsed {
  const wanted = many ? splitList(raw) : [raw];
  const found = wanted.map((w) => findOption(element, w));
  const missing = wanted.find((_w, i) => !found[i]);
  if (missing !== undefined)
    return { ok: false, error: `“${missing}” is not one of ${optionsOf(element).map(optionValue).join(', ')}.` };
  return { ok: true, value: many ? found : found[0] };
}

function parseIds(raw: string, picker: { many: boolean; kind: 'user' | 'channel' }, resolve: IdResolver): Parsed {
  const wanted = picker.many ? splitList(raw) : [raw];
  const ids = wanted.map((w) => resolve[picker.kind](w));
  const missing = wanted.find((_w, i) => !ids[i]);
  if (missing !== undefined) return { ok: false, error: `There is no ${picker.kind} “${missing}” in the sandbox.` };
  return { ok: true, value: picker.many ? ids : ids[0] };
}

function parsePlain(type: string, raw: string): Parsed {
  if (type === 'datepicker' && !/^\d{4}-\d{2}-\d{2}$/.test(raw))
    return { ok: false, error: `“${raw}” is not a date such as 2026-03-02.` };
  if (type === 'timepicker' && !/^\d{2}:\d{2}$/.test(raw))
    return { ok: false, error: `“${raw}” is not a time such as 09:30.` };
  if (type === 'number_input' && (raw === '' || Number.isNaN(Number(raw))))
    return { ok: false, error: `“${raw}” is not a number.` };
  if (type === 'datetimepicker') {
    const at = parseStartTime(raw);
    return at
      ? { ok: true, value: Math.floor(at.getTime() / 1000) }
      : { ok: false, error: `“${raw}” is not a time such as 2026-03-02T09:00Z.` };
  }
  return { ok: true, value: raw };
}

function parseInputValue(element: Json, raw: string, resolve: IdResolver): Parsed {
  const type = textOf(element.type);
  if (SINGLE_OPTION.has(type) || MULTI_OPTION.has(type)) return parseOptions(element, raw, MULTI_OPTION.has(type));
  const picker = ID_PICKERS[type];
  return picker ? parseIds(raw, picker, resolve) : parsePlain(type, raw);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** `view.state.values` as Slack builds it: every input, typed values where given, initial values elsewhere. */
export function buildStateValues(
  inputs: readonly ModalInput[],
  given: ReadonlyMap<string, string>,
  resolve: IdResolver,
): Record<string, Record<string, Json>> | string {
  const unknown = [...given.keys()].find(
    (key) => !inputs.some((i) => [i.field, i.blockId, i.actionId].some((name) => name.toLowerCase() === key)),
  );
  if (unknown !== undefined)
    return `The modal has no field “${unknown}”. Fields: ${inputs.map((i) => i.field).join(', ') || 'none'}.`;
  const values: Record<string, Record<string, Json>> = {};
  for (const input of inputs) {
    const type = textOf(input.element.type);
    const stateKey = stateKeyOf(type);
    const raw =
      given.get(input.field.toLowerCase()) ??
      given.get(input.blockId.toLowerCase()) ??
      given.get(input.actionId.toLowerCase());
    const parsed: Parsed =
      raw === undefined
        ? { ok: true, value: initialOf(input.element, stateKey) }
        : parseInputValue(input.element, raw, resolve);
    if (!parsed.ok) return `${input.label}: ${parsed.error}`;
    if (!input.optional && isEmpty(parsed.value))
      return `Slack will not submit yet: “${input.label}” (${input.field}) is required.`;
    values[input.blockId] = {
      [input.actionId]: { type, [stateKey]: isEmpty(parsed.value) && !stateKey.endsWith('s') ? null : parsed.value },
    };
  }
  return values;
}
