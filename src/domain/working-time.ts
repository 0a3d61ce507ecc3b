import { isValidTimeZone, localFields, zonedToUtc } from './time-zone';

/**
 * Which clock an SLA runs on. `24x7`: every millisecond counts. `business`: only Monday–Friday,
 * 09:00 (inclusive) to 18:00 (exclusive), wall-clock time in the given IANA zone; weekends do
 * not count and there are no public holidays.
 *
 * Durations are always amounts of elapsed time, never calendar units: in business mode `1d`
 * (parsed as 24 hours) means 24 hours of *working* time, i.e. two full working days and six hours
 * of a third, not "the next working day". Callers who want calendar-like SLAs should express
 * them in working hours (`9h` per working day, `45h` per working week).
 */
export type Hours = '24x7' | 'business';

/** Mon–Fri 09:00–18:00 local time in `tz` when hours is 'business'. */
export const BUSINESS_DAY = { startHour: 9, endHour: 18 } as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const WORKING_DAYS_PER_WEEK = 5;
const DAY_START = BUSINESS_DAY.startHour * HOUR;
const DAY_END = BUSINESS_DAY.endHour * HOUR;
const WORKING_DAY = DAY_END - DAY_START;
const WORKING_WEEK = WORKING_DAYS_PER_WEEK * WORKING_DAY;
// 1970-01-01 was a Thursday; counting weeks from the Monday before it makes day 0 of every week a Monday.
const EPOCH_MONDAY = -3 * DAY;

/*
 * How business time is measured. Every instant is mapped to its local wall-clock reading,
 * written as milliseconds on a zone-less time line ("wall time"). On that line working periods
 * are perfectly regular (9 hours on each of the first five days of every 7-day week), so the
 * working time accumulated up to any point is a closed-form function and its inverse is too:
 * no loop over days or weeks, whatever the duration.
 *
 * This equals real elapsed time as long as the zone's offset never changes between 09:00 and
 * 18:00 on a weekday. Every current IANA zone changes its clocks at night or at midnight
 * (Riga and New York at 02:00–04:00 on Sundays, Cairo at Thursday midnight, Santiago at
 * Saturday midnight), so a working day is always nine real hours, even on the day of a DST
 * change, and the deadline is placed at the right UTC instant on either side of a change.
 * Were some zone ever to shift its clocks during office hours, that single day would still be
 * counted as nine hours of wall-clock time.
 */

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** `at` as its wall-clock reading in `tz`, as milliseconds on a zone-less time line. */
function toWallTime(at: Date, tz: string): number {
  const f = localFields(at, tz);
  // Offsets are whole seconds, so the millisecond part is the same on both clocks.
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) + mod(at.getTime(), SECOND);
}

/** The instant whose wall-clock reading in `tz` is `wall`. */
function fromWallTime(wall: number, tz: string): number {
  const w = new Date(wall);
  const minute = zonedToUtc(
    {
      year: w.getUTCFullYear(),
      month: w.getUTCMonth() + 1,
      day: w.getUTCDate(),
      hour: w.getUTCHours(),
      minute: w.getUTCMinutes(),
    },
    tz,
  );
  return minute.getTime() + mod(wall, MINUTE);
}

/** Working time from an arbitrary fixed origin up to wall time `wall`; non-decreasing in `wall`. */
function workedUntil(wall: number): number {
  const intoWeek = mod(wall - EPOCH_MONDAY, WEEK);
  const weeks = (wall - EPOCH_MONDAY - intoWeek) / WEEK;
  const weekday = Math.floor(intoWeek / DAY); // 0 = Monday
  const workedThisWeek =
    weekday >= WORKING_DAYS_PER_WEEK
      ? WORKING_WEEK
      : weekday * WORKING_DAY + clamp(intoWeek - weekday * DAY - DAY_START, 0, WORKING_DAY);
  return weeks * WORKING_WEEK + workedThisWeek;
}

/**
 * The earliest wall time at which `workedUntil` reaches `worked`. Taking the earliest one is what
 * makes a deadline that uses up a working day exactly land at 18:00 that day, rather than at
 * 09:00 on the next working day, when the same amount of working time has elapsed.
 */
function wallTimeWhenWorked(worked: number): number {
  let intoWeek = mod(worked, WORKING_WEEK);
  let weeks = (worked - intoWeek) / WORKING_WEEK;
  if (intoWeek === 0) {
    intoWeek = WORKING_WEEK;
    weeks -= 1;
  }
  let intoDay = mod(intoWeek, WORKING_DAY);
  let weekday = (intoWeek - intoDay) / WORKING_DAY;
  if (intoDay === 0) {
    intoDay = WORKING_DAY;
    weekday -= 1;
  }
  return EPOCH_MONDAY + weeks * WEEK + weekday * DAY + DAY_START + intoDay;
}

// Constructing an Intl formatter is the expensive part of checking a zone; SLA code asks about
// the same handful of zones over and over.
const knownZones = new Set<string>();

function checkCommon(hours: Hours, tz: string): void {
  if (hours !== '24x7' && hours !== 'business') throw new RangeError(`Unknown working hours: ${String(hours)}`);
  if (typeof tz !== 'string' || !(knownZones.has(tz) || isValidTimeZone(tz)))
    throw new RangeError(`Unknown time zone: ${String(tz)}`);
  knownZones.add(tz);
}

function checkInstant(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function checkResult(ms: number): Date {
  const result = new Date(ms);
  if (Number.isNaN(result.getTime())) throw new RangeError('The deadline is beyond the range of dates');
  return result;
}

/**
 * The instant at which `durationMs` of working time has elapsed after `start`. 24x7: start + durationMs.
 *
 * Business hours: when `start` is outside working hours the count starts at the next working
 * period (Friday 19:00 + 1h is Monday 10:00). A deadline that uses up a working day exactly is
 * that day's 18:00. A zero duration returns `start` itself (as a new Date), even outside
 * working hours: there is nothing to wait for. Fractions of a millisecond are rounded up so a
 * deadline is never early.
 *
 * Throws RangeError for a negative or non-finite duration, an invalid `start`, an unknown zone
 * (in both modes, so a misconfigured zone is caught before business hours are switched on), or
 * a deadline past the end of the Date range.
 */
export function addWorkingTime(start: Date, durationMs: number, hours: Hours, tz: string): Date {
  checkCommon(hours, tz);
  const startMs = checkInstant(start, 'start');
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`Duration must be a finite, non-negative number of milliseconds, got ${String(durationMs)}`);
  }
  const duration = Math.ceil(durationMs);
  if (duration === 0) return new Date(startMs);
  if (hours === '24x7') return checkResult(startMs + duration);
  const deadlineWall = wallTimeWhenWorked(workedUntil(toWallTime(start, tz)) + duration);
  return checkResult(fromWallTime(deadlineWall, tz));
}

/**
 * Working time elapsed between two instants (0 if end <= start). The inverse of
 * `addWorkingTime`: `workingTimeBetween(s, addWorkingTime(s, d))` is `d` for any start (whole
 * milliseconds), and `addWorkingTime(s, workingTimeBetween(s, e))` is never after `e`.
 */
export function workingTimeBetween(start: Date, end: Date, hours: Hours, tz: string): number {
  checkCommon(hours, tz);
  const startMs = checkInstant(start, 'start');
  const endMs = checkInstant(end, 'end');
  if (endMs <= startMs) return 0;
  if (hours === '24x7') return endMs - startMs;
  // Both ends can sit in an hour that autumn repeats (always at night), where wall time runs
  // backwards; no working time lies there, hence the floor at zero.
  return Math.max(0, workedUntil(toWallTime(end, tz)) - workedUntil(toWallTime(start, tz)));
}

/** Whether `at` is inside working hours (always true for 24x7). */
export function isWorkingTime(at: Date, hours: Hours, tz: string): boolean {
  checkCommon(hours, tz);
  checkInstant(at, 'at');
  if (hours === '24x7') return true;
  const intoWeek = mod(toWallTime(at, tz) - EPOCH_MONDAY, WEEK);
  const weekday = Math.floor(intoWeek / DAY);
  const intoDay = intoWeek - weekday * DAY;
  return weekday < WORKING_DAYS_PER_WEEK && intoDay >= DAY_START && intoDay < DAY_END;
}
