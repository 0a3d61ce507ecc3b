import { describe, expect, it } from 'vitest';
import { coefficient, payableCents, type Period } from '../../../src/domain/score';
import { monthsOf, payableDelta, periodsHolding, splitAccruedList, statementCsv, statementFigures, STATEMENT_CSV_COLUMNS } from '../../../src/domain/settlement';

describe('statementFigures', () => {
  it('applies the seed example: Y = 81 → P = 90% → 99% of accrued', () => {
    const f = statementFigures({ accruedCents: 100000, score: 81, deductionsCents: 0, adjustmentsCents: 0 });
    expect(f.coefficient).toBe(90);
    expect(f.payableCents).toBe(99000);
    expect(f.totalCents).toBe(99000);
  });

  it('holds nothing back at Y ≥ 90 or without evidence', () => {
    expect(statementFigures({ accruedCents: 12345, score: 90, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(12345);
    expect(statementFigures({ accruedCents: 12345, score: null, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(12345);
  });

  it('rounds the payable amount half-up to the cent once, from the exact fraction', () => {
    // Y = 45 → P = 50%: 0.95 × 0.01 = 0.0095 → 0.01; 0.95 × 1.23 = 1.1685 → 1.17
    expect(statementFigures({ accruedCents: 1, score: 45, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(1);
    expect(statementFigures({ accruedCents: 123, score: 45, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(117);
    // Y = 89.99 → P = 99.98888…%: 1,000,000.01 × (0.9 + 0.1 × 0.9998888…) = 999,988.8988… → 999,988.90
    expect(statementFigures({ accruedCents: 100000001, score: 89.99, deductionsCents: 0, adjustmentsCents: 0 }).payableCents).toBe(99998890);
  });

  it('total = payable − deductions + adjustments, and may go below zero', () => {
    const f = statementFigures({ accruedCents: 100000, score: 81, deductionsCents: 150000, adjustmentsCents: 2550 });
    expect(f.totalCents).toBe(99000 - 150000 + 2550);
    expect(f.totalCents).toBeLessThan(0);
  });

  it('refuses negative deductions and fractional cents', () => {
    expect(() => statementFigures({ accruedCents: 1, score: 50, deductionsCents: -1, adjustmentsCents: 0 })).toThrow(RangeError);
    expect(() => statementFigures({ accruedCents: 1, score: 50, deductionsCents: 0, adjustmentsCents: 0.5 })).toThrow(RangeError);
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

describe('statementCsv', () => {
  const row = { partner: 'acme', period: '2026-10', ...statementFigures({ accruedCents: 100050, score: 81, deductionsCents: 500, adjustmentsCents: -125 }) };

  it('has the columns docs/product.md names, money with two decimals and no separators', () => {
    const csv = statementCsv([row, { partner: 'globex', period: '2026-10', ...statementFigures({ accruedCents: 0, score: null, deductionsCents: 0, adjustmentsCents: 0 }) }]);
    expect(csv).toBe(
      [
        'partner,period,score,coefficient,accrued,payable,deductions,adjustments,total',
        'acme,2026-10,81.00,90.00,1000.50,990.50,5.00,-1.25,984.25',
        'globex,2026-10,,100.00,0.00,0.00,0.00,0.00,0.00',
        '',
      ].join('\r\n'),
    );
    expect(STATEMENT_CSV_COLUMNS.join(',')).toBe('partner,period,score,coefficient,accrued,payable,deductions,adjustments,total');
  });

  it('quotes fields that need it and defuses formula-like text', () => {
    const csv = statementCsv([
      { ...row, partner: 'a,"b"' },
      { ...row, partner: '=cmd()' },
    ]);
    expect(csv).toContain('"a,""b"""');
    expect(csv).toContain("'=cmd()");
  });
});

describe('splitAccruedList', () => {
  it('splits entries only at a comma that starts `<slug>:`, so thousands separators survive', () => {
    expect(splitAccruedList('acme:1,000.50,globex:200')).toEqual([
      { partner: 'acme', amount: '1,000.50' },
      { partner: 'globex', amount: '200' },
    ]);
    expect(splitAccruedList('acme: 1,000,000.5 , 42:7')).toEqual([
      { partner: 'acme', amount: '1,000,000.5' },
      { partner: '42', amount: '7' },
    ]);
    expect(splitAccruedList('Acme:5')).toEqual([{ partner: 'acme', amount: '5' }]);
  });

  it('refuses entries without a partner or amount, and a partner named twice', () => {
    expect(splitAccruedList('acme')).toHaveProperty('error');
    expect(splitAccruedList('acme:')).toHaveProperty('error');
    expect(splitAccruedList(':5')).toHaveProperty('error');
    const twice = splitAccruedList('acme:5,acme:6');
    expect('error' in twice && twice.error).toMatch(/twice/);
  });
});

describe('periods of settlement', () => {
  it('a quarter is its three months; a month is held by itself and its quarter', () => {
    const q: Period = { kind: 'quarter', year: 2026, quarter: 4 };
    expect(monthsOf(q).map((m) => m.month)).toEqual([10, 11, 12]);
    expect(monthsOf({ kind: 'month', year: 2026, month: 2 })).toEqual([{ kind: 'month', year: 2026, month: 2 }]);
    expect(periodsHolding({ kind: 'month', year: 2026, month: 11 })[1]).toEqual(q);
  });
});
