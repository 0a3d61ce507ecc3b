/**
 * Property-based tests of the thread-reply grammar (`ack`, `resolved: …` and the other languages'
 * words). Whatever the text, it answers with one of its three readings or with nothing, never with
 * a crash, and in time linear in the text.
 *
 * fast-check picks a new seed each run and prints it (with the failing input, shrunk) when a
 * property fails; replay it with `FC_SEED=<seed> npx vitest run test/property`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseThreadReply, type ThreadReply } from '../../src/domain/escalations/thread-reply';
import { threadWords, type ThreadLanguage } from '../../src/domain/escalations/thread-words';

const seeded = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns = 300): void {
  fc.assert(property, { numRuns, ...seeded });
}

const languages = Object.keys(threadWords) as ThreadLanguage[];
const words = (kind: 'acknowledge' | 'resolve') =>
  languages.flatMap((language) => threadWords[language][kind].map((word) => ({ language, word })));

/** Pieces of thread replies, the awkward ones included: every keyword and parts of them. */
const FRAGMENTS = [
  ...words('acknowledge').map(({ word }) => word),
  ...words('resolve').map(({ word }) => word),
  'đã',
  'nhận',
  'd\u0323',
  'a\u0302\u0323',
  '\u0301',
  'được',
  'rồi',
  'ạ',
  'xong',
  'chưa',
  '了',
  '啦',
  '中',
  '吗',
  '器',
  'sa',
  'ņ',
  'n\u0327',
  'ɓ',
  '<@U1>',
  '<@U1|bob>',
  '<@U1|',
  '<!here>',
  ':eyes:',
  ':a',
  ':',
  '：',
  '-',
  '--',
  '—',
  '，',
  '。',
  ',',
  '.',
  '?',
  '？',
  '!',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u3000',
  '\n',
  '\r\n',
  '\u2028',
  '👍',
  '✅',
  '&amp;',
  '\ud800',
  'x',
] as const;

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 20 }).map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 })
    .map((parts) => parts.join('')),
);

/** Text far longer than Slack sends, built from a repeated piece (the worst case for a scanner). */
const longText = fc
  .tuple(
    fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }),
    fc.integer({ min: 5_000, max: 40_000 }),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([parts, times, tail, decompose]) => {
    const text = parts.join('').repeat(Math.ceil(times / parts.join('').length)) + tail.join('');
    return decompose ? text.normalize('NFD') : text;
  });

function expectWellFormed(text: string, reply: ThreadReply | undefined): void {
  if (reply === undefined || reply.kind !== 'resolve') {
    expect([undefined, 'acknowledge', 'resolve-without-summary']).toContain(reply?.kind);
    return;
  }
  // The summary is the reply's own text, trimmed, never rewritten.
  expect(reply.summary).not.toBe('');
  expect(reply.summary).toBe(reply.summary.trim());
  expect(text).toContain(reply.summary);
}

/** Letters typed without their diacritics, as on a phone: each one independently. */
const UNDECOMPOSED: Record<string, string> = { đ: 'd', Đ: 'D', ɓ: 'b', Ɓ: 'B' };
function typed(word: string, drops: readonly boolean[], uppers: readonly boolean[], gap: string): string {
  return [...word.normalize('NFC')]
    .map((ch, i) => {
      const bare = drops[i] ? (UNDECOMPOSED[ch] ?? ch.normalize('NFD').charAt(0)) : ch;
      const cased = uppers[i] ? bare.toUpperCase() : bare;
      return cased === ' ' ? gap : cased;
    })
    .join('');
}

/** A word as someone might type it: any case, any diacritics left off, any spacing, composed or not. */
const typedWord = (kind: 'acknowledge' | 'resolve') =>
  fc
    .tuple(
      fc.constantFrom(...words(kind)),
      fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u3000', ' \u2003 '),
      fc.constantFrom('NFC', 'NFD', 'as typed'),
    )
    .map(([{ language, word }, drops, uppers, gap, form]) => {
      const text = typed(word, drops, uppers, gap);
      return { language, text: form === 'as typed' ? text : text.normalize(form) };
    });

const lead = fc.constantFrom(
  '',
  '   ',
  '\n\n',
  '<@U1> ',
  '<@U123|bob>: ',
  '<!here> ',
  '👍 ',
  ':eyes: ',
  '*',
  '“',
  '- ',
);
const separator = fc.constantFrom(':', '：', '-', '–', '—', '--');

describe('parseThreadReply on any text', () => {
  it('answers with one of its readings, a summary taken from the text itself, never a crash', () => {
    check(
      fc.property(hostileText, (text) => {
        expectWellFormed(text, parseThreadReply(text));
      }),
      1_000,
    );
  });

  it('reads the same whether the text arrives composed or decomposed', () => {
    check(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')),
        (text) => {
          const composed = parseThreadReply(text.normalize('NFC'));
          const decomposed = parseThreadReply(text.normalize('NFD'));
          expect(decomposed?.kind).toBe(composed?.kind);
          if (composed?.kind === 'resolve' && decomposed?.kind === 'resolve') {
            expect(decomposed.summary.normalize('NFC')).toBe(composed.summary);
          }
        },
      ),
      1_000,
    );
  });

  it('reads very long text with the same guarantees', () => {
    // Untimed (speed is the bench's): 40 texts of 40,000 characters read quadratically would run
    // into the test's own timeout; linearly they take milliseconds.
    check(
      fc.property(longText, (text) => expectWellFormed(text, parseThreadReply(text))),
      40,
    );
  });
});

describe('parseThreadReply on every language’s words, however typed', () => {
  it('acknowledges with an acknowledging word, after mentions and emoji, followed by punctuation or nothing', () => {
    check(
      fc.property(
        lead,
        typedWord('acknowledge'),
        fc.constantFrom('', '!', '.', '…', ' 👍', ' :eyes:', ', checking', '，马上看', ' — on my way'),
        (before, { text }, after) => {
          expect(parseThreadReply(`${before}${text}${after}`)).toEqual({ kind: 'acknowledge' });
        },
      ),
    );
  });

  it('a question is neither', () => {
    check(
      fc.property(
        lead,
        fc.oneof(typedWord('acknowledge'), typedWord('resolve')),
        fc.constantFrom('?', ' ?', '？', ' ？', '?!'),
        fc.constantFrom('', ' really', '\nresolved: done'),
        (before, { text }, mark, rest) => {
          expect(parseThreadReply(`${before}${text}${mark}${rest}`)).toBeUndefined();
        },
      ),
    );
  });

  it('a word right after a spaced language’s word makes a sentence, not a reply', () => {
    check(
      fc.property(
        lead,
        fc
          .oneof(typedWord('acknowledge'), typedWord('resolve'))
          .filter(({ language }) => ['vi', 'lv', 'ha'].includes(language)),
        fc.constantFrom(' hàng', ' chưa?', ' rēķins', ' shi', '  ok', '\u00a0x'),
        (before, { text }, rest) => {
          expect(parseThreadReply(`${before}${text}${rest}`)).toBeUndefined();
        },
      ),
    );
  });

  it('resolves with the summary after a separator, kept as written, or asks for one', () => {
    check(
      fc.property(
        lead,
        typedWord('resolve'),
        separator,
        fc.string({ maxLength: 40 }),
        (before, { text }, sep, summary) => {
          const written = ` ${summary}`.trim();
          expect(parseThreadReply(`${before}${text}${sep} ${summary}`)).toEqual(
            written === '' ? { kind: 'resolve-without-summary' } : { kind: 'resolve', summary: written },
          );
        },
      ),
    );
  });

  it('without a summary, resolving asks for one', () => {
    check(
      fc.property(
        lead,
        typedWord('resolve'),
        fc.constantFrom('', '.', '!', ' 🎉', ' :tada:', '\nthanks everyone', ':', ' -', '。'),
        (before, { text }, after) => {
          expect(parseThreadReply(`${before}${text}${after}`)).toEqual({ kind: 'resolve-without-summary' });
        },
      ),
    );
  });
});
