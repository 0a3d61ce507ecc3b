import { echo, escapeText } from '../messages/mrkdwn';
export type Token =
  | { kind: 'word'; value: string }
  | { kind: 'quoted'; value: string }
  | { kind: 'user'; id: string; label?: string }
  | { kind: 'channel'; id: string; label?: string }
  | { kind: 'usergroup'; id: string; label?: string }
  | { kind: 'special'; value: 'channel' | 'here' | 'everyone' }
  | { kind: 'link'; url: string; label?: string };

export interface ParsedArgs {
  positional: Token[];
  named: Record<string, Token>;
  /** Lower-cased keys given more than once, each listed once, in order of first repetition. */
  duplicates: string[];
}

/** Thrown for text the user has to fix; the message is meant to be shown to them as is. */
export class ArgsSyntaxError extends Error {
  override name = 'ArgsSyntaxError';
  /** Where the item that could not be read starts, so the words before it can still be read. */
  readonly at: number | undefined;

  constructor(message: string, options?: ErrorOptions & { at?: number }) {
    super(message, options);
    this.at = options?.at;
  }
}

/** One lexed item; `key` is set (as typed) for `key=value` items. */
interface Entry {
  key?: string;
  token: Token;
  /** Source text of the whole item, still Slack-escaped. */
  source: string;
}

const KEY_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;
const KEY_CHAR_RE = /[A-Za-z0-9_-]/;
const WHITESPACE_RE = /\s/;
const ENTITY_RE = /&(amp|lt|gt);/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };
const URL_SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const SLACK_ID_RE = /^[A-Z0-9]+$/;

// Smart quotes come from phone and macOS auto-correct, so users mix them with straight ones.
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"”',
  '“': '”"',
  '‘': '’',
};

const PREVIEW_LENGTH = 20;

function isWhitespace(ch: string): boolean {
  return WHITESPACE_RE.test(ch);
}

/** Undoes Slack's escaping in a single pass, so `&amp;lt;` becomes `&lt;` and not `<`. */
export function unescapeSlack(text: string): string {
  return text.replace(ENTITY_RE, (_match, name: string) => ENTITIES[name] ?? '');
}

/**
 * A short, single-line, code-point-safe excerpt for error messages, escaped again for mrkdwn so
 * that typed text (`&lt;!channel&gt;`) or markup (`<!here>`, `<https://…|label>`) stays inert.
 */
function preview(text: string): string {
  // Bounded before any real work so a megabyte of input costs nothing here.
  const head = unescapeSlack(text.slice(0, PREVIEW_LENGTH * 4)).replace(/\s+/g, ' ');
  const points = Array.from(head);
  const cut = points.slice(0, PREVIEW_LENGTH).join('').trim();
  const shown = points.length > PREVIEW_LENGTH || text.length > PREVIEW_LENGTH * 4 ? `${cut}…` : cut;
  return escapeText(shown);
}

/**
 * Finds the `>` closing a Slack `<…>` sequence. Remembered positions only move forward, which keeps
 * a whole scan linear even for text full of unmatched `<`.
 */
class BracketFinder {
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

class Lexer {
  private readonly brackets: BracketFinder;
  private pos = 0;

  constructor(private readonly text: string) {
    this.brackets = new BracketFinder(text);
  }

  entries(): Entry[] {
    const out: Entry[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.text.length) return out;
      out.push(this.entry());
    }
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charAt(this.pos))) this.pos++;
  }

  private entry(): Entry {
    const start = this.pos;
    try {
      return this.item(start);
    } catch (error) {
      if (error instanceof ArgsSyntaxError && error.at === undefined) throw new ArgsSyntaxError(error.message, { at: start });
      throw error;
    }
  }

  private item(start: number): Entry {
    const keyEnd = this.keyEnd(start);
    if (keyEnd === -1) return { token: this.value(start), source: this.text.slice(start, this.pos) };
    const key = this.text.slice(start, keyEnd);
    const valueStart = keyEnd + 1;
    if (valueStart >= this.text.length || isWhitespace(this.text.charAt(valueStart))) {
      throw new ArgsSyntaxError(`Missing a value after “${preview(key)}=”`);
    }
    this.pos = valueStart;
    const token = this.value(valueStart);
    return { key, token, source: this.text.slice(start, this.pos) };
  }

  /** Index of the `=` ending a valid key that starts at `start`, or -1 if this is no `key=` item. */
  private keyEnd(start: number): number {
    let i = start;
    while (i < this.text.length && KEY_CHAR_RE.test(this.text.charAt(i))) i++;
    if (i === start || this.text.charAt(i) !== '=') return -1;
    return KEY_RE.test(this.text.slice(start, i)) ? i : -1;
  }

  /** Reads a quoted string or a bare run starting at `start`, leaving `pos` just after it. */
  private value(start: number): Token {
    const closers = CLOSERS[this.text.charAt(start)];
    if (closers !== undefined) return this.quoted(start, closers);
    // Asked before bareEnd moves the finder past `start`; it only answers for forward positions.
    const firstClose = this.text.charAt(start) === '<' ? this.brackets.closeOf(start) : -1;
    const end = this.bareEnd(start);
    this.pos = end;
    return classifyBare(this.text.slice(start, end), firstClose === end - 1);
  }

  private quoted(open: number, closers: string): Token {
    let i = open + 1;
    while (i < this.text.length && !closers.includes(this.text.charAt(i))) i++;
    const content = this.text.slice(open + 1, i);
    if (i >= this.text.length) {
      throw new ArgsSyntaxError(content.trim() === '' ? 'Unclosed quote at the end of the text' : `Unclosed quote starting at “${preview(content.trimStart())}”`);
    }
    this.pos = i + 1;
    if (this.pos < this.text.length && !isWhitespace(this.text.charAt(this.pos))) {
      throw new ArgsSyntaxError(`Add a space after the closing quote of “${preview(content)}”`);
    }
    return { kind: 'quoted', value: unescapeSlack(content) };
  }

  /** End of a bare run: the next whitespace that is not inside a Slack `<…>` sequence. */
  private bareEnd(start: number): number {
    let i = start;
    while (i < this.text.length) {
      const ch = this.text.charAt(i);
      if (isWhitespace(ch)) break;
      if (ch === '<') {
        const close = this.brackets.closeOf(i);
        if (close !== -1) {
          i = close + 1;
          continue;
        }
      }
      i++;
    }
    return i;
  }
}

/**
 * A bare run is a mention/link only when it is exactly one `<…>` sequence; anything else (such as a
 * comma list of mentions) is a word that callers can take apart with splitList.
 */
function classifyBare(raw: string, isOneBracket: boolean): Token {
  if (isOneBracket) {
    const token = parseAngle(raw.slice(1, -1), unescapeSlack);
    if (token !== undefined) return token;
  }
  return { kind: 'word', value: unescapeSlack(raw) };
}

type SlackId = { id: string; label?: string };

/**
 * Interprets the inside of a Slack `<…>` sequence, or undefined when it is none we know.
 * `unescape` is the identity for text that was already unescaped, so nothing is unescaped twice.
 */
function parseAngle(inner: string, unescape: (s: string) => string): Token | undefined {
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

/**
 * Splits slash-command text into tokens. `key=value` items are not interpreted here: each comes
 * back as one word holding its text as typed (entities unescaped). Throws ArgsSyntaxError only.
 */
export function tokenize(text: string): Token[] {
  return lex(text).map((entry) => (entry.key === undefined ? entry.token : { kind: 'word', value: unescapeSlack(entry.source) }));
}

/** Tokenizes and sorts into positional and `key=value` arguments. Throws ArgsSyntaxError only. */
export function parseArgs(text: string): ParsedArgs {
  const positional: Token[] = [];
  // No prototype, so keys such as `constructor` or `toString` behave like any other key.
  const named: Record<string, Token> = Object.create(null) as Record<string, Token>;
  const duplicates: string[] = [];
  for (const entry of lex(text)) {
    if (entry.key === undefined) {
      positional.push(entry.token);
      continue;
    }
    const key = entry.key.toLowerCase();
    if (Object.hasOwn(named, key) && !duplicates.includes(key)) duplicates.push(key);
    named[key] = entry.token;
  }
  return { positional, named, duplicates };
}

function lex(text: string): Entry[] {
  if (typeof text !== 'string') return [];
  try {
    return new Lexer(text).entries();
  } catch (error) {
    if (error instanceof ArgsSyntaxError) throw error;
    // A bug here must not surface as a crash in a slash command handler.
    throw new ArgsSyntaxError('That text could not be read. Please check it and try again.', { cause: error });
  }
}

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

/** Plain-text rendering that Slack displays the way the user wrote it. */
export function tokenText(t: Token): string {
  switch (t.kind) {
    case 'word':
    case 'quoted':
      return t.value;
    case 'user':
      return `<@${t.id}>`;
    case 'channel':
      return `<#${t.id}>`;
    case 'usergroup':
      return `<!subteam^${t.id}>`;
    case 'special':
      return `<!${t.value}>`;
    case 'link':
      return t.label === undefined ? `<${t.url}>` : `<${t.url}|${t.label}>`;
  }
}

/**
 * What the user typed, as inert mrkdwn for an error message: escaped, shortened, and in a code span
 * so nothing in it can ping a channel or a user group.
 */
export function echoToken(token: Token): string {
  let text: string;
  switch (token.kind) {
    case 'word':
    case 'quoted':
      text = token.value;
      break;
    case 'user':
      text = `@${token.label ?? token.id}`;
      break;
    case 'channel':
      text = `#${token.label ?? token.id}`;
      break;
    case 'usergroup':
      // Slack sends user group labels with their `@` already on.
      text = `@${(token.label ?? token.id).replace(/^@/, '')}`;
      break;
    case 'special':
      text = `@${token.value}`;
      break;
    case 'link':
      text = token.label ?? token.url;
      break;
  }
  return echo(text);
}
