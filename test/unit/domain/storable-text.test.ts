import { describe, expect, it } from 'vitest';
import { storableStrings, storableText } from '../../../src/domain/storable-text';

describe('storableText', () => {
  it('drops NUL and replaces each lone surrogate with U+FFFD', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('\u0000\u0000')).toBe('');
    expect(storableText('x\uD83Dy')).toBe('x\uFFFDy');
    expect(storableText('x\uDC00y')).toBe('x\uFFFDy');
    expect(storableText('\uDC00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(storableText('end\uD83D')).toBe('end\uFFFD');
  });

  it('keeps surrogate pairs, other control characters and everything else as given', () => {
    for (const ok of [
      '🙂 👩🏽‍💻 🇱🇻',
      'tab\there\nline',
      '\u0001\u007f\u200b\u202e\ufeff',
      'e\u0301',
      '漢字 مرحبا',
      '\uFFFD',
      '',
    ]) {
      expect(storableText(ok)).toBe(ok);
    }
    expect(storableText('\uD83D\uDE42\uD83D')).toBe('🙂\uFFFD');
  });

  it('gives text that JSON.stringify writes without lone surrogate or NUL escapes', () => {
    const json = JSON.stringify(storableText('a\u0000\uD800b\uDFFF'));
    expect(json).not.toMatch(/\\u(0000|d[89a-f][0-9a-f]{2})/i);
  });
});

describe('storableStrings', () => {
  it('cleans strings at any depth, keys included, and keeps numbers, booleans and null', () => {
    const body = {
      text: 'a\u0000',
      n: 1,
      ok: true,
      none: null,
      view: { state: { values: { 'k\uD800': { v: { value: 'x\uDC00' } } } } },
      list: ['\u0000', 2, { s: '\uD83D' }],
    };
    expect(storableStrings(body)).toEqual({
      text: 'a',
      n: 1,
      ok: true,
      none: null,
      view: { state: { values: { 'k\uFFFD': { v: { value: 'x\uFFFD' } } } } },
      list: ['', 2, { s: '\uFFFD' }],
    });
    expect(body.text).toBe('a\u0000');
  });

  it('returns the same value when there is nothing to clean, and shares untouched parts', () => {
    const clean = { a: 'fine', nested: { b: ['x', 1] } };
    expect(storableStrings(clean)).toBe(clean);
    const mixed = { untouched: { b: 'ok' }, bad: 'x\u0000' };
    const out = storableStrings(mixed);
    expect(out).not.toBe(mixed);
    expect(out.untouched).toBe(mixed.untouched);
  });

  it('never turns a `__proto__` key into a prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "y\\u0000"}, "t": "x"}') as Record<string, unknown>;
    const out = storableStrings(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 't']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('cleans a null-prototype object as parsed form bodies are', () => {
    const form = Object.assign(Object.create(null) as Record<string, unknown>, { text: 'a\u0000b' });
    expect(storableStrings(form)).toEqual({ text: 'ab' });
  });
});
