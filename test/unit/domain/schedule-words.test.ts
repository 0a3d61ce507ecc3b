import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../src/domain/cron/parse';
import { hasWords, parseSchedule, SCHEDULE_EXAMPLES, scheduleInWords } from '../../../src/domain/schedule-words';

const cronOf = (text: string) => {
  const parsed = parseSchedule(text);
  if ('error' in parsed) throw new Error(`expected ${text} to parse: ${parsed.error}`);
  return parsed;
};
const errorOf = (text: string) => {
  const parsed = parseSchedule(text);
  if (!('error' in parsed)) throw new Error(`expected ${text} to be refused, got ${parsed.spec.source}`);
  return parsed.error;
};
const words = (text: string, tz = 'Europe/Riga') => scheduleInWords(cronOf(text).spec, tz);

describe('parseSchedule: plain forms', () => {
  it.each([
    ['weekly mon 10:00', '0 10 * * 1'],
    ['weekly mon,thu 10:00', '0 10 * * 1,4'],
    ['weekly mon, thu 10:00', '0 10 * * 1,4'],
    ['weekly mon thu 10:00', '0 10 * * 1,4'],
    ['weekly on mon and thu at 10:00', '0 10 * * 1,4'],
    ['Weekly Monday 10:00', '0 10 * * 1'],
    ['weekly tues,thurs 08:15', '15 8 * * 2,4'],
    ['weekly mon-fri 17:00', '0 17 * * 1-5'],
    ['weekly sat-sun 12:00', '0 12 * * 0,6'],
    ['weekly fri-sun 12:00', '0 12 * * 0,5,6'],
    ['weekly sun 09:00', '0 9 * * 0'],
    ['weekly mon,tue,wed,thu,fri,sat,sun 08:00', '0 8 * * *'],
    ['weekly thu,mon,thu 10:00', '0 10 * * 1,4'],
    ['daily 09:30', '30 9 * * *'],
    ['daily 9:30', '30 9 * * *'],
    ['daily 0:00', '0 0 * * *'],
    ['daily 23:59', '59 23 * * *'],
    ['weekdays 17:00', '0 17 * * 1-5'],
    ['weekdays 5pm', '0 17 * * 1-5'],
    ['weekdays 5:30 pm', '30 17 * * 1-5'],
    ['daily 12am', '0 0 * * *'],
    ['daily 12pm', '0 12 * * *'],
    ['daily 10a.m.', '0 10 * * *'],
    ['monthly 1 09:00', '0 9 1 * *'],
    ['monthly 1st 9am', '0 9 1 * *'],
    ['monthly 28 18:00', '0 18 28 * *'],
    ['  monthly   15   09:00  ', '0 9 15 * *'],
  ])('%s → %s', (text, cron) => {
    const parsed = cronOf(text);
    expect(parsed.plain).toBe(true);
    expect(parsed.spec.source).toBe(cron);
    // The same representation the cron parser gives for the cron written out.
    expect(parsed.spec).toEqual(parseCron(cron));
  });
});

describe('parseSchedule: cron goes to the cron parser unchanged', () => {
  it.each(['0 10 * * MON', '0 10 * * MON-FRI', '*/15 9-17 * * 1-5', '0 30 9 * * *', '0 9 31 * *'])('%s', (text) => {
    const parsed = cronOf(text);
    expect(parsed.plain).toBe(false);
    expect(parsed.spec).toEqual(parseCron(text));
  });
});

describe('parseSchedule: every refusal says what is wrong and ends with examples of both kinds', () => {
  it.each([
    ['', 'Give the schedule.'],
    ['weekly', 'After `weekly`, give the days and the time, such as `weekly mon 10:00` or `weekly mon,thu 10:00`.'],
    ['weekly 10:00', 'Say which days before the time, such as `weekly mon 10:00`.'],
    ['weekly mon', 'Give the time after the days, such as `weekly mon 10:00`.'],
    ['weekly mon thu', 'Give the time after the days, such as `weekly mon thu 10:00`.'],
    [
      'weekly mnday 10:00',
      '`mnday` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full names), several as `mon,thu` or a range such as `mon-wed`.',
    ],
    [
      'weekly mo 10:00',
      '`mo` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full names), several as `mon,thu` or a range such as `mon-wed`.',
    ],
    [
      'weekly fri-mon 10:00',
      'The days `fri-mon` run backwards; a week here starts on Monday, so write `mon-fri` or `sat-sun`, or list the days: `fri,sat,sun,mon`.',
    ],
    [
      'weekly mon 25:00',
      '`25:00` is not a time of day; write it as HH:MM on a 24-hour clock, such as `09:30` or `17:00` (or `10am`, `5:30pm`).',
    ],
    [
      'weekly mon 10',
      '`10` is not a time of day; write it as HH:MM on a 24-hour clock, such as `09:30` or `17:00` (or `10am`, `5:30pm`).',
    ],
    ['daily', 'After `daily`, give the time, such as `daily 09:30`.'],
    [
      'daily 10:60',
      '`10:60` is not a time of day; write it as HH:MM on a 24-hour clock, such as `09:30` or `17:00` (or `10am`, `5:30pm`).',
    ],
    [
      'daily 13pm',
      '`13pm` is not a time of day; write it as HH:MM on a 24-hour clock, such as `09:30` or `17:00` (or `10am`, `5:30pm`).',
    ],
    [
      'daily mon 10:00',
      '`daily` takes only a time, such as `daily 09:30`; for some days of the week write `weekly mon,thu 10:00`.',
    ],
    ['weekdays', 'After `weekdays`, give the time, such as `weekdays 17:00`.'],
    ['monthly', 'After `monthly`, give the day of the month and the time, such as `monthly 1 09:00`.'],
    ['monthly 1', 'Give the time after the day, such as `monthly 1 09:00`.'],
    [
      'monthly 0 09:00',
      '`0` is not a day of the month; `monthly` takes a day from 1 to 28, such as `monthly 1 09:00`.',
    ],
    [
      'monthly 31 09:00',
      'Not every month has a day 31, so `monthly 31` would skip some months; choose a day from 1 to 28, or, if skipping them is what you want, write the cron `0 9 31 * *`.',
    ],
    [
      'monthly last 09:00',
      '`monthly last` is not supported: cron has no portable "last day of the month". `monthly 28 09:00` runs near the end of every month.',
    ],
    [
      'monthly 1 15 09:00',
      '`monthly` takes one day and a time, such as `monthly 1 09:00`; for several days a month use cron, such as `0 9 1,15 * *`.',
    ],
    [
      'mondays 10:00',
      '`mondays` does not start a schedule: begin with `daily`, `weekdays`, `weekly` or `monthly`, or write cron. To run every Monday, write `weekly mon 10:00`.',
    ],
    [
      'every day 10:00',
      '`every` does not start a schedule: begin with `daily`, `weekdays`, `weekly` or `monthly`, or write cron.',
    ],
    ['0 25 * * *', 'The hour field `25` is out of range (0–23).'],
    ['0 10 * *', 'A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first; `0 10 * *` has 4.'],
  ])('%j', (text, sentence) => {
    expect(errorOf(text)).toBe(`${sentence}\n${SCHEDULE_EXAMPLES}`);
  });

  it('gives a plain example and a cron example', () => {
    expect(SCHEDULE_EXAMPLES).toContain('`weekly mon 10:00`');
    expect(parseSchedule('weekly mon 10:00')).toMatchObject({ plain: true });
    const cron = /cron such as `([^`]+)`/.exec(SCHEDULE_EXAMPLES)?.[1] ?? '';
    expect(parseSchedule(cron)).toMatchObject({ plain: false });
  });

  it('keeps user text inert in the echo', () => {
    expect(errorOf('weekly <!channel> 10:00').split('\n')[0]).toBe(
      '`&lt;!channel&gt;` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full names), several as `mon,thu` or a range such as `mon-wed`.',
    );
    expect(errorOf('weekly `x` 10:00').startsWith("`'x'` is not a day")).toBe(true);
  });
});

describe('scheduleInWords', () => {
  it.each([
    ['weekly mon 10:00', 'every Monday at 10:00 Europe/Riga'],
    ['weekly mon,thu 10:00', 'every Monday and Thursday at 10:00 Europe/Riga'],
    ['weekdays 17:00', 'every weekday at 17:00 Europe/Riga'],
    ['daily 09:30', 'every day at 09:30 Europe/Riga'],
    ['monthly 1 09:00', 'on day 1 of every month at 09:00 Europe/Riga'],
    ['0 10 * * MON', 'every Monday at 10:00 Europe/Riga'],
    ['30 0 10 * * *', 'every day at 10:00:30 Europe/Riga'],
    ['*/15 9-17 * * 1-5', 'every 15 minutes from 09:00 to 17:45, every weekday, Europe/Riga time'],
    ['30 * * * *', 'every hour at :30, Europe/Riga time'],
    ['7,8 * * * *', 'on the cron schedule `7,8 * * * *`, Europe/Riga time'],
  ])('%s → %s', (text, expected) => {
    expect(words(text)).toBe(expected);
  });

  it('names the zone it is given', () => {
    expect(words('weekly mon 10:00', 'America/New_York')).toBe('every Monday at 10:00 America/New_York');
  });

  it('tells a schedule with its own wording from one shown as cron', () => {
    expect(hasWords(cronOf('weekly mon 10:00').spec)).toBe(true);
    expect(hasWords(cronOf('7,8 * * * *').spec)).toBe(false);
  });
});
