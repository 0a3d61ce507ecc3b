/**
 * Property-based tests of the argument parser and the pure parsers commands rely on. Whatever the
 * text, a parser answers with a result or with a message for the user, never with a crash.
 *
 * fast-check picks a new seed each run and prints it (with the failing input, shrunk) when a
 * property fails; replay it with `FC_SEED=<seed> npx vitest run test/property`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgsSyntaxError } from '../../src/domain/args/errors';
import { unescapeSlack } from '../../src/domain/args/slack-markup';
import { splitList } from '../../src/domain/args/split-list';
import { tokenText, type ParsedArgs, type Token } from '../../src/domain/args/token';
import { parseArgs, tokenize } from '../../src/domain/args/tokenize';
import { formatDuration, parseDuration } from '../../src/domain/duration';
import {
  formatMoney,
  formatMoneyPlain,
  formatUsage,
  MAX_CENTS,
  MAX_USAGE_SECONDS,
  parseCurrency,
  parseMoney,
  parseUsage,
  type UsageUnit,
} from '../../src/domain/money';
import { parseCron } from '../../src/domain/cron/parse';

import { formatPeriod, parsePeriod, type Period } from '../../src/domain/period';
import { splitAccruedList } from '../../src/domain/settlement/accrued-list';

const seeded = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns = 300): void {
  fc.assert(property, { numRuns, ...seeded });
}

// ─── Generators ─────────────────────────────────────────────────────────────────────────────────

/** Pieces of what people (and Slack) really put in command text, including the awkward ones. */
const FRAGMENTS = [
  '&lt;',
  '&gt;',
  '&amp;',
  '&amp;lt;',
  '&quot;',
  '&',
  '<@U123|name>',
  '<@U123>',
  '<@u1>',
  '<#C1|x>',
  '<#C1>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S1|@grp>',
  '<https://example.com|bank>',
  '<mailto:a@b.c>',
  '<@>',
  '<',
  '>',
  '<<',
  '>>',
  '|',
  '"',
  '“',
  '”',
  '‘',
  '’',
  "'",
  '=',
  'k=',
  '=v',
  'key=value',
  'x="a b"',
  'T="',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\u0000',
  '\u0001',
  '\u007f',
  '\ud800',
  '\udc00',
  '🙂',
  '👩🏽‍💻',
  'é',
  'e\u0301',
  '\u202e',
  ',',
  ':',
  '\\',
  '`',
  '*',
  '_',
  '~',
  'ESC-1',
  'R-1',
  '2026-03',
  '2026-Q1',
  '1h30m',
  '1,000.50',
  '-5',
  'sev1',
  'acme',
  'ACME',
  'constructor=x',
  '__proto__=y',
  'toString=1',
] as const;

/** Any UTF-16 code unit, lone surrogates included: Slack should never send them, but could. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Arbitrary text, from plain unicode to dense Slack markup. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 15 })
    .map((parts) => parts.join(' ')),
);

/** Text far longer than Slack sends, built from a repeated piece (the worst case for a scanner). */
const longText = fc
  .tuple(
    fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }),
    fc.integer({ min: 5_000, max: 40_000 }),
    fc.string({ maxLength: 10 }),
  )
  .map(([parts, times, tail]) => parts.join('').repeat(Math.ceil(times / parts.join('').length)) + tail);

const WHITESPACE = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000'] as const;
const space = fc.constantFrom(...WHITESPACE);

const OPENERS = ['"', '“', '‘'];
/** A character that never starts or ends a bare word and is never markup. */
const plainChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => !/[\s<>&"“”‘’=,]/u.test(c));
/** A word with no markup: what a slug, a number or an ordinary word looks like. */
const plainWord = fc.string({ unit: plainChar, minLength: 1, maxLength: 12 });
const keyName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/);
const slackId = fc.stringMatching(/^[A-Z0-9]{1,11}$/);
/** A label inside `<…|label>`: anything but the brackets themselves (Slack escapes those as entities). */
const label = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => !/[<>&]/.test(s));

/** Joins words with runs of assorted whitespace, leading and trailing too. */
function spaced(items: readonly string[], gaps: readonly string[]): string {
  return items.map((item, i) => `${gaps[i] ?? ' '}${item}`).join('') + (gaps[items.length] ?? '');
}

const escapeSlack = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ─── Checks ─────────────────────────────────────────────────────────────────────────────────────

type Outcome<T> = { ok: T } | { syntax: ArgsSyntaxError };

/** Runs a parser: its result, or the ArgsSyntaxError it threw; any other exception fails the property. */
function outcome<T>(run: () => T): Outcome<T> {
  try {
    return { ok: run() };
  } catch (error) {
    if (error instanceof ArgsSyntaxError) return { syntax: error };
    throw error;
  }
}

function expectWellFormedToken(t: Token): void {
  switch (t.kind) {
    case 'word':
      expect(t.value).not.toBe('');
      break;
    case 'quoted':
      expect(typeof t.value).toBe('string');
      break;
    case 'user':
    case 'channel':
    case 'usergroup':
      expect(t.id).toMatch(/^[A-Z0-9]+$/);
      if (t.label !== undefined) expect(t.label).not.toBe('');
      break;
    case 'special':
      expect(['channel', 'here', 'everyone']).toContain(t.value);
      break;
    case 'link':
      expect(t.url).toMatch(/^[A-Za-z][A-Za-z0-9+.-]*:/);
      if (t.label !== undefined) expect(t.label).not.toBe('');
      break;
    default:
      throw new Error(`unknown token ${JSON.stringify(t)}`);
  }
}

function expectWellFormedArgs(args: ParsedArgs): void {
  args.positional.forEach(expectWellFormedToken);
  expect(Object.getPrototypeOf(args.named)).toBeNull();
  for (const [key, token] of Object.entries(args.named)) {
    expect(key).toMatch(/^[a-z][a-z0-9_-]*$/);
    expectWellFormedToken(token);
  }
  expect(new Set(args.duplicates).size).toBe(args.duplicates.length);
  for (const key of args.duplicates) expect(Object.hasOwn(args.named, key)).toBe(true);
}

/** A message the user can act on: present, on one line, short, and inert as mrkdwn. */
function expectClearSyntaxMessage(error: ArgsSyntaxError): void {
  expect(error.message.trim()).not.toBe('');
  // It is shown in Slack as is: an excerpt of the text must not turn into a mention or a link.
  expect(error.message).not.toMatch(/[<>]/);
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message.length).toBeLessThanOrEqual(200);
}

/** Slack markup that can only have come from the input: a mention, a special, a link. */
const MARKUP = /<(?:[!@#]|[A-Za-z][A-Za-z0-9+.-]*:)/;

/** A parser's `{ error }`: something to read, with the typed text inert. */
function expectInertError(error: string): void {
  expect(error.trim()).not.toBe('');
  expect(error).not.toMatch(MARKUP);
}

// ─── The argument parser ────────────────────────────────────────────────────────────────────────

describe('parseArgs and tokenize on any text', () => {
  it('return well-formed arguments or throw ArgsSyntaxError with a clear message, never anything else', () => {
    check(
      fc.property(hostileText, (text) => {
        const parsed = outcome(() => parseArgs(text));
        if ('ok' in parsed) expectWellFormedArgs(parsed.ok);
        else expectClearSyntaxMessage(parsed.syntax);
      }),
      1000,
    );
  });

  it('agree with each other: same failure, and one token per item', () => {
    check(
      fc.property(hostileText, (text) => {
        const parsed = outcome(() => parseArgs(text));
        const tokens = outcome(() => tokenize(text));
        if ('syntax' in parsed || 'syntax' in tokens) {
          expect('syntax' in parsed && 'syntax' in tokens && parsed.syntax.message === tokens.syntax.message).toBe(
            true,
          );
          return;
        }
        tokens.ok.forEach(expectWellFormedToken);
        const named = Object.keys(parsed.ok.named).length;
        expect(tokens.ok.length).toBeGreaterThanOrEqual(parsed.ok.positional.length + named);
        if (parsed.ok.duplicates.length === 0) expect(tokens.ok.length).toBe(parsed.ok.positional.length + named);
      }),
      500,
    );
  });

  it('read very long text in linear time, with the same guarantees', () => {
    check(
      fc.property(longText, (text) => {
        const started = performance.now();
        const parsed = outcome(() => parseArgs(text));
        if ('ok' in parsed) expectWellFormedArgs(parsed.ok);
        else expectClearSyntaxMessage(parsed.syntax);
        splitList(text);
        unescapeSlack(text);
        // Linear work on 40,000 characters takes a few milliseconds; quadratic would take seconds.
        expect(performance.now() - started).toBeLessThan(1_500);
      }),
      25,
    );
  });
});

describe('parseArgs round trips', () => {
  it('words joined by any whitespace come back as the same words', () => {
    check(
      fc.property(
        fc
          .array(plainWord, { maxLength: 10 })
          .chain((words) =>
            fc.tuple(fc.constant(words), fc.array(space, { minLength: words.length + 1, maxLength: words.length + 1 })),
          ),
        ([words, gaps]) => {
          const args = parseArgs(spaced(words, gaps));
          expect(args.positional).toEqual(words.map((value) => ({ kind: 'word', value })));
          expect(Object.keys(args.named)).toEqual([]);
          expect(args.duplicates).toEqual([]);
        },
      ),
    );
  });

  it('`key=value` items become the named map (keys lower-cased), in any order among positional words', () => {
    const entries = fc.uniqueArray(fc.tuple(keyName, plainWord), { maxLength: 6, selector: ([k]) => k.toLowerCase() });
    check(
      fc.property(
        entries,
        fc.array(plainWord, { maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 11 }),
        (named, words, order) => {
          // Interleave named and positional items as `order` says, keeping each list's own order.
          const items: string[] = [];
          const queue = { named: [...named], words: [...words] };
          for (const takeNamed of [...order, ...Array<boolean>(named.length + words.length).fill(true)]) {
            const next = takeNamed
              ? (queue.named.shift() ?? queue.words.shift())
              : (queue.words.shift() ?? queue.named.shift());
            if (next === undefined) break;
            items.push(typeof next === 'string' ? next : `${next[0]}=${next[1]}`);
          }
          const args = parseArgs(items.join(' '));
          expect({ ...args.named }).toEqual(
            Object.fromEntries(named.map(([k, v]) => [k.toLowerCase(), { kind: 'word', value: v }])),
          );
          expect(args.positional).toEqual(words.map((value) => ({ kind: 'word', value })));
          expect(args.duplicates).toEqual([]);
        },
      ),
    );
  });

  it('a repeated key is reported once, in any case, and the last value wins', () => {
    check(
      fc.property(
        keyName,
        fc.array(plainWord, { minLength: 2, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (key, values, upper) => {
          const text = values.map((v, i) => `${upper[i] ? key.toUpperCase() : key.toLowerCase()}=${v}`).join(' ');
          const args = parseArgs(text);
          expect(args.duplicates).toEqual([key.toLowerCase()]);
          expect(args.named[key.toLowerCase()]).toEqual({ kind: 'word', value: values[values.length - 1] });
        },
      ),
    );
  });

  it('quoted text keeps its spaces exactly, in straight and smart quotes, also as a `key=` value', () => {
    const pairs = [
      ['"', '"'],
      ['"', '”'],
      ['“', '”'],
      ['“', '"'],
      ['‘', '’'],
    ] as const;
    check(
      fc.property(
        fc.constantFrom(...pairs),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.option(keyName, { nil: undefined }),
        plainWord,
        ([open, close], body, key, after) => {
          // The body may hold anything but the closers of its opening quote.
          fc.pre(![...body].some((ch) => (open === '‘' ? '’' : '"”').includes(ch)));
          const args = parseArgs(`${key === undefined ? '' : `${key}=`}${open}${body}${close} ${after}`);
          const expected: Token = { kind: 'quoted', value: unescapeSlack(body) };
          if (key === undefined) expect(args.positional).toEqual([expected, { kind: 'word', value: after }]);
          else {
            expect(args.named[key.toLowerCase()]).toEqual(expected);
            expect(args.positional).toEqual([{ kind: 'word', value: after }]);
          }
        },
      ),
    );
  });

  it('an unclosed quote is an ArgsSyntaxError with a clear message', () => {
    check(
      fc.property(
        fc.constantFrom(...OPENERS),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(plainWord, { maxLength: 3 }),
        (open, body, before) => {
          fc.pre(!/["”’]/.test(body));
          const parsed = outcome(() => parseArgs(`${before.join(' ')} ${open}${body}`));
          expect('syntax' in parsed).toBe(true);
          if ('syntax' in parsed) expectClearSyntaxMessage(parsed.syntax);
        },
      ),
    );
  });

  it('a closing quote must be followed by whitespace or the end', () => {
    check(
      fc.property(fc.constantFrom(...OPENERS), plainWord, plainChar, (open, body, next) => {
        const close = open === '‘' ? '’' : '”';
        expect(parseArgs(`${open}${body}${close}`).positional).toEqual([{ kind: 'quoted', value: body }]);
        const glued = outcome(() => parseArgs(`${open}${body}${close}${next}`));
        expect('syntax' in glued).toBe(true);
        if ('syntax' in glued) expectClearSyntaxMessage(glued.syntax);
      }),
    );
  });

  it('Slack entities are unescaped exactly once', () => {
    check(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (word) => {
        fc.pre(!/[\s"“‘=]/u.test(word));
        // Escaped, the word has no markup left, so it is read back as typed, entities and all.
        expect(tokenize(escapeSlack(word))).toEqual([{ kind: 'word', value: word }]);
        expect(tokenize(escapeSlack(escapeSlack(word)))).toEqual([{ kind: 'word', value: escapeSlack(word) }]);
      }),
    );
  });

  it('mentions, channels, user groups, specials and links become their tokens, and tokenText reads back the same', () => {
    const url = fc
      .tuple(fc.constantFrom('https://', 'http://', 'mailto:', 'tel:'), fc.stringMatching(/^[a-z0-9./?=_-]{1,20}$/))
      .map(([s, rest]) => s + rest);
    const mention = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(['@', 'user'], ['#', 'channel'], ['!subteam^', 'usergroup']),
          slackId,
          fc.option(label, { nil: undefined }),
        )
        .map(([[prefix, kind], id, l]) => ({
          text: `<${prefix}${id}${l === undefined ? '' : `|${l}`}>`,
          token: (l === undefined ? { kind, id } : { kind, id, label: l }) as Token,
        })),
      fc
        .constantFrom('channel', 'here', 'everyone')
        .map((value) => ({ text: `<!${value}>`, token: { kind: 'special', value } as Token })),
      fc.tuple(url, fc.option(label, { nil: undefined })).map(([u, l]) => ({
        text: `<${u}${l === undefined ? '' : `|${l}`}>`,
        token: (l === undefined ? { kind: 'link', url: u } : { kind: 'link', url: u, label: l }) as Token,
      })),
    );
    check(
      fc.property(fc.array(mention, { minLength: 1, maxLength: 5 }), (mentions) => {
        const tokens = tokenize(mentions.map((m) => m.text).join(' '));
        expect(tokens).toEqual(mentions.map((m) => m.token));
        for (const t of tokens) {
          const [again] = tokenize(tokenText(t));
          const { label: _dropped, ...withoutLabel } = t as Token & { label?: string };
          expect(again).toEqual(t.kind === 'link' ? t : withoutLabel);
        }
      }),
    );
  });
});

describe('unescapeSlack', () => {
  it('undoes escaping, never lengthens text, and leaves text without `&` alone', () => {
    check(
      fc.property(hostileText, (text) => {
        expect(unescapeSlack(escapeSlack(text))).toBe(text);
        expect(unescapeSlack(text).length).toBeLessThanOrEqual(text.length);
        if (!text.includes('&')) expect(unescapeSlack(text)).toBe(text);
        // One pass only: escaping twice is undone once.
        expect(unescapeSlack(escapeSlack(escapeSlack(text)))).toBe(escapeSlack(text));
      }),
    );
  });
});

describe('splitList', () => {
  it('never throws and returns trimmed, non-empty items', () => {
    check(
      fc.property(hostileText, (text) => {
        for (const t of splitList(text)) {
          expectWellFormedToken(t);
          if (t.kind === 'word') expect(t.value).toBe(t.value.trim());
        }
      }),
      500,
    );
  });

  it('gives back the items of a comma list, whatever the spaces around the commas', () => {
    const item = fc.oneof(
      plainWord,
      fc.tuple(slackId, label).map(([id, l]) => `<@${id}|${l}>`),
    );
    check(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('', ' ', '  '), { minLength: 16, maxLength: 16 }),
        (items, pads) => {
          const text = items.map((it, i) => `${pads[2 * i] ?? ''}${it}${pads[2 * i + 1] ?? ''}`).join(',');
          const expected = items.map((it) => {
            const m = /^<@([A-Z0-9]+)\|(.*)>$/s.exec(it);
            return m ? { kind: 'user', id: m[1], label: m[2] } : { kind: 'word', value: it };
          });
          expect(splitList(text)).toEqual(expected);
        },
      ),
    );
  });
});

// ─── Durations ──────────────────────────────────────────────────────────────────────────────────

describe('parseDuration', () => {
  it('never throws; answers a positive safe integer or undefined', () => {
    check(
      fc.property(fc.oneof(hostileText, fc.stringMatching(/^(\d{1,20}[wdhmsWDHMS]){0,6}$/)), (text) => {
        const ms = parseDuration(text);
        if (ms !== undefined) {
          expect(Number.isSafeInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThan(0);
          expect(ms % 1000).toBe(0);
        }
      }),
      500,
    );
  });

  it('reads back what formatDuration writes', () => {
    check(
      fc.property(fc.integer({ min: 1, max: Math.floor(Number.MAX_SAFE_INTEGER / 1000) }), (seconds) => {
        expect(parseDuration(formatDuration(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
  });

  it('adds up units given largest first, in any case, and refuses zero units', () => {
    const units = [
      ['w', 604_800_000],
      ['d', 86_400_000],
      ['h', 3_600_000],
      ['m', 60_000],
      ['s', 1000],
    ] as const;
    check(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (amounts, upper) => {
          const given = units.flatMap(([suffix, ms], i) =>
            amounts[i] === undefined ? [] : [{ suffix, ms, n: amounts[i] ?? 0 }],
          );
          fc.pre(given.length > 0);
          const text = given.map((g) => `${g.n}${upper ? g.suffix.toUpperCase() : g.suffix}`).join('');
          const expected = given.some((g) => g.n === 0) ? undefined : given.reduce((sum, g) => sum + g.n * g.ms, 0);
          expect(parseDuration(text)).toBe(expected);
          if (given.length > 1)
            expect(
              parseDuration(
                [...given]
                  .reverse()
                  .map((g) => `${g.n}${g.suffix}`)
                  .join(''),
              ),
            ).toBeUndefined();
        },
      ),
    );
  });
});

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────

const period: fc.Arbitrary<Period> = fc.oneof(
  fc.record({
    kind: fc.constant('month' as const),
    year: fc.integer({ min: 1970, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('quarter' as const),
    year: fc.integer({ min: 1970, max: 9999 }),
    quarter: fc.integer({ min: 1, max: 4 }),
  }),
);

describe('parsePeriod', () => {
  it('never throws; answers a valid period or a non-empty, inert error', () => {
    check(
      fc.property(fc.oneof(hostileText, fc.stringMatching(/^\s?\d{0,5}-[qQ]?\d{0,3}\s?$/)), (text) => {
        const p = parsePeriod(text);
        if ('error' in p) expectInertError(p.error);
        else {
          expect(p.year).toBeGreaterThanOrEqual(1970);
          if (p.kind === 'month') expect(p.month >= 1 && p.month <= 12).toBe(true);
          else expect(p.quarter >= 1 && p.quarter <= 4).toBe(true);
        }
      }),
      500,
    );
  });

  it('refuses months and quarters out of range, and years before 1970', () => {
    check(
      fc.property(
        fc.integer({ min: 1970, max: 9999 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
        fc.oneof(fc.constant(0), fc.integer({ min: 5, max: 9 })),
        fc.integer({ min: 1000, max: 1969 }),
        (year, month, quarter, early) => {
          expect('error' in parsePeriod(`${year}-${String(month).padStart(2, '0')}`)).toBe(true);
          expect('error' in parsePeriod(`${year}-Q${quarter}`)).toBe(true);
          expect('error' in parsePeriod(`${early}-01`)).toBe(true);
        },
      ),
    );
  });

  it('reads back what formatPeriod writes, lower-case q and surrounding spaces included', () => {
    check(
      fc.property(period, fc.boolean(), space, (p, lower, pad) => {
        const text = formatPeriod(p);
        expect(parsePeriod(text)).toEqual(p);
        expect(parsePeriod(`${pad}${lower ? text.toLowerCase() : text}${pad}`)).toEqual(p);
        if (p.kind === 'month') expect(parsePeriod(`${p.year}-${p.month}`)).toEqual(p);
      }),
    );
  });
});

// ─── Money and usage ────────────────────────────────────────────────────────────────────────────

const cents = fc.integer({ min: 0, max: MAX_CENTS });
const signedCents = fc.integer({ min: -MAX_CENTS, max: MAX_CENTS });

describe('parseMoney', () => {
  it('reads back formatMoney and formatMoneyPlain, to the cent', () => {
    check(
      fc.property(cents, (c) => {
        expect(parseMoney(formatMoney(c))).toEqual({ cents: c });
        expect(parseMoney(formatMoneyPlain(c))).toEqual({ cents: c });
      }),
      500,
    );
  });

  it('reads back negative amounts where they are allowed, and refuses them elsewhere', () => {
    check(
      fc.property(signedCents, (c) => {
        // Minus zero is zero: no `-0` may reach a sum or a display.
        expect(
          Object.is(
            (parseMoney(`-${formatMoneyPlain(Math.abs(c))}`, { allowNegative: true }) as { cents: number }).cents,
            c === 0 ? 0 : -Math.abs(c),
          ),
        ).toBe(true);
        expect(parseMoney(formatMoneyPlain(c), { allowNegative: true })).toEqual({ cents: c });
        expect(parseMoney(formatMoney(c), { allowNegative: true })).toEqual({ cents: c });
        if (c < 0) expect('error' in parseMoney(formatMoneyPlain(c))).toBe(true);
      }),
      500,
    );
  });

  it('refuses amounts above the most Accord settles', () => {
    check(
      fc.property(fc.integer({ min: MAX_CENTS + 1, max: Number.MAX_SAFE_INTEGER }), (c) => {
        expect('error' in parseMoney(formatMoney(c))).toBe(true);
        expect('error' in parseMoney(formatMoneyPlain(-c), { allowNegative: true })).toBe(true);
      }),
    );
  });

  it('never throws on any text; answers exact cents in range or a non-empty error', () => {
    const amountLike = fc.stringMatching(/^\s?[+-]?[\d,]{0,22}(\.\d{0,4})?\s?$/);
    check(
      fc.property(fc.oneof(hostileText, amountLike), fc.boolean(), (text, allowNegative) => {
        const r = parseMoney(text, { allowNegative });
        if ('error' in r) {
          expectInertError(r.error);
          return;
        }
        expect(Number.isSafeInteger(r.cents)).toBe(true);
        expect(Math.abs(r.cents)).toBeLessThanOrEqual(MAX_CENTS);
        if (!allowNegative) expect(r.cents).toBeGreaterThanOrEqual(0);
        expect(Object.is(r.cents, -0)).toBe(false);
      }),
      1000,
    );
  });
});

describe('parseUsage and parseCurrency', () => {
  it('parseUsage never throws; answers whole seconds in range or a non-empty error', () => {
    const quantity = fc.stringMatching(/^\s?[+-]?[\d,]{0,16}(\.\d{0,6})?\s?$/);
    check(
      fc.property(fc.constantFrom<UsageUnit>('minutes', 'hours'), fc.oneof(hostileText, quantity), (unit, text) => {
        const r = parseUsage(unit, text);
        if ('error' in r) expectInertError(r.error);
        else {
          expect(Number.isSafeInteger(r.seconds)).toBe(true);
          expect(r.seconds).toBeGreaterThan(0);
          expect(r.seconds).toBeLessThanOrEqual(MAX_USAGE_SECONDS);
        }
      }),
      1000,
    );
  });

  it('parseUsage reads back formatUsage for whole minutes and hundredths of hours', () => {
    check(
      fc.property(
        fc.integer({ min: 1, max: MAX_USAGE_SECONDS / 60 }),
        fc.integer({ min: 1, max: MAX_USAGE_SECONDS / 36 }),
        (minutes, hundredthHours) => {
          expect(parseUsage('minutes', formatUsage(minutes * 60, 'minutes').replace(/ min$/, ''))).toEqual({
            seconds: minutes * 60,
          });
          expect(parseUsage('hours', formatUsage(hundredthHours * 36, 'hours').replace(/ h$/, ''))).toEqual({
            seconds: hundredthHours * 36,
          });
        },
      ),
    );
  });

  it('parseCurrency never throws; accepts any three letters in any case unless the currency has no cents', () => {
    check(
      fc.property(fc.oneof(hostileText, fc.stringMatching(/^\s?[A-Za-z]{2,4}\s?$/)), (text) => {
        const r = parseCurrency(text);
        if ('error' in r) expectInertError(r.error);
        else {
          expect(r.currency).toMatch(/^[A-Z]{3}$/);
          expect(r.currency).toBe(text.trim().toUpperCase());
          expect(parseCurrency(r.currency.toLowerCase())).toEqual(r);
        }
      }),
      500,
    );
  });
});

// ─── Cron ───────────────────────────────────────────────────────────────────────────────────────

/** One field: lists of `*`, values, ranges and steps; `starMax` is what `*` covers (6 for weekdays, where 7 is Sunday again). */
const cronField = (min: number, max: number, starMax = max) => {
  const value = fc.integer({ min, max });
  const step = fc.integer({ min: 1, max: starMax - min + 1 });
  const element = fc.oneof(
    fc.constant('*'),
    value.map(String),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    step.map((s) => `*/${s}`),
    fc.tuple(value, value, step).map(([a, b, s]) => `${Math.min(a, b)}-${Math.max(a, b)}/${s}`),
  );
  return fc.array(element, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(','));
};

const cronText = fc
  .tuple(
    fc.option(cronField(0, 59), { nil: undefined }),
    fc.tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12), cronField(0, 7, 6)),
    fc.array(space, { minLength: 7, maxLength: 7 }),
  )
  .map(([seconds, fields, gaps]) => spaced(seconds === undefined ? fields : [seconds, ...fields], gaps));

describe('parseCron', () => {
  it('never throws; answers a sorted, in-range spec or a non-empty, inert error', () => {
    check(
      fc.property(fc.oneof(hostileText, cronText, fc.stringMatching(/^([\d*,/?LW#A-Za-z-]{1,8} ){4,6}$/)), (text) => {
        const spec = parseCron(text);
        if ('error' in spec) {
          expectInertError(spec.error);
          return;
        }
        const within = (values: readonly number[], min: number, max: number) => {
          expect(values.length).toBeGreaterThan(0);
          expect([...values].sort((a, b) => a - b)).toEqual(values);
          expect(new Set(values).size).toBe(values.length);
          for (const v of values) expect(v >= min && v <= max).toBe(true);
        };
        within(spec.seconds, 0, 59);
        within(spec.minutes, 0, 59);
        within(spec.hours, 0, 23);
        within(spec.daysOfMonth, 1, 31);
        within(spec.months, 1, 12);
        within(spec.daysOfWeek, 0, 6);
      }),
      1000,
    );
  });

  it('reads a generated schedule the same way from its normalised source', () => {
    check(
      fc.property(cronText, (text) => {
        const spec = parseCron(text);
        // A generated schedule is well formed; it is refused only when no month has its days.
        if ('error' in spec) {
          expect(spec.error).toMatch(/can never fire/);
          return;
        }
        expect(spec.source).toBe(text.trim().replace(/\s+/g, ' '));
        expect(parseCron(spec.source)).toEqual(spec);
      }),
      500,
    );
  });
});

// ─── accrued= lists ─────────────────────────────────────────────────────────────────────────────

describe('splitAccruedList', () => {
  it('never throws; answers partner/amount pairs or a non-empty, inert error', () => {
    check(
      fc.property(fc.oneof(hostileText, fc.stringMatching(/^([a-zA-Z-]{0,6}\s?:\s?[\d,.]{0,9},?){0,4}$/)), (text) => {
        const r = splitAccruedList(text);
        if ('error' in r) {
          expectInertError(r.error);
          return;
        }
        const partners = r.map((e) => e.partner);
        expect(new Set(partners).size).toBe(partners.length);
        for (const e of r) {
          expect(e.partner).toMatch(/^[^:\s]+$/);
          expect(e.partner).toBe(e.partner.toLowerCase());
          expect(e.amount).not.toBe('');
          expect(e.amount).toBe(e.amount.trim());
        }
      }),
      1000,
    );
  });

  it('gives back each partner and amount, although commas also group thousands', () => {
    const slug = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?$/);
    check(
      fc.property(
        fc.uniqueArray(fc.tuple(slug, cents, fc.boolean(), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
          selector: ([s]) => s,
        }),
        space,
        (entries, pad) => {
          const text = entries
            .map(
              ([s, c, grouped, padded]) =>
                `${padded ? pad.replace(/[\r\n]/g, ' ') : ''}${grouped ? s.toUpperCase() : s}:${grouped ? formatMoney(c) : formatMoneyPlain(c)}`,
            )
            .join(',');
          const r = splitAccruedList(text);
          expect(r).toEqual(
            entries.map(([s, c, grouped]) => ({ partner: s, amount: grouped ? formatMoney(c) : formatMoneyPlain(c) })),
          );
          if (!('error' in r))
            expect(r.map((e) => parseMoney(e.amount))).toEqual(entries.map(([, c]) => ({ cents: c })));
        },
      ),
    );
  });
});

// ─── Regressions found by the properties above ──────────────────────────────────────────────────

describe('regressions', () => {
  it('a syntax error quotes the typed text inert: `&lt;!channel&gt;` or a link stays text', () => {
    // Was: the excerpt was unescaped, so literal text typed as <!channel> came back as a real @channel.
    expect(() => parseArgs('"&lt;!channel&gt;')).toThrow('Unclosed quote starting at “&lt;!channel&gt;”');
    expect(() => parseArgs('"<https://evil.example|bank>')).toThrow(
      'Unclosed quote starting at “&lt;https://evil.exampl…”',
    );
  });

  it('parseMoney reads back the minus sign formatMoney writes', () => {
    // Was: `−12.50` (as Accord shows an adjustment) was refused as "not an amount".
    expect(formatMoney(-1250)).toBe('−12.50');
    expect(parseMoney('−12.50', { allowNegative: true })).toEqual({ cents: -1250 });
    expect(parseMoney('−12.50')).toEqual({ error: '`−12.50` is negative; give an amount of at least 0.' });
  });

  it('money, usage, currency and accrued= errors echo the typed text inert and short', () => {
    // Was: the text was echoed as typed, so `<!channel>` in an amount pinged from the error.
    expect(parseMoney('<!channel>')).toEqual({
      error: '`&lt;!channel&gt;` is not an amount: use digits, e.g. `1000`, `1000.5` or `1,000.50`.',
    });
    expect(parseUsage('hours', '<!here>')).toEqual({
      error: '`&lt;!here&gt;` is not a number of hours: use digits, e.g. `1000`, `1000.5` or `1,000.50`.',
    });
    expect(parseCurrency('<!here>')).toEqual({
      error: '`&lt;!here&gt;` is not a currency: give its three-letter ISO code, e.g. `USD` or `EUR`.',
    });
    expect(splitAccruedList('<!channel>')).toEqual({
      error: '`&lt;!channel&gt;` is not `<partner>:<amount>`; write e.g. `accrued=acme:1,000.50,globex:200`.',
    });
    expect(splitAccruedList('<!here>:1,<!HERE>:2')).toEqual({
      error: '`&lt;!here&gt;` is given twice in `accrued=`; give each partner once.',
    });
    const long = parseMoney(`${'9'.repeat(5000)}.001`);
    expect('error' in long && long.error.length).toBeLessThan(120);
  });
});
