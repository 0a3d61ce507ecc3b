import { describe, expect, it } from 'vitest';
import { coefficient, payableCents, payableDelta } from '../../../../src/domain/settlement/payable';

describe('coefficient (docs/domain.md §2)', () => {
  it.each([
    [81, 90],
    [90, 100],
    [95, 100],
    [100, 100],
    [89.99, 8999 / 90],
    [45, 50],
    [80.1, 89],
    [0, 0],
    [null, 100],
  ])('Y = %s gives P = %s%%', (y, p) => {
    expect(coefficient(y)).toBe(p);
  });

  it('is Y / 90 × 100 below 90, at full precision', () => {
    expect(coefficient(89.99)).toBeCloseTo(99.98888888888889, 12);
    expect(coefficient(89.99)).toBeLessThan(100);
    expect(coefficient(12.345)).toBeCloseTo((12.345 / 90) * 100, 12);
  });

  it.each([[-1], [100.01], [Number.NaN]])('refuses the impossible score %s', (y) => {
    expect(() => coefficient(y)).toThrow(RangeError);
  });
});

describe('payableCents', () => {
  it.each([
    // The seed's own example: Y = 81 → P = 90% → paid = 99% of accrued.
    ['seed example', 100000, coefficient(81), 99000],
    ['P 100 pays everything', 123456, 100, 123456],
    ['P 0 pays 90%', 100000, 0, 90000],
    ['1 cent at P 0 (0.9 rounds up)', 1, 0, 1],
    ['1 cent at P 100', 1, 100, 1],
    ['3333 cents at P 99.99 (3332.96667)', 3333, 99.99, 3333],
    ['3333 cents at P 50 (3166.35)', 3333, 50, 3166],
    ['exact half rounds up: 5 cents at P 0 (4.5)', 5, 0, 5],
    ['exact half rounds up: 50000 cents at P 99.99 (49999.5)', 50000, 99.99, 50000],
    ['half from a repeating P: 45000 at Y 89.99 (44999.5)', 45000, coefficient(89.99), 45000],
    ['half from a repeating P: 74250 at Y 0.2 (66841.5)', 74250, coefficient(0.2), 66842],
    ['just below half: 3 cents at P 0 (2.7)', 3, 0, 3],
    ['zero accrued', 0, 55.5, 0],
    ['large amounts stay exact', 9_000_000_000_000, coefficient(81), 8_910_000_000_000],
  ])('%s', (_name, accrued, p, paid) => {
    expect(payableCents(accrued, p)).toBe(paid);
  });

  it('agrees with the formula written out for many scores', () => {
    for (let hundredths = 0; hundredths <= 10000; hundredths += 37) {
      const y = hundredths / 100;
      const p = coefficient(y);
      const formula = 100000 * 0.9 + 100000 * 0.1 * (p / 100);
      expect(Math.abs(payableCents(100000, p) - formula)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it.each([
    [-1, 50],
    [1.5, 50],
    [100, -0.01],
    [100, 100.5],
    [100, Number.NaN],
  ])('refuses accrued %s at P %s', (accrued, p) => {
    expect(() => payableCents(accrued, p)).toThrow(RangeError);
  });
});
describe('payableDelta', () => {
  it('is the difference of the two rounded payable amounts, so carried changes add up exactly', () => {
    const p = coefficient(45);
    let accrued = 101;
    let carried = 0;
    for (const step of [1, 1, 1, 7, 13]) {
      carried += payableDelta({ accruedCents: accrued, coefficient: p }, accrued + step);
      accrued += step;
    }
    expect(carried).toBe(payableCents(accrued, p) - payableCents(101, p));
  });
});
