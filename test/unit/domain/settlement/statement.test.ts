import { describe, expect, it } from 'vitest';

import { statementFigures } from '../../../../src/domain/settlement/statement';

describe('statementFigures', () => {
  it('applies the seed example: Y = 81 → P = 90% → 99% of accrued', () => {
    const f = statementFigures({ accruedCents: 100000, score: 81, deductionsCents: 0, adjustmentsCents: 0 });
    expect(f.coefficient).toBe(90);
    expect(f.payableCents).toBe(99000);
    expect(f.totalCents).toBe(99000);
  });

  it('holds nothing back at Y ≥ 90 or without evidence', () => {
    expect(
      statementFigures({ accruedCents: 12345, score: 90, deductionsCents: 0, adjustmentsCents: 0 }).payableCents,
    ).toBe(12345);
    expect(
      statementFigures({ accruedCents: 12345, score: null, deductionsCents: 0, adjustmentsCents: 0 }).payableCents,
    ).toBe(12345);
  });

  it('rounds the payable amount half-up to the cent once, from the exact fraction', () => {
    // Y = 45 → P = 50%: 0.95 × 0.01 = 0.0095 → 0.01; 0.95 × 1.23 = 1.1685 → 1.17
    expect(statementFigures({ accruedCents: 1, score: 45, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(
      1,
    );
    expect(
      statementFigures({ accruedCents: 123, score: 45, deductionsCents: 0, adjustmentsCents: 0 }).payableCents,
    ).toBe(117);
    // Y = 89.99 → P = 99.98888…%: 1,000,000.01 × (0.9 + 0.1 × 0.9998888…) = 999,988.8988… → 999,988.90
    expect(
      statementFigures({ accruedCents: 100000001, score: 89.99, deductionsCents: 0, adjustmentsCents: 0 }).payableCents,
    ).toBe(99998890);
  });

  it('total = payable − deductions + adjustments, and may go below zero', () => {
    const f = statementFigures({ accruedCents: 100000, score: 81, deductionsCents: 150000, adjustmentsCents: 2550 });
    expect(f.totalCents).toBe(99000 - 150000 + 2550);
    expect(f.totalCents).toBeLessThan(0);
  });

  it('refuses negative deductions and fractional cents', () => {
    expect(() => statementFigures({ accruedCents: 1, score: 50, deductionsCents: -1, adjustmentsCents: 0 })).toThrow(
      RangeError,
    );
    expect(() => statementFigures({ accruedCents: 1, score: 50, deductionsCents: 0, adjustmentsCents: 0.5 })).toThrow(
      RangeError,
    );
  });
});
