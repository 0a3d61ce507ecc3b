import { describe, expect, it } from 'vitest';
import { echo, escapeText, shorten } from '../../../src/messages/mrkdwn';

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U1>', '&lt;@U1&gt;'],
    ['<https://evil.test|click>', '&lt;https://evil.test|click&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
  ])('escapes %j', (text, expected) => {
    expect(escapeText(text)).toBe(expected);
  });
});

describe('shorten', () => {
  it('counts code points, so an emoji is never split', () => {
    expect(shorten('😀😀😀', 3)).toBe('😀😀😀');
    expect(shorten('😀😀😀😀', 3)).toBe('😀😀…');
    expect(shorten('abc', 3)).toBe('abc');
  });
});

describe('echo', () => {
  const long = 'x'.repeat(50);

  it('flattens, cuts within 40 code points and wraps in a code span by default', () => {
    expect(echo('  a \n b  ')).toBe('`a b`');
    expect(echo(long)).toBe(`\`${'x'.repeat(39)}…\``);
    expect(echo('x'.repeat(40))).toBe(`\`${'x'.repeat(40)}\``);
  });

  it('cannot close its span early, ping anyone or become a link', () => {
    expect(echo('a`b <!channel> & <https://x|y>')).toBe("`a'b &lt;!channel&gt; &amp; &lt;https://x|y&gt;`");
  });

  it('can add the ellipsis after the limit, only trim, and leave the span to the caller', () => {
    expect(echo(` ${'1'.repeat(25)} `, { max: 24, cut: 'after', space: 'trim', span: false })).toBe(
      `${'1'.repeat(24)}…`,
    );
    expect(echo('a  b', { space: 'trim', span: false })).toBe('a  b');
  });

  it('can cut silently and keep whitespace', () => {
    expect(echo(` ${long}`, { cut: 'none', space: 'keep', span: false })).toBe(` ${'x'.repeat(39)}`);
  });
});
