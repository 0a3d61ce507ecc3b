import { describe, expect, it } from 'vitest';
import {
  accrue,
  formatMoney,
  formatMoneyPlain,
  formatUsage,
  MAX_CENTS,
  mulDivHalfUp,
  parseCurrency,
  parseMoney,
  parseUsage,
  rateOf,
  takesEnteredCommission,
} from '../../../src/domain/money';

describe('parseMoney', () => {
  it.each([
    ['1000', 100000],
    ['1000.5', 100050],
    ['1,000.50', 100050],
    ['1,000', 100000],
    ['0.01', 1],
    ['0.1', 10],
    ['0', 0],
    ['12,345,678.09', 1234567809],
    [' 7.5 ', 750],
    ['+3', 300],
    ['1000.', undefined],
  ])('reads %s as %s cents', (text, cents) => {
    const r = parseMoney(text);
    if (cents === undefined) expect(r).toHaveProperty('error');
    else expect(r).toEqual({ cents });
  });

  it('never goes through a float: 0.29 is 29 cents and 1,000,000,000.07 is exact', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parseMoney('0.29')).toEqual({ cents: 29 });
    expect(parseMoney('1,000,000,000.07')).toEqual({ cents: 100000000007 });
    expect(parseMoney('4.35')).toEqual({ cents: 435 });
  });

  it.each([
    ['1.005', /more than two decimals/],
    ['1,00', /commas separate thousands/],
    ['10,00.5', /commas separate thousands/],
    ['1,0000', /commas separate thousands/],
    [',100', /commas separate thousands|digit/],
    ['.5', /digit before the point/],
    ['abc', /not an amount/],
    ['1e3', /not an amount/],
    ['$100', /not an amount/],
    ['', /not an amount/],
    ['1.2.3', /not an amount/],
    ['-5', /negative/],
    ['1,000,000,000,001', /more than Accord can settle/],
  ])('refuses %s with a reason', (text, reason) => {
    const r = parseMoney(text);
    expect(r).toHaveProperty('error');
    if ('error' in r) expect(r.error).toMatch(reason);
  });

  it('takes negative amounts only when asked to', () => {
    expect(parseMoney('-1,000.5', { allowNegative: true })).toEqual({ cents: -100050 });
    expect(parseMoney('-0', { allowNegative: true })).toEqual({ cents: 0 });
    expect(parseMoney('1000000000000')).toEqual({ cents: MAX_CENTS });
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '0.00', '0.00'],
    [5, '0.05', '0.05'],
    [100050, '1,000.50', '1000.50'],
    [123456789, '1,234,567.89', '1234567.89'],
    [-5, '−0.05', '-0.05'],
    [-100000, '−1,000.00', '-1000.00'],
  ])('%s cents prints as %s (plain %s)', (cents, shown, plain) => {
    expect(formatMoney(cents)).toBe(shown);
    expect(formatMoneyPlain(cents)).toBe(plain);
  });

  it('round-trips every parsed amount', () => {
    for (const cents of [0, 1, 99, 100, 101, 99999, 100000, 123456789, MAX_CENTS]) {
      expect(parseMoney(formatMoney(cents))).toEqual({ cents });
      expect(parseMoney(formatMoneyPlain(cents))).toEqual({ cents });
    }
  });

  it('refuses a fraction of a cent', () => {
    expect(() => formatMoneyPlain(1.5)).toThrow(RangeError);
  });
});

describe('parseCurrency', () => {
  it('upper-cases ISO codes', () => {
    expect(parseCurrency('usd')).toEqual({ currency: 'USD' });
    expect(parseCurrency('EUR')).toEqual({ currency: 'EUR' });
  });
  it('refuses what is not a code, and currencies without cents', () => {
    expect(parseCurrency('US$')).toHaveProperty('error');
    expect(parseCurrency('dollars')).toHaveProperty('error');
    const jpy = parseCurrency('JPY');
    expect('error' in jpy && jpy.error).toMatch(/not divided into cents/);
    expect(parseCurrency('kwd')).toHaveProperty('error');
  });
});

describe('parseUsage', () => {
  it.each([
    ['minutes', '1250', 75000],
    ['minutes', '1,234.5', 74070],
    ['minutes', '0.5', 30],
    ['hours', '37.5', 135000],
    ['hours', '12.25', 44100],
    ['hours', '0.0001', undefined],
    ['minutes', '0.01', undefined],
  ] as const)('%s=%s is %s seconds', (unit, text, seconds) => {
    const r = parseUsage(unit, text);
    if (seconds === undefined) expect('error' in r && r.error).toMatch(/whole number of seconds/);
    else expect(r).toEqual({ seconds });
  });

  it('refuses nothing, negatives and nonsense', () => {
    expect(parseUsage('hours', '0')).toHaveProperty('error');
    expect(parseUsage('hours', '-3')).toHaveProperty('error');
    expect(parseUsage('hours', 'lots')).toHaveProperty('error');
    expect(parseUsage('hours', '10,000,001')).toHaveProperty('error');
  });

  it('prints usage back exactly as typed', () => {
    expect(formatUsage(74070, 'minutes')).toBe('1,234.5 min');
    expect(formatUsage(135000, 'hours')).toBe('37.5 h');
    expect(formatUsage(3600, 'hours')).toBe('1 h');
  });
});

describe('mulDivHalfUp', () => {
  it('rounds half up exactly, also beyond float precision', () => {
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivHalfUp(1, 1, 3)).toBe(0);
    expect(mulDivHalfUp(2, 1, 3)).toBe(1);
    expect(mulDivHalfUp(90, 35, 3600)).toBe(1); // 0.875 cents
    // 10 million hours at 9,000,000.00 per hour: past 2^53 in the product, exact in the result.
    expect(mulDivHalfUp(36_000_000_000, 900_000_000, 3600)).toBe(9_000_000_000_000_000);
    expect(() => mulDivHalfUp(36_000_000_000, 100_000_000_000_000, 3600)).toThrow(/too large/);
  });
  it('refuses negative or fractional inputs', () => {
    expect(() => mulDivHalfUp(-1, 1, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 0.5, 1)).toThrow(RangeError);
    expect(() => mulDivHalfUp(1, 1, 0)).toThrow(RangeError);
  });
});

describe('accrue (each pricing model)', () => {
  const none = { usageSeconds: 0, months: 1, enteredCents: 0 };

  it('commission: what was entered', () => {
    expect(
      accrue({ model: 'commission', rateCents: null, feeCents: null }, { ...none, enteredCents: 123456 }).accruedCents,
    ).toBe(123456);
  });

  it('per minute: seconds × rate / 60, half-up once', () => {
    // 1,234.5 min at 0.37 = 456.765 → 456.77
    const a = accrue({ model: 'per_minute', rateCents: 37, feeCents: null }, { ...none, usageSeconds: 74070 });
    expect(a.accruedCents).toBe(45677);
    expect(a.basis).toBe('1,234.5 min × 0.37 per minute');
    // 10 s at 0.45/min = 0.075 → 0.08
    expect(
      accrue({ model: 'per_minute', rateCents: 45, feeCents: null }, { ...none, usageSeconds: 10 }).accruedCents,
    ).toBe(8);
  });

  it('per hour: seconds × rate / 3600; awkward amounts land on the cent', () => {
    // 37.5 h at 12.50 = 468.75
    expect(
      accrue({ model: 'per_hour', rateCents: 1250, feeCents: null }, { ...none, usageSeconds: 135000 }).accruedCents,
    ).toBe(46875);
    // 1 s at 9.99/h = 0.2775 cents → 0; 2 s = 0.555 → 1 cent
    expect(
      accrue({ model: 'per_hour', rateCents: 999, feeCents: null }, { ...none, usageSeconds: 1 }).accruedCents,
    ).toBe(0);
    expect(
      accrue({ model: 'per_hour', rateCents: 999, feeCents: null }, { ...none, usageSeconds: 2 }).accruedCents,
    ).toBe(1);
    // 0.1 h at 0.05 = 0.005 → 0.01 (half up)
    expect(
      accrue({ model: 'per_hour', rateCents: 5, feeCents: null }, { ...none, usageSeconds: 360 }).accruedCents,
    ).toBe(1);
  });

  it('monthly: the fee per calendar month, three for a quarter', () => {
    expect(accrue({ model: 'monthly', rateCents: null, feeCents: 500000 }, none).accruedCents).toBe(500000);
    const q = accrue({ model: 'monthly', rateCents: null, feeCents: 333333 }, { ...none, months: 3 });
    expect(q.accruedCents).toBe(999999);
    expect(q.basis).toBe('3 months × 3,333.33');
  });

  it('hourly + commission: metered hours plus what was entered', () => {
    const a = accrue(
      { model: 'hourly_plus_commission', rateCents: 2200, feeCents: null },
      { usageSeconds: 36000, months: 1, enteredCents: 5050 },
    );
    expect(a.accruedCents).toBe(22000 + 5050);
    expect(a.basis).toBe('10 h × 22.00 per hour + commission 50.50');
  });

  it('says which rate a model needs and whether it takes entered commission', () => {
    expect(rateOf('monthly')).toBe('fee');
    expect(rateOf('commission')).toBeUndefined();
    expect(rateOf('per_minute')).toBe('rate');
    expect(takesEnteredCommission('hourly_plus_commission')).toBe(true);
    expect(takesEnteredCommission('per_hour')).toBe(false);
  });
});
