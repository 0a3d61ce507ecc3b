import { describe, expect, it } from 'vitest';
import { formatLocal, isValidTimeZone, parseLocalDateTime, zonedToUtc } from '../../../src/domain/time-zone';

describe('time zones', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/Riga')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('parses wall-clock times and refuses impossible dates', () => {
    expect(parseLocalDateTime('2026-03-10T14:05')).toEqual({ year: 2026, month: 3, day: 10, hour: 14, minute: 5 });
    expect(parseLocalDateTime('2026-03-10 14:05')).toEqual({ year: 2026, month: 3, day: 10, hour: 14, minute: 5 });
    expect(parseLocalDateTime('2026-02-30T10:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-03-10T24:00')).toBeUndefined();
    expect(parseLocalDateTime('tomorrow')).toBeUndefined();
  });

  it('converts wall-clock times to instants on both sides of DST changes', () => {
    // Riga: UTC+2 in winter, UTC+3 from 2026-03-29 03:00 local.
    expect(zonedToUtc({ year: 2026, month: 3, day: 28, hour: 10, minute: 0 }, 'Europe/Riga').toISOString()).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    expect(zonedToUtc({ year: 2026, month: 3, day: 30, hour: 10, minute: 0 }, 'Europe/Riga').toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    // 03:30 does not exist that night in Riga: it becomes 04:30 summer time.
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Riga').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // New York 2026-11-01 01:30 happens twice; the first (EDT) is taken.
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'UTC').toISOString()).toBe(
      '2026-07-01T09:00:00.000Z',
    );
  });

  it('formats instants in a zone', () => {
    expect(formatLocal(new Date('2026-03-30T07:00:00Z'), 'Europe/Riga')).toBe('2026-03-30 10:00 Europe/Riga');
  });
});
