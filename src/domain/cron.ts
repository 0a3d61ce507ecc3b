import { echo as echoText } from '../messages/mrkdwn';
import { isValidTimeZone, localFields, offsetMs } from './time-zone';

/**
 * Cron schedules for check-ins, evaluated on the wall clock of a time zone.
 *
 * Syntax: 5 fields (minute hour day month weekday) or 6 with seconds first. Each field is a list
 * of `*`, `n`, `a-b`, `*\/n` or `a-b/n`; months take JAN–DEC and weekdays SUN–SAT (any case), and
 * weekday 7 is Sunday, so `FRI-SUN` (5-7) reads naturally. Quartz extensions (`?`, `L`, `W`, `#`)
 * and a step on a single value (`5/15`) are refused rather than guessed at.
 *
 * Day rule: a field counts as restricted when it leaves out at least one value (`*`, `*\/1`,
 * `1-31` and `0-7` are all unrestricted). When both day-of-month and weekday are restricted a day
 * matches if either matches, as in every cron since Vixie's; otherwise both must match.
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

export interface CronSpec {
  /** The schedule as written, with runs of whitespace collapsed to one space. */
  source: string;
  /** Whether the source had the optional leading seconds field. */
  hasSeconds: boolean;
  /** Allowed values of each field, ascending and without duplicates. `[0]` when no seconds field. */
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  /** 1–31. */
  daysOfMonth: readonly number[];
  /** 1–12. */
  months: readonly number[];
  /** 0–6, 0 = Sunday (7 in the source is folded into 0). */
  daysOfWeek: readonly number[];
  /** Whether the day-of-month field leaves some day out; drives the either-or day rule. */
  dayOfMonthRestricted: boolean;
  /** Whether the weekday field leaves some weekday out; drives the either-or day rule. */
  dayOfWeekRestricted: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
// Leap years included: a day that exists in any year can fire.
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

interface FieldDef {
  label: string;
  /** Completes "is not …" in error messages. */
  what: string;
  min: number;
  max: number;
  /** The upper end `*` stands for; only the weekday field differs from max (7 is an alias). */
  starMax: number;
  names?: readonly string[];
  /** The value of names[0]. */
  nameBase?: number;
}

const SECOND: FieldDef = { label: 'second', what: 'a second (0–59)', min: 0, max: 59, starMax: 59 };
const MINUTE: FieldDef = { label: 'minute', what: 'a minute (0–59)', min: 0, max: 59, starMax: 59 };
const HOUR: FieldDef = { label: 'hour', what: 'an hour (0–23)', min: 0, max: 23, starMax: 23 };
const DAY: FieldDef = { label: 'day', what: 'a day of the month (1–31)', min: 1, max: 31, starMax: 31 };
const MONTH: FieldDef = { label: 'month', what: 'a month (1–12 or JAN–DEC)', min: 1, max: 12, starMax: 12, names: MONTH_NAMES, nameBase: 1 };
const WEEKDAY: FieldDef = { label: 'weekday', what: 'a weekday (0–7 or SUN–SAT)', min: 0, max: 7, starMax: 6, names: DAY_NAMES, nameBase: 0 };

// Far longer than any sensible schedule; keeps error echoes and parsing work small.
const MAX_SOURCE_LENGTH = 200;

// Cron's pieces are echoed as they stand (the source was already trimmed and single-spaced).
const echo = (text: string): string => echoText(text, { space: 'keep' });

function joinWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

function range(from: number, to: number): string {
  return `(${from}–${to})`;
}

type Parsed<T> = { ok: T } | { error: string };

/** One value of a field: a number or, where the field has them, a name. */
function parseValue(token: string, element: string, field: FieldDef): Parsed<number> {
  // An empty token (as in `-1` or `1-`) is best shown as the whole element.
  const notOne =
    token === element || token === '' ? `The ${field.label} field ${echo(element)} is not ${field.what}.` : `The ${field.label} field ${echo(element)} has ${echo(token)}, which is not ${field.what}.`;
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < field.min || value > field.max) {
      return {
        error:
          token === element
            ? `The ${field.label} field ${echo(element)} is out of range ${range(field.min, field.max)}.`
            : `The ${field.label} field ${echo(element)} has ${value}, which is out of range ${range(field.min, field.max)}.`,
      };
    }
    return { ok: value };
  }
  if (field.names && /^[a-z]+$/i.test(token)) {
    const index = field.names.indexOf(token.toUpperCase());
    if (index >= 0) return { ok: index + (field.nameBase ?? 0) };
  }
  return { error: notOne };
}

/** One comma-separated element of a field: `*`, `n`, `a-b`, each optionally with `/step`. */
function parseElement(element: string, field: FieldDef, out: Set<number>): string | undefined {
  const where = `The ${field.label} field ${echo(element)}`;
  if (element === '') return `The ${field.label} field has an empty item between commas.`;
  if (element === '?' || /^\d*L$/i.test(element) || /^L?W$/i.test(element) || /^\d+W$/i.test(element) || element.includes('#')) {
    return `${where} uses Quartz syntax (\`?\`, \`L\`, \`W\`, \`#\`), which schedules here do not support.`;
  }
  const slash = element.split('/');
  if (slash.length > 2) return `${where} has more than one \`/\`.`;
  const [base = '', stepText] = slash;

  let from: number;
  let to: number;
  let isRange: boolean;
  if (base === '*') {
    from = field.min;
    to = field.starMax;
    isRange = true;
  } else {
    const dash = base.split('-');
    if (dash.length > 2) return `${where} is not ${field.what}.`;
    const [startText = '', endText] = dash;
    const start = parseValue(startText, element, field);
    if ('error' in start) return start.error;
    from = start.ok;
    to = from;
    isRange = endText !== undefined;
    if (endText !== undefined) {
      const end = parseValue(endText, element, field);
      if ('error' in end) return end.error;
      to = end.ok;
      // Sunday is both 0 and 7, so a weekday range may end on it: FRI-SUN is 5-7.
      if (field === WEEKDAY && to === 0 && from > 0) to = 7;
      if (to < from) {
        const head = from === field.starMax ? `${from}` : `${from}-${field.starMax}`;
        const tail = to === field.min ? `${to}` : `${field.min}-${to}`;
        const wrap = stepText === undefined ? `, or wrap around with a list such as ${echo(`${head},${tail}`)}` : '';
        return `${where} runs backwards; write the smaller value first${wrap}.`;
      }
    }
  }

  let step = 1;
  if (stepText !== undefined) {
    if (!isRange) {
      return `${where} has a step without a range; write ${echo(`${base}-${field.starMax}/${stepText}`)} or ${echo(`*/${stepText}`)}.`;
    }
    if (!/^\d+$/.test(stepText)) return `${where} has a step that is not a whole number.`;
    step = Number(stepText);
    const span = field.starMax - field.min + 1;
    if (step < 1 || step > span) return `${where} has a step of ${step}; a step must be between 1 and ${span}.`;
  }

  for (let v = from; v <= to; v += step) out.add(field === WEEKDAY && v === 7 ? 0 : v);
  return undefined;
}

function parseField(text: string, field: FieldDef): Parsed<number[]> {
  const values = new Set<number>();
  for (const element of text.split(',')) {
    const error = parseElement(element, field, values);
    if (error !== undefined) return { error };
  }
  return { ok: [...values].sort((a, b) => a - b) };
}

/**
 * 5 fields (minute hour day-of-month month day-of-week) or 6 (with seconds first). Supports `*`,
 * numbers, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`, month names JAN–DEC and day names
 * SUN–SAT (case-insensitive), 7 = Sunday, and the rule that when both day-of-month and
 * day-of-week are restricted a day matches if either matches. Returns `{ error }` with one
 * user-facing sentence naming the bad field and value; schedules that can never fire (such as
 * `0 0 31 2 *`) are refused too.
 */
export function parseCron(text: string): CronSpec | { error: string } {
  const source = text.trim().replace(/\s+/g, ' ');
  if (source.length > MAX_SOURCE_LENGTH) {
    return { error: `A schedule is at most ${MAX_SOURCE_LENGTH} characters long; this one has ${source.length}.` };
  }
  const parts = source === '' ? [] : source.split(' ');
  if (parts.length !== 5 && parts.length !== 6) {
    const what = parts.length === 0 ? 'an empty one has none' : `${echo(source)} has ${parts.length}`;
    return { error: `A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; ${what}.` };
  }
  const hasSeconds = parts.length === 6;
  const texts = hasSeconds ? parts : ['0', ...parts];
  const defs = [SECOND, MINUTE, HOUR, DAY, MONTH, WEEKDAY];
  const fields: number[][] = [];
  for (const [i, def] of defs.entries()) {
    const parsed = parseField(texts[i] ?? '', def);
    if ('error' in parsed) return parsed;
    fields.push(parsed.ok);
  }
  const [seconds = [], minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = fields;
  const spec: CronSpec = {
    source,
    hasSeconds,
    seconds,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthRestricted: daysOfMonth.length < 31,
    dayOfWeekRestricted: daysOfWeek.length < 7,
  };

  // Only a day-of-month list on its own can rule out every day: with a weekday list as well, the
  // either-or rule always finds days, and the smallest listed day decides whether any month has it.
  const firstDay = daysOfMonth[0] ?? 1;
  if (spec.dayOfMonthRestricted && !spec.dayOfWeekRestricted && months.every((m) => firstDay > (MAX_DAYS_IN_MONTH[m - 1] ?? 31))) {
    const names = months.map((m) => MONTH_WORDS[m - 1] ?? String(m));
    const more = daysOfMonth.length > 1 ? ' or later' : '';
    return { error: `The schedule ${echo(source)} can never fire: ${joinWords(names)} ${names.length === 1 ? 'has' : 'have'} no day ${firstDay}${more}.` };
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Occurrences

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

function pick(values: readonly number[], index: number): number {
  const v = values[index];
  if (v === undefined) throw new Error(`cron: index ${index} outside a field of ${values.length}`);
  return v;
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
function firstInDay(spec: CronSpec, date: { year: number; month: number; day: number }, afterMs: number, tz: string, from?: { hour: number; minute: number; second: number }): number | undefined {
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
  if (!(after instanceof Date) || !Number.isFinite(after.getTime())) throw new RangeError('cron: `after` is not a valid date');
  if (knownZones.has(tz)) return;
  if (!isValidTimeZone(tz)) throw new RangeError(`cron: unknown time zone ${JSON.stringify(tz)}`);
  knownZones.add(tz);
}

/**
 * The first occurrence strictly after `after`, in time zone `tz`, as an instant. The schedule is
 * matched against wall-clock times in `tz`, with the DST rules in this module's header. Months and
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
  throw new Error(`cron: no occurrence of ${JSON.stringify(spec.source)} found after ${after.toISOString()} within ${MAX_STEPS} calendar steps`);
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

// ---------------------------------------------------------------------------------------------
// Description

const pad = (n: number) => String(n).padStart(2, '0');

function isFull(values: readonly number[], min: number, max: number): boolean {
  return values.length === max - min + 1;
}

/** Consecutive values as runs: [1, 2, 3, 5] → [[1, 3], [5, 5]]. */
function runsOf(values: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const v of values) {
    const last = runs[runs.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else runs.push([v, v]);
  }
  return runs;
}

/** Runs of three or more as `a–b`, shorter ones one by one: [1, 2, 3, 5, 6] → 1–3, 5, 6. */
function compressed(values: readonly number[]): string[] {
  return runsOf(values).flatMap(([a, b]) => (b - a >= 2 ? [`${a}–${b}`] : a === b ? [String(a)] : [String(a), String(b)]));
}

// A time list longer than this reads worse than a periodic phrase or the cron itself.
const MAX_LISTED_TIMES = 6;
const MAX_HOUR_RUNS = 3;

type TimeWords = { text: string; periodic: boolean };

/** Minutes spread evenly over every hour from :00 (`*\/15`, or all of them), as the step. */
function minuteStep(minutes: readonly number[]): number | undefined {
  const step = pick(minutes, 1) - pick(minutes, 0);
  if (minutes[0] !== 0 || 60 % step !== 0 || minutes.length !== 60 / step) return undefined;
  return minutes.every((m, i) => m === i * step) ? step : undefined;
}

function describeTime(spec: CronSpec): TimeWords | undefined {
  const { hours, minutes, seconds } = spec;
  const count = hours.length * minutes.length * seconds.length;
  const withSeconds = seconds.some((s) => s !== 0);
  if (count <= MAX_LISTED_TIMES) {
    const times: string[] = [];
    for (const h of hours) for (const m of minutes) for (const s of seconds) times.push(withSeconds ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`);
    return { text: `at ${joinWords(times)}`, periodic: false };
  }
  if (withSeconds) return undefined;
  // A single minute in each listed hour needs no step; otherwise the minutes must be a plain step.
  const single = minutes.length === 1;
  const step = single ? undefined : minuteStep(minutes);
  if (!single && step === undefined) return undefined;
  const unit = single ? 'every hour' : step === 1 ? 'every minute' : `every ${step} minutes`;
  const first = pick(minutes, 0);
  const last = pick(minutes, minutes.length - 1);
  if (isFull(hours, 0, 23)) return { text: single ? `every hour at :${pad(first)}` : unit, periodic: true };
  const runs = runsOf(hours);
  if (runs.length > MAX_HOUR_RUNS) return undefined;
  const spans = runs.map(([a, b]) => (single && a === b ? `at ${pad(a)}:${pad(first)}` : `from ${pad(a)}:${pad(first)} to ${pad(b)}:${pad(last)}`));
  return { text: `${unit} ${joinWords(spans)}`, periodic: true };
}

/** Monday first, as people list weekdays. */
function weekdayWords(days: readonly number[]): string[] {
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => DAY_WORDS[d] ?? String(d));
}

// More day-of-month items than this (after `1–10` style compression) read worse than the cron.
const MAX_DAY_ITEMS = 4;

function describeDays(spec: CronSpec): string | undefined {
  const { daysOfMonth, daysOfWeek, months } = spec;
  const monthsRestricted = months.length < 12;
  const dayItems = compressed(daysOfMonth);
  if (dayItems.length > MAX_DAY_ITEMS && spec.dayOfMonthRestricted) return undefined;
  const monthWords = joinWords(months.map((m) => MONTH_WORDS[m - 1] ?? String(m)));
  const inMonths = monthsRestricted ? ` in ${monthWords}` : '';
  const dom = `day${daysOfMonth.length > 1 ? 's' : ''} ${joinWords(dayItems)}`;
  let weekdays = `every ${joinWords(weekdayWords(daysOfWeek))}`;
  if (daysOfWeek.join() === '1,2,3,4,5') weekdays = 'every weekday';
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return `on ${dom} of the month and ${weekdays}${inMonths}`;
  if (spec.dayOfMonthRestricted) return `on ${dom} of ${monthsRestricted ? monthWords : 'every month'}`;
  if (spec.dayOfWeekRestricted) return `${weekdays}${inMonths}`;
  return monthsRestricted ? `every day in ${monthWords}` : 'every day';
}

/**
 * A human description such as `every weekday at 10:00`, `on day 1 of every month at 09:00` or
 * `every 15 minutes from 09:00 to 17:45, every weekday`, or the normalized source when the
 * schedule has no short wording (odd minute lists, several seconds, many scattered days).
 */
export function describeCron(spec: CronSpec): string {
  const days = describeDays(spec);
  const time = describeTime(spec);
  if (days === undefined || time === undefined) return spec.source;
  if (!time.periodic) return `${days} ${time.text}`;
  return days === 'every day' ? time.text : `${time.text}, ${days}`;
}
