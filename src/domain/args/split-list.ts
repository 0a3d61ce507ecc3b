import { BracketFinder, parseAngle } from './slack-markup';
import type { Token } from './token';

/**
 * Splits an already-unescaped comma list such as `<@U1|a>,vendor,acme` (a word value from parseArgs)
 * into tokens. Commas inside `<…>` do not split, empty items are dropped, items are trimmed; items
 * are not unescaped again. Never throws.
 */
export function splitList(value: string): Token[] {
  if (typeof value !== 'string') return [];
  const finder = new BracketFinder(value);
  const out: Token[] = [];
  let itemStart = 0;
  const flush = (end: number): void => {
    const item = value.slice(itemStart, end);
    const trimmed = item.trim();
    if (trimmed !== '') out.push(listItem(trimmed));
  };
  let i = 0;
  while (i < value.length) {
    const ch = value.charAt(i);
    if (ch === '<') {
      const close = finder.closeOf(i);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
    } else if (ch === ',') {
      flush(i);
      itemStart = i + 1;
    }
    i++;
  }
  flush(value.length);
  return out;
}

function listItem(item: string): Token {
  if (item.startsWith('<') && item.endsWith('>') && item.indexOf('>') === item.length - 1) {
    // The value was unescaped once already; unescaping again would turn `&amp;lt;` into `<`.
    const token = parseAngle(item.slice(1, -1), (s) => s);
    if (token !== undefined) return token;
  }
  return { kind: 'word', value: item };
}
