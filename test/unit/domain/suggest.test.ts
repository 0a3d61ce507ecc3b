import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance, typoAllowance, typoDistance } from '../../../src/domain/suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['list', 'list', 0],
    ['lst', 'list', 1],
    ['partnr', 'partner', 1],
    ['lsit', 'list', 1],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
    ['🙂a', 'a🙂', 1],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('stops at limit + 1 once it is certain to be further, and agrees below it', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        (a, b, limit) => {
          const full = editDistance(a, b);
          expect(editDistance(a, b, limit)).toBe(full > limit ? limit + 1 : full);
        },
      ),
    );
  });
});

describe('typoAllowance', () => {
  it('allows one edit for short names and a third of a longer one', () => {
    expect([1, 3, 5, 6, 9, 13].map(typoAllowance)).toEqual([1, 1, 1, 2, 3, 4]);
  });
});

describe('closest', () => {
  it('finds the name meant, whatever the case and spacing', () => {
    expect(closest('partnr', ['partner', 'project', 'help'])).toBe('partner');
    expect(closest('ESCALATON', ['escalations', 'checkins'])).toBe('escalations');
    expect(closest('order  handlng', ['Billing', 'Order handling'])).toBe('Order handling');
  });

  it('prefers the closest, then the first', () => {
    expect(closest('sett', ['set', 'settle'])).toBe('set');
    expect(closest('ab', ['ax', 'ay'])).toBe('ax');
  });

  it('suggests nothing when nothing is near, for an exact match, or for empty or huge input', () => {
    expect(closest('frobnicate', ['partner', 'project'])).toBeUndefined();
    expect(closest('acme', ['add'])).toBeUndefined();
    expect(closest('Partner', ['partner'])).toBeUndefined();
    expect(closest('  ', ['a'])).toBeUndefined();
    expect(closest('x'.repeat(5000), ['x'.repeat(4999)])).toBeUndefined();
    expect(closest('list', [])).toBeUndefined();
  });

  it('says how far a typo is, and nothing when it is no typo', () => {
    expect(typoDistance('member ad', 'member add')).toBe(1);
    expect(typoDistance('member add', 'member add')).toBeUndefined();
    expect(typoDistance('x', 'add')).toBeUndefined();
  });
});
