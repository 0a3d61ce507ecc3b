import { describe, expect, it } from 'vitest';
import { slaOutcome } from '../../../src/services/scores/evidence';
import { addWorkingTime, type Hours } from '../../../src/domain/working-time';

/** The plain rule the shortcuts must agree with: compute the deadline, then compare. */
function exact(
  openedAt: Date,
  doneAt: Date | null,
  durationMs: number,
  hours: Hours,
  tz: string,
  now: Date,
): 'within' | 'late' | 'not_due' {
  const deadline = addWorkingTime(openedAt, durationMs, hours, tz).getTime();
  if (doneAt) return doneAt.getTime() <= deadline ? 'within' : 'late';
  return deadline <= now.getTime() ? 'late' : 'not_due';
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('SLA outcome of an escalation for scores', () => {
  it('agrees with the exact deadline on a seeded sample, in both kinds of hours and across DST', () => {
    const next = lcg(7);
    const zones = ['UTC', 'Europe/Riga', 'America/New_York', 'Asia/Kathmandu'];
    const durations = [15 * 60_000, 3_600_000, 4 * 3_600_000, 86_400_000, 3 * 86_400_000, 10 * 86_400_000];
    const base = Date.UTC(2026, 2, 20);
    for (let i = 0; i < 4000; i += 1) {
      const tz = zones[Math.floor(next() * zones.length)] ?? 'UTC';
      const hours: Hours = next() < 0.7 ? 'business' : '24x7';
      const durationMs = durations[Math.floor(next() * durations.length)] ?? 3_600_000;
      const openedAt = new Date(base + Math.floor(next() * 40 * 86_400_000));
      const doneAt = next() < 0.5 ? new Date(openedAt.getTime() + Math.floor(next() * 25 * 86_400_000)) : null;
      const now = new Date(openedAt.getTime() + Math.floor(next() * 60 * 86_400_000));
      expect(
        slaOutcome(openedAt, doneAt, durationMs, hours, tz, now),
        `${tz} ${hours} ${durationMs} ${openedAt.toISOString()} ${doneAt?.toISOString()} ${now.toISOString()}`,
      ).toBe(exact(openedAt, doneAt, durationMs, hours, tz, now));
    }
  });
});
