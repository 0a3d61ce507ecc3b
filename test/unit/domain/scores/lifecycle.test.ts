import { describe, expect, it } from 'vitest';
import { previousPeriods, type Period } from '../../../../src/domain/period';
import { recommendations, type MonthResult } from '../../../../src/domain/scores/lifecycle';

function month(year: number, m: number): Period {
  return { kind: 'month', year, month: m };
}

function quarter(year: number, q: number): Period {
  return { kind: 'quarter', year, quarter: q };
}

/** Consecutive months ending with `end`, one per y; a [y, majors] pair adds major violations. */
function history(end: Period, ys: Array<number | null | [number | null, number]>): MonthResult[] {
  const periods = [...previousPeriods(end, ys.length - 1), end];
  return ys.map((entry, i) => {
    const [y, majorViolations] = Array.isArray(entry) ? entry : [entry, 0];
    return { period: periods[i] as Period, y, majorViolations };
  });
}

const MAR = month(2026, 3);

describe('recommendations', () => {
  it('returns nothing for an empty history', () => {
    expect(recommendations('access', [])).toEqual([]);
  });

  describe('access → growth (3 consecutive months with Y ≥ 80)', () => {
    it.each<[string, Array<number | null | [number | null, number]>, boolean]>([
      ['exactly 3 at 80', [80, 80, 80], true],
      ['3 after a weak month', [50, 90, 85, 81], true],
      ['4 in a row still recommends', [90, 90, 90, 90], true],
      ['only 2', [85, 85], false],
      ['broken by 79.99', [85, 79.99, 85, 85], false],
      ['broken by a month with no data', [85, null, 85, 85], false],
      ['latest month without data', [85, 85, 85, null], false],
      ['latest below 80', [85, 85, 85, 79], false],
    ])('%s', (_name, ys, promote) => {
      const r = recommendations('access', history(MAR, ys));
      const found = r.find((x) => x.kind === 'promote');
      if (promote) {
        expect(found).toEqual({
          kind: 'promote',
          from: 'access',
          to: 'growth',
          reason: expect.stringMatching(
            /^Y at least 80 for 3 consecutive months \(2026-01: .*, 2026-02: .*, 2026-03: .*\)\.$/,
          ),
        });
      } else {
        expect(found).toBeUndefined();
      }
    });

    it('gives the months in the reason', () => {
      expect(recommendations('access', history(MAR, [80, 85.5, 90]))).toEqual([
        {
          kind: 'promote',
          from: 'access',
          to: 'growth',
          reason: 'Y at least 80 for 3 consecutive months (2026-01: 80, 2026-02: 85.5, 2026-03: 90).',
        },
      ]);
    });

    it('is broken by a missing month', () => {
      const h: MonthResult[] = [
        { period: month(2025, 12), y: 90, majorViolations: 0 },
        { period: month(2026, 2), y: 90, majorViolations: 0 },
        { period: month(2026, 3), y: 90, majorViolations: 0 },
      ];
      expect(recommendations('access', h)).toEqual([]);
    });

    it('counts across a year boundary', () => {
      expect(recommendations('access', history(month(2026, 1), [81, 82, 83]))[0]?.reason).toContain(
        '2025-11: 81, 2025-12: 82, 2026-01: 83',
      );
    });

    it('promotes only one stage at a time', () => {
      const r = recommendations('access', history(MAR, [95, 95, 95, 95, 95, 95]));
      expect(r).toEqual([expect.objectContaining({ kind: 'promote', from: 'access', to: 'growth' })]);
    });
  });

  describe('growth → maturity (6 consecutive months with Y ≥ 85, no major violation)', () => {
    it.each<[string, Array<number | null | [number | null, number]>, boolean]>([
      ['exactly 6 at 85', [85, 85, 85, 85, 85, 85], true],
      ['7 with an early weak one', [60, 90, 90, 90, 90, 90, 90], true],
      ['only 5', [90, 90, 90, 90, 90], false],
      ['broken by 84.99', [90, 90, 84.99, 90, 90, 90], false],
      ['broken by a month without data', [90, 90, 90, null, 90, 90, 90], false],
      ['a major violation inside the streak', [90, [90, 1], 90, 90, 90, 90], false],
      ['a major violation before the streak is fine', [[90, 1], 90, 90, 90, 90, 90, 90], true],
    ])('%s', (_name, ys, promote) => {
      const r = recommendations('growth', history(MAR, ys));
      const found = r.find((x) => x.kind === 'promote');
      if (promote) {
        expect(found).toEqual({
          kind: 'promote',
          from: 'growth',
          to: 'maturity',
          reason: expect.stringMatching(
            /^Y at least 85 with no major violation for 6 consecutive months \(2025-10: .*2026-03: .*\)\.$/,
          ),
        });
      } else {
        expect(found).toBeUndefined();
      }
    });

    it('does not promote past maturity', () => {
      expect(recommendations('maturity', history(MAR, [99, 99, 99, 99, 99, 99, 99]))).toEqual([]);
    });

    it('does not apply the growth rule to access, nor the access rule to growth', () => {
      expect(recommendations('growth', history(MAR, [82, 82, 82])).some((r) => r.kind === 'promote')).toBe(false);
    });
  });

  describe('exit review', () => {
    it.each<[string, Array<number | null | [number | null, number]>, string | undefined]>([
      ['a major violation in the month just closed', [95, [95, 1]], 'A major violation in 2026-03.'],
      ['two major violations', [[95, 2]], '2 major violations in 2026-03.'],
      ['a major violation in an earlier month only', [[95, 1], 95], undefined],
      [
        '2 consecutive months below 60',
        [70, 59.99, 40],
        'Y below 60 for 2 consecutive months (2026-02: 59.99, 2026-03: 40).',
      ],
      ['3 below 60 lists the last 2', [50, 50, 45], 'Y below 60 for 2 consecutive months (2026-02: 50, 2026-03: 45).'],
      ['60 is not below 60', [60, 59], undefined],
      ['one month below 60', [80, 59], undefined],
      ['broken by a month without data', [50, null, 50], undefined],
      ['latest month without data', [50, 50, null], undefined],
      [
        'both reasons',
        [50, [50, 1]],
        'A major violation in 2026-03; and Y below 60 for 2 consecutive months (2026-02: 50, 2026-03: 50).',
      ],
      ['a major violation in a month with no score', [[null, 1]], 'A major violation in 2026-03.'],
    ])('%s', (_name, ys, reason) => {
      const found = recommendations('growth', history(MAR, ys)).find((x) => x.kind === 'exit_review');
      expect(found).toEqual(reason === undefined ? undefined : { kind: 'exit_review', reason });
    });

    it('applies at every stage', () => {
      for (const stage of ['access', 'growth', 'maturity'] as const) {
        expect(recommendations(stage, history(MAR, [[99, 1]])).map((r) => r.kind)).toEqual(['exit_review']);
      }
    });

    it('withholds a promotion while an exit review is recommended', () => {
      const r = recommendations('access', history(MAR, [90, 90, [90, 1]]));
      expect(r.map((x) => x.kind)).toEqual(['exit_review']);
    });
  });

  describe('training (Y < 75 in the month just closed)', () => {
    it.each<[string, Array<number | null | [number | null, number]>, string | undefined]>([
      ['74.99', [74.99], 'Y was 74.99 in 2026-03, below 75.'],
      ['0', [0], 'Y was 0 in 2026-03, below 75.'],
      ['75 is enough', [75], undefined],
      ['an earlier weak month only', [50, 80], undefined],
      ['no data', [50, null], undefined],
    ])('%s', (_name, ys, reason) => {
      const found = recommendations('maturity', history(MAR, ys)).find((x) => x.kind === 'training');
      expect(found).toEqual(reason === undefined ? undefined : { kind: 'training', reason });
    });

    it('comes after an exit review, most urgent first', () => {
      expect(recommendations('growth', history(MAR, [50, 50])).map((r) => r.kind)).toEqual(['exit_review', 'training']);
    });
  });

  it.each<[string, MonthResult[]]>([
    ['a quarter in the history', [{ period: quarter(2026, 1), y: 90, majorViolations: 0 }]],
    [
      'newest first',
      [
        { period: month(2026, 3), y: 90, majorViolations: 0 },
        { period: month(2026, 2), y: 90, majorViolations: 0 },
      ],
    ],
    [
      'a month twice',
      [
        { period: month(2026, 3), y: 90, majorViolations: 0 },
        { period: month(2026, 3), y: 90, majorViolations: 0 },
      ],
    ],
    ['negative violations', [{ period: month(2026, 3), y: 90, majorViolations: -1 }]],
  ])('refuses a malformed history: %s', (_name, h) => {
    expect(() => recommendations('access', h)).toThrow(RangeError);
  });
});
