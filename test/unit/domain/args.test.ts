import { describe, expect, it } from 'vitest';
import { ArgsSyntaxError } from '../../../src/domain/args/errors';
import { splitList } from '../../../src/domain/args/split-list';
import { tokenText, type Token } from '../../../src/domain/args/token';
import { parseArgs, tokenize } from '../../../src/domain/args/tokenize';

const word = (value: string): Token => ({ kind: 'word', value });
const quoted = (value: string): Token => ({ kind: 'quoted', value });

function syntaxError(run: () => unknown): ArgsSyntaxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ArgsSyntaxError);
    return error as ArgsSyntaxError;
  }
  throw new Error('expected an ArgsSyntaxError');
}

/** mulberry32: a tiny seeded generator so the fuzz cases are the same on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('tokenize: words and whitespace', () => {
  it('returns no tokens for empty or whitespace-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('   ')).toEqual([]);
    expect(tokenize('\n\t \u00a0\u2003\r\n')).toEqual([]);
  });

  it('splits on any whitespace, including newlines, tabs and non-breaking spaces', () => {
    expect(tokenize('a b\tc\nd\u00a0e\u2003f\r\ng')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(word));
  });

  it('ignores leading, trailing and repeated whitespace', () => {
    expect(tokenize('  one   two  ')).toEqual([word('one'), word('two')]);
  });

  it('unescapes Slack entities in words exactly once', () => {
    expect(tokenize('R&amp;D a&lt;b&gt;c')).toEqual([word('R&D'), word('a<b>c')]);
    expect(tokenize('&amp;lt;')).toEqual([word('&lt;')]);
    expect(tokenize('&amp;amp;')).toEqual([word('&amp;')]);
    expect(tokenize('&quot; &nbsp; &')).toEqual([word('&quot;'), word('&nbsp;'), word('&')]);
  });

  it('keeps quotes that appear inside a word as literal characters', () => {
    expect(tokenize('don’t say"hi"')).toEqual([word('don’t'), word('say"hi"')]);
  });

  it('keeps stray closing angle brackets and unmatched openers as characters', () => {
    expect(tokenize('a>b <c')).toEqual([word('a>b'), word('<c')]);
  });
});

describe('tokenize: quotes', () => {
  it('reads straight double quotes, keeping inner whitespace', () => {
    expect(tokenize('"Big  launch\tparty" next')).toEqual([quoted('Big  launch\tparty'), word('next')]);
  });

  it('reads smart double quotes', () => {
    expect(tokenize('“Big launch”')).toEqual([quoted('Big launch')]);
  });

  it('reads smart single quotes', () => {
    expect(tokenize('‘Big launch’')).toEqual([quoted('Big launch')]);
  });

  it('accepts mixed pairs of double quotes', () => {
    expect(tokenize('“Big launch"')).toEqual([quoted('Big launch')]);
    expect(tokenize('"Big launch”')).toEqual([quoted('Big launch')]);
  });

  it('does not treat a straight apostrophe as a quote', () => {
    expect(tokenize("'a b'")).toEqual([word("'a"), word("b'")]);
  });

  it('does not close a smart single quote with a double quote', () => {
    expect(tokenize('‘it"s’')).toEqual([quoted('it"s')]);
  });

  it('allows an empty quoted string', () => {
    expect(tokenize('"" “”')).toEqual([quoted(''), quoted('')]);
  });

  it('unescapes entities inside quotes exactly once', () => {
    expect(tokenize('"R&amp;D &lt;3 &amp;gt;"')).toEqual([quoted('R&D <3 &gt;')]);
  });

  it('keeps mention markup inside quotes as text', () => {
    expect(tokenize('"ping <@U1|bob> now"')).toEqual([quoted('ping <@U1|bob> now')]);
  });

  it('keeps newlines inside quotes', () => {
    expect(tokenize('"line one\nline two"')).toEqual([quoted('line one\nline two')]);
  });

  it('rejects an unclosed quote with a preview of the quoted text', () => {
    const error = syntaxError(() => tokenize('note "Big launch'));
    expect(error.message).toBe('Unclosed quote starting at “Big launch”');
  });

  it('says where the item that cannot be read starts, so the words before it can be read', () => {
    expect(syntaxError(() => tokenize('partner add acme "Acme')).at).toBe(17);
    expect(syntaxError(() => parseArgs('raci set x title="Big launch')).at).toBe(11);
    expect(syntaxError(() => parseArgs('sla set sev2 ack= resolve=4h')).at).toBe(13);
    expect(syntaxError(() => tokenize('"a"b')).at).toBe(0);
  });

  it('shortens a long unclosed quote in the message', () => {
    const error = syntaxError(() => tokenize('“Big launch party for the whole partner network'));
    expect(error.message).toMatch(/^Unclosed quote starting at “Big launch.*…”$/);
    expect(error.message.length).toBeLessThan(60);
  });

  it('rejects a quote left open at the end of the text', () => {
    expect(syntaxError(() => tokenize('a "')).message).toBe('Unclosed quote at the end of the text');
  });

  it('rejects a smart quote closed by the wrong kind', () => {
    expect(syntaxError(() => tokenize('‘abc"')).message).toMatch(/Unclosed quote/);
    expect(syntaxError(() => tokenize('“abc’')).message).toMatch(/Unclosed quote/);
  });

  it('rejects text glued to a closing quote', () => {
    const error = syntaxError(() => tokenize('"Big launch"tomorrow'));
    expect(error.message).toContain('Big launch');
  });
});

describe('tokenize: Slack markup', () => {
  it('reads user mentions with and without labels', () => {
    expect(tokenize('<@U123|bob> <@W456>')).toEqual([
      { kind: 'user', id: 'U123', label: 'bob' },
      { kind: 'user', id: 'W456' },
    ]);
  });

  it('reads channel mentions with and without labels', () => {
    expect(tokenize('<#C123|general> <#C456>')).toEqual([
      { kind: 'channel', id: 'C123', label: 'general' },
      { kind: 'channel', id: 'C456' },
    ]);
  });

  it('reads user group mentions with and without labels', () => {
    expect(tokenize('<!subteam^S123|@eng> <!subteam^S456>')).toEqual([
      { kind: 'usergroup', id: 'S123', label: '@eng' },
      { kind: 'usergroup', id: 'S456' },
    ]);
  });

  it('reads special mentions', () => {
    expect(tokenize('<!channel> <!here> <!everyone> <!here|here>')).toEqual([
      { kind: 'special', value: 'channel' },
      { kind: 'special', value: 'here' },
      { kind: 'special', value: 'everyone' },
      { kind: 'special', value: 'here' },
    ]);
  });

  it('reads links with and without labels, unescaping the URL and label', () => {
    expect(tokenize('<https://x.com/a?b=1&amp;c=2|R&amp;D site> <https://x.com> <mailto:a@b.co|a@b.co>')).toEqual([
      { kind: 'link', url: 'https://x.com/a?b=1&c=2', label: 'R&D site' },
      { kind: 'link', url: 'https://x.com' },
      { kind: 'link', url: 'mailto:a@b.co', label: 'a@b.co' },
    ]);
  });

  it('keeps whitespace inside a link label within one token', () => {
    expect(tokenize('see <https://x.com|the launch plan> now')).toEqual([
      word('see'),
      { kind: 'link', url: 'https://x.com', label: 'the launch plan' },
      word('now'),
    ]);
  });

  it('drops an empty label', () => {
    expect(tokenize('<@U1|>')).toEqual([{ kind: 'user', id: 'U1' }]);
  });

  it('keeps unknown or malformed markup as a word', () => {
    expect(tokenize('<!date^1392734382^{date}|Feb 18> <@> <#> <foo> <!subteam^>')).toEqual([
      word('<!date^1392734382^{date}|Feb 18>'),
      word('<@>'),
      word('<#>'),
      word('<foo>'),
      word('<!subteam^>'),
    ]);
  });

  it('keeps a comma list of mentions as one word', () => {
    expect(tokenize('<@U1>,<@U2|b>')).toEqual([word('<@U1>,<@U2|b>')]);
  });

  it('keeps text glued to a mention as one word', () => {
    expect(tokenize('<@U1>!')).toEqual([word('<@U1>!')]);
    expect(tokenize('hi<@U1>')).toEqual([word('hi<@U1>')]);
  });

  it('does not treat escaped angle brackets as markup', () => {
    expect(tokenize('&lt;@U1&gt;')).toEqual([word('<@U1>')]);
  });
});

describe('tokenize: key=value items', () => {
  it('returns each key=value item as one word of the text as typed', () => {
    expect(tokenize('title="Big launch" owner=<@U1|bob> a&amp;b')).toEqual([
      word('title="Big launch"'),
      word('owner=<@U1|bob>'),
      word('a&b'),
    ]);
  });
});

describe('parseArgs', () => {
  it('returns nothing for empty text', () => {
    expect(parseArgs('')).toEqual({ positional: [], named: {}, duplicates: [] });
    expect(parseArgs(' \n\t ')).toEqual({ positional: [], named: {}, duplicates: [] });
  });

  it('separates positional and named arguments', () => {
    const parsed = parseArgs('launch <#C1|proj> due=2d title="Big launch" owner=<@U123|bob> extra');
    expect(parsed.positional).toEqual([word('launch'), { kind: 'channel', id: 'C1', label: 'proj' }, word('extra')]);
    expect(parsed.named).toEqual({
      due: word('2d'),
      title: quoted('Big launch'),
      owner: { kind: 'user', id: 'U123', label: 'bob' },
    });
    expect(parsed.duplicates).toEqual([]);
  });

  it('lower-cases keys', () => {
    expect(parseArgs('Title=x DUE=1h').named).toEqual({ title: word('x'), due: word('1h') });
  });

  it('accepts keys with digits, underscores and dashes', () => {
    expect(parseArgs('a1=x sla_hours=4 due-at=5').named).toEqual({
      a1: word('x'),
      sla_hours: word('4'),
      'due-at': word('5'),
    });
  });

  it('reads smart-quoted and single-smart-quoted values', () => {
    expect(parseArgs('title=“Big launch” note=‘a b’ x="y”').named).toEqual({
      title: quoted('Big launch'),
      note: quoted('a b'),
      x: quoted('y'),
    });
  });

  it('reads mention values of every kind', () => {
    expect(
      parseArgs('owner=<@U1> channel=<#C1|x> team=<!subteam^S1|@eng> who=<!here> doc=<https://x.com|Doc>').named,
    ).toEqual({
      owner: { kind: 'user', id: 'U1' },
      channel: { kind: 'channel', id: 'C1', label: 'x' },
      team: { kind: 'usergroup', id: 'S1', label: '@eng' },
      who: { kind: 'special', value: 'here' },
      doc: { kind: 'link', url: 'https://x.com', label: 'Doc' },
    });
  });

  it('unescapes entities in word values once', () => {
    expect(parseArgs('name=R&amp;D x=&amp;lt;').named).toEqual({ name: word('R&D'), x: word('&lt;') });
  });

  it('keeps everything after the first = in the value', () => {
    expect(parseArgs('a=b=c').named).toEqual({ a: word('b=c') });
    expect(parseArgs('q==x').named).toEqual({ q: word('=x') });
  });

  it('keeps items that only look like key=value as positional words', () => {
    const parsed = parseArgs('=x 1a=b _a=b a.b=c <@U1>=x é=1 "a=b"');
    expect(parsed.named).toEqual({});
    expect(parsed.positional).toEqual([
      word('=x'),
      word('1a=b'),
      word('_a=b'),
      word('a.b=c'),
      word('<@U1>=x'),
      word('é=1'),
      quoted('a=b'),
    ]);
  });

  it('rejects an empty value, naming the key', () => {
    expect(syntaxError(() => parseArgs('title=')).message).toBe('Missing a value after “title=”');
    expect(syntaxError(() => parseArgs('title= "x"')).message).toContain('title=');
    expect(syntaxError(() => parseArgs('a=1 Due=\nb')).message).toContain('Due=');
  });

  it('allows an explicitly empty quoted value', () => {
    expect(parseArgs('title=""').named).toEqual({ title: quoted('') });
  });

  it('rejects an unclosed quoted value', () => {
    expect(syntaxError(() => parseArgs('title="Big launch')).message).toBe('Unclosed quote starting at “Big launch”');
    expect(syntaxError(() => parseArgs('title=“Big launch')).message).toMatch(/Unclosed quote/);
  });

  it('records keys given more than once, and the last value wins', () => {
    const parsed = parseArgs('due=1h Due=2h title=x DUE=3h title=y z=1');
    expect(parsed.named).toEqual({ due: word('3h'), title: word('y'), z: word('1') });
    expect(parsed.duplicates).toEqual(['due', 'title']);
  });

  it('treats keys named like Object.prototype members as ordinary keys', () => {
    const parsed = parseArgs('constructor=a toString=b hasOwnProperty=c');
    expect(parsed.duplicates).toEqual([]);
    expect(parsed.named['constructor']).toEqual(word('a'));
    expect(parsed.named['tostring']).toEqual(word('b'));
    expect(parsed.named['hasownproperty']).toEqual(word('c'));
    expect(parseArgs('').named['constructor']).toBeUndefined();
  });

  it('keeps comma lists with mentions as one word value', () => {
    expect(parseArgs('A=<@U1>,<@U2|b&amp;c>,vendor').named).toEqual({ a: word('<@U1>,<@U2|b&c>,vendor') });
    expect(parseArgs('tags=x,y,z').named).toEqual({ tags: word('x,y,z') });
  });
});

describe('splitList', () => {
  it('splits a comma list into mention and word tokens', () => {
    expect(splitList('<@U1|a>,vendor,acme')).toEqual([
      { kind: 'user', id: 'U1', label: 'a' },
      word('vendor'),
      word('acme'),
    ]);
  });

  it('round-trips a list value from parseArgs', () => {
    const value = parseArgs('owners=<@U1>,<@U2|bob>,<#C3>,<!subteam^S4|@eng>').named['owners'];
    expect(value).toEqual(word('<@U1>,<@U2|bob>,<#C3>,<!subteam^S4|@eng>'));
    expect(splitList(value?.kind === 'word' ? value.value : '')).toEqual([
      { kind: 'user', id: 'U1' },
      { kind: 'user', id: 'U2', label: 'bob' },
      { kind: 'channel', id: 'C3' },
      { kind: 'usergroup', id: 'S4', label: '@eng' },
    ]);
  });

  it('trims items and drops empty ones', () => {
    expect(splitList(' a , ,b,, <@U1> ,')).toEqual([word('a'), word('b'), { kind: 'user', id: 'U1' }]);
    expect(splitList('')).toEqual([]);
    expect(splitList(' , , ')).toEqual([]);
  });

  it('does not split on commas inside markup', () => {
    expect(splitList('<https://x.com/a,b|one, two>,c')).toEqual([
      { kind: 'link', url: 'https://x.com/a,b', label: 'one, two' },
      word('c'),
    ]);
  });

  it('does not unescape a second time', () => {
    expect(splitList('&lt;,R&amp;D,<@U1|&amp;lt;>')).toEqual([
      word('&lt;'),
      word('R&amp;D'),
      { kind: 'user', id: 'U1', label: '&amp;lt;' },
    ]);
  });

  it('treats a stray < as a character, not as the start of markup', () => {
    expect(splitList('x<y,<@U1>')).toEqual([word('x<y'), { kind: 'user', id: 'U1' }]);
  });

  it('returns single items', () => {
    expect(splitList('<!here>')).toEqual([{ kind: 'special', value: 'here' }]);
    expect(splitList('solo')).toEqual([word('solo')]);
  });
});

describe('tokenText', () => {
  it.each<[Token, string]>([
    [word('hello'), 'hello'],
    [quoted('Big launch'), 'Big launch'],
    [{ kind: 'user', id: 'U1', label: 'bob' }, '<@U1>'],
    [{ kind: 'user', id: 'U1' }, '<@U1>'],
    [{ kind: 'channel', id: 'C1', label: 'general' }, '<#C1>'],
    [{ kind: 'usergroup', id: 'S1', label: '@eng' }, '<!subteam^S1>'],
    [{ kind: 'special', value: 'here' }, '<!here>'],
    [{ kind: 'special', value: 'channel' }, '<!channel>'],
    [{ kind: 'special', value: 'everyone' }, '<!everyone>'],
    [{ kind: 'link', url: 'https://x.com' }, '<https://x.com>'],
    [{ kind: 'link', url: 'https://x.com', label: 'X' }, '<https://x.com|X>'],
  ])('renders %j as %s', (token, text) => {
    expect(tokenText(token)).toBe(text);
  });

  it('renders markup that tokenizes back to the same token', () => {
    for (const text of ['<@U1>', '<#C1>', '<!subteam^S1>', '<!here>', '<https://x.com|X>']) {
      const [token] = tokenize(text);
      expect(token && tokenText(token)).toBe(text);
    }
  });
});

describe('robustness', () => {
  const ALPHABET = [
    ...'abcXYZ019 =,|^@#!_-.',
    '"',
    '“',
    '”',
    '‘',
    '’',
    "'",
    '<',
    '>',
    '&',
    '&amp;',
    '&lt;',
    '&gt;',
    '<@U1>',
    '<#C1|x>',
    '<!here>',
    '<https://x.com|a b>',
    'key=',
    'k="',
    '\n',
    '\t',
    '\u00a0',
    '\u0000',
    '\u001f',
    '\u007f',
    '\ud800',
    '\udfff',
    '😀',
    '\u200b',
    '\ufeff',
  ];

  it('never throws anything but ArgsSyntaxError on random input', () => {
    const random = prng(20240601);
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * 40);
      let text = '';
      for (let j = 0; j < length; j++) text += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '';
      for (const run of [() => parseArgs(text), () => tokenize(text), () => splitList(text)]) {
        try {
          const result = run();
          expect(result).toBeDefined();
        } catch (error) {
          expect(error, `input ${JSON.stringify(text)}`).toBeInstanceOf(ArgsSyntaxError);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('never throws on random UTF-16 code units, including lone surrogates and control characters', () => {
    const random = prng(7);
    for (let i = 0; i < 2000; i++) {
      const units = Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * 0x10000));
      const text = String.fromCharCode(...units);
      try {
        parseArgs(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ArgsSyntaxError);
      }
      expect(() => splitList(text)).not.toThrow();
    }
  });

  it('renders every token of random input without throwing', () => {
    const random = prng(99);
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: 20 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '').join(' ');
      try {
        for (const token of tokenize(text)) expect(typeof tokenText(token)).toBe('string');
      } catch (error) {
        expect(error).toBeInstanceOf(ArgsSyntaxError);
      }
    }
  });

  it.each([
    ['words', 'word '.repeat(20_000)],
    ['unmatched openers', '<'.repeat(100_000)],
    ['openers then a closer', `${'<'.repeat(100_000)}>`],
    ['mentions', '<@U1> '.repeat(17_000)],
    ['a glued mention list', `${'<@U1>,'.repeat(17_000)}x`],
    ['entities', '&amp;'.repeat(20_000)],
    ['key chars', `${'a'.repeat(100_000)}=`],
    ['key chars then a value', `${'a'.repeat(100_000)}=x`],
    ['equals signs', '='.repeat(100_000)],
    ['quoted text', `"${'x '.repeat(50_000)}"`],
    ['an unclosed quote', `"${'x '.repeat(50_000)}`],
    ['many quotes', '"" '.repeat(33_000)],
    ['whitespace', '\u00a0\n\t '.repeat(25_000)],
  ])('handles 100k characters of %s (a quadratic lexer would hit the test timeout)', (_name, text) => {
    try {
      parseArgs(text);
      tokenize(text);
      splitList(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ArgsSyntaxError);
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });

  it('parses a large well-formed command completely', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `k${i}="v ${i}" <@U${i}>`).join(' ');
    const parsed = parseArgs(text);
    expect(parsed.positional).toHaveLength(5000);
    expect(Object.keys(parsed.named)).toHaveLength(5000);
    expect(parsed.named['k4999']).toEqual(quoted('v 4999'));
  });
});
