import { threadWords, type ThreadLanguage } from './thread-words';

export type ThreadReply =
  { kind: 'acknowledge' } | { kind: 'resolve'; summary: string } | { kind: 'resolve-without-summary' };

type Kind = 'acknowledge' | 'resolve';

const LINE_BREAK_RE = /[\n\r\u2028\u2029]/;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const SPACE_RE = /\s/u;
// Sticky and without nested quantifiers, and a failed attempt cannot run past the next `<` (or past
// the next character outside a shortcode), so a reply full of unmatched brackets or colons stays linear.
const MENTION_RE = /<(?:@|!subteam\^)[A-Z0-9]+(?:\|[^<>]*)?>|<!(?:here|channel|everyone)>/y;
const SHORTCODE_RE = /:[a-z0-9_+'-]+:/y;
const QUESTION_MARKS = '?？';
const SEPARATORS = ':：-–—';
/** Chinese question particles: 收到吗, 已解决了吗, 收到 呢. */
const QUESTION_PARTICLES = '吗么呢嘛';

/**
 * How the words of a language sit in a sentence.
 * - `en`: after `ack` or `on it` anything may follow ("on it, checking logs", "ack but slow"); after
 *   `resolved` a word makes a sentence ("resolved by …").
 * - `spaced` (Vietnamese, Latvian, Hausa): after either kind of word, a following word makes a
 *   sentence ("đã nhận được chưa?", "saņemts rēķins"), so only punctuation or emoji may follow,
 *   and the summary needs them as in English.
 * - `cjk` (Chinese, written without spaces): a character straight after the word makes another
 *   word (在处理器, 确认一下, 已解决了吗), so it may be followed only by punctuation, emoji, a space
 *   or the end. A space or punctuation may introduce the summary ("已解决 重启了服务",
 *   "已解决，重启了服务"); a question mark or a question particle (吗 么 呢 嘛) makes a question.
 *
 * Particles are short words that may follow the word without changing what it says, and are
 * skipped: Chinese 了 and 啦 (and 中 "in progress" after an acknowledgement), directly after the
 * word; Vietnamese "được" "rồi" "ạ" after an acknowledgement and "xong" "rồi" "ạ" after a
 * resolution ("đã nhận được", "đã xử lý xong rồi ạ"), each after whitespace. What follows the
 * particles is read as what follows the word: "đã nhận được chưa?" is still a question.
 */
type Style = 'en' | 'spaced' | 'cjk';

interface Grammar {
  style: Style;
  particles: Readonly<Record<Kind, readonly string[]>>;
}

const GRAMMAR: Readonly<Record<ThreadLanguage, Grammar>> = {
  en: { style: 'en', particles: { acknowledge: [], resolve: [] } },
  'zh-CN': { style: 'cjk', particles: { acknowledge: ['了', '啦', '中'], resolve: ['了', '啦'] } },
  vi: { style: 'spaced', particles: { acknowledge: ['được', 'rồi', 'ạ'], resolve: ['xong', 'rồi', 'ạ'] } },
  lv: { style: 'spaced', particles: { acknowledge: [], resolve: [] } },
  ha: { style: 'spaced', particles: { acknowledge: [], resolve: [] } },
};

/** Letters that carry a diacritic Unicode does not decompose, with the letter typed for them. */
const UNDECOMPOSED_BASE: Readonly<Record<string, string>> = { đ: 'd', ɓ: 'b', ɗ: 'd', ƙ: 'k', ƴ: 'y' };

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * A letter, and the same letter with any of its diacritics left off: ậ → (?:ậ|â|ạ|a), đ → (?:đ|d).
 * A letter whose decomposition is not one base with marks (none of the words has one) stays as it is.
 */
function letterPattern(letter: string): string {
  const decomposed = [...letter.normalize('NFD')];
  const [base = '', ...marks] = decomposed;
  const forms = new Set([letter]);
  if (marks.every((mark) => /\p{M}/u.test(mark))) {
    for (let subset = 0; subset < 1 << marks.length; subset++) {
      forms.add((base + marks.filter((_, bit) => (subset & (1 << bit)) !== 0).join('')).normalize('NFC'));
    }
    const undecomposed = UNDECOMPOSED_BASE[base.toLowerCase()];
    if (undecomposed !== undefined) forms.add(undecomposed);
  }
  const escaped = [...forms].map(escapeRegExp);
  return escaped.length === 1 ? (escaped[0] ?? '') : `(?:${escaped.join('|')})`;
}

/** A word or phrase as a pattern over NFC text: any whitespace between its words, any diacritic optional. */
function wordPattern(word: string): string {
  return word
    .normalize('NFC')
    .split(/\s+/u)
    .map((part) => [...part].map(letterPattern).join(''))
    .join('\\s+');
}

// Marks count as part of a word so that "ack" followed by a combining accent is a different word.
const WORD_END = '(?![\\p{L}\\p{N}\\p{M}])';
// In Chinese a word ends anywhere except inside a character's marks; what follows is read after.
const CJK_END = '(?!\\p{M})';

interface Keyword {
  language: ThreadLanguage;
  kind: Kind;
}

function keywordMatcher(): { re: RegExp; keywords: Keyword[] } {
  const entries: (Keyword & { word: string })[] = [];
  for (const language of Object.keys(threadWords) as ThreadLanguage[]) {
    for (const kind of ['acknowledge', 'resolve'] as const) {
      for (const word of threadWords[language][kind]) entries.push({ language, kind, word });
    }
  }
  // Longest first, so a word is never cut short by another one it starts with.
  entries.sort((a, b) => b.word.length - a.word.length);
  const alternatives = entries.map(
    ({ language, word }) => `(${wordPattern(word)})${GRAMMAR[language].style === 'cjk' ? CJK_END : WORD_END}`,
  );
  // One capturing group per word tells which one matched. Sticky, and every alternative is literal
  // letters with `\s+` between them, so each one fails after at most one pass over the spaces.
  return {
    re: new RegExp(alternatives.join('|'), 'iuy'),
    keywords: entries.map(({ language, kind }) => ({ language, kind })),
  };
}

const KEYWORDS = keywordMatcher();

function particleMatcher(language: ThreadLanguage, kind: Kind): RegExp | undefined {
  const { style, particles } = GRAMMAR[language];
  const words = particles[kind];
  if (words.length === 0) return undefined;
  const alternatives = words.map(wordPattern).join('|');
  return style === 'cjk'
    ? new RegExp(`(?:${alternatives})${CJK_END}`, 'iuy')
    : new RegExp(`\\s+(?:${alternatives})${WORD_END}`, 'iuy');
}

const PARTICLES = new Map<string, RegExp | undefined>(
  (Object.keys(GRAMMAR) as ThreadLanguage[]).flatMap((language) =>
    (['acknowledge', 'resolve'] as const).map(
      (kind) => [`${language} ${kind}`, particleMatcher(language, kind)] as const,
    ),
  ),
);

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
 * The text a keyword is looked for in: from the first word of the line, in NFC, so that a letter
 * typed decomposed (as some Vietnamese keyboards send it) reads as the composed one. Each base
 * character is composed with its marks on its own and where it began is kept, so a position in the
 * composed text leads back to the original, from which the summary is taken as it arrived.
 */
interface ComposedView {
  text: string;
  /** The original position of a position in `text`, or undefined inside a composed character. */
  original(i: number): number | undefined;
}

const SEGMENT_RE = /\P{M}\p{M}*|\p{M}+/uy;
// Words and particles are letters and spaces: a match never reaches past anything else.
const NOT_IN_A_WORD_RE = /[^\p{L}\p{M}\s]\p{M}*/gu;

/**
 * The view of `line` from `from` up to and including the first character that no keyword holds
 * (with its marks, for the keyword's lookahead), which in a resolution is usually the separator:
 * what comes after it cannot change the match, and a long summary is not composed for nothing.
 */
function composedView(line: string, from: number): ComposedView {
  NOT_IN_A_WORD_RE.lastIndex = from;
  const stop = NOT_IN_A_WORD_RE.exec(line);
  const rest = line.slice(from, stop === null ? line.length : stop.index + stop[0].length);
  if (rest.normalize('NFC') === rest) return { text: rest, original: (i) => from + i };
  const parts: string[] = [];
  const composedStarts: number[] = [];
  const originalStarts: number[] = [];
  let composedLength = 0;
  SEGMENT_RE.lastIndex = 0;
  for (let match = SEGMENT_RE.exec(rest); match !== null; match = SEGMENT_RE.exec(rest)) {
    const segment = match[0];
    const composed = segment.length === 1 && segment.charCodeAt(0) < 0x300 ? segment : segment.normalize('NFC');
    composedStarts.push(composedLength);
    originalStarts.push(match.index);
    parts.push(composed);
    composedLength += composed.length;
  }
  composedStarts.push(composedLength);
  originalStarts.push(rest.length);
  return {
    text: parts.join(''),
    original(i) {
      let low = 0;
      let high = composedStarts.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const at = composedStarts[mid] ?? 0;
        if (at === i) return from + (originalStarts[mid] ?? 0);
        if (at < i) low = mid + 1;
        else high = mid - 1;
      }
      return undefined;
    },
  };
}

/** The keyword the line starts with at `start`, and where it (with its particles) ends in `line`. */
function readKeyword(line: string, start: number): (Keyword & { end: number }) | undefined {
  const view = composedView(line, start);
  KEYWORDS.re.lastIndex = 0;
  const match = KEYWORDS.re.exec(view.text);
  if (match === null) return undefined;
  const group = match.findIndex((captured, index) => index > 0 && captured !== undefined);
  const keyword = KEYWORDS.keywords[group - 1];
  if (keyword === undefined) return undefined;
  let end = KEYWORDS.re.lastIndex;
  const particles = PARTICLES.get(`${keyword.language} ${keyword.kind}`);
  if (particles !== undefined) {
    for (
      let next = stickyMatchEnd(particles, view.text, end);
      next !== -1;
      next = stickyMatchEnd(particles, view.text, end)
    ) {
      end = next;
    }
  }
  const originalEnd = view.original(end);
  return originalEnd === undefined ? undefined : { ...keyword, end: originalEnd };
}

/**
 * What follows a resolving word. A word right after it is a sentence ("resolved yet?", "resolved
 * by …"), not a resolution, because a false resolve would stop the timers; punctuation or emoji
 * mark it as a statement. An explicit separator (colon or dash) lets the summary start on the next
 * lines. With `spaceIntroducesSummary` (Chinese, where words are not spaced) a space before a word
 * introduces the summary too.
 */
function readResolve(
  text: string,
  from: number,
  lineEnd: number,
  spaceIntroducesSummary = false,
): ThreadReply | undefined {
  let i = skipSpaces(text, from, lineEnd);
  if (i === lineEnd) return { kind: 'resolve-without-summary' };
  const first = text.charAt(i);
  if (QUESTION_MARKS.includes(first)) return undefined;
  if (WORD_CHAR_RE.test(charAt(text, i)))
    return spaceIntroducesSummary && i > from ? resolveWith(text.slice(i)) : undefined;
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

/** What follows an acknowledging word: only a question (or, outside English, a sentence) undoes it. */
function readAcknowledge(text: string, from: number, lineEnd: number, style: Style): ThreadReply | undefined {
  const next = skipSpaces(text, from, lineEnd);
  if (next === lineEnd) return { kind: 'acknowledge' };
  if (QUESTION_MARKS.includes(text.charAt(next))) return undefined;
  if (style === 'spaced' && WORD_CHAR_RE.test(charAt(text, next))) return undefined;
  return { kind: 'acknowledge' };
}

/**
 * Reads a reply in an escalation's thread. Only the first non-blank line decides; leading mentions,
 * emoji and punctuation are skipped. A question ("on it?", "resolved?", "收到吗") is neither. The
 * words of every language in thread-words.ts are read in every thread. The summary is kept
 * Slack-escaped, as it arrived, because it is posted back to Slack.
 */
export function parseThreadReply(text: string): ThreadReply | undefined {
  if (typeof text !== 'string') return undefined;
  const body = text.trimStart();
  const breakAt = body.search(LINE_BREAK_RE);
  const lineEnd = breakAt === -1 ? body.length : breakAt;
  const line = body.slice(0, lineEnd);
  const keyword = readKeyword(line, skipLead(line));
  if (keyword === undefined) return undefined;
  const { style } = GRAMMAR[keyword.language];
  const after = keyword.end;
  if (style === 'cjk') {
    // No spaces between Chinese words: a letter straight after the word is another word.
    if (after < lineEnd && WORD_CHAR_RE.test(charAt(body, after))) return undefined;
    const next = skipSpaces(body, after, lineEnd);
    if (next < lineEnd && QUESTION_PARTICLES.includes(body.charAt(next))) return undefined;
  }
  if (keyword.kind === 'resolve') return readResolve(body, after, lineEnd, style === 'cjk');
  return readAcknowledge(body, after, lineEnd, style);
}
