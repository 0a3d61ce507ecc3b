import { echo as echoText } from '../messages/mrkdwn';
import { describeCron } from './cron/describe';
import { parseCron } from './cron/parse';
import type { CronSpec } from './cron/spec';

/**
 * Check-in schedules as people say them, beside cron:
 *
 *   daily 09:30            → 30 9 * * *
 *   weekdays 17:00         → 0 17 * * 1-5
 *   weekly mon 10:00       → 0 10 * * 1     (several days: `mon,thu`, `mon thu`, `mon-wed`)
 *   monthly 1 09:00        → 0 9 1 * *      (days 1–28, which every month has)
 *
 * Times are `HH:MM` on a 24-hour clock (`9:30` too) or with am/pm (`10am`, `5:30pm`); `on` before
 * the days and `at` before the time may be written. Day names take any prefix of three letters or
 * more (`mon`, `tues`, `thursday`); a range runs Monday first, so `sat-sun` is the weekend.
 * Days 29–31 and "the last day" are refused: cron skips the months that lack them, which a plain
 * "monthly" would hide, and cron has no portable last-day rule (`L` is Quartz's).
 */

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const KEYWORDS = ['daily', 'weekdays', 'weekly', 'monthly'] as const;
type Keyword = (typeof KEYWORDS)[number];
/** The last day of the month every month has. */
const SAFE_MONTH_DAY = 28;

/** Shown after every schedule error: one plain form of each kind and one cron. */
export const SCHEDULE_EXAMPLES =
  'For example: `weekly mon 10:00`, `weekly mon,thu 10:00`, `weekdays 17:00`, `daily 09:30`, `monthly 1 09:00`, or cron such as `0 10 * * MON-FRI`.';

/** User text as an inert code span, as the cron parser echoes it. */
const echo = (text: string): string => echoText(text, { space: 'keep' });

type Parsed<T> = { ok: T } | { error: string };

/** `10:00`, `9:30`, `10am`, `5:30pm` → hour and minute. */
function parseTime(word: string): Parsed<{ hour: number; minute: number }> {
  const bad = {
    error: `${echo(word)} is not a time of day; write it as HH:MM on a 24-hour clock, such as \`09:30\` or \`17:00\` (or \`10am\`, \`5:30pm\`).`,
  };
  const clock = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    return hour <= 23 && minute <= 59 ? { ok: { hour, minute } } : bad;
  }
  const meridiem = /^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$/i.exec(word);
  if (meridiem) {
    const hour12 = Number(meridiem[1]);
    const minute = meridiem[2] === undefined ? 0 : Number(meridiem[2]);
    if (hour12 < 1 || hour12 > 12 || minute > 59) return bad;
    const pm = (meridiem[3] ?? '').toLowerCase() === 'p';
    return { ok: { hour: (hour12 % 12) + (pm ? 12 : 0), minute } };
  }
  return bad;
}

/** A weekday name or a prefix of three letters or more, as cron's 0–6 (0 = Sunday). */
function dayNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = DAY_NAMES.findIndex((name) => name.startsWith(lower));
  return index < 0 ? undefined : index;
}

/** Monday-first position, so a range such as `fri-sun` or `sat-sun` runs the way people read it. */
const mondayFirst = (day: number) => (day + 6) % 7;

function parseDays(items: readonly string[]): Parsed<number[]> {
  const days = new Set<number>();
  const badDay = (item: string) => ({
    error: `${echo(item)} is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full names), several as \`mon,thu\` or a range such as \`mon-wed\`.`,
  });
  for (const item of items) {
    const dash = item.split('-');
    if (dash.length > 2) return badDay(item);
    const [fromText = '', toText] = dash;
    const from = dayNumber(fromText);
    if (from === undefined) return badDay(toText === undefined ? item : fromText || item);
    if (toText === undefined) {
      days.add(from);
      continue;
    }
    const to = dayNumber(toText);
    if (to === undefined) return badDay(toText || item);
    if (mondayFirst(to) < mondayFirst(from))
      return {
        error: `The days ${echo(item)} run backwards; a week here starts on Monday, so write \`mon-fri\` or \`sat-sun\`, or list the days: \`fri,sat,sun,mon\`.`,
      };
    for (let d = mondayFirst(from); d <= mondayFirst(to); d++) days.add((d + 1) % 7);
  }
  return { ok: [...days].sort((a, b) => a - b) };
}

/** Cron's weekday field for a set of days: `*` for all, runs of three or more as ranges. */
function weekdayField(days: readonly number[]): string {
  if (days.length === 7) return '*';
  const parts: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && (days[j + 1] ?? -1) === (days[j] ?? -2) + 1) j++;
    const a = days[i] ?? 0;
    const b = days[j] ?? 0;
    if (j - i >= 2) parts.push(`${a}-${b}`);
    else for (let k = i; k <= j; k++) parts.push(String(days[k]));
    i = j + 1;
  }
  return parts.join(',');
}

function monthDay(word: string): Parsed<number> {
  if (/^last$/i.test(word)) {
    return {
      error: `\`monthly last\` is not supported: cron has no portable "last day of the month". \`monthly ${SAFE_MONTH_DAY} 09:00\` runs near the end of every month.`,
    };
  }
  const match = /^(\d{1,2})(?:st|nd|rd|th)?$/i.exec(word);
  const day = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(day) || day < 1 || day > 31)
    return {
      error: `${echo(word)} is not a day of the month; \`monthly\` takes a day from 1 to ${SAFE_MONTH_DAY}, such as \`monthly 1 09:00\`.`,
    };
  if (day > SAFE_MONTH_DAY) {
    return {
      error: `Not every month has a day ${day}, so \`monthly ${day}\` would skip some months; choose a day from 1 to ${SAFE_MONTH_DAY}, or, if skipping them is what you want, write the cron \`0 9 ${day} * *\`.`,
    };
  }
  return { ok: day };
}

const example: Readonly<Record<Keyword, string>> = {
  daily: '`daily 09:30`',
  weekdays: '`weekdays 17:00`',
  weekly: '`weekly mon 10:00` or `weekly mon,thu 10:00`',
  monthly: '`monthly 1 09:00`',
};

/** The cron source for a plain form, or why it is not one; `words` are those after the keyword. */
function plainToCron(keyword: Keyword, words: readonly string[]): Parsed<string> {
  const rest: string[] = [];
  for (const word of words) {
    // Filler people write naturally: "weekly on mon and thu at 10:00".
    if (/^(on|at|and)$/i.test(word)) continue;
    // "10 am" is one time, however it was spaced.
    const previous = rest[rest.length - 1];
    if (/^[ap]\.?m\.?$/i.test(word) && previous !== undefined && /^\d{1,2}(:\d{2})?$/.test(previous))
      rest[rest.length - 1] = `${previous}${word}`;
    else rest.push(word);
  }
  const timeWord = rest[rest.length - 1];
  const middle = rest.slice(0, -1);
  if (timeWord === undefined) {
    const what =
      keyword === 'weekly'
        ? 'the days and the time'
        : keyword === 'monthly'
          ? 'the day of the month and the time'
          : 'the time';
    return { error: `After \`${keyword}\`, give ${what}, such as ${example[keyword]}.` };
  }
  const time = parseTime(timeWord);
  if (keyword === 'daily' || keyword === 'weekdays') {
    if (middle.length > 0) {
      return {
        error: `\`${keyword}\` takes only a time, such as ${example[keyword]}; for some days of the week write \`weekly mon,thu 10:00\`.`,
      };
    }
    if ('error' in time) return time;
    return { ok: `${time.ok.minute} ${time.ok.hour} * * ${keyword === 'daily' ? '*' : '1-5'}` };
  }
  if (keyword === 'weekly') {
    const dayItems = (list: readonly string[]) => list.flatMap((w) => w.split(',')).filter((w) => w !== '');
    if (middle.length === 0) {
      if ('ok' in time) return { error: `Say which days before the time, such as ${echo(`weekly mon ${timeWord}`)}.` };
      const onlyDays = parseDays(dayItems([timeWord]));
      return 'error' in onlyDays
        ? onlyDays
        : { error: `Give the time after the days, such as ${echo(`weekly ${timeWord} 10:00`)}.` };
    }
    const days = parseDays(dayItems(middle));
    if ('error' in days) return days;
    if ('error' in time)
      return 'ok' in parseDays(dayItems([timeWord]))
        ? { error: `Give the time after the days, such as ${echo(`weekly ${[...middle, timeWord].join(' ')} 10:00`)}.` }
        : time;
    return { ok: `${time.ok.minute} ${time.ok.hour} * * ${weekdayField(days.ok)}` };
  }
  const [dayWord = timeWord, ...others] = middle;
  const day = monthDay(dayWord);
  if ('error' in day) return day;
  if (middle.length === 0) return { error: `Give the time after the day, such as \`monthly ${day.ok} 09:00\`.` };
  if (others.length > 0)
    return {
      error: `\`monthly\` takes one day and a time, such as ${example.monthly}; for several days a month use cron, such as \`0 9 1,15 * *\`.`,
    };
  if ('error' in time) return time;
  return { ok: `${time.ok.minute} ${time.ok.hour} ${day.ok} * *` };
}

export interface ParsedSchedule {
  spec: CronSpec;
  /** Whether it was written as a plain form (`weekly mon 10:00`) rather than as cron. */
  plain: boolean;
}

/**
 * A check-in schedule as typed: a plain form (above) or cron (see cron/parse.ts). A first word starting
 * with a letter cannot begin cron (its first field is a number or `*`), so it is read as a plain
 * form. Every error ends with SCHEDULE_EXAMPLES, on a line of its own.
 */
export function parseSchedule(text: string): ParsedSchedule | { error: string } {
  const source = typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
  const fail = (error: string) => ({ error: `${error}\n${SCHEDULE_EXAMPLES}` });
  if (source === '') return fail('Give the schedule.');
  const [first = '', ...words] = source.split(' ');
  if (/^[a-z]/i.test(first)) {
    const keyword = KEYWORDS.find((k) => k === first.toLowerCase());
    if (keyword === undefined) {
      const day = dayNumber(first.replace(/s$/i, ''));
      const hint =
        day === undefined
          ? ''
          : ` To run every ${DAY_NAMES[day]?.replace(/^./, (c) => c.toUpperCase())}, write \`weekly ${DAY_NAMES[day]?.slice(0, 3)} 10:00\`.`;
      return fail(
        `${echo(first)} does not start a schedule: begin with \`daily\`, \`weekdays\`, \`weekly\` or \`monthly\`, or write cron.${hint}`,
      );
    }
    const cron = plainToCron(keyword, words);
    if ('error' in cron) return fail(cron.error);
    const spec = parseCron(cron.ok);
    // The forms above only build valid cron; a failure here is a bug in this module.
    if ('error' in spec)
      throw new Error(
        `plain schedule ${JSON.stringify(source)} made invalid cron ${JSON.stringify(cron.ok)}: ${spec.error}`,
      );
    return { spec, plain: true };
  }
  const spec = parseCron(source);
  return 'error' in spec ? fail(spec.error) : { spec, plain: false };
}

/**
 * The schedule in words with its time zone, as mrkdwn: `every Monday at 10:00 Europe/Riga`; a
 * description that does not end on a time takes the zone after a comma (`every hour at :30,
 * Europe/Riga time`), and one with no short wording shows the cron itself. The cron source holds
 * only characters parseCron accepts, so it needs no escaping.
 */
export function scheduleInWords(spec: CronSpec, timeZone: string): string {
  const words = describeCron(spec);
  if (words === spec.source) return `on the cron schedule \`${spec.source}\`, ${timeZone} time`;
  return /\d\d:\d\d(:\d\d)?$/.test(words) ? `${words} ${timeZone}` : `${words}, ${timeZone} time`;
}

/** Whether the schedule has a wording of its own, rather than showing its cron. */
export function hasWords(spec: CronSpec): boolean {
  return describeCron(spec) !== spec.source;
}
