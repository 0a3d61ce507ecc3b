import { describe, expect, it } from 'vitest';
import { describeCron } from '../../../src/domain/cron/describe';
import { nextOccurrence, occurrencesBetween } from '../../../src/domain/cron/occurrences';
import { parseCron } from '../../../src/domain/cron/parse';
import type { CronSpec } from '../../../src/domain/cron/spec';
import { localFields } from '../../../src/domain/time-zone';

function spec(text: string): CronSpec {
  const parsed = parseCron(text);
  if ('error' in parsed) throw new Error(`expected ${text} to parse: ${parsed.error}`);
  return parsed;
}

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());
const next = (text: string, after: string, tz: string) => nextOccurrence(spec(text), new Date(after), tz).toISOString();
const between = (text: string, from: string, to: string, tz: string, limit?: number) =>
  iso(occurrencesBetween(spec(text), new Date(from), new Date(to), tz, limit));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('parseCron: valid schedules', () => {
  it.each([
    [
      'every minute',
      '* * * * *',
      {
        minutes: range(0, 59),
        hours: range(0, 23),
        daysOfMonth: range(1, 31),
        months: range(1, 12),
        daysOfWeek: range(0, 6),
      },
    ],
    ['plain numbers', '0 10 * * *', { seconds: [0], minutes: [0], hours: [10], hasSeconds: false }],
    ['lists and ranges', '5,10-12 9-11 * * *', { minutes: [5, 10, 11, 12], hours: [9, 10, 11] }],
    ['star step', '*/15 */6 * * *', { minutes: [0, 15, 30, 45], hours: [0, 6, 12, 18] }],
    ['range step', '10-40/10 1-23/11 * * *', { minutes: [10, 20, 30, 40], hours: [1, 12, 23] }],
    ['step equal to the span', '*/60 */24 * * *', { minutes: [0], hours: [0] }],
    ['duplicates collapse and sort', '30,10,10-20/10 * * * *', { minutes: [10, 20, 30] }],
    ['leading zeros', '05 09 01 02 *', { minutes: [5], hours: [9], daysOfMonth: [1], months: [2] }],
    ['month names, any case', '0 0 1 jan,Jul,DEC *', { months: [1, 7, 12] }],
    ['month name range', '0 0 1 MAR-may *', { months: [3, 4, 5] }],
    ['day names', '0 10 * * mon-FRI', { daysOfWeek: [1, 2, 3, 4, 5], dayOfWeekRestricted: true }],
    ['7 is Sunday', '0 10 * * 7', { daysOfWeek: [0] }],
    ['0 and 7 together', '0 10 * * 0,7', { daysOfWeek: [0] }],
    ['range ending on 7', '0 10 * * 5-7', { daysOfWeek: [0, 5, 6] }],
    ['range ending on SUN', '0 10 * * FRI-SUN', { daysOfWeek: [0, 5, 6] }],
    ['0-7 is unrestricted', '0 10 * * 0-7', { daysOfWeek: range(0, 6), dayOfWeekRestricted: false }],
    ['weekday step over the star', '0 10 * * */2', { daysOfWeek: [0, 2, 4, 6], dayOfWeekRestricted: true }],
    ['1-31 is unrestricted', '0 10 1-31 * *', { dayOfMonthRestricted: false }],
    ['seconds field', '30 0 10 * * *', { hasSeconds: true, seconds: [30], minutes: [0], hours: [10] }],
    ['seconds with a step', '*/20 * * * * *', { hasSeconds: true, seconds: [0, 20, 40] }],
    ['29 February can fire in leap years', '0 9 29 2 *', { daysOfMonth: [29], months: [2] }],
    ['31 in a list with a month that has it', '0 0 31 2,3 *', { daysOfMonth: [31], months: [2, 3] }],
    ['31 February with a weekday uses the either-or rule', '0 0 31 2 MON', { daysOfMonth: [31], daysOfWeek: [1] }],
  ])('%s: %s', (_name, text, expected) => {
    expect(spec(text)).toMatchObject(expected);
  });

  it('keeps the source with whitespace collapsed', () => {
    expect(spec('  0   10\t* *\n MON-FRI ')).toMatchObject({ source: '0 10 * * MON-FRI', hasSeconds: false });
  });
});

describe('parseCron: errors', () => {
  it.each([
    [
      'too few fields',
      '0 10 * *',
      'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; `0 10 * *` has 4.',
    ],
    [
      'too many fields',
      '0 0 10 * * * 2026',
      'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; `0 0 10 * * * 2026` has 7.',
    ],
    [
      'empty',
      '   ',
      'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; an empty one has none.',
    ],
    ['hour out of range', '0 25 * * *', 'The hour field `25` is out of range (0–23).'],
    ['minute out of range', '60 * * * *', 'The minute field `60` is out of range (0–59).'],
    ['second out of range', '61 0 10 * * *', 'The second field `61` is out of range (0–59).'],
    ['day 0', '0 0 0 * *', 'The day field `0` is out of range (1–31).'],
    ['month 13', '0 0 1 13 *', 'The month field `13` is out of range (1–12).'],
    ['weekday 8', '0 0 * * 8', 'The weekday field `8` is out of range (0–7).'],
    ['out of range inside a range', '0 1-25 * * *', 'The hour field `1-25` has 25, which is out of range (0–23).'],
    ['out of range inside a list', '0,75 * * * *', 'The minute field `75` is out of range (0–59).'],
    ['step of zero', '*/0 * * * *', 'The minute field `*/0` has a step of 0; a step must be between 1 and 60.'],
    ['step too large', '0 */25 * * *', 'The hour field `*/25` has a step of 25; a step must be between 1 and 24.'],
    ['step not a number', '*/x * * * *', 'The minute field `*/x` has a step that is not a whole number.'],
    ['two slashes', '*/5/2 * * * *', 'The minute field `*/5/2` has more than one `/`.'],
    [
      'step on a single value',
      '5/15 * * * *',
      'The minute field `5/15` has a step without a range; write `5-59/15` or `*/15`.',
    ],
    [
      'reversed range',
      '0 17-9 * * *',
      'The hour field `17-9` runs backwards; write the smaller value first, or wrap around with a list such as `17-23,0-9`.',
    ],
    [
      'reversed weekday names',
      '0 10 * * SAT-MON',
      'The weekday field `SAT-MON` runs backwards; write the smaller value first, or wrap around with a list such as `6,0-1`.',
    ],
    [
      'reversed range with a step',
      '0 20-4/2 * * *',
      'The hour field `20-4/2` runs backwards; write the smaller value first.',
    ],
    ['not a number', 'x 10 * * *', 'The minute field `x` is not a minute (0–59).'],
    ['day name in the month field', '0 0 1 MON *', 'The month field `MON` is not a month (1–12 or JAN–DEC).'],
    ['month name in the weekday field', '0 0 * * JAN', 'The weekday field `JAN` is not a weekday (0–7 or SUN–SAT).'],
    [
      'bad name in a range',
      '0 0 * * MON-FRX',
      'The weekday field `MON-FRX` has `FRX`, which is not a weekday (0–7 or SUN–SAT).',
    ],
    ['names where the field has none', '0 TEN * * *', 'The hour field `TEN` is not an hour (0–23).'],
    [
      'full month names are not names',
      '0 0 1 January *',
      'The month field `January` is not a month (1–12 or JAN–DEC).',
    ],
    ['negative number', '0 -1 * * *', 'The hour field `-1` is not an hour (0–23).'],
    ['empty list item', '1,,2 * * * *', 'The minute field has an empty item between commas.'],
    [
      'Quartz last day',
      '0 0 L * *',
      'The day field `L` uses Quartz syntax (`?`, `L`, `W`, `#`), which schedules here do not support.',
    ],
    [
      'Quartz question mark',
      '0 0 ? * MON',
      'The day field `?` uses Quartz syntax (`?`, `L`, `W`, `#`), which schedules here do not support.',
    ],
    [
      'Quartz nth weekday',
      '0 0 * * 1#2',
      'The weekday field `1#2` uses Quartz syntax (`?`, `L`, `W`, `#`), which schedules here do not support.',
    ],
    ['never fires: 31 February', '0 0 31 2 *', 'The schedule `0 0 31 2 *` can never fire: February has no day 31.'],
    ['never fires: 30 February', '0 0 30 FEB *', 'The schedule `0 0 30 FEB *` can never fire: February has no day 30.'],
    [
      'never fires: 31 in short months',
      '0 0 31 2,4,6 *',
      'The schedule `0 0 31 2,4,6 *` can never fire: February, April and June have no day 31.',
    ],
    [
      'never fires: a list of days',
      '0 0 30,31 2 *',
      'The schedule `0 0 30,31 2 *` can never fire: February has no day 30 or later.',
    ],
    [
      'echoes are inert and short',
      '0 <!here>`x`' + 'a'.repeat(60) + ' * * *',
      `The hour field \`&lt;!here&gt;'x'${'a'.repeat(29)}…\` is not an hour (0–23).`,
    ],
    ['overlong', `0 0 ${'1,'.repeat(100)}2 * *`, 'A schedule is at most 200 characters long; this one has 209.'],
  ])('%s: %s', (_name, text, message) => {
    expect(parseCron(text)).toEqual({ error: message });
  });
});

describe('describeCron', () => {
  it.each([
    ['0 10 * * 1-5', 'every weekday at 10:00'],
    ['0 10 * * *', 'every day at 10:00'],
    ['0 9,17 * * *', 'every day at 09:00 and 17:00'],
    ['30 0 10 * * *', 'every day at 10:00:30'],
    ['0 10 * * MON,FRI', 'every Monday and Friday at 10:00'],
    ['0 10 * * 0,6', 'every Saturday and Sunday at 10:00'],
    ['0 9 1 * *', 'on day 1 of every month at 09:00'],
    ['0 9 1,15 * *', 'on days 1 and 15 of every month at 09:00'],
    ['0 9 29 2 *', 'on day 29 of February at 09:00'],
    ['0 9 1 * MON', 'on day 1 of the month and every Monday at 09:00'],
    ['0 10 * MAR * ', 'every day in March at 10:00'],
    ['0 10 * 1,7 1', 'every Monday in January and July at 10:00'],
    ['* * * * *', 'every minute'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['30 * * * *', 'every hour at :30'],
    ['*/15 9-17 * * 1-5', 'every 15 minutes from 09:00 to 17:45, every weekday'],
    ['*/5 9 * * *', 'every 5 minutes from 09:00 to 09:55'],
    ['0 8-11,13-17 * * 1-5', 'every hour from 08:00 to 11:00 and from 13:00 to 17:00, every weekday'],
    ['30 8-18 * * *', 'every hour from 08:30 to 18:30'],
    ['0 8,10,12,14,16,18 * * *', 'every day at 08:00, 10:00, 12:00, 14:00, 16:00 and 18:00'],
    ['*/30 * 1 * *', 'every 30 minutes, on day 1 of every month'],
    ['0 10 1-10 * *', 'on days 1–10 of every month at 10:00'],
    ['0 10 1-10,15,20 * *', 'on days 1–10, 15 and 20 of every month at 10:00'],
    // No short wording: the cron itself.
    ['7,8 * * * *', '7,8 * * * *'],
    ['0 0,2,4,6,8,10,12 * * *', '0 0,2,4,6,8,10,12 * * *'],
    ['*/10 * * * * *', '*/10 * * * * *'],
    ['0 10 1,3,5,7,9 * *', '0 10 1,3,5,7,9 * *'],
  ])('%s → %s', (text, description) => {
    expect(describeCron(spec(text))).toBe(description);
  });
});

describe('nextOccurrence', () => {
  it.each([
    // [schedule, zone, after, expected, why]
    ['0 10 * * *', 'UTC', '2026-06-10T09:59:59.999Z', '2026-06-10T10:00:00.000Z', 'later the same day'],
    [
      '0 10 * * *',
      'UTC',
      '2026-06-10T10:00:00.000Z',
      '2026-06-11T10:00:00.000Z',
      'strictly after: an exact hit moves on a day',
    ],
    ['0 10 * * *', 'Europe/Riga', '2026-06-10T06:00:00.000Z', '2026-06-10T07:00:00.000Z', '10:00 EEST (+3)'],
    [
      '0 10 * * *',
      'Europe/Riga',
      '2026-01-10T08:30:00.000Z',
      '2026-01-11T08:00:00.000Z',
      '10:30 EET has passed: tomorrow 10:00 EET (+2)',
    ],
    [
      '0 10 * * 1-5',
      'America/New_York',
      '2026-06-12T15:00:00.000Z',
      '2026-06-15T14:00:00.000Z',
      'Friday 11:00 EDT → Monday 10:00 EDT',
    ],
    ['*/15 * * * *', 'UTC', '2026-06-10T10:07:30.000Z', '2026-06-10T10:15:00.000Z', 'next quarter hour'],
    ['0 0 1 * *', 'UTC', '2026-01-31T12:00:00.000Z', '2026-02-01T00:00:00.000Z', 'month rollover'],
    ['0 0 1 1 *', 'UTC', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 'yearly: year rollover'],
    [
      '59 23 31 12 *',
      'Europe/Riga',
      '2026-06-01T00:00:00.000Z',
      '2026-12-31T21:59:00.000Z',
      'New Year’s Eve 23:59 EET',
    ],
    ['0 0 31 * *', 'UTC', '2026-04-01T00:00:00.000Z', '2026-05-31T00:00:00.000Z', 'skips April, which has no 31st'],
    ['0 9 29 2 *', 'UTC', '2026-03-01T00:00:00.000Z', '2028-02-29T09:00:00.000Z', 'leap day: next in 2028'],
    [
      '0 9 29 2 *',
      'Europe/Riga',
      '2024-02-29T07:00:00.000Z',
      '2028-02-29T07:00:00.000Z',
      'leap day just fired at 09:00 EET: next in 2028',
    ],
    [
      '0 9 29 2 *',
      'UTC',
      '2096-03-01T00:00:00.000Z',
      '2104-02-29T09:00:00.000Z',
      '2100 is not a leap year: eight years',
    ],
    ['0 12 * * 0', 'UTC', '2026-06-10T00:00:00.000Z', '2026-06-14T12:00:00.000Z', 'Sunday as 0'],
    ['0 12 * * 7', 'UTC', '2026-06-10T00:00:00.000Z', '2026-06-14T12:00:00.000Z', 'Sunday as 7'],
    ['0 8 * * SAT-SUN', 'UTC', '2026-06-10T00:00:00.000Z', '2026-06-13T08:00:00.000Z', 'weekend'],
    [
      '0 9 * 6 MON',
      'UTC',
      '2026-05-20T00:00:00.000Z',
      '2026-06-01T09:00:00.000Z',
      'month and weekday both: first Monday in June',
    ],
    ['0 0 * * *', 'Asia/Kolkata', '2026-06-10T00:00:00.000Z', '2026-06-10T18:30:00.000Z', 'midnight IST (+5:30)'],
    ['15 10 * * *', 'Asia/Kathmandu', '2026-06-10T00:00:00.000Z', '2026-06-10T04:30:00.000Z', '10:15 NPT (+5:45)'],
    [
      '0 10 * * *',
      'Australia/Adelaide',
      '2026-06-10T00:00:00.000Z',
      '2026-06-10T00:30:00.000Z',
      '10:00 ACST (+9:30), half an hour later',
    ],
    ['0 10 * * *', 'Pacific/Chatham', '2026-06-10T00:00:00.000Z', '2026-06-10T21:15:00.000Z', '10:00 CHAST (+12:45)'],
    ['0 10 * * *', 'Pacific/Chatham', '2026-12-10T00:00:00.000Z', '2026-12-10T20:15:00.000Z', '10:00 CHADT (+13:45)'],
    ['30 0 10 * * *', 'UTC', '2026-06-10T10:00:00.000Z', '2026-06-10T10:00:30.000Z', 'seconds: 30 s after 10:00'],
    ['30 0 10 * * *', 'UTC', '2026-06-10T10:00:30.000Z', '2026-06-11T10:00:30.000Z', 'seconds: strictly after'],
    ['*/20 * * * * *', 'UTC', '2026-06-10T10:00:41.500Z', '2026-06-10T10:01:00.000Z', 'every 20 seconds'],
    [
      '45 59 23 31 12 *',
      'UTC',
      '2026-12-31T23:59:45.000Z',
      '2027-12-31T23:59:45.000Z',
      'last second-ish of the year, yearly',
    ],
  ])('%s in %s after %s → %s (%s)', (text, tz, after, expected) => {
    expect(next(text, after, tz)).toBe(expected);
  });

  it('computes a yearly schedule in a few milliseconds', () => {
    const yearly = spec('0 9 29 2 *');
    const started = performance.now();
    let at = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 25; i++) at = nextOccurrence(yearly, at, 'Europe/Riga');
    // 25 leap days, including the skipped 2100.
    expect(at.toISOString()).toBe('2128-02-29T07:00:00.000Z');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('throws when a hand-built spec can never fire, rather than looping', () => {
    const never: CronSpec = {
      ...spec('0 0 * * *'),
      source: 'hand-built',
      daysOfMonth: [31],
      months: [2],
      dayOfMonthRestricted: true,
    };
    expect(() => nextOccurrence(never, new Date('2026-01-01T00:00:00Z'), 'UTC')).toThrow(/no occurrence/);
  });

  it('refuses an unknown zone and an invalid date', () => {
    expect(() => nextOccurrence(spec('0 10 * * *'), new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(
      RangeError,
    );
    expect(() => nextOccurrence(spec('0 10 * * *'), new Date('nope'), 'UTC')).toThrow(RangeError);
  });
});

describe('day-of-month and weekday: the either-or rule', () => {
  it('fires on the 13th and on every Friday when both are restricted', () => {
    // March 2026: Fridays are the 6th, 13th, 20th and 27th; the 13th is also a Friday.
    expect(between('0 9 13 * FRI', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 'UTC')).toEqual([
      '2026-03-06T09:00:00.000Z',
      '2026-03-13T09:00:00.000Z',
      '2026-03-20T09:00:00.000Z',
      '2026-03-27T09:00:00.000Z',
    ]);
    // April 2026: the 13th is a Monday; Fridays are the 3rd, 10th, 17th and 24th.
    expect(between('0 9 13 * FRI', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', 'UTC')).toEqual([
      '2026-04-03T09:00:00.000Z',
      '2026-04-10T09:00:00.000Z',
      '2026-04-13T09:00:00.000Z',
      '2026-04-17T09:00:00.000Z',
      '2026-04-24T09:00:00.000Z',
    ]);
  });

  it('needs both when only one is restricted', () => {
    // A `*` weekday leaves the day list alone; a `*` day leaves the weekday list alone.
    expect(between('0 9 13 * *', '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', 'UTC')).toEqual([
      '2026-03-13T09:00:00.000Z',
      '2026-04-13T09:00:00.000Z',
    ]);
    expect(between('0 9 * * MON', '2026-04-01T00:00:00Z', '2026-04-15T00:00:00Z', 'UTC')).toEqual([
      '2026-04-06T09:00:00.000Z',
      '2026-04-13T09:00:00.000Z',
    ]);
    // 1-31 covers every day, so it counts as unrestricted: Mondays only.
    expect(between('0 9 1-31 * MON', '2026-04-01T00:00:00Z', '2026-04-15T00:00:00Z', 'UTC')).toEqual([
      '2026-04-06T09:00:00.000Z',
      '2026-04-13T09:00:00.000Z',
    ]);
  });

  it('lets a restricted weekday rescue a day-of-month that a month lacks', () => {
    // 31 February never happens, but every Monday in February does.
    expect(between('0 0 31 2 MON', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 'UTC')).toEqual([
      '2026-02-02T00:00:00.000Z',
      '2026-02-09T00:00:00.000Z',
      '2026-02-16T00:00:00.000Z',
      '2026-02-23T00:00:00.000Z',
    ]);
  });
});

describe('occurrencesBetween', () => {
  it('returns (from, to] in order, capped by limit', () => {
    expect(between('0 * * * *', '2026-06-10T10:00:00Z', '2026-06-10T13:00:00Z', 'UTC')).toEqual([
      '2026-06-10T11:00:00.000Z',
      '2026-06-10T12:00:00.000Z',
      '2026-06-10T13:00:00.000Z',
    ]);
    expect(between('0 * * * *', '2026-06-10T10:00:00Z', '2026-06-10T13:00:00Z', 'UTC', 2)).toEqual([
      '2026-06-10T11:00:00.000Z',
      '2026-06-10T12:00:00.000Z',
    ]);
    expect(between('0 * * * *', '2026-06-10T13:00:00Z', '2026-06-10T10:00:00Z', 'UTC')).toEqual([]);
  });

  it('fires a 6-field schedule at its seconds', () => {
    // 10:00:00, :15, :30 and :45 in Riga summer time (+3).
    expect(between('*/15 0 10 * * *', '2026-06-10T06:59:59Z', '2026-06-10T07:01:00Z', 'Europe/Riga')).toEqual([
      '2026-06-10T07:00:00.000Z',
      '2026-06-10T07:00:15.000Z',
      '2026-06-10T07:00:30.000Z',
      '2026-06-10T07:00:45.000Z',
    ]);
  });
});

describe('daylight saving time', () => {
  // "A check-in set for 10:00 local fires once at 10:00 local on both sides of a change."
  it.each([
    [
      'Europe/Riga, spring (2026-03-29: EET +2 → EEST +3)',
      'Europe/Riga',
      '2026-03-26T00:00:00Z',
      '2026-04-02T00:00:00Z',
      [
        '2026-03-26T08:00:00.000Z', // Thu 10:00 EET
        '2026-03-27T08:00:00.000Z', // Fri 10:00 EET
        '2026-03-28T08:00:00.000Z', // Sat 10:00 EET
        '2026-03-29T07:00:00.000Z', // Sun 10:00 EEST, the change was at 03:00
        '2026-03-30T07:00:00.000Z', // Mon 10:00 EEST
        '2026-03-31T07:00:00.000Z', // Tue 10:00 EEST
        '2026-04-01T07:00:00.000Z', // Wed 10:00 EEST
      ],
    ],
    [
      'Europe/Riga, autumn (2026-10-25: EEST +3 → EET +2)',
      'Europe/Riga',
      '2026-10-22T00:00:00Z',
      '2026-10-29T00:00:00Z',
      [
        '2026-10-22T07:00:00.000Z', // Thu 10:00 EEST
        '2026-10-23T07:00:00.000Z', // Fri 10:00 EEST
        '2026-10-24T07:00:00.000Z', // Sat 10:00 EEST
        '2026-10-25T08:00:00.000Z', // Sun 10:00 EET, the change was at 04:00
        '2026-10-26T08:00:00.000Z', // Mon 10:00 EET
        '2026-10-27T08:00:00.000Z', // Tue 10:00 EET
        '2026-10-28T08:00:00.000Z', // Wed 10:00 EET
      ],
    ],
    [
      'America/New_York, spring (2026-03-08: EST −5 → EDT −4)',
      'America/New_York',
      '2026-03-05T05:00:00Z',
      '2026-03-12T04:00:00Z',
      [
        '2026-03-05T15:00:00.000Z', // Thu 10:00 EST
        '2026-03-06T15:00:00.000Z', // Fri 10:00 EST
        '2026-03-07T15:00:00.000Z', // Sat 10:00 EST
        '2026-03-08T14:00:00.000Z', // Sun 10:00 EDT, the change was at 02:00
        '2026-03-09T14:00:00.000Z', // Mon 10:00 EDT
        '2026-03-10T14:00:00.000Z', // Tue 10:00 EDT
        '2026-03-11T14:00:00.000Z', // Wed 10:00 EDT
      ],
    ],
    [
      'America/New_York, autumn (2026-11-01: EDT −4 → EST −5)',
      'America/New_York',
      '2026-10-29T04:00:00Z',
      '2026-11-05T05:00:00Z',
      [
        '2026-10-29T14:00:00.000Z', // Thu 10:00 EDT
        '2026-10-30T14:00:00.000Z', // Fri 10:00 EDT
        '2026-10-31T14:00:00.000Z', // Sat 10:00 EDT
        '2026-11-01T15:00:00.000Z', // Sun 10:00 EST, the change was at 02:00
        '2026-11-02T15:00:00.000Z', // Mon 10:00 EST
        '2026-11-03T15:00:00.000Z', // Tue 10:00 EST
        '2026-11-04T15:00:00.000Z', // Wed 10:00 EST
      ],
    ],
  ])('10:00 fires once a day at 10:00 local: %s', (_name, tz, from, to, expected) => {
    const got = occurrencesBetween(spec('0 10 * * *'), new Date(from), new Date(to), tz);
    expect(iso(got)).toEqual(expected);
    for (const at of got) expect(localFields(at, tz)).toMatchObject({ hour: 10, minute: 0, second: 0 });
  });

  it.each([
    // [name, schedule, zone, from, to, expected]
    [
      'Riga 03:30 on 2026-03-29 (03:00–03:59 skipped) fires once at 04:00 EEST',
      '30 3 * * *',
      'Europe/Riga',
      '2026-03-27T22:00:00Z',
      '2026-03-30T21:00:00Z',
      [
        '2026-03-28T01:30:00.000Z', // Sat 03:30 EET
        '2026-03-29T01:00:00.000Z', // Sun 04:00 EEST, the first minute after the gap
        '2026-03-30T00:30:00.000Z', // Mon 03:30 EEST
      ],
    ],
    [
      'New York 02:30 on 2026-03-08 (02:00–02:59 skipped) fires once at 03:00 EDT',
      '30 2 * * *',
      'America/New_York',
      '2026-03-07T05:00:00Z',
      '2026-03-10T04:00:00Z',
      [
        '2026-03-07T07:30:00.000Z', // Sat 02:30 EST
        '2026-03-08T07:00:00.000Z', // Sun 03:00 EDT, the first minute after the gap
        '2026-03-09T06:30:00.000Z', // Mon 02:30 EDT
      ],
    ],
    [
      'Riga 03:30 on 2026-10-25 (03:00–03:59 twice) fires once, in summer time',
      '30 3 * * *',
      'Europe/Riga',
      '2026-10-23T21:00:00Z',
      '2026-10-26T22:00:00Z',
      [
        '2026-10-24T00:30:00.000Z', // Sat 03:30 EEST
        '2026-10-25T00:30:00.000Z', // Sun 03:30 EEST, the first of two; not again at 01:30Z (EET)
        '2026-10-26T01:30:00.000Z', // Mon 03:30 EET
      ],
    ],
    [
      'New York 01:30 on 2026-11-01 (01:00–01:59 twice) fires once, in daylight time',
      '30 1 * * *',
      'America/New_York',
      '2026-10-31T04:00:00Z',
      '2026-11-03T05:00:00Z',
      [
        '2026-10-31T05:30:00.000Z', // Sat 01:30 EDT
        '2026-11-01T05:30:00.000Z', // Sun 01:30 EDT, the first of two; not again at 06:30Z (EST)
        '2026-11-02T06:30:00.000Z', // Mon 01:30 EST
      ],
    ],
    [
      'Lord Howe’s 30-minute spring change (02:00 → 02:30 on 2026-10-04): 02:15 fires at 02:30',
      '15 2 * * *',
      'Australia/Lord_Howe',
      '2026-10-02T13:30:00Z',
      '2026-10-05T13:00:00Z',
      [
        '2026-10-02T15:45:00.000Z', // Sat 02:15 +10:30
        '2026-10-03T15:30:00.000Z', // Sun 02:30 +11, the first minute after the gap
        '2026-10-04T15:15:00.000Z', // Mon 02:15 +11
      ],
    ],
    [
      'Santiago springs forward at midnight (2026-09-06 00:00 → 01:00): 00:00 fires at 01:00',
      '0 0 * * *',
      'America/Santiago',
      '2026-09-04T12:00:00Z',
      '2026-09-07T12:00:00Z',
      [
        '2026-09-05T04:00:00.000Z', // Sat 00:00 −4
        '2026-09-06T04:00:00.000Z', // Sun 01:00 −3, the day's first minute
        '2026-09-07T03:00:00.000Z', // Mon 00:00 −3
      ],
    ],
    [
      'Samoa skipped 2011-12-30 entirely: that day’s 10:00 fires once at the start of the 31st',
      '0 10 * * *',
      'Pacific/Apia',
      '2011-12-28T12:00:00Z',
      '2011-12-31T12:00:00Z',
      [
        '2011-12-28T20:00:00.000Z', // Wed 28th 10:00 −10
        '2011-12-29T20:00:00.000Z', // Thu 29th 10:00 −10
        '2011-12-30T10:00:00.000Z', // Sat 31st 00:00 +14, for the missing Friday
        '2011-12-30T20:00:00.000Z', // Sat 31st 10:00 +14
      ],
    ],
  ])('%s', (_name, text, tz, from, to, expected) => {
    expect(between(text, from, to, tz)).toEqual(expected);
  });

  it('fires every distinct wall time once across the New York fall-back: */15', () => {
    // 01:00–01:45 run in EDT; the EST repeat of 01:00–01:59 is skipped, so 02:00 EST follows
    // 01:45 EDT after an hour and a quarter.
    expect(between('*/15 * * * *', '2026-11-01T04:40:00Z', '2026-11-01T07:20:00Z', 'America/New_York')).toEqual([
      '2026-11-01T04:45:00.000Z', // 00:45 EDT
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T05:15:00.000Z', // 01:15 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:45:00.000Z', // 01:45 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T07:15:00.000Z', // 02:15 EST
    ]);
  });

  it('collapses the skipped hour into one firing across the New York spring-forward: */15', () => {
    expect(between('*/15 * * * *', '2026-03-08T06:20:00Z', '2026-03-08T07:40:00Z', 'America/New_York')).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T06:45:00.000Z', // 01:45 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT, standing in for 02:00–02:45 and itself
      '2026-03-08T07:15:00.000Z', // 03:15 EDT
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
    ]);
  });

  it('finds the next firing from inside the second pass of a repeated hour', () => {
    // 06:20Z is 01:20 EST, the repeat; 01:30 already fired at 05:30Z (EDT), so next is 02:30 EST.
    expect(next('30 1,2 * * *', '2026-11-01T06:20:00Z', 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
    // With seconds: after 01:59:30 EST every wall second through 01:59:59 fired an hour ago.
    expect(next('*/10 * * * * *', '2026-11-01T06:59:30Z', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    // Every 01:xx already fired in EDT and the day has nothing later: on to Monday 01:00 EST.
    expect(next('*/10 1 * * *', '2026-11-01T06:05:00Z', 'America/New_York')).toBe('2026-11-02T06:00:00.000Z');
  });
});

// ---------------------------------------------------------------------------------------------
// Property check against a brute-force reference

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const HOUR = 60 * MIN;

function wallMatches(
  s: CronSpec,
  wall: { year: number; month: number; day: number; hour: number; minute: number; second: number },
): boolean {
  const dow = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const dom = s.daysOfMonth.includes(wall.day);
  const wd = s.daysOfWeek.includes(dow);
  const dayOk = s.dayOfMonthRestricted && s.dayOfWeekRestricted ? dom || wd : dom && wd;
  return (
    dayOk &&
    s.months.includes(wall.month) &&
    s.hours.includes(wall.hour) &&
    s.minutes.includes(wall.minute) &&
    s.seconds.includes(wall.second)
  );
}

function wallOf(ms: number) {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * The firings in (from, to] found by walking real minutes: each matching wall time at the first
 * instant it is seen, and, where the clock jumps forward, the instant after the jump for any
 * matching wall time it skipped. Starts early enough to have seen the first pass of a repeat.
 */
function reference(s: CronSpec, from: number, to: number, tz: string): number[] {
  const out = new Set<number>();
  const seen = new Set<number>();
  let t = Math.floor((from - 3 * HOUR) / MIN) * MIN;
  let prevWall: number | undefined;
  for (; t <= to; t += MIN) {
    const f = localFields(new Date(t), tz);
    const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute);
    if (prevWall !== undefined && wall - prevWall > MIN) {
      for (let skipped = prevWall + MIN; skipped < wall; skipped += MIN) {
        for (const sec of s.seconds) if (wallMatches(s, wallOf(skipped + sec * 1000)) && t > from) out.add(t);
      }
    }
    prevWall = wall;
    for (const sec of s.seconds) {
      const w = wall + sec * 1000;
      if (seen.has(w)) continue;
      seen.add(w);
      const at = t + sec * 1000;
      if (at > from && at <= to && wallMatches(s, wallOf(w))) out.add(at);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Instants in `year` where `tz` changes its offset, to the hour. */
function transitions(tz: string, year: number): number[] {
  const out: number[] = [];
  const offset = (ms: number) => {
    const f = localFields(new Date(ms), tz);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - ms;
  };
  let prev = offset(Date.UTC(year, 0, 1));
  for (let t = Date.UTC(year, 0, 1) + HOUR; t < Date.UTC(year + 1, 0, 1); t += HOUR) {
    const o = offset(t);
    if (o !== prev) out.push(t);
    prev = o;
  }
  return out;
}

describe('property: matches a brute-force minute-by-minute reference', () => {
  const zones = [
    'Europe/Riga',
    'America/New_York',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/Santiago',
    'Asia/Kathmandu',
    'UTC',
  ];
  const changes = new Map(zones.map((tz) => [tz, transitions(tz, 2026)]));

  it('finds two changes in 2026 for each zone with daylight saving time', () => {
    for (const tz of zones.slice(0, 5)) expect(changes.get(tz)).toHaveLength(2);
    expect(changes.get('Asia/Kathmandu')).toEqual([]);
  });

  const rand = mulberry32(20260329);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const secondsChoices = ['0', '30', '*/20', '0,15', '10-50/20', '*/7', '59'];
  const minuteChoices = [
    '*',
    '*/5',
    '*/15',
    '0',
    '30',
    '0,30',
    '10-40/10',
    '45',
    '*/7',
    '5-20',
    '59',
    '0-59/13',
    '15,45',
  ];
  const hourChoices = ['*', '*', '*', '0-3', '1,2,3', '2', '3', '1', '*/2', '0', '23', '22-23,0-4', '9-17', '0-4/2'];
  const domChoices = ['*', '*', '*', '*', '1', '15', '1-15', '*/2', '4,5,6', '25-31', '3-9'];
  const monthChoices = ['*', '*', '*', '*', '3', '10', '3,4,9,10,11', 'JAN-JUN', '*/2', 'apr,sep,oct'];
  const dowChoices = ['*', '*', '*', '*', 'SUN', '0', 'MON-FRI', '6,0', '1-5/2', 'SAT-SUN', '7'];

  const cases: Array<{ text: string; tz: string; from: number; to: number }> = [];
  for (let i = 0; i < 300; i++) {
    const fields = [
      choose(minuteChoices),
      choose(hourChoices),
      choose(domChoices),
      choose(monthChoices),
      choose(dowChoices),
    ];
    if (rand() < 0.3) fields.unshift(choose(secondsChoices));
    const tz = choose(zones);
    const around = changes.get(tz) ?? [];
    // Two in three windows straddle or sit near a change; the rest fall anywhere in 2026.
    const base =
      around.length > 0 && rand() < 0.67
        ? choose(around) + Math.floor((rand() * 8 - 5) * HOUR)
        : Date.UTC(2026, 0, 1) + Math.floor(rand() * 364 * 24) * HOUR;
    const from = base + Math.floor(rand() * HOUR) + (rand() < 0.5 ? Math.floor(rand() * 60_000) : 0);
    cases.push({ text: fields.join(' '), tz, from, to: from + 6 * HOUR });
  }

  it('agrees on 300 seeded schedules × windows, and every result matches the spec', () => {
    let fired = 0;
    let jumped = 0;
    for (const { text, tz, from, to } of cases) {
      const s = spec(text);
      const context = `${text} in ${tz} after ${new Date(from).toISOString()}`;
      const expected = reference(s, from, to, tz);
      const got = occurrencesBetween(s, new Date(from), new Date(to), tz, 100_000).map((d) => d.getTime());
      expect(got, context).toEqual(expected);

      // No occurrence skipped at the edge either: the first one after `from` is the reference's
      // first, or lies beyond the window.
      const first = nextOccurrence(s, new Date(from), tz).getTime();
      if (expected[0] !== undefined) expect(first, context).toBe(expected[0]);
      else expect(first, context).toBeGreaterThan(to);

      for (const at of [first, ...got]) {
        expect(at, context).toBeGreaterThan(from);
        const f = localFields(new Date(at), tz);
        const before = localFields(new Date(at - 1000), tz);
        const afterJump =
          Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) -
            Date.UTC(before.year, before.month - 1, before.day, before.hour, before.minute, before.second) >
          1000;
        // Only the instant right after a spring-forward jump may stand in for a skipped wall time.
        if (afterJump) jumped++;
        else expect(wallMatches(s, f), `${context}: ${new Date(at).toISOString()}`).toBe(true);
      }
      fired += got.length;
    }
    // The sample must exercise something: plenty of firings, some of them gap stand-ins.
    expect(fired).toBeGreaterThan(1000);
    expect(jumped).toBeGreaterThan(0);
  });
});
