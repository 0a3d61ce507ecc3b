export type ThreadReply =
  { kind: 'acknowledge' } | { kind: 'resolve'; summary: string } | { kind: 'resolve-without-summary' };

const LINE_BREAK_RE = /[\n\r\u2028\u2029]/;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const SPACE_RE = /\s/u;
// Sticky and without nested quantifiers, and a failed attempt cannot run past the next `<` (or past
// the next character outside a shortcode), so a reply full of unmatched brackets or colons stays linear.
const MENTION_RE = /<(?:@|!subteam\^)[A-Z0-9]+(?:\|[^<>]*)?>|<!(?:here|channel|everyone)>/y;
const SHORTCODE_RE = /:[a-z0-9_+'-]+:/y;
// Marks count as part of a word so that "ack" followed by a combining accent is a different word.
const KEYWORD_RE = /(acknowledged|acked|ack|on\s+it|resolved)(?![\p{L}\p{N}\p{M}])/iuy;
const QUESTION_MARKS = '?？';
const SEPARATORS = ':：-–—';

function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function stickyMatchEnd(re: RegExp, text: string, i: number): number {
  re.lastIndex = i;
  return re.test(text) ? re.lastIndex : -1;
}

/** Skips mentions, emoji and punctuation before the first word: "<@U1|bob>: 👍 on it". */
function skipLead(line: string): number {
  let i = 0;
  while (i < line.length) {
    const skipTo = Math.max(stickyMatchEnd(MENTION_RE, line, i), stickyMatchEnd(SHORTCODE_RE, line, i));
    if (skipTo !== -1) {
      i = skipTo;
      continue;
    }
    const ch = charAt(line, i);
    if (WORD_CHAR_RE.test(ch)) break;
    i += ch.length;
  }
  return i;
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && SPACE_RE.test(text.charAt(i))) i++;
  return i;
}

/** `--` stands in for a dash where no dash key is at hand. */
function separatorLength(text: string, i: number): number {
  return text.startsWith('--', i) ? 2 : 1;
}

function resolveWith(summaryText: string): ThreadReply {
  const summary = summaryText.trim();
  return summary === '' ? { kind: 'resolve-without-summary' } : { kind: 'resolve', summary };
}

/**
 * What follows `resolved`. A word right after it is a sentence ("resolved yet?", "resolved by …"),
 * not a resolution, because a false resolve would stop the timers; punctuation or emoji mark it as
 * a statement. An explicit separator (colon or dash) lets the summary start on the next lines.
 */
function readResolve(text: string, from: number, lineEnd: number): ThreadReply | undefined {
  let i = skipSpaces(text, from, lineEnd);
  if (i === lineEnd) return { kind: 'resolve-without-summary' };
  const first = text.charAt(i);
  if (QUESTION_MARKS.includes(first) || WORD_CHAR_RE.test(charAt(text, i))) return undefined;
  // `resolved :tada:` is an emoji, but `resolved:done:` is a separator and a summary.
  if (SEPARATORS.includes(first) && !(i > from && stickyMatchEnd(SHORTCODE_RE, text, i) !== -1)) {
    return resolveWith(text.slice(i + separatorLength(text, i)));
  }
  while (i < lineEnd) {
    const shortcodeEnd = stickyMatchEnd(SHORTCODE_RE, text, i);
    if (shortcodeEnd !== -1) {
      i = shortcodeEnd;
      continue;
    }
    const ch = charAt(text, i);
    if (QUESTION_MARKS.includes(ch)) return undefined;
    if (SEPARATORS.includes(ch)) return resolveWith(text.slice(i + separatorLength(text, i)));
    if (WORD_CHAR_RE.test(ch)) return resolveWith(text.slice(i));
    i += ch.length;
  }
  return { kind: 'resolve-without-summary' };
}

/**
 * Reads a reply in an escalation's thread. Only the first non-blank line decides; leading mentions,
 * emoji and punctuation are skipped. A question ("on it?", "resolved?") is neither. The summary is
 * kept Slack-escaped, as it arrived, because it is posted back to Slack.
 */
export function parseThreadReply(text: string): ThreadReply | undefined {
  if (typeof text !== 'string') return undefined;
  const body = text.trimStart();
  const breakAt = body.search(LINE_BREAK_RE);
  const lineEnd = breakAt === -1 ? body.length : breakAt;
  const line = body.slice(0, lineEnd);
  const start = skipLead(line);
  KEYWORD_RE.lastIndex = start;
  const match = KEYWORD_RE.exec(line);
  const keyword = match?.[1];
  if (match === null || keyword === undefined) return undefined;
  const after = start + keyword.length;
  if (keyword.toLowerCase() === 'resolved') return readResolve(body, after, lineEnd);
  const next = skipSpaces(line, after, lineEnd);
  if (next < lineEnd && QUESTION_MARKS.includes(line.charAt(next))) return undefined;
  return { kind: 'acknowledge' };
}
