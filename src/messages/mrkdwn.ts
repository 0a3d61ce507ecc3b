import type { KnownBlock } from '@slack/types';

// Slack's documented limits. A message over them is refused outright (invalid_blocks), so the
// builders cut text down instead of letting the post fail in the outbox.
export const SECTION_TEXT_LIMIT = 3000;
export const MESSAGE_BLOCK_LIMIT = 50;
export const MODAL_BLOCK_LIMIT = 100;
export const BUTTON_TEXT_LIMIT = 75;
export const MESSAGE_TEXT_LIMIT = 40_000;

/**
 * Escapes user-supplied text for mrkdwn: `&`, `<` and `>` are the only characters Slack parses
 * for mentions and links, so `<!channel>` or `<https://evil|bank>` become harmless text.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts at a character boundary (never inside a surrogate pair) and marks the cut. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = limit - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * Cuts to `max` code points (never UTF-16 units, so an emoji is never split), the `…` taking the
 * last place.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

export interface EchoOptions {
  /** Most code points shown; default 40. */
  max?: number;
  /**
   * How a cut shows: `within` gives the `…` the last of the `max` places (the default), `after`
   * adds it after `max` code points, `none` cuts silently.
   */
  cut?: 'within' | 'after' | 'none';
  /** Before the cut: `flatten` turns whitespace runs into one space and trims (the default), `trim` only trims, `keep` leaves it. */
  space?: 'flatten' | 'trim' | 'keep';
  /** In a code span (the default); `false` when the caller writes the backticks around it. */
  span?: boolean;
}

/**
 * What the user typed, echoed in an error message: short, and inert. Backticks become `'` so the
 * text cannot close the code span early; escapeText stops it pinging a channel or becoming a link.
 * The options exist because callers' error texts differ in length and framing, and tests pin them.
 */
export function echo(text: string, options: EchoOptions = {}): string {
  const { max = 40, cut = 'within', space = 'flatten', span = true } = options;
  const spaced = space === 'flatten' ? text.replace(/\s+/g, ' ').trim() : space === 'trim' ? text.trim() : text;
  let shown = spaced;
  if (cut === 'within') shown = shorten(spaced, max);
  else {
    const points = Array.from(spaced);
    if (points.length > max) shown = `${points.slice(0, max).join('')}${cut === 'after' ? '…' : ''}`;
  }
  const inert = escapeText(shown.replace(/`/g, "'"));
  return span ? `\`${inert}\`` : inert;
}

export const mentionUser = (userId: string) => `<@${userId}>`;
export const mentionChannel = (channelId: string) => `<#${channelId}>`;

export function section(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_TEXT_LIMIT) } };
}

export function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, SECTION_TEXT_LIMIT) }] };
}

/** Splits long mrkdwn into as many sections as needed, at line breaks where possible. */
export function sections(mrkdwn: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let rest = mrkdwn;
  while (rest.length > SECTION_TEXT_LIMIT) {
    const nl = rest.lastIndexOf('\n', SECTION_TEXT_LIMIT);
    const at = nl > SECTION_TEXT_LIMIT / 2 ? nl : SECTION_TEXT_LIMIT;
    blocks.push(section(rest.slice(0, at)));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length > 0) blocks.push(section(rest));
  return blocks.slice(0, MESSAGE_BLOCK_LIMIT);
}
