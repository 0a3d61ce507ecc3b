import { echo as echoText } from '../../messages/mrkdwn';
import { MONTH_WORDS, joinWords, type CronSpec } from './spec';

/**
 * Reading a cron schedule (the day rule and the parsed form are in spec.ts).
 *
 * Syntax: 5 fields (minute hour day month weekday) or 6 with seconds first. Each field is a list
 * of `*`, `n`, `a-b`, `*\/n` or `a-b/n`; months take JAN–DEC and weekdays SUN–SAT (any case), and
 * weekday 7 is Sunday, so `FRI-SUN` (5-7) reads naturally. Quartz extensions (`?`, `L`, `W`, `#`)
 * and a step on a single value (`5/15`) are refused rather than guessed at.
 */

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
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
const MONTH: FieldDef = {
  label: 'month',
  what: 'a month (1–12 or JAN–DEC)',
  min: 1,
  max: 12,
  starMax: 12,
  names: MONTH_NAMES,
  nameBase: 1,
};
const WEEKDAY: FieldDef = {
  label: 'weekday',
  what: 'a weekday (0–7 or SUN–SAT)',
  min: 0,
  max: 7,
  starMax: 6,
  names: DAY_NAMES,
  nameBase: 0,
};

// Far longer than any sensible schedule; keeps error echoes and parsing work small.
const MAX_SOURCE_LENGTH = 200;

// Cron's pieces are echoed as they stand (the source was already trimmed and single-spaced).
const echo = (text: string): string => echoText(text, { space: 'keep' });

function range(from: number, to: number): string {
  return `(${from}–${to})`;
}

type Parsed<T> = { ok: T } | { error: string };

/** One value of a field: a number or, where the field has them, a name. */
function parseValue(token: string, element: string, field: FieldDef): Parsed<number> {
  // An empty token (as in `-1` or `1-`) is best shown as the whole element.
  const notOne =
    token === element || token === ''
      ? `The ${field.label} field ${echo(element)} is not ${field.what}.`
      : `The ${field.label} field ${echo(element)} has ${echo(token)}, which is not ${field.what}.`;
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
  if (
    element === '?' ||
    /^\d*L$/i.test(element) ||
    /^L?W$/i.test(element) ||
    /^\d+W$/i.test(element) ||
    element.includes('#')
  ) {
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
  if (
    spec.dayOfMonthRestricted &&
    !spec.dayOfWeekRestricted &&
    months.every((m) => firstDay > (MAX_DAYS_IN_MONTH[m - 1] ?? 31))
  ) {
    const names = months.map((m) => MONTH_WORDS[m - 1] ?? String(m));
    const more = daysOfMonth.length > 1 ? ' or later' : '';
    return {
      error: `The schedule ${echo(source)} can never fire: ${joinWords(names)} ${names.length === 1 ? 'has' : 'have'} no day ${firstDay}${more}.`,
    };
  }
  return spec;
}
