import { isValidTimeZone, localFields, offsetMs } from '../time-zone';
import { pick, type CronSpec } from './spec';

/**
 * When a cron schedule fires, on the wall clock of a time zone (the day rule is in spec.ts).
 *
 * Daylight saving time, where a cron job's intent is "at this time on the clock":
 * - A wall time that does not exist that day (inside a spring-forward gap) fires once, at the
 *   first instant after the gap: 02:30 on New York's spring-forward day fires at 03:00 EDT. All
 *   the gap's wall times collapse into that one instant, so a check-in is neither lost nor doubled.
 * - A wall time that happens twice (the repeated autumn hour) fires once, at its first instant.
 *   Frequent schedules follow the same rule: `*\/15 * * * *` fires at 01:00, 01:15, 01:30 and 01:45
 *   EDT on New York's fall-back night and then not again until 02:00 EST, an hour and a quarter
 *   later, because each distinct wall time fires exactly once.
 */

const MS_DAY = 86_400_000;
/**
 * Calendar steps (a skipped month or a day looked at) before giving up. A valid spec fires at
 * least every 8 years (29 February across a century year) which is a few hundred steps; this only
 * trips on specs built by hand that can never fire.
 */
const MAX_STEPS = 100_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  const domOk = spec.daysOfMonth.includes(day);
  const dowOk = spec.daysOfWeek.includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

/**
 * The instant (ms) a wall time on one day fires at: its only or first instant, or, when the wall
 * time falls in a spring-forward gap, the instant the gap ends. `offsets` are the zone's offsets
 * either side of the day; with at most one change around the day they are the only candidates.
 * Across a day this mapping never decreases, which is what lets firstInDay search it by bisection.
 */
function wallToInstant(naive: number, offsets: readonly number[], tz: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (const off of offsets) {
    const t = naive - off;
    if (t < best && offsetMs(new Date(t), tz) === off) best = t;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // In the gap the change lies after the wall time read with the later (larger) offset and no
  // later than read with the earlier one; find the first second carrying the new offset.
  const larger = Math.max(...offsets);
  const smaller = Math.min(...offsets);
  let lo = (naive - larger) / 1000;
  let hi = (naive - smaller) / 1000;
  const before = offsetMs(new Date(lo * 1000), tz);
  if (offsetMs(new Date(hi * 1000), tz) === before) return hi * 1000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(new Date(mid * 1000), tz) === before) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

// The last day looked at: occurrencesBetween asks about the same day over and over.
let lastDay: { tz: string; dayStart: number; offsets: readonly number[] } | undefined;

/** The zone's offsets a day either side of a local date (the day's wall times as if UTC). */
function dayOffsets(dayStart: number, tz: string): readonly number[] {
  if (lastDay?.tz === tz && lastDay.dayStart === dayStart) return lastDay.offsets;
  const before = offsetMs(new Date(dayStart - MS_DAY), tz);
  const after = offsetMs(new Date(dayStart + 2 * MS_DAY), tz);
  const offsets = before === after ? [before] : [before, after];
  lastDay = { tz, dayStart, offsets };
  return offsets;
}

/** Index of the first value >= target, or values.length. */
function lowerBound(values: readonly number[], target: number): number {
  let i = 0;
  while (i < values.length && pick(values, i) < target) i++;
  return i;
}

/**
 * The first firing on a local date strictly after `afterMs`, or undefined if the day has none.
 * `from` is the wall time of `afterMs` when this is its own date: candidates before it fire no
 * later than it, so the search starts there and, usually, ends at the next candidate.
 */
function firstInDay(
  spec: CronSpec,
  date: { year: number; month: number; day: number },
  afterMs: number,
  tz: string,
  from?: { hour: number; minute: number; second: number },
): number | undefined {
  const { hours, minutes, seconds } = spec;
  const { year, month, day } = date;
  const perHour = minutes.length * seconds.length;
  const count = hours.length * perHour;
  let start = 0;
  if (from) {
    // Mixed-radix lower bound of (hour, minute, second); a field running past its last value
    // carries into the next hour or minute through the index arithmetic.
    const h = lowerBound(hours, from.hour);
    start = h * perHour;
    if (h < hours.length && hours[h] === from.hour) {
      const m = lowerBound(minutes, from.minute);
      start += m * seconds.length;
      if (m < minutes.length && minutes[m] === from.minute) start += lowerBound(seconds, from.second);
    }
  }
  if (start >= count) return undefined;
  const offsets = dayOffsets(Date.UTC(year, month - 1, day), tz);
  // Candidates in wall-clock order by a mixed-radix index (hour, minute, second).
  const instant = (i: number): number => {
    const h = pick(hours, Math.floor(i / perHour));
    const m = pick(minutes, Math.floor(i / seconds.length) % minutes.length);
    const s = pick(seconds, i % seconds.length);
    return wallToInstant(Date.UTC(year, month - 1, day, h, m, s), offsets, tz);
  };
  const first = instant(start);
  if (first > afterMs) return first;
  // Gallop, then bisect: the answer is normally the very next candidate (`afterMs` is often the
  // previous firing), and only a repeated hour or a gap pushes it further.
  let lo = start;
  let stride = 1;
  let hi = start + stride;
  while (hi < count && instant(hi) <= afterMs) {
    lo = hi;
    stride *= 2;
    hi = lo + stride;
  }
  if (hi >= count) {
    hi = count - 1;
    if (hi === lo || instant(hi) <= afterMs) return undefined;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (instant(mid) > afterMs) hi = mid;
    else lo = mid;
  }
  return instant(hi);
}

// isValidTimeZone builds a formatter each time, which would otherwise dominate a run of calls.
const knownZones = new Set<string>();

function checkArgs(after: Date, tz: string): void {
  if (!(after instanceof Date) || !Number.isFinite(after.getTime()))
    throw new RangeError('cron: `after` is not a valid date');
  if (knownZones.has(tz)) return;
  if (!isValidTimeZone(tz)) throw new RangeError(`cron: unknown time zone ${JSON.stringify(tz)}`);
  knownZones.add(tz);
}

/**
 * The first occurrence strictly after `after`, in time zone `tz`, as an instant. The schedule is
 * matched against wall-clock times in `tz`, with the DST rules in this file's header. Months and
 * days that cannot match are skipped with calendar arithmetic alone; within a matching day the
 * firing is found by galloping and bisection, so even yearly schedules take a handful of zone
 * look-ups.
 * Throws when no occurrence is found within the step limit (only possible for hand-built specs).
 */
export function nextOccurrence(spec: CronSpec, after: Date, tz: string): Date {
  checkArgs(after, tz);
  const afterMs = after.getTime();
  // No wall time before the local date of `after` can fire after it: the first instant of a wall
  // time never decreases as the wall time increases.
  const start = localFields(after, tz);
  let year = start.year;
  let month = start.month;
  let day = start.day;
  const months = new Set(spec.months);
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (!months.has(month) || day > daysInMonth(year, month)) {
      month += 1;
      day = 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
      continue;
    }
    if (dayMatches(spec, year, month, day)) {
      const own = year === start.year && month === start.month && day === start.day;
      const hit = firstInDay(spec, { year, month, day }, afterMs, tz, own ? start : undefined);
      if (hit !== undefined) return new Date(hit);
    }
    day += 1;
  }
  throw new Error(
    `cron: no occurrence of ${JSON.stringify(spec.source)} found after ${after.toISOString()} within ${MAX_STEPS} calendar steps`,
  );
}

/** Occurrences in (from, to], in order, at most `limit`. */
export function occurrencesBetween(spec: CronSpec, from: Date, to: Date, tz: string, limit = 1000): Date[] {
  checkArgs(from, tz);
  checkArgs(to, tz);
  const out: Date[] = [];
  let cursor = from;
  while (out.length < limit) {
    const next = nextOccurrence(spec, cursor, tz);
    if (next.getTime() > to.getTime()) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
