import { echo } from '../messages/mrkdwn';
import { localFields, zonedToUtc } from './time-zone';

export type Period =
  { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number };

const PERIOD_USAGE = 'use a month like `2026-03` or a quarter like `2026-Q1`';
const MONTH_RE = /^(\d{4})-(\d{1,2})$/;
const QUARTER_RE = /^(\d{4})-q(\d)$/i;
// Earlier years cannot hold any of Accord's data, and Date arithmetic on two-digit years is unreliable.
const MIN_YEAR = 1970;

/** `YYYY-MM` or `YYYY-Qn` (the `q` in either case); `2026-3` is taken as March too. */
export function parsePeriod(text: string): Period | { error: string } {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { error: `Give a period: ${PERIOD_USAGE}.` };
  const month = MONTH_RE.exec(trimmed);
  const quarter = QUARTER_RE.exec(trimmed);
  if (!month && !quarter) return { error: `${echo(trimmed)} is not a period: ${PERIOD_USAGE}.` };
  const year = Number((month ?? quarter)?.[1]);
  if (year < MIN_YEAR) return { error: `${echo(trimmed)} is not a period: the year must be ${MIN_YEAR} or later.` };
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { error: `${echo(trimmed)} is not a period: months run from 01 to 12.` };
    return { kind: 'month', year, month: m };
  }
  const q = Number(quarter?.[2]);
  if (q < 1 || q > 4) return { error: `${echo(trimmed)} is not a period: quarters run from Q1 to Q4.` };
  return { kind: 'quarter', year, quarter: q };
}

export function formatPeriod(p: Period): string {
  const year = String(p.year).padStart(4, '0');
  return p.kind === 'month' ? `${year}-${String(p.month).padStart(2, '0')}` : `${year}-Q${p.quarter}`;
}

/** The month or quarter that holds `at` on the wall clock of `tz`. */
export function periodOf(at: Date, kind: Period['kind'], tz: string): Period {
  const { year, month } = localFields(at, tz);
  return kind === 'month' ? { kind, year, month } : { kind, year, quarter: Math.ceil(month / 3) };
}

function firstMonth(p: Period): number {
  return p.kind === 'month' ? p.month : (p.quarter - 1) * 3 + 1;
}

/** Periods as a running count, so stepping across years is plain arithmetic. */
export function periodIndex(p: Period): number {
  return p.kind === 'month' ? p.year * 12 + (p.month - 1) : p.year * 4 + (p.quarter - 1);
}

function periodAt(kind: Period['kind'], index: number): Period {
  const perYear = kind === 'month' ? 12 : 4;
  const year = Math.floor(index / perYear);
  const within = index - year * perYear + 1;
  return kind === 'month' ? { kind, year, month: within } : { kind, year, quarter: within };
}

export function nextPeriod(p: Period): Period {
  return periodAt(p.kind, periodIndex(p) + 1);
}

export function previousPeriod(p: Period): Period {
  return periodAt(p.kind, periodIndex(p) - 1);
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && periodIndex(a) === periodIndex(b);
}

/** The `n` periods before `p`, oldest first (for trends). */
export function previousPeriods(p: Period, n: number): Period[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`previousPeriods needs a whole number of periods, not ${n}.`);
  const end = periodIndex(p);
  return Array.from({ length: n }, (_, i) => periodAt(p.kind, end - n + i));
}

/**
 * `[start, end)` of the period between local midnights in `tz`, so a month is the month the
 * partner's people lived through even when a DST change makes it an hour shorter or longer.
 */
export function periodRange(p: Period, tz: string): { start: Date; end: Date } {
  const next = nextPeriod(p);
  const start = zonedToUtc({ year: p.year, month: firstMonth(p), day: 1, hour: 0, minute: 0 }, tz);
  const end = zonedToUtc({ year: next.year, month: firstMonth(next), day: 1, hour: 0, minute: 0 }, tz);
  return { start, end };
}

type Month = Extract<Period, { kind: 'month' }>;

/** The calendar months a settlement period is made of (usage and entries are kept by month). */
export function monthsOf(p: Period): Month[] {
  if (p.kind === 'month') return [p];
  const first = (p.quarter - 1) * 3 + 1;
  return [0, 1, 2].map((i) => ({ kind: 'month', year: p.year, month: first + i }));
}

/** The periods a month's usage or entry can be settled in: the month itself and its quarter. */
export function periodsHolding(m: Month): [Month, Period] {
  return [m, { kind: 'quarter', year: m.year, quarter: Math.ceil(m.month / 3) }];
}

/** The `YYYY-MM` keys of a period's months, as usage and entries are stored. */
export const monthKeys = (p: Period) => monthsOf(p).map(formatPeriod);

/** A period key Accord stored itself; one that does not read back is a bug, not a user error. */
export function periodOfKey(key: string): Period {
  const p = parsePeriod(key);
  if ('error' in p) throw new Error(`stored period ${key} is not a period`);
  return p;
}
