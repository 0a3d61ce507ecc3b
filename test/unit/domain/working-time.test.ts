import { beforeEach, describe, expect, it, vi } from 'vitest';
import { localFields, zonedToUtc } from '../../../src/domain/time-zone';
import {
  addWorkingTime,
  BUSINESS_DAY,
  isWorkingTime,
  workingTimeBetween,
  type Hours,
} from '../../../src/domain/working-time';

// Counts the zone look-ups working-time makes, so that "long durations are computed, not
// walked" can be checked without timing anything. The calls go through to the real functions.
const zoneCalls = vi.hoisted(() => ({ localFields: 0, zonedToUtc: 0 }));
vi.mock(import('../../../src/domain/time-zone'), async (importOriginal) => {
  const actual = await importOriginal();
  return {
    ...actual,
    localFields: (...args: Parameters<typeof actual.localFields>) => {
      zoneCalls.localFields += 1;
      return actual.localFields(...args);
    },
    zonedToUtc: (...args: Parameters<typeof actual.zonedToUtc>) => {
      zoneCalls.zonedToUtc += 1;
      return actual.zonedToUtc(...args);
    },
  };
});

const MS = 1;
const MIN = 60_000;
const H = 60 * MIN;
const WORKING_DAY = 9 * H;
const WORKING_WEEK = 5 * WORKING_DAY;

const RIGA = 'Europe/Riga'; // EET UTC+2; EEST UTC+3 from 2026-03-29 03:00 until 2026-10-25 04:00
const NEW_YORK = 'America/New_York'; // EST UTC−5; EDT UTC−4 from 2026-03-08 02:00 until 2026-11-01 02:00

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const add = (start: string, duration: number, tz: string) => iso(addWorkingTime(at(start), duration, 'business', tz));
const between = (start: string, end: string, tz: string) => workingTimeBetween(at(start), at(end), 'business', tz);
const working = (instant: string, tz: string) => isWorkingTime(at(instant), 'business', tz);

type AddCase = [label: string, start: string, duration: number, expected: string];

function addTable(tz: string, cases: AddCase[]) {
  it.each(cases)('%s', (_label, start, duration, expected) => {
    expect(add(start, duration, tz)).toBe(expected);
  });
}

describe('BUSINESS_DAY', () => {
  it('is 09:00 to 18:00', () => {
    expect(BUSINESS_DAY).toEqual({ startHour: 9, endHour: 18 });
  });
});

describe('addWorkingTime, business hours', () => {
  // Week of Monday 2026-03-02 in Riga, winter time (UTC+2): local = Z + 2h.
  describe('within one week (Europe/Riga, UTC+2)', () => {
    addTable(RIGA, [
      ['Mon 09:00 + 1h → Mon 10:00', '2026-03-02T07:00:00.000Z', 1 * H, '2026-03-02T08:00:00.000Z'],
      ['Mon 09:00 + 9h → Mon 18:00, not Tue 09:00', '2026-03-02T07:00:00.000Z', 9 * H, '2026-03-02T16:00:00.000Z'],
      ['Mon 09:00 + 9h1m → Tue 09:01', '2026-03-02T07:00:00.000Z', 9 * H + 1 * MIN, '2026-03-03T07:01:00.000Z'],
      [
        'Mon 09:00 + 9h + 1ms → Tue 09:00:00.001',
        '2026-03-02T07:00:00.000Z',
        9 * H + 1 * MS,
        '2026-03-03T07:00:00.001Z',
      ],
      [
        'Mon 08:59 + 1m → Mon 09:01 (counting starts at 09:00)',
        '2026-03-02T06:59:00.000Z',
        1 * MIN,
        '2026-03-02T07:01:00.000Z',
      ],
      ['Mon 08:59:59.999 + 1ms → Mon 09:00:00.001', '2026-03-02T06:59:59.999Z', 1 * MS, '2026-03-02T07:00:00.001Z'],
      ['Mon 17:59 + 1m → Mon 18:00', '2026-03-02T15:59:00.000Z', 1 * MIN, '2026-03-02T16:00:00.000Z'],
      ['Mon 17:59 + 2m → Tue 09:01', '2026-03-02T15:59:00.000Z', 2 * MIN, '2026-03-03T07:01:00.000Z'],
      ['Mon 18:00 + 1m → Tue 09:01', '2026-03-02T16:00:00.000Z', 1 * MIN, '2026-03-03T07:01:00.000Z'],
      ['Mon 00:00 + 1h → Mon 10:00', '2026-03-01T22:00:00.000Z', 1 * H, '2026-03-02T08:00:00.000Z'],
      [
        'Tue 10:30:15.250 + 8h → Wed 09:30:15.250 (seconds and ms kept)',
        '2026-03-03T08:30:15.250Z',
        8 * H,
        '2026-03-04T07:30:15.250Z',
      ],
      ['Wed 12:00 + 18h → Fri 12:00', '2026-03-04T10:00:00.000Z', 18 * H, '2026-03-06T10:00:00.000Z'],
      [
        'Mon 09:00 + 24h ("1d") → Wed 15:00: 9h + 9h + 6h of working time',
        '2026-03-02T07:00:00.000Z',
        24 * H,
        '2026-03-04T13:00:00.000Z',
      ],
    ]);
  });

  describe('Friday to Monday and weekend starts (Europe/Riga, UTC+2)', () => {
    addTable(RIGA, [
      ['Fri 17:00 + 1h → Fri 18:00', '2026-03-06T15:00:00.000Z', 1 * H, '2026-03-06T16:00:00.000Z'],
      ['Fri 17:00 + 2h → Mon 10:00', '2026-03-06T15:00:00.000Z', 2 * H, '2026-03-09T08:00:00.000Z'],
      ['Fri 17:59 + 2m → Mon 09:01', '2026-03-06T15:59:00.000Z', 2 * MIN, '2026-03-09T07:01:00.000Z'],
      ['Fri 18:00 + 1m → Mon 09:01', '2026-03-06T16:00:00.000Z', 1 * MIN, '2026-03-09T07:01:00.000Z'],
      ['Fri 19:00 + 1h → Mon 10:00', '2026-03-06T17:00:00.000Z', 1 * H, '2026-03-09T08:00:00.000Z'],
      ['Thu 12:00 + 18h → Mon 12:00', '2026-03-05T10:00:00.000Z', 18 * H, '2026-03-09T10:00:00.000Z'],
      ['Sat 00:00 + 15m → Mon 09:15', '2026-03-06T22:00:00.000Z', 15 * MIN, '2026-03-09T07:15:00.000Z'],
      ['Sat 12:00 + 15m → Mon 09:15', '2026-03-07T10:00:00.000Z', 15 * MIN, '2026-03-09T07:15:00.000Z'],
      ['Sun 12:00 + 9h → Mon 18:00', '2026-03-08T10:00:00.000Z', 9 * H, '2026-03-09T16:00:00.000Z'],
      ['Sun 23:59 + 15m → Mon 09:15', '2026-03-08T21:59:00.000Z', 15 * MIN, '2026-03-09T07:15:00.000Z'],
      [
        'Mon 09:00 + 45h → Fri 18:00 the same week',
        '2026-03-02T07:00:00.000Z',
        WORKING_WEEK,
        '2026-03-06T16:00:00.000Z',
      ],
      [
        'Mon 09:00 + 45h + 1ms → next Mon 09:00:00.001',
        '2026-03-02T07:00:00.000Z',
        WORKING_WEEK + 1 * MS,
        '2026-03-09T07:00:00.001Z',
      ],
      ['Sat 12:00 + 45h → next Fri 18:00', '2026-03-07T10:00:00.000Z', WORKING_WEEK, '2026-03-13T16:00:00.000Z'],
    ]);
  });

  describe('zero duration: nothing to wait for, start is returned as is', () => {
    it.each([
      ['Mon 10:00, working', '2026-03-02T08:00:00.000Z'],
      ['Mon 18:00, closed', '2026-03-02T16:00:00.000Z'],
      ['Sat 12:00, weekend', '2026-03-07T10:00:00.000Z'],
      ['Tue 03:04:05.678, night', '2026-03-03T01:04:05.678Z'],
    ])('%s', (_label, start) => {
      expect(add(start, 0, RIGA)).toBe(start);
    });

    it('returns a copy, not the caller’s Date', () => {
      const start = at('2026-03-07T10:00:00.000Z');
      const result = addWorkingTime(start, 0, 'business', RIGA);
      expect(result).not.toBe(start);
      expect(result.getTime()).toBe(start.getTime());
    });
  });

  describe('long durations spanning weeks and both DST changes', () => {
    addTable(RIGA, [
      // 240h = 5 working weeks (225h, to Fri 2026-02-06 18:00) + Mon 9h + Tue 6h.
      [
        'Mon 2026-01-05 09:00 + 240h ("10d") → Tue 2026-02-10 15:00 EET',
        '2026-01-05T07:00:00.000Z',
        240 * H,
        '2026-02-10T13:00:00.000Z',
      ],
      // 20 working weeks, finishing in summer time (UTC+3).
      [
        'Mon 2026-01-05 09:00 + 20 working weeks → Fri 2026-05-22 18:00 EEST',
        '2026-01-05T07:00:00.000Z',
        20 * WORKING_WEEK,
        '2026-05-22T15:00:00.000Z',
      ],
      // 52 working weeks: through spring forward and fall back, ending in winter time again.
      [
        'Mon 2026-01-05 09:00 + 52 working weeks → Fri 2027-01-01 18:00 EET',
        '2026-01-05T07:00:00.000Z',
        52 * WORKING_WEEK,
        '2027-01-01T16:00:00.000Z',
      ],
      [
        'Mon 2026-01-05 09:00 + 52 working weeks + 1h → Mon 2027-01-04 10:00 EET',
        '2026-01-05T07:00:00.000Z',
        52 * WORKING_WEEK + 1 * H,
        '2027-01-04T08:00:00.000Z',
      ],
    ]);

    it('50 years of working weeks in UTC end on a Friday at 18:00', () => {
      // Mon 2026-03-02 + 2600 weeks − 3 days = Fri 2075-12-27.
      expect(add('2026-03-02T09:00:00.000Z', 2600 * WORKING_WEEK, 'UTC')).toBe('2075-12-27T18:00:00.000Z');
    });
  });

  describe('DST in Europe/Riga', () => {
    // Spring forward: Sun 2026-03-29 03:00 EET → 04:00 EEST. Friday is UTC+2, Monday UTC+3.
    addTable(RIGA, [
      ['spring: Fri 17:00 EET + 2h → Mon 10:00 EEST', '2026-03-27T15:00:00.000Z', 2 * H, '2026-03-30T07:00:00.000Z'],
      ['spring: Fri 09:00 EET + 18h → Mon 18:00 EEST', '2026-03-27T07:00:00.000Z', 18 * H, '2026-03-30T15:00:00.000Z'],
      ['spring: Thu 12:00 EET + 24h → Mon 18:00 EEST', '2026-03-26T10:00:00.000Z', 24 * H, '2026-03-30T15:00:00.000Z'],
      ['spring: Sat 12:00 EET + 1h → Mon 10:00 EEST', '2026-03-28T10:00:00.000Z', 1 * H, '2026-03-30T07:00:00.000Z'],
      [
        'spring: Sun 04:30 EEST, just after the gap, + 1h → Mon 10:00 EEST',
        '2026-03-29T01:30:00.000Z',
        1 * H,
        '2026-03-30T07:00:00.000Z',
      ],
      ['spring: Mon 09:00 EEST + 9h → Mon 18:00 EEST', '2026-03-30T06:00:00.000Z', 9 * H, '2026-03-30T15:00:00.000Z'],
      // Fall back: Sun 2026-10-25 04:00 EEST → 03:00 EET. Friday is UTC+3, Monday UTC+2.
      ['autumn: Fri 17:00 EEST + 2h → Mon 10:00 EET', '2026-10-23T14:00:00.000Z', 2 * H, '2026-10-26T08:00:00.000Z'],
      ['autumn: Fri 09:00 EEST + 18h → Mon 18:00 EET', '2026-10-23T06:00:00.000Z', 18 * H, '2026-10-26T16:00:00.000Z'],
      [
        'autumn: Sun 03:30 EEST (first time) + 15m → Mon 09:15 EET',
        '2026-10-25T00:30:00.000Z',
        15 * MIN,
        '2026-10-26T07:15:00.000Z',
      ],
      [
        'autumn: Sun 03:30 EET (second time) + 15m → Mon 09:15 EET',
        '2026-10-25T01:30:00.000Z',
        15 * MIN,
        '2026-10-26T07:15:00.000Z',
      ],
    ]);
  });

  describe('DST in America/New_York', () => {
    // Spring forward: Sun 2026-03-08 02:00 EST → 03:00 EDT. Friday is UTC−5, Monday UTC−4.
    addTable(NEW_YORK, [
      ['spring: Fri 17:00 EST + 2h → Mon 10:00 EDT', '2026-03-06T22:00:00.000Z', 2 * H, '2026-03-09T14:00:00.000Z'],
      ['spring: Fri 09:00 EST + 18h → Mon 18:00 EDT', '2026-03-06T14:00:00.000Z', 18 * H, '2026-03-09T22:00:00.000Z'],
      [
        'spring: Mon 03-02 09:00 EST + 90h → Fri 03-13 18:00 EDT',
        '2026-03-02T14:00:00.000Z',
        2 * WORKING_WEEK,
        '2026-03-13T22:00:00.000Z',
      ],
      // Fall back: Sun 2026-11-01 02:00 EDT → 01:00 EST. Friday is UTC−4, Monday UTC−5.
      ['autumn: Fri 17:00 EDT + 2h → Mon 10:00 EST', '2026-10-30T21:00:00.000Z', 2 * H, '2026-11-02T15:00:00.000Z'],
      ['autumn: Fri 09:00 EDT + 18h → Mon 18:00 EST', '2026-10-30T13:00:00.000Z', 18 * H, '2026-11-02T23:00:00.000Z'],
      [
        'autumn: Sun 01:30 EDT (first time) + 15m → Mon 09:15 EST',
        '2026-11-01T05:30:00.000Z',
        15 * MIN,
        '2026-11-02T14:15:00.000Z',
      ],
      [
        'autumn: Sun 01:30 EST (second time) + 15m → Mon 09:15 EST',
        '2026-11-01T06:30:00.000Z',
        15 * MIN,
        '2026-11-02T14:15:00.000Z',
      ],
    ]);
  });

  describe('zones that change their clocks at midnight', () => {
    describe('Africa/Cairo (Thursday night, a weekday)', () => {
      // Fri 2026-04-24 00:00 EET (UTC+2) → 01:00 EEST (UTC+3); Thu 2026-10-29 24:00 EEST → 23:00 EET.
      addTable('Africa/Cairo', [
        ['spring: Thu 17:00 EET + 2h → Fri 10:00 EEST', '2026-04-23T15:00:00.000Z', 2 * H, '2026-04-24T07:00:00.000Z'],
        ['spring: Thu 23:30 EET + 1h → Fri 10:00 EEST', '2026-04-23T21:30:00.000Z', 1 * H, '2026-04-24T07:00:00.000Z'],
        ['autumn: Thu 17:00 EEST + 2h → Fri 10:00 EET', '2026-10-29T14:00:00.000Z', 2 * H, '2026-10-30T08:00:00.000Z'],
        [
          'autumn: Thu 23:30 EEST (first time) + 1h → Fri 10:00 EET',
          '2026-10-29T20:30:00.000Z',
          1 * H,
          '2026-10-30T08:00:00.000Z',
        ],
        [
          'autumn: Thu 23:30 EET (second time) + 1h → Fri 10:00 EET',
          '2026-10-29T21:30:00.000Z',
          1 * H,
          '2026-10-30T08:00:00.000Z',
        ],
      ]);
    });

    describe('America/Santiago (Saturday midnight)', () => {
      // Sat 2026-04-04 24:00 (UTC−3) → 23:00 (UTC−4); Sat 2026-09-05 24:00 (UTC−4) → Sun 01:00 (UTC−3).
      addTable('America/Santiago', [
        ['autumn: Fri 17:00 −03 + 2h → Mon 10:00 −04', '2026-04-03T20:00:00.000Z', 2 * H, '2026-04-06T14:00:00.000Z'],
        ['spring: Fri 17:00 −04 + 2h → Mon 10:00 −03', '2026-09-04T21:00:00.000Z', 2 * H, '2026-09-07T13:00:00.000Z'],
      ]);
    });

    describe('Asia/Beirut (Saturday midnight)', () => {
      // Sun 2026-03-29 00:00 (UTC+2) → 01:00 (UTC+3).
      addTable('Asia/Beirut', [
        ['spring: Fri 17:00 +02 + 2h → Mon 10:00 +03', '2026-03-27T15:00:00.000Z', 2 * H, '2026-03-30T07:00:00.000Z'],
      ]);
    });
  });

  describe('UTC and odd offsets', () => {
    describe('UTC', () => {
      addTable('UTC', [
        ['Mon 09:00 + 9h → Mon 18:00', '2026-03-02T09:00:00.000Z', 9 * H, '2026-03-02T18:00:00.000Z'],
        ['Fri 19:00 + 1h → Mon 10:00', '2026-03-06T19:00:00.000Z', 1 * H, '2026-03-09T10:00:00.000Z'],
      ]);
    });

    describe('Asia/Kolkata (UTC+5:30)', () => {
      addTable('Asia/Kolkata', [
        ['Mon 09:00 + 9h → Mon 18:00', '2026-03-02T03:30:00.000Z', 9 * H, '2026-03-02T12:30:00.000Z'],
        ['Mon 13:30 + 4h31m → Tue 09:01', '2026-03-02T08:00:00.000Z', 4 * H + 31 * MIN, '2026-03-03T03:31:00.000Z'],
        ['Fri 17:30 + 1h → Mon 09:30', '2026-03-06T12:00:00.000Z', 1 * H, '2026-03-09T04:00:00.000Z'],
      ]);
    });

    describe('Asia/Kathmandu (UTC+5:45)', () => {
      addTable('Asia/Kathmandu', [
        ['Mon 09:00 + 9h → Mon 18:00', '2026-03-02T03:15:00.000Z', 9 * H, '2026-03-02T12:15:00.000Z'],
        ['Sat 05:45 + 15m → Mon 09:15', '2026-03-07T00:00:00.000Z', 15 * MIN, '2026-03-09T03:30:00.000Z'],
      ]);
    });

    describe('local weekday differs from the UTC weekday', () => {
      // Honolulu is UTC−10: Friday afternoon there is Saturday in UTC.
      addTable('Pacific/Honolulu', [
        [
          'Honolulu Fri 17:00 (Sat UTC) + 1h → Fri 18:00',
          '2026-03-07T03:00:00.000Z',
          1 * H,
          '2026-03-07T04:00:00.000Z',
        ],
        [
          'Honolulu Sun 23:00 (Mon UTC) + 1h → Mon 10:00',
          '2026-03-09T09:00:00.000Z',
          1 * H,
          '2026-03-09T20:00:00.000Z',
        ],
      ]);
      // Auckland is UTC+13 in March: Monday morning there is Sunday in UTC.
      addTable('Pacific/Auckland', [
        [
          'Auckland Mon 09:00 (Sun UTC) + 1h → Mon 10:00',
          '2026-03-01T20:00:00.000Z',
          1 * H,
          '2026-03-01T21:00:00.000Z',
        ],
      ]);
    });
  });

  it('rounds a fractional millisecond up, so a deadline is never early', () => {
    expect(add('2026-03-02T08:00:00.000Z', 0.25, RIGA)).toBe('2026-03-02T08:00:00.001Z');
    expect(iso(addWorkingTime(at('2026-03-07T10:00:00.000Z'), 0.25, '24x7', RIGA))).toBe('2026-03-07T10:00:00.001Z');
  });
});

describe('workingTimeBetween, business hours', () => {
  type BetweenCase = [label: string, start: string, end: string, tz: string, expected: number];
  it.each<BetweenCase>([
    // Riga winter, local = Z + 2h.
    ['Mon 09:00 → Mon 18:00', '2026-03-02T07:00:00.000Z', '2026-03-02T16:00:00.000Z', RIGA, 9 * H],
    ['Mon 00:00 → Tue 00:00', '2026-03-01T22:00:00.000Z', '2026-03-02T22:00:00.000Z', RIGA, 9 * H],
    ['Mon 08:59 → Mon 09:01', '2026-03-02T06:59:00.000Z', '2026-03-02T07:01:00.000Z', RIGA, 1 * MIN],
    ['Mon 17:59 → Tue 09:01', '2026-03-02T15:59:00.000Z', '2026-03-03T07:01:00.000Z', RIGA, 2 * MIN],
    ['Mon 18:00 → Tue 09:00', '2026-03-02T16:00:00.000Z', '2026-03-03T07:00:00.000Z', RIGA, 0],
    ['Mon 08:00 → Mon 08:59', '2026-03-02T06:00:00.000Z', '2026-03-02T06:59:00.000Z', RIGA, 0],
    ['Fri 17:00 → Mon 10:00', '2026-03-06T15:00:00.000Z', '2026-03-09T08:00:00.000Z', RIGA, 2 * H],
    ['Sat 00:00 → Mon 09:00', '2026-03-06T22:00:00.000Z', '2026-03-09T07:00:00.000Z', RIGA, 0],
    ['Mon 00:00 → next Mon 00:00', '2026-03-01T22:00:00.000Z', '2026-03-08T22:00:00.000Z', RIGA, WORKING_WEEK],
    ['Tue 10:30:15.250 → Tue 10:30:15.750', '2026-03-03T08:30:15.250Z', '2026-03-03T08:30:15.750Z', RIGA, 500 * MS],
    ['same instant', '2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z', RIGA, 0],
    ['end before start', '2026-03-02T10:00:00.000Z', '2026-03-02T08:00:00.000Z', RIGA, 0],
    // 80 real hours, 18 working ones.
    [
      'Riga spring: Fri 09:00 EET → Mon 18:00 EEST',
      '2026-03-27T07:00:00.000Z',
      '2026-03-30T15:00:00.000Z',
      RIGA,
      18 * H,
    ],
    // 82 real hours, 18 working ones.
    [
      'Riga autumn: Fri 09:00 EEST → Mon 18:00 EET',
      '2026-10-23T06:00:00.000Z',
      '2026-10-26T16:00:00.000Z',
      RIGA,
      18 * H,
    ],
    [
      'New York spring: Fri 09:00 EST → Mon 18:00 EDT',
      '2026-03-06T14:00:00.000Z',
      '2026-03-09T22:00:00.000Z',
      NEW_YORK,
      18 * H,
    ],
    [
      'New York autumn: Fri 09:00 EDT → Mon 18:00 EST',
      '2026-10-30T13:00:00.000Z',
      '2026-11-02T23:00:00.000Z',
      NEW_YORK,
      18 * H,
    ],
    // In the repeated hour wall-clock time runs backwards; nothing there is working time.
    [
      'New York autumn: Sun 01:30 EDT → Sun 01:15 EST',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:15:00.000Z',
      NEW_YORK,
      0,
    ],
    // 2026 begins on a Thursday and has 365 days: 52 weeks and one Thursday, so 261 weekdays.
    ['all of 2026 in Riga', '2025-12-31T22:00:00.000Z', '2026-12-31T22:00:00.000Z', RIGA, 261 * WORKING_DAY],
    ['all of 2026 in New York', '2026-01-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z', NEW_YORK, 261 * WORKING_DAY],
    [
      'Kathmandu Mon 09:00 → Mon 18:00',
      '2026-03-02T03:15:00.000Z',
      '2026-03-02T12:15:00.000Z',
      'Asia/Kathmandu',
      9 * H,
    ],
    ['Kolkata Fri 17:30 → Mon 09:30', '2026-03-06T12:00:00.000Z', '2026-03-09T04:00:00.000Z', 'Asia/Kolkata', 1 * H],
    [
      'Cairo Thu 17:00 EET → Fri 10:00 EEST, across a weekday-night change',
      '2026-04-23T15:00:00.000Z',
      '2026-04-24T07:00:00.000Z',
      'Africa/Cairo',
      2 * H,
    ],
  ])('%s', (_label, start, end, tz, expected) => {
    expect(between(start, end, tz)).toBe(expected);
  });
});

describe('isWorkingTime, business hours', () => {
  type WorkingCase = [label: string, instant: string, tz: string, expected: boolean];
  it.each<WorkingCase>([
    ['Riga Mon 08:59:59.999', '2026-03-02T06:59:59.999Z', RIGA, false],
    ['Riga Mon 09:00', '2026-03-02T07:00:00.000Z', RIGA, true],
    ['Riga Mon 17:59:59.999', '2026-03-02T15:59:59.999Z', RIGA, true],
    ['Riga Mon 18:00', '2026-03-02T16:00:00.000Z', RIGA, false],
    ['Riga Mon 00:00', '2026-03-01T22:00:00.000Z', RIGA, false],
    ['Riga Fri 17:59', '2026-03-06T15:59:00.000Z', RIGA, true],
    ['Riga Sat 12:00', '2026-03-07T10:00:00.000Z', RIGA, false],
    ['Riga Sun 12:00', '2026-03-08T10:00:00.000Z', RIGA, false],
    ['Riga Sun of spring forward, 04:30 EEST', '2026-03-29T01:30:00.000Z', RIGA, false],
    ['Riga Mon after spring forward, 08:59 EEST', '2026-03-30T05:59:00.000Z', RIGA, false],
    ['Riga Mon after spring forward, 09:00 EEST', '2026-03-30T06:00:00.000Z', RIGA, true],
    ['Riga Mon after fall back, 08:59 EET', '2026-10-26T06:59:00.000Z', RIGA, false],
    ['Riga Mon after fall back, 09:00 EET', '2026-10-26T07:00:00.000Z', RIGA, true],
    ['New York Mon after spring forward, 09:00 EDT', '2026-03-09T13:00:00.000Z', NEW_YORK, true],
    ['New York Mon after spring forward, 17:59 EDT', '2026-03-09T21:59:00.000Z', NEW_YORK, true],
    ['New York Mon after spring forward, 18:00 EDT', '2026-03-09T22:00:00.000Z', NEW_YORK, false],
    ['UTC Mon 09:00', '2026-03-02T09:00:00.000Z', 'UTC', true],
    ['UTC Sat 09:00', '2026-03-07T09:00:00.000Z', 'UTC', false],
    ['Kathmandu Mon 08:59', '2026-03-02T03:14:00.000Z', 'Asia/Kathmandu', false],
    ['Kathmandu Mon 09:00', '2026-03-02T03:15:00.000Z', 'Asia/Kathmandu', true],
    ['Kathmandu Mon 17:59', '2026-03-02T12:14:00.000Z', 'Asia/Kathmandu', true],
    ['Kathmandu Mon 18:00', '2026-03-02T12:15:00.000Z', 'Asia/Kathmandu', false],
    ['Kolkata Mon 09:00', '2026-03-02T03:30:00.000Z', 'Asia/Kolkata', true],
    ['Honolulu Fri 17:00, Saturday in UTC', '2026-03-07T03:00:00.000Z', 'Pacific/Honolulu', true],
    ['Honolulu Sun 22:00, Monday in UTC', '2026-03-09T08:00:00.000Z', 'Pacific/Honolulu', false],
    ['Auckland Mon 12:00, Sunday in UTC', '2026-03-01T23:00:00.000Z', 'Pacific/Auckland', true],
    ['Auckland Sat 09:00, Friday in UTC', '2026-03-06T20:00:00.000Z', 'Pacific/Auckland', false],
  ])('%s', (_label, instant, tz, expected) => {
    expect(working(instant, tz)).toBe(expected);
  });
});

describe('24x7', () => {
  const saturday = at('2026-03-07T10:00:00.000Z');

  it('adds real time, whatever the day or the zone', () => {
    expect(iso(addWorkingTime(saturday, 1 * H, '24x7', RIGA))).toBe('2026-03-07T11:00:00.000Z');
    expect(iso(addWorkingTime(saturday, 24 * H, '24x7', 'Asia/Kathmandu'))).toBe('2026-03-08T10:00:00.000Z');
    expect(iso(addWorkingTime(saturday, 0, '24x7', 'UTC'))).toBe('2026-03-07T10:00:00.000Z');
    // Across Riga's spring forward: still exactly 24 real hours.
    expect(iso(addWorkingTime(at('2026-03-28T12:00:00.000Z'), 24 * H, '24x7', RIGA))).toBe('2026-03-29T12:00:00.000Z');
  });

  it('measures real time between instants', () => {
    expect(workingTimeBetween(saturday, at('2026-03-08T10:00:00.000Z'), '24x7', RIGA)).toBe(24 * H);
    expect(workingTimeBetween(saturday, saturday, '24x7', RIGA)).toBe(0);
    expect(workingTimeBetween(at('2026-03-08T10:00:00.000Z'), saturday, '24x7', RIGA)).toBe(0);
  });

  it('is always working time', () => {
    expect(isWorkingTime(saturday, '24x7', RIGA)).toBe(true);
    expect(isWorkingTime(at('2026-03-08T01:00:00.000Z'), '24x7', NEW_YORK)).toBe(true);
  });
});

describe('errors', () => {
  const monday = at('2026-03-02T08:00:00.000Z');
  const modes: Hours[] = ['business', '24x7'];

  describe.each(modes)('%s', (hours) => {
    it.each([-1, -Infinity, Infinity, Number.NaN])('refuses the duration %s', (duration) => {
      expect(() => addWorkingTime(monday, duration, hours, RIGA)).toThrow(RangeError);
    });

    it.each(['Mars/Olympus', '', 'Europe/Riga '])('refuses the time zone %j in every function', (tz) => {
      expect(() => addWorkingTime(monday, H, hours, tz)).toThrow(RangeError);
      expect(() => workingTimeBetween(monday, monday, hours, tz)).toThrow(RangeError);
      expect(() => isWorkingTime(monday, hours, tz)).toThrow(RangeError);
    });

    it('refuses invalid dates', () => {
      const invalid = new Date(Number.NaN);
      expect(() => addWorkingTime(invalid, H, hours, RIGA)).toThrow(RangeError);
      expect(() => workingTimeBetween(invalid, monday, hours, RIGA)).toThrow(RangeError);
      expect(() => workingTimeBetween(monday, invalid, hours, RIGA)).toThrow(RangeError);
      expect(() => isWorkingTime(invalid, hours, RIGA)).toThrow(RangeError);
    });

    it('refuses a deadline past the end of the Date range', () => {
      expect(() => addWorkingTime(at('+275760-09-01T00:00:00.000Z'), 1000 * 24 * H, hours, 'UTC')).toThrow(RangeError);
    });
  });

  it('accepts negative zero as a zero duration', () => {
    expect(iso(addWorkingTime(monday, -0, 'business', RIGA))).toBe(iso(monday));
  });

  it('refuses an unknown kind of hours', () => {
    expect(() => addWorkingTime(monday, H, 'weekdays' as Hours, RIGA)).toThrow(RangeError);
    expect(() => isWorkingTime(monday, 'weekdays' as Hours, RIGA)).toThrow(RangeError);
  });
});

describe('efficiency', () => {
  beforeEach(() => {
    zoneCalls.localFields = 0;
    zoneCalls.zonedToUtc = 0;
  });

  // A day-by-day walk would need thousands of zone look-ups for these; the computation needs a
  // couple. The bound is deliberately loose.
  it('adds 50 years of working time with a handful of zone look-ups', () => {
    addWorkingTime(at('2026-03-02T07:00:00.000Z'), 2600 * WORKING_WEEK, 'business', RIGA);
    expect(zoneCalls.localFields + zoneCalls.zonedToUtc).toBeLessThan(10);
  });

  it('measures 50 years with a handful of zone look-ups', () => {
    // Mon 2026-03-02 09:00 EET → Mon 2075-12-30 09:00 EET, 2600 weeks later.
    expect(between('2026-03-02T07:00:00.000Z', '2075-12-30T07:00:00.000Z', RIGA)).toBe(2600 * WORKING_WEEK);
    expect(zoneCalls.localFields + zoneCalls.zonedToUtc).toBeLessThan(10);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over a deterministic pseudo-random sample.

/** Numerical Recipes LCG: the same sample on every run and every machine. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ZONES = [
  RIGA,
  NEW_YORK,
  'UTC',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Africa/Cairo',
  'America/Santiago',
  'Asia/Beirut',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Pacific/Auckland',
  'Pacific/Honolulu',
];

function sampler(seed: number) {
  const random = lcg(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

  /** A wall-clock time on a random day of 2025–2028, biased towards the edges of the working day. */
  function instant(tz: string): Date {
    const date = new Date(Date.UTC(2025, 0, 1 + int(4 * 366)));
    const [hour, minute] = pick<readonly [number, number]>([
      [8, 59],
      [9, 0],
      [17, 59],
      [18, 0],
      [0, 0],
      [int(24), int(60)],
      [int(24), int(60)],
      [int(24), int(60)],
    ]);
    const wall = zonedToUtc(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute },
      tz,
    );
    return random() < 0.3 ? new Date(wall.getTime() + int(60_000)) : wall;
  }

  /** Zero, sub-hour, whole working days and weeks, or anything up to `maxWeeks` working weeks. */
  function duration(maxWeeks: number): number {
    switch (int(6)) {
      case 0:
        return 0;
      case 1:
        return int(H);
      case 2:
        return int(5 * maxWeeks + 1) * WORKING_DAY;
      case 3:
        return int(maxWeeks + 1) * WORKING_WEEK;
      case 4:
        return int((maxWeeks * WORKING_WEEK) / (15 * MIN)) * 15 * MIN;
      default:
        return int(maxWeeks * WORKING_WEEK);
    }
  }

  return { int, pick, instant, duration };
}

/**
 * Independent reference: walks local calendar days one by one and takes each working period
 * as the real instants of that day's 09:00 and 18:00, so DST is handled by real-time
 * arithmetic rather than by the wall-clock model the module uses.
 */
function* realWorkingPeriods(from: Date, tz: string): Generator<readonly [open: number, close: number]> {
  const f = localFields(from, tz);
  for (let i = -1; ; i++) {
    const day = new Date(Date.UTC(f.year, f.month - 1, f.day + i));
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    yield [
      zonedToUtc({ ...date, hour: 9, minute: 0 }, tz).getTime(),
      zonedToUtc({ ...date, hour: 18, minute: 0 }, tz).getTime(),
    ];
  }
}

function referenceAdd(start: Date, duration: number, tz: string): number {
  const from = start.getTime();
  if (duration === 0) return from;
  let remaining = duration;
  for (const [open, close] of realWorkingPeriods(start, tz)) {
    if (close <= from) continue;
    const available = close - Math.max(open, from);
    if (remaining <= available) return Math.max(open, from) + remaining;
    remaining -= available;
  }
  throw new Error('unreachable: the periods never end');
}

function referenceBetween(start: Date, end: Date, tz: string): number {
  let total = 0;
  for (const [open, close] of realWorkingPeriods(start, tz)) {
    if (open >= end.getTime()) return total;
    total += Math.max(0, Math.min(close, end.getTime()) - Math.max(open, start.getTime()));
  }
  throw new Error('unreachable: the periods never end');
}

describe('properties (seeded sample)', () => {
  const CASES = 3000;

  it(`workingTimeBetween(s, addWorkingTime(s, d)) === d, for ${CASES} starts in and out of working time`, () => {
    const { pick, instant, duration } = sampler(1);
    for (let i = 0; i < CASES; i++) {
      const tz = pick(ZONES);
      const start = instant(tz);
      const d = duration(60);
      const deadline = addWorkingTime(start, d, 'business', tz);
      const context = `${tz} ${iso(start)} + ${d}ms → ${iso(deadline)}`;
      expect(workingTimeBetween(start, deadline, 'business', tz), context).toBe(d);
      expect(deadline.getTime(), context).toBeGreaterThanOrEqual(start.getTime());
      if (d > 0) {
        // The deadline is reached during a working period (possibly at its very end).
        expect(isWorkingTime(new Date(deadline.getTime() - 1), 'business', tz), context).toBe(true);
      }
    }
  });

  it(`addWorkingTime(s, workingTimeBetween(s, e)) <= e, with no working time left between them, for ${CASES} pairs`, () => {
    const { int, pick, instant } = sampler(2);
    for (let i = 0; i < CASES; i++) {
      const tz = pick(ZONES);
      const start = instant(tz);
      const end = int(2) === 0 ? new Date(start.getTime() + int(90 * 24 * H)) : instant(tz);
      if (end < start) continue;
      const elapsed = workingTimeBetween(start, end, 'business', tz);
      const reached = addWorkingTime(start, elapsed, 'business', tz);
      const context = `${tz} ${iso(start)} → ${iso(end)}: ${elapsed}ms, reached ${iso(reached)}`;
      expect(reached.getTime(), context).toBeLessThanOrEqual(end.getTime());
      expect(workingTimeBetween(reached, end, 'business', tz), context).toBe(0);
      if (
        elapsed > 0 &&
        isWorkingTime(end, 'business', tz) &&
        isWorkingTime(new Date(end.getTime() - 1), 'business', tz)
      ) {
        expect(iso(reached), context).toBe(iso(end));
      }
    }
  });

  it(`adding in two steps equals adding at once, for ${CASES} splits`, () => {
    const { pick, instant, duration } = sampler(3);
    for (let i = 0; i < CASES; i++) {
      const tz = pick(ZONES);
      const start = instant(tz);
      const [a, b] = [duration(10), duration(10)];
      const stepwise = addWorkingTime(addWorkingTime(start, a, 'business', tz), b, 'business', tz);
      expect(iso(stepwise), `${tz} ${iso(start)} + ${a} + ${b}`).toBe(
        iso(addWorkingTime(start, a + b, 'business', tz)),
      );
    }
  });

  it('agrees with a day-by-day walk in real time, for 600 cases across DST changes', () => {
    const { int, pick, instant, duration } = sampler(4);
    for (let i = 0; i < 600; i++) {
      const tz = pick(ZONES);
      const start = instant(tz);
      const d = duration(4);
      const context = `${tz} ${iso(start)} + ${d}ms`;
      const deadline = addWorkingTime(start, d, 'business', tz);
      expect(iso(deadline), context).toBe(iso(new Date(referenceAdd(start, d, tz))));
      const end = new Date(start.getTime() + int(35 * 24 * H));
      expect(workingTimeBetween(start, end, 'business', tz), `${context}; to ${iso(end)}`).toBe(
        referenceBetween(start, end, tz),
      );
    }
  });
});
