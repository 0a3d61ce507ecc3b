import { describe, expect, it } from 'vitest';
import {
  accrue,
  accruedCentsExact,
  emptyLoad,
  formatMoney,
  formatMoneyPlain,
  MAX_CENTS,
  overLimit,
  overLimitMessage,
  type ContractTerms,
} from '../../../src/domain/money';
import { buildStatement } from '../../../src/domain/settlement/statement';

const perHour = (rateCents: number): ContractTerms => ({ model: 'per_hour', rateCents, feeCents: null });
const max = BigInt(MAX_CENTS);

describe('exact amounts beyond safe numbers', () => {
  it('formats a bigint amount exactly, also past Number.MAX_SAFE_INTEGER', () => {
    expect(formatMoney(123_456_789_012_345_678_901n)).toBe('1,234,567,890,123,456,789.01');
    expect(formatMoneyPlain(-900_719_925_474_099_399n)).toBe('-9007199254740993.99');
    expect(formatMoney(-5n)).toBe('−0.05');
    // Plain numbers read as before.
    expect(formatMoney(1234567)).toBe('12,345.67');
    expect(() => formatMoney(2 ** 60)).toThrow(RangeError);
  });

  it('accrues exactly, with the same half-up rounding as accrue()', () => {
    const terms: ContractTerms = { model: 'per_minute', rateCents: 37, feeCents: null };
    expect(accruedCentsExact(terms, { usageSeconds: 74070, months: 1, enteredCents: 0 })).toBe(
      BigInt(accrue(terms, { usageSeconds: 74070, months: 1, enteredCents: 0 }).accruedCents),
    );
    expect(
      accruedCentsExact(
        { model: 'hourly_plus_commission', rateCents: 2200, feeCents: null },
        { usageSeconds: 36000, months: 1, enteredCents: 5050 },
      ),
    ).toBe(27050n);
    expect(
      accruedCentsExact(
        { model: 'monthly', rateCents: null, feeCents: 333333 },
        { usageSeconds: 0, months: 3, enteredCents: 0 },
      ),
    ).toBe(999999n);
    // 10 million hours at the largest rate: far beyond what a JS number holds exactly.
    expect(accruedCentsExact(perHour(MAX_CENTS), { usageSeconds: 36_000_000_000, months: 1, enteredCents: 0 })).toBe(
      10_000_000n * max,
    );
  });
});

describe('overLimit', () => {
  it('accepts a period right at the limit and refuses one cent more', () => {
    // 36.00 an hour is a cent a second.
    expect(overLimit(perHour(3600), { ...emptyLoad(3), usageSeconds: max })).toBeUndefined();
    expect(overLimit(perHour(3600), { ...emptyLoad(3), usageSeconds: max + 1n })).toEqual({
      what: 'accrued',
      cents: max + 1n,
    });
  });

  it('checks a monthly fee over the months of the period', () => {
    const fee: ContractTerms = { model: 'monthly', rateCents: null, feeCents: 40_000_000_000_000 };
    expect(overLimit(fee, emptyLoad(1))).toBeUndefined();
    expect(overLimit(fee, emptyLoad(3))).toEqual({ what: 'accrued', cents: 120_000_000_000_000n });
  });

  it('checks deductions and adjustments, negative adjustments included', () => {
    const commission: ContractTerms = { model: 'commission', rateCents: null, feeCents: null };
    expect(overLimit(commission, { ...emptyLoad(1), deductionsCents: max })).toBeUndefined();
    expect(overLimit(commission, { ...emptyLoad(1), deductionsCents: max + 1n })).toEqual({
      what: 'deductions',
      cents: max + 1n,
    });
    expect(overLimit(commission, { ...emptyLoad(1), adjustmentsCents: -max - 1n })).toEqual({
      what: 'adjustments',
      cents: -max - 1n,
    });
    expect(overLimit(commission, { ...emptyLoad(1), enteredCents: max + 1n })).toEqual({
      what: 'accrued',
      cents: max + 1n,
    });
  });

  it('says which amount, for which period, and the limit', () => {
    expect(overLimitMessage("`acme`'s", '2026-Q1', 'USD', { what: 'deductions', cents: max + 1n })).toBe(
      "`acme`'s deductions for 2026-Q1 would add up to USD 1,000,000,000,000.01, more than Accord can settle in one statement (at most 1,000,000,000,000.00 per partner and period).",
    );
  });
});

describe('buildStatement', () => {
  const base = { partner: 'acme', period: '2026-03', currency: 'USD', score: null, entryCurrencies: new Set<string>() };

  it('builds the figures of a statement within the limit', () => {
    const built = buildStatement({
      ...base,
      terms: perHour(1250),
      load: { ...emptyLoad(1), usageSeconds: 135_000n, deductionsCents: 1000n, adjustmentsCents: -50n },
    });
    expect(built).toEqual({
      accrual: { accruedCents: 46875, basis: '37.5 h × 12.50 per hour' },
      figures: {
        accruedCents: 46875,
        score: null,
        coefficient: 100,
        payableCents: 46875,
        deductionsCents: 1000,
        adjustmentsCents: -50,
        totalCents: 45825,
      },
    });
  });

  it('refuses amounts in another currency than the contract’s', () => {
    const built = buildStatement({
      ...base,
      terms: perHour(1250),
      load: emptyLoad(1),
      entryCurrencies: new Set(['USD', 'GBP']),
    });
    expect(built).toEqual({
      error:
        'its deductions, adjustments or entered commission for 2026-03 include amounts in GBP, but its contract is in USD, and Accord never adds up two currencies. Set the contract to GBP with `/accord contract set acme … currency=GBP` to settle them.',
    });
  });

  it('refuses, rather than throws on, figures beyond the limit', () => {
    const built = buildStatement({
      ...base,
      terms: perHour(MAX_CENTS),
      load: { ...emptyLoad(1), usageSeconds: 36_000_000_000n },
    });
    expect(built).toHaveProperty('error');
    expect('error' in built && built.error).toMatch(
      /^its accrued amount for 2026-03 would be USD 10,000,000,000,000,000,000.00, more than Accord can settle/,
    );
    expect(buildStatement({ ...base, terms: perHour(0), load: { ...emptyLoad(1), usageSeconds: 2n ** 60n } })).toEqual({
      error: 'its usage for 2026-03 is more seconds than Accord can count exactly. Check the usage recorded for it.',
    });
  });
});
