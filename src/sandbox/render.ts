import { EMOJI } from './emoji';

/**
 * Pure rendering for the sandbox: Slack mrkdwn, Block Kit messages and views become plain text
 * lines a person can read in a terminal. Nothing here knows about Accord's features, so whatever
 * Accord posts later renders without changes here.
 */

export { EMOJI };

export type Json = Record<string, unknown>;

/** Looks up display names; undefined falls back to the label Slack sent or the raw id. */
export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/** A button as it was rendered, with what a `block_actions` payload needs to press it. */
export interface ButtonRef {
  actionId: string;
  blockId: string;
  value: string | undefined;
  label: string;
  url: string | undefined;
}

/** Hands out the number a button is printed with; the caller remembers what it points at. */
export type NumberButton = (button: ButtonRef) => number;

/** An input block of a modal, named by the field the user types in `submit field=value`. */
export interface ModalInput {
  field: string;
  blockId: string;
  actionId: string;
  label: string;
  optional: boolean;
  element: Json;
}

export const DIVIDER = '─'.repeat(24);

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');
export const jsonOf = (o: Json, key: string): Json | undefined => (isJson(o[key]) ? o[key] : undefined);
export const jsonListOf = (o: Json, key: string): Json[] => (Array.isArray(o[key]) ? o[key].filter(isJson) : []);

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/** Known emoji codes become the emoji; unknown ones stay as `:code:`, which is still readable. */
export function renderEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, code: string) =>
    Object.hasOwn(EMOJI, code) ? (EMOJI[code] ?? whole) : whole,
  );
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function renderLink(target: string, label: string | undefined): string {
  if (!label || label === target || `mailto:${label}` === target) return label ?? target;
  return `${label} (${target})`;
}

/** One `<…>` sequence of Slack's markup, or undefined when it is not one (then it stays as typed). */
function renderEscape(inner: string, names: Names): string | undefined {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `@${names.user(target.slice(1)) ?? label?.replace(/^@/, '') ?? target.slice(1)}`;
  if (target.startsWith('#'))
    return `#${names.channel(target.slice(1)) ?? label?.replace(/^#/, '') ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return label ?? '@group';
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return renderLink(target, label);
  return undefined;
}

/** mrkdwn → readable text: mentions by name, links with their address, entities undone. */
export function renderMrkdwn(source: string, names: Names): string {
  const replaced = source.replace(/<([^<>\n]+)>/g, (whole, inner: string) => renderEscape(inner, names) ?? whole);
  // One pass, so `&amp;lt;` comes out as `&lt;` (what the author typed) and not as `<`.
  return renderEmoji(replaced.replace(/&(amp|lt|gt);/g, (_whole, name: string) => ENTITIES[name] ?? ''));
}

/** A Block Kit text object (plain_text or mrkdwn). */
export function renderTextObject(value: unknown, names: Names): string {
  if (!isJson(value)) return '';
  const text = textOf(value.text);
  return value.type === 'mrkdwn' ? renderMrkdwn(text, names) : renderEmoji(text);
}

export const blockIdOf = (block: Json, index: number): string => textOf(block.block_id) || `block-${index + 1}`;

function optionsOf(element: Json): Json[] {
  const grouped = jsonListOf(element, 'option_groups').flatMap((group) => jsonListOf(group, 'options'));
  return [...jsonListOf(element, 'options'), ...grouped];
}

export const optionValue = (option: Json): string => textOf(option.value) || textOf(jsonOf(option, 'text')?.text);

function renderButton(element: Json, blockId: string, numberButton: NumberButton, names: Names): string {
  const label = renderTextObject(element.text, names) || 'button';
  const url = textOf(element.url) || undefined;
  const value = typeof element.value === 'string' ? element.value : undefined;
  const n = numberButton({ actionId: textOf(element.action_id) || `${blockId}-button`, blockId, value, label, url });
  return `(${n}) ${label}${url ? ` (${url})` : ''}`;
}

/** Selects, pickers and menus are shown but cannot be pressed; only buttons get a number. */
function renderOtherElement(element: Json, names: Names): string {
  const placeholder = renderTextObject(element.placeholder, names);
  const options = optionsOf(element).map((o) => renderTextObject(o.text, names));
  const detail = [placeholder && `“${placeholder}”`, options.length > 0 && options.join(' | ')]
    .filter(Boolean)
    .join(': ');
  return `[${textOf(element.type) || 'element'}${detail ? ` ${detail}` : ''}]`;
}

function renderElement(element: Json, blockId: string, names: Names, numberButton: NumberButton): string {
  return element.type === 'button'
    ? renderButton(element, blockId, numberButton, names)
    : renderOtherElement(element, names);
}

function renderSection(block: Json, blockId: string, names: Names, numberButton: NumberButton): string[] {
  const text = renderTextObject(block.text, names);
  const fields = jsonListOf(block, 'fields').map((f) => renderTextObject(f, names));
  const accessory = jsonOf(block, 'accessory');
  const accessoryLine =
    accessory && accessory.type !== 'image' ? [renderElement(accessory, blockId, names, numberButton)] : [];
  return [...(text ? text.split('\n') : []), ...fields.flatMap((f) => f.split('\n')), ...accessoryLine];
}

function renderContext(block: Json, names: Names): string[] {
  const parts = jsonListOf(block, 'elements').map((e) =>
    e.type === 'image' ? `[${textOf(e.alt_text) || 'image'}]` : renderTextObject(e, names),
  );
  const line = parts.filter(Boolean).join('  ');
  return line ? line.split('\n') : [];
}

function renderActions(block: Json, blockId: string, names: Names, numberButton: NumberButton): string[] {
  const parts = jsonListOf(block, 'elements').map((e) => renderElement(e, blockId, names, numberButton));
  return parts.length > 0 ? [parts.join('  ')] : [];
}

function renderRichInline(element: Json, names: Names): string {
  switch (element.type) {
    case 'text':
      return textOf(element.text);
    case 'link':
      return renderLink(textOf(element.url), textOf(element.text) || undefined);
    case 'user':
      return `@${names.user(textOf(element.user_id)) ?? textOf(element.user_id)}`;
    case 'channel':
      return `#${names.channel(textOf(element.channel_id)) ?? textOf(element.channel_id)}`;
    case 'emoji':
      return renderEmoji(`:${textOf(element.name)}:`);
    case 'broadcast':
      return `@${textOf(element.range)}`;
    case 'usergroup':
      return '@group';
    default:
      return textOf(element.fallback) || textOf(element.text);
  }
}

function renderRichElement(element: Json, names: Names): string[] {
  const inline = () =>
    jsonListOf(element, 'elements')
      .map((e) => renderRichInline(e, names))
      .join('');
  switch (element.type) {
    case 'rich_text_list': {
      const ordered = element.style === 'ordered';
      return jsonListOf(element, 'elements').flatMap((item, i) => {
        const [first = '', ...rest] = renderRichElement(item, names);
        return [`${ordered ? `${i + 1}.` : '•'} ${first}`, ...rest];
      });
    }
    case 'rich_text_quote':
      return inline()
        .split('\n')
        .map((l) => `> ${l}`);
    default:
      return inline().split('\n');
  }
}

export function inputOf(block: Json, index: number, names: Names): ModalInput | undefined {
  const element = jsonOf(block, 'element');
  if (block.type !== 'input' || !element) return undefined;
  const blockId = blockIdOf(block, index);
  const actionId = textOf(element.action_id) || `${blockId}-input`;
  const field = textOf(block.block_id) || textOf(element.action_id) || `input-${index + 1}`;
  return {
    field,
    blockId,
    actionId,
    label: renderTextObject(block.label, names) || field,
    optional: block.optional === true,
    element,
  };
}

/** What the user types after `field=` for this kind of input. */
export function inputSyntax(element: Json, names: Names): string {
  const values = optionsOf(element).map(optionValue);
  const type = textOf(element.type);
  if (['static_select', 'external_select', 'radio_buttons'].includes(type)) return `one of ${values.join(', ')}`;
  if (['multi_static_select', 'multi_external_select', 'checkboxes'].includes(type))
    return `any of ${values.join(', ')} (comma-separated)`;
  if (type.includes('users_select')) return type.startsWith('multi') ? '@user,@user' : '@user';
  if (type.includes('conversations_select') || type.includes('channels_select'))
    return type.startsWith('multi') ? '#channel,#channel' : '#channel';
  const fixed: Record<string, string> = {
    datepicker: 'YYYY-MM-DD',
    timepicker: 'HH:MM',
    datetimepicker: 'YYYY-MM-DDTHH:MMZ',
    number_input: 'a number',
  };
  const placeholder = renderTextObject(element.placeholder, names);
  return fixed[type] ?? (placeholder ? `text, e.g. “${placeholder}”` : 'text');
}

function renderInput(block: Json, index: number, names: Names): string[] {
  const input = inputOf(block, index, names);
  if (!input) return [`[input block]`];
  const hint = renderTextObject(block.hint, names);
  const line = `▹ ${input.label}${input.optional ? ' (optional)' : ''}: ${input.field}=… (${inputSyntax(input.element, names)})`;
  return hint ? [line, `  ${hint}`] : [line];
}

function renderBlock(block: Json, index: number, names: Names, numberButton: NumberButton): string[] {
  const blockId = blockIdOf(block, index);
  switch (block.type) {
    case 'section':
      return renderSection(block, blockId, names, numberButton);
    case 'header':
      return [`== ${renderTextObject(block.text, names)} ==`];
    case 'divider':
      return [DIVIDER];
    case 'context':
      return renderContext(block, names);
    case 'actions':
      return renderActions(block, blockId, names, numberButton);
    case 'image':
      return [`[image: ${textOf(block.alt_text) || renderTextObject(block.title, names) || 'no description'}]`];
    case 'input':
      return renderInput(block, index, names);
    case 'rich_text':
      return jsonListOf(block, 'elements').flatMap((e) => renderRichElement(e, names));
    default:
      return [`[${textOf(block.type) || 'unknown'} block]`];
  }
}

export function renderBlocks(blocks: readonly unknown[], names: Names, numberButton: NumberButton): string[] {
  return blocks.flatMap((block, index) => (isJson(block) ? renderBlock(block, index, names, numberButton) : []));
}

/** A file a message shares; `text` is its content when it is text. */
export interface SharedFile {
  name: string;
  title?: string | undefined;
  text?: string | undefined;
}

/** Small CSVs are shown inline, as Slack previews them; anything else by name only. */
const INLINE_CSV_LINES = 20;

/** `📎 title (name)`, and for a short CSV its lines as a code block. */
export function renderFiles(files: readonly SharedFile[]): string[] {
  return files.flatMap((file) => {
    const label = file.title && file.title !== file.name ? `${file.title} (${file.name})` : file.name;
    const lines = (file.text ?? '').replace(/\r?\n$/, '').split(/\r?\n/);
    const inline = /\.csv$/i.test(file.name) && file.text && lines.length <= INLINE_CSV_LINES;
    return [`📎 ${label}`, ...(inline ? ['```', ...lines, '```'] : [])];
  });
}

/** Blocks when there are any (that is what Slack shows), else the fallback text; then shared files. */
export function renderMessage(
  content: { text: string; blocks?: readonly unknown[] | undefined; files?: readonly SharedFile[] | undefined },
  names: Names,
  numberButton: NumberButton,
): string[] {
  const files = renderFiles(content.files ?? []);
  const fromBlocks =
    content.blocks && content.blocks.length > 0 ? renderBlocks(content.blocks, names, numberButton) : [];
  if (fromBlocks.length > 0) return [...fromBlocks, ...files];
  // A file shared without a comment is the whole message.
  if (!content.text && files.length > 0) return files;
  return [...renderMrkdwn(content.text, names).split('\n'), ...files];
}

export function modalInputs(view: Json, names: Names): ModalInput[] {
  return jsonListOf(view, 'blocks').flatMap((block, index) => inputOf(block, index, names) ?? []);
}

export function viewTitle(view: Json, names: Names): string {
  return renderTextObject(view.title, names) || (view.type === 'home' ? 'App Home' : 'Untitled');
}

/** A home tab or modal; modals end with the `submit …` line that fills them in. */
export function renderView(view: Json, names: Names, numberButton: NumberButton): string[] {
  const lines = renderBlocks(jsonListOf(view, 'blocks'), names, numberButton);
  if (view.type !== 'modal') return lines;
  const inputs = modalInputs(view, names);
  if (!isJson(view.submit) && inputs.length === 0) return lines;
  const submitLabel = renderTextObject(view.submit, names) || 'Submit';
  if (inputs.length === 0) return [...lines, `[${submitLabel}] — type: submit`];
  return [...lines, `[${submitLabel}] — type: submit ${inputs.map((i) => `${i.field}=…`).join(' ')}`];
}
