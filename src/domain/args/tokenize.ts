import { ArgsSyntaxError, preview } from './errors';
import { BracketFinder, parseAngle, unescapeSlack } from './slack-markup';
import type { ParsedArgs, Token } from './token';

/** Reading slash-command text: words, "quoted text", `key=value` items and Slack's `<…>` sequences. */

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

// Smart quotes come from phone and macOS auto-correct, so users mix them with straight ones.
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"”',
  '“': '”"',
  '‘': '’',
};

function isWhitespace(ch: string): boolean {
  return WHITESPACE_RE.test(ch);
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
      if (error instanceof ArgsSyntaxError && error.at === undefined)
        throw new ArgsSyntaxError(error.message, { at: start });
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
      throw new ArgsSyntaxError(
        content.trim() === ''
          ? 'Unclosed quote at the end of the text'
          : `Unclosed quote starting at “${preview(content.trimStart())}”`,
      );
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

/**
 * Splits slash-command text into tokens. `key=value` items are not interpreted here: each comes
 * back as one word holding its text as typed (entities unescaped). Throws ArgsSyntaxError only.
 */
export function tokenize(text: string): Token[] {
  return lex(text).map((entry) =>
    entry.key === undefined ? entry.token : { kind: 'word', value: unescapeSlack(entry.source) },
  );
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
