/**
 * Cron schedules for check-ins, evaluated on the wall clock of a time zone: the parsed form every
 * part of the cron works on (parse.ts builds it, occurrences.ts fires it, describe.ts words it),
 * and the calendar names they share.
 *
 * Day rule: a field counts as restricted when it leaves out at least one value (`*`, `*\/1`,
 * `1-31` and `0-7` are all unrestricted). When both day-of-month and weekday are restricted a day
 * matches if either matches, as in every cron since Vixie's; otherwise both must match.
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

export const MONTH_WORDS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function joinWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** The value at `index` of a field's list; an index outside it is a bug, not a user's mistake. */
export function pick(values: readonly number[], index: number): number {
  const v = values[index];
  if (v === undefined) throw new Error(`cron: index ${index} outside a field of ${values.length}`);
  return v;
}
