import { DAY_WORDS, MONTH_WORDS, joinWords, pick, type CronSpec } from './spec';

/** A cron schedule in words, for the people who set it and the people it asks. */

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
  return runsOf(values).flatMap(([a, b]) =>
    b - a >= 2 ? [`${a}–${b}`] : a === b ? [String(a)] : [String(a), String(b)],
  );
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
    for (const h of hours)
      for (const m of minutes)
        for (const s of seconds) times.push(withSeconds ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`);
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
  const spans = runs.map(([a, b]) =>
    single && a === b ? `at ${pad(a)}:${pad(first)}` : `from ${pad(a)}:${pad(first)} to ${pad(b)}:${pad(last)}`,
  );
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
