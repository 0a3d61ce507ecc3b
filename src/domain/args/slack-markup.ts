import type { Token } from './token';

/** Slack's escaping and its `<…>` sequences (mentions, channels, user groups, specials, links). */

const ENTITY_RE = /&(amp|lt|gt);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };
const URL_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const SLACK_ID_RE = /^[A-Z0-9]+$/;

/** Undoes Slack's escaping in a single pass, so `&amp;lt;` becomes `&lt;` and not `<`. */
export function unescapeSlack(text: string): string {
  return text.replace(ENTITY_RE, (_match, name: string) => ENTITIES[name] ?? '');
}

/**
 * Finds the `>` closing a Slack `<…>` sequence. Remembered positions only move forward, which keeps
 * a whole scan linear even for text full of unmatched `<`.
 */
export class BracketFinder {
  private nextGt = -1;
  private nextLt = -1;

  constructor(private readonly text: string) {}

  /** Index of the `>` closing the `<` at `open`, or -1 when that `<` is just a character. */
  closeOf(open: number): number {
    const n = this.text.length;
    if (this.nextGt <= open) this.nextGt = indexOrEnd(this.text, '>', open + 1, n);
    if (this.nextLt <= open) this.nextLt = indexOrEnd(this.text, '<', open + 1, n);
    // Slack never nests these, so a `<` before the `>` means the first one is not an opener.
    if (this.nextGt === n || this.nextLt < this.nextGt) return -1;
    return this.nextGt;
  }
}

function indexOrEnd(text: string, ch: string, from: number, end: number): number {
  const index = text.indexOf(ch, from);
  return index === -1 ? end : index;
}

type SlackId = { id: string; label?: string };

/**
 * Interprets the inside of a Slack `<…>` sequence, or undefined when it is none we know.
 * `unescape` is the identity for text that was already unescaped, so nothing is unescaped twice.
 */
export function parseAngle(inner: string, unescape: (s: string) => string): Token | undefined {
  const bar = inner.indexOf('|');
  const body = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : unescape(inner.slice(bar + 1));
  const idToken = (prefix: string): SlackId | undefined => {
    const id = body.slice(prefix.length);
    if (!SLACK_ID_RE.test(id)) return undefined;
    return label === '' ? { id } : { id, label };
  };

  if (body.startsWith('@')) {
    const ref = idToken('@');
    return ref && { kind: 'user', ...ref };
  }
  if (body.startsWith('#')) {
    const ref = idToken('#');
    return ref && { kind: 'channel', ...ref };
  }
  if (body.startsWith('!subteam^')) {
    const ref = idToken('!subteam^');
    return ref && { kind: 'usergroup', ...ref };
  }
  if (body === '!channel' || body === '!here' || body === '!everyone') {
    return { kind: 'special', value: body.slice(1) as 'channel' | 'here' | 'everyone' };
  }
  if (URL_SCHEME_RE.test(body)) {
    const url = unescape(body);
    return label === '' ? { kind: 'link', url } : { kind: 'link', url, label };
  }
  return undefined;
}
