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
