import { describe, expect, it } from 'vitest';
import {
  formatPeriod,
  monthsOf,
  periodsHolding,
  nextPeriod,
  parsePeriod,
  periodOf,
  periodRange,
  previousPeriod,
  previousPeriods,
  type Period,
} from '../../../src/domain/period';

const RIGA = 'Europe/Riga';

function month(year: number, m: number): Period {
  return { kind: 'month', year, month: m };
}

function quarter(year: number, q: number): Period {
  return { kind: 'quarter', year, quarter: q };
}

describe('parsePeriod / formatPeriod', () => {
  it.each<[string, Period, string]>([
    ['2026-03', month(2026, 3), '2026-03'],
    ['2026-12', month(2026, 12), '2026-12'],
    ['2026-3', month(2026, 3), '2026-03'],
    [' 2026-01 ', month(2026, 1), '2026-01'],
    ['2026-Q1', quarter(2026, 1), '2026-Q1'],
    ['2026-q4', quarter(2026, 4), '2026-Q4'],
  ])('parses %j', (text, period, formatted) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(period)).toBe(formatted);
  });

  it.each<[string, RegExp]>([
    ['', /^Give a period: use a month like `2026-03` or a quarter like `2026-Q1`\.$/],
    ['   ', /^Give a period/],
    ['March', /^`March` is not a period: use a month like `2026-03` or a quarter like `2026-Q1`\.$/],
    ['2026-13', /^`2026-13` is not a period: months run from 01 to 12\.$/],
    ['2026-00', /months run from 01 to 12/],
    ['2026-Q5', /^`2026-Q5` is not a period: quarters run from Q1 to Q4\.$/],
    ['2026-Q0', /quarters run from Q1 to Q4/],
    ['26-03', /is not a period/],
    ['2026/03', /is not a period/],
    ['2026-03-01', /is not a period/],
    ['2026-Q12', /is not a period/],
    ['1969-12', /the year must be 1970 or later/],
    ['<!channel>', /^`&lt;!channel&gt;` is not a period/],
  ])('refuses %j', (text, message) => {
    const r = parsePeriod(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('periodOf', () => {
  it.each<[string, string, Period['kind'], Period]>([
    // 22:30 UTC on 31 Mar is already 1 Apr in Riga (UTC+3 in summer).
    ['2026-03-31T22:30:00Z', RIGA, 'month', month(2026, 4)],
    ['2026-03-31T20:59:00Z', RIGA, 'month', month(2026, 3)],
    ['2026-03-31T22:30:00Z', 'UTC', 'month', month(2026, 3)],
    ['2026-03-31T22:30:00Z', RIGA, 'quarter', quarter(2026, 2)],
    ['2026-12-31T22:00:00Z', RIGA, 'quarter', quarter(2027, 1)],
    ['2026-12-31T22:00:00Z', 'America/New_York', 'quarter', quarter(2026, 4)],
    ['2026-07-15T12:00:00Z', 'UTC', 'quarter', quarter(2026, 3)],
  ])('%s in %s as a %s is %j', (iso, tz, kind, period) => {
    expect(periodOf(new Date(iso), kind, tz)).toEqual(period);
  });
});

describe('periodRange', () => {
  it.each<[Period, string, string, string, number]>([
    // Winter: Riga is UTC+2.
    [month(2026, 1), RIGA, '2025-12-31T22:00:00.000Z', '2026-01-31T22:00:00.000Z', 31 * 24],
    // Spring forward on 29 March 2026: the month is an hour short and ends at UTC+3.
    [month(2026, 3), RIGA, '2026-02-28T22:00:00.000Z', '2026-03-31T21:00:00.000Z', 31 * 24 - 1],
    // Fall back on 25 October 2026: an hour long.
    [month(2026, 10), RIGA, '2026-09-30T21:00:00.000Z', '2026-10-31T22:00:00.000Z', 31 * 24 + 1],
    [month(2026, 12), RIGA, '2026-11-30T22:00:00.000Z', '2026-12-31T22:00:00.000Z', 31 * 24],
    [month(2028, 2), 'UTC', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z', 29 * 24],
    [quarter(2026, 1), RIGA, '2025-12-31T22:00:00.000Z', '2026-03-31T21:00:00.000Z', 90 * 24 - 1],
    [quarter(2026, 2), RIGA, '2026-03-31T21:00:00.000Z', '2026-06-30T21:00:00.000Z', 91 * 24],
    [quarter(2026, 4), RIGA, '2026-09-30T21:00:00.000Z', '2026-12-31T22:00:00.000Z', 92 * 24 + 1],
    [quarter(2026, 4), 'UTC', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 92 * 24],
  ])('%j in %s', (period, tz, start, end, hours) => {
    const r = periodRange(period, tz);
    expect(r.start.toISOString()).toBe(start);
    expect(r.end.toISOString()).toBe(end);
    expect((r.end.getTime() - r.start.getTime()) / 3_600_000).toBe(hours);
  });

  it('tiles time: each period ends where the next starts, and periodOf agrees at both edges', () => {
    let p: Period = month(2025, 11);
    for (let i = 0; i < 14; i++) {
      const r = periodRange(p, RIGA);
      const n = nextPeriod(p);
      expect(periodRange(n, RIGA).start).toEqual(r.end);
      expect(periodOf(r.start, 'month', RIGA)).toEqual(p);
      expect(periodOf(new Date(r.end.getTime() - 1), 'month', RIGA)).toEqual(p);
      p = n;
    }
  });
});

describe('stepping periods', () => {
  it.each<[Period, Period]>([
    [month(2026, 3), month(2026, 4)],
    [month(2026, 12), month(2027, 1)],
    [quarter(2026, 3), quarter(2026, 4)],
    [quarter(2026, 4), quarter(2027, 1)],
  ])('after %j comes %j', (p, next) => {
    expect(nextPeriod(p)).toEqual(next);
    expect(previousPeriod(next)).toEqual(p);
  });

  it.each<[Period, number, string[]]>([
    [month(2026, 3), 6, ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']],
    [month(2026, 1), 1, ['2025-12']],
    [month(2026, 5), 0, []],
    [quarter(2026, 2), 6, ['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']],
    [
      month(2026, 2),
      14,
      [
        '2024-12',
        '2025-01',
        '2025-02',
        '2025-03',
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
      ],
    ],
  ])('previousPeriods(%j, %i)', (p, n, formatted) => {
    expect(previousPeriods(p, n).map(formatPeriod)).toEqual(formatted);
  });

  it.each([[-1], [1.5]])('refuses %s periods', (n) => {
    expect(() => previousPeriods(month(2026, 1), n)).toThrow(RangeError);
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
