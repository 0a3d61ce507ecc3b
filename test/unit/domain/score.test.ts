import { describe, expect, it } from 'vitest';
import {
  bestImprovement,
  coefficient,
  componentIds,
  computeScore,
  defaultWeights,
  formatKpiTarget,
  formatPeriod,
  formatScore,
  kpiMet,
  nextPeriod,
  parseKpiReading,
  parseKpiTarget,
  parsePeriod,
  payableCents,
  periodOf,
  periodRange,
  previousPeriod,
  previousPeriods,
  recommendations,
  validateWeights,
  type ComponentId,
  type Evidence,
  type MonthResult,
  type Period,
} from '../../../src/domain/score';

const RIGA = 'Europe/Riga';

function month(year: number, m: number): Period {
  return { kind: 'month', year, month: m };
}

function quarter(year: number, q: number): Period {
  return { kind: 'quarter', year, quarter: q };
}

function evidence(over: { [K in keyof Evidence]?: Partial<Evidence[K]> } = {}): Evidence {
  return {
    escalations: { due: 0, ackedInSla: 0, resolveDue: 0, resolvedInSla: 0, ...over.escalations },
    checkins: { expected: 0, answered: 0, ...over.checkins },
    riskReviews: { due: 0, onTime: 0, ...over.riskReviews },
    ratings: (over.ratings as number[] | undefined) ?? [],
    kpis: { targets: 0, met: 0, ...over.kpis },
    violations: { minor: 0, major: 0, ...over.violations },
  };
}

/** Every component with data; values ack 80, resolve 50, checkins 100, risks 75, satisfaction 75, kpi 50. */
const full = evidence({
  escalations: { due: 10, ackedInSla: 8, resolveDue: 4, resolvedInSla: 2 },
  checkins: { expected: 12, answered: 12 },
  riskReviews: { due: 4, onTime: 3 },
  ratings: [4, 4, 4, 4],
  kpis: { targets: 4, met: 2 },
});
// (80×25 + 50×20 + 100×15 + 75×10 + 75×20 + 50×10) / 100
const FULL_Y = 72.5;

function component(e: Evidence, id: ComponentId, weights?: Record<ComponentId, number>) {
  const c = computeScore(e, weights).components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id}`);
  return c;
}

// ─── The formula ────────────────────────────────────────────────────────────────────────────────

describe('coefficient (docs/domain.md §2)', () => {
  it.each([
    [81, 90],
    [90, 100],
    [95, 100],
    [100, 100],
    [89.99, 8999 / 90],
    [45, 50],
    [80.1, 89],
    [0, 0],
    [null, 100],
  ])('Y = %s gives P = %s%%', (y, p) => {
    expect(coefficient(y)).toBe(p);
  });

  it('is Y / 90 × 100 below 90, at full precision', () => {
    expect(coefficient(89.99)).toBeCloseTo(99.98888888888889, 12);
    expect(coefficient(89.99)).toBeLessThan(100);
    expect(coefficient(12.345)).toBeCloseTo((12.345 / 90) * 100, 12);
  });

  it.each([[-1], [100.01], [Number.NaN]])('refuses the impossible score %s', (y) => {
    expect(() => coefficient(y)).toThrow(RangeError);
  });
});

describe('payableCents', () => {
  it.each([
    // The seed's own example: Y = 81 → P = 90% → paid = 99% of accrued.
    ['seed example', 100000, coefficient(81), 99000],
    ['P 100 pays everything', 123456, 100, 123456],
    ['P 0 pays 90%', 100000, 0, 90000],
    ['1 cent at P 0 (0.9 rounds up)', 1, 0, 1],
    ['1 cent at P 100', 1, 100, 1],
    ['3333 cents at P 99.99 (3332.96667)', 3333, 99.99, 3333],
    ['3333 cents at P 50 (3166.35)', 3333, 50, 3166],
    ['exact half rounds up: 5 cents at P 0 (4.5)', 5, 0, 5],
    ['exact half rounds up: 50000 cents at P 99.99 (49999.5)', 50000, 99.99, 50000],
    ['half from a repeating P: 45000 at Y 89.99 (44999.5)', 45000, coefficient(89.99), 45000],
    ['half from a repeating P: 74250 at Y 0.2 (66841.5)', 74250, coefficient(0.2), 66842],
    ['just below half: 3 cents at P 0 (2.7)', 3, 0, 3],
    ['zero accrued', 0, 55.5, 0],
    ['large amounts stay exact', 9_000_000_000_000, coefficient(81), 8_910_000_000_000],
  ])('%s', (_name, accrued, p, paid) => {
    expect(payableCents(accrued, p)).toBe(paid);
  });

  it('agrees with the formula written out for many scores', () => {
    for (let hundredths = 0; hundredths <= 10000; hundredths += 37) {
      const y = hundredths / 100;
      const p = coefficient(y);
      const formula = 100000 * 0.9 + 100000 * 0.1 * (p / 100);
      expect(Math.abs(payableCents(100000, p) - formula)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it.each([
    [-1, 50],
    [1.5, 50],
    [100, -0.01],
    [100, 100.5],
    [100, Number.NaN],
  ])('refuses accrued %s at P %s', (accrued, p) => {
    expect(() => payableCents(accrued, p)).toThrow(RangeError);
  });
});

// ─── Scores ─────────────────────────────────────────────────────────────────────────────────────

describe('computeScore', () => {
  it('takes the weighted mean of all six components', () => {
    const r = computeScore(full);
    expect(r.y).toBe(FULL_Y);
    expect(r.p).toBe(coefficient(FULL_Y));
    expect(r.penalty).toBe(0);
    expect(r.exitReview).toBe(false);
    expect(r.components.map((c) => c.id)).toEqual([...componentIds]);
    expect(r.components.map((c) => c.value)).toEqual([80, 50, 100, 75, 75, 50]);
    expect(r.components.map((c) => c.weight)).toEqual([25, 20, 15, 10, 20, 10]);
    expect(r.components.map((c) => c.effectiveWeight)).toEqual([25, 20, 15, 10, 20, 10]);
  });

  it('reads "no data" with P 100% when there is no evidence at all', () => {
    const r = computeScore(evidence());
    expect(r.y).toBeNull();
    expect(r.p).toBe(100);
    expect(r.components.every((c) => c.value === null && c.effectiveWeight === 0)).toBe(true);
    expect(formatScore(r.y)).toBe('no data');
  });

  it.each<[string, Evidence, number, Partial<Record<ComponentId, number>>]>([
    // Only check-ins (60) and ratings (5 → 100): (60×15 + 100×20) / 35
    ['check-ins and ratings only', evidence({ checkins: { expected: 5, answered: 3 }, ratings: [5] }), 82.86, { checkins: (15 / 35) * 100, satisfaction: (20 / 35) * 100 }],
    // A single component is the score.
    ['ratings only', evidence({ ratings: [3, 4] }), 62.5, { satisfaction: 100 }],
    ['KPIs only', evidence({ kpis: { targets: 3, met: 1 } }), 33.33, { kpi: 100 }],
    // Escalations acknowledged but none due for resolution yet: ack (25) with check-ins (15).
    ['ack without resolutions due', evidence({ escalations: { due: 2, ackedInSla: 1 }, checkins: { expected: 1, answered: 1 } }), 68.75, { ack: 62.5, checkins: 37.5 }],
  ])('rescales the weights when components are missing: %s', (_name, e, y, effective) => {
    const r = computeScore(e);
    expect(r.y).toBe(y);
    for (const c of r.components) {
      if (effective[c.id] === undefined) {
        expect(c.value).toBeNull();
        expect(c.effectiveWeight).toBe(0);
      } else {
        expect(c.effectiveWeight).toBeCloseTo(effective[c.id] as number, 10);
      }
    }
    expect(r.components.reduce((a, c) => a + c.effectiveWeight, 0)).toBeCloseTo(100, 10);
  });

  it.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4, 75],
    [5, 100],
  ])('counts a rating of %s as %s', (rating, value) => {
    expect(component(evidence({ ratings: [rating] }), 'satisfaction').value).toBe(value);
  });

  it.each<[string, Partial<Evidence['violations']>, number | null, number, boolean]>([
    ['one minor violation', { minor: 1 }, FULL_Y - 5, 5, false],
    ['three minor violations', { minor: 3 }, FULL_Y - 15, 15, false],
    ['clamped at 0', { minor: 20 }, 0, 100, false],
    ['a major violation only marks exit review', { major: 1 }, FULL_Y, 0, true],
    ['both', { minor: 2, major: 1 }, FULL_Y - 10, 10, true],
  ])('violations: %s', (_name, violations, y, penalty, exitReview) => {
    const r = computeScore({ ...full, violations: { minor: 0, major: 0, ...violations } });
    expect(r.y).toBe(y);
    expect(r.penalty).toBe(penalty);
    expect(r.exitReview).toBe(exitReview);
    if (y !== null) expect(r.p).toBe(coefficient(y));
  });

  it('clamps at 0 and gives P 0', () => {
    const r = computeScore(evidence({ ratings: [1], violations: { minor: 1 } }));
    expect(r.y).toBe(0);
    expect(r.p).toBe(0);
  });

  it('keeps a perfect score at 100 with no violations, and takes points off it with one', () => {
    const perfect = evidence({ checkins: { expected: 2, answered: 2 }, ratings: [5] });
    expect(computeScore(perfect).y).toBe(100);
    expect(computeScore({ ...perfect, violations: { minor: 1, major: 0 } }).y).toBe(95);
  });

  it('gives no score for violations without other evidence, but records them', () => {
    const r = computeScore(evidence({ violations: { minor: 2, major: 1 } }));
    expect(r.y).toBeNull();
    expect(r.p).toBe(100);
    expect(r.penalty).toBe(10);
    expect(r.exitReview).toBe(true);
  });

  it('rounds Y half-up to 2 decimals', () => {
    // Check-ins 7/8 = 87.5 and KPIs 1/3 = 33.33…: (87.5×15 + 33.33…×10) / 25 = 65.8333…
    expect(computeScore(evidence({ checkins: { expected: 8, answered: 7 }, kpis: { targets: 3, met: 1 } })).y).toBe(65.83);
    // Ratings [5, 5, 5, 4, 4, 4, 4, 4] → (3×100 + 5×75) / 8 = 84.375 → 84.38
    expect(computeScore(evidence({ ratings: [5, 5, 5, 4, 4, 4, 4, 4] })).y).toBe(84.38);
  });

  it('uses custom weights, rescaled the same way', () => {
    const weights = { ...defaultWeights, ack: 50, satisfaction: 0 };
    const r = computeScore(full, weights);
    // (80×50 + 50×20 + 100×15 + 75×10 + 50×10) / 105; satisfaction has data but weight 0.
    expect(r.y).toBe(73.81);
    expect(component(full, 'satisfaction', weights).effectiveWeight).toBe(0);
    expect(component(full, 'satisfaction', weights).value).toBe(75);
    expect(component(full, 'ack', weights).effectiveWeight).toBeCloseTo((50 / 105) * 100, 10);
  });

  it('reads "no data" when only zero-weighted components have data', () => {
    const weights = { ack: 100, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 0 };
    const r = computeScore(evidence({ ratings: [2], violations: { minor: 1 } }), weights);
    expect(r.y).toBeNull();
    expect(r.p).toBe(100);
    expect(r.penalty).toBe(5);
  });

  it.each<[string, Evidence]>([
    ['negative count', evidence({ checkins: { expected: -1 } })],
    ['fractional count', evidence({ kpis: { targets: 1.5, met: 1 } })],
    ['more answered than expected', evidence({ checkins: { expected: 2, answered: 3 } })],
    ['more acknowledged than due', evidence({ escalations: { due: 1, ackedInSla: 2 } })],
    ['more resolved than due', evidence({ escalations: { resolveDue: 1, resolvedInSla: 2 } })],
    ['rating 0', evidence({ ratings: [0] })],
    ['rating 6', evidence({ ratings: [6] })],
    ['negative violations', evidence({ violations: { minor: -1 } })],
  ])('refuses malformed evidence: %s', (_name, e) => {
    expect(() => computeScore(e)).toThrow(RangeError);
  });

  it('refuses invalid weights', () => {
    expect(() => computeScore(full, { ...defaultWeights, ack: -5 })).toThrow(RangeError);
    expect(() => computeScore(full, { ack: 0, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 0 })).toThrow(RangeError);
  });
});

describe('component figures', () => {
  it.each<[ComponentId, Evidence, string]>([
    ['ack', evidence({ escalations: { due: 9, ackedInSla: 7 } }), 'acknowledged 7 of 9 within SLA'],
    ['ack', evidence(), 'no escalations'],
    ['resolve', evidence({ escalations: { due: 6, ackedInSla: 6, resolveDue: 6, resolvedInSla: 5 } }), 'resolved 5 of 6 within SLA'],
    ['resolve', evidence({ escalations: { due: 2, ackedInSla: 2 } }), 'no resolutions due'],
    ['resolve', evidence(), 'no escalations'],
    ['checkins', evidence({ checkins: { expected: 15, answered: 12 } }), 'answered 12 of 15 check-ins'],
    ['checkins', evidence({ checkins: { expected: 1, answered: 0 } }), 'answered 0 of 1 check-in'],
    ['checkins', evidence(), 'no check-ins expected'],
    ['risks', evidence({ riskReviews: { due: 4, onTime: 3 } }), 'made 3 of 4 risk reviews on time'],
    ['risks', evidence({ riskReviews: { due: 1, onTime: 1 } }), 'made 1 of 1 risk review on time'],
    ['risks', evidence(), 'no risk reviews due'],
    ['satisfaction', evidence({ ratings: [5, 4, 4, 4, 4] }), 'average rating 4.2 from 5 ratings'],
    ['satisfaction', evidence({ ratings: [5, 4, 4, 4] }), 'average rating 4.3 from 4 ratings'],
    ['satisfaction', evidence({ ratings: [3] }), 'average rating 3.0 from 1 rating'],
    ['satisfaction', evidence(), 'no ratings'],
    ['kpi', evidence({ kpis: { targets: 4, met: 3 } }), 'met 3 of 4 KPI targets'],
    ['kpi', evidence({ kpis: { targets: 1, met: 1 } }), 'met 1 of 1 KPI target'],
    ['kpi', evidence(), 'no KPI targets'],
  ])('%s: %s', (id, e, figures) => {
    expect(component(e, id).figures).toBe(figures);
  });

  it('labels every component', () => {
    expect(computeScore(full).components.map((c) => c.label)).toEqual([
      'Acknowledgement within SLA',
      'Resolution within SLA',
      'Check-in answers',
      'Risk reviews on time',
      'Customer satisfaction',
      'KPI targets met',
    ]);
  });
});

describe('validateWeights', () => {
  it('has the product defaults, adding up to 100', () => {
    expect(defaultWeights).toEqual({ ack: 25, resolve: 20, checkins: 15, risks: 10, satisfaction: 20, kpi: 10 });
    expect(Object.values(defaultWeights).reduce((a, b) => a + b, 0)).toBe(100);
    expect(Object.isFrozen(defaultWeights)).toBe(true);
  });

  it.each<[Partial<Record<ComponentId, number>>, Record<ComponentId, number>]>([
    [{}, { ...defaultWeights }],
    [{ ack: 40 }, { ...defaultWeights, ack: 40 }],
    [
      { kpi: 0, satisfaction: 100 },
      { ...defaultWeights, kpi: 0, satisfaction: 100 },
    ],
    [
      { ack: 0, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 1 },
      { ack: 0, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 1 },
    ],
  ])('merges %j onto the defaults', (given, merged) => {
    expect(validateWeights(given)).toEqual({ ok: true, weights: merged });
  });

  it.each<[unknown, RegExp]>([
    [{ ack: -1 }, /weight of `ack` must be a whole number from 0 to 100, not `-1`/],
    [{ ack: 101 }, /not `101`/],
    [{ risks: 12.5 }, /weight of `risks`.*`12\.5`/],
    [{ kpi: Number.NaN }, /weight of `kpi`/],
    [{ kpi: '10' }, /weight of `kpi`/],
    [{ speed: 10 }, /`speed` is not a score component: use `ack`, `resolve`, `checkins`, `risks`, `satisfaction`, `kpi`/],
    [{ ack: 0, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 0 }, /At least one weight must be above 0/],
  ])('refuses %j', (given, message) => {
    const r = validateWeights(given as Partial<Record<ComponentId, number>>);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('lists every problem at once', () => {
    const r = validateWeights({ ack: -1, kpi: 200 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.split('\n')).toHaveLength(2);
  });

  it('does not change the defaults', () => {
    validateWeights({ ack: 1 });
    expect(defaultWeights.ack).toBe(25);
  });
});

describe('bestImprovement', () => {
  it('picks the component whose perfection raises Y most', () => {
    // ack 80 → 100: +5; resolve 50 → 100: +10; risks +2.5; satisfaction +5; kpi +5.
    expect(bestImprovement(full)).toEqual({ component: 'resolve', gain: 10, sentence: 'Resolving every escalation within SLA would add 10 points.' });
  });

  it('counts the gain over the rescaled weights', () => {
    // Check-ins 60 (15) and ratings 100 (20): 82.86 → 100.
    const r = bestImprovement(evidence({ checkins: { expected: 5, answered: 3 }, ratings: [5] }));
    expect(r).toEqual({ component: 'checkins', gain: 17.14, sentence: 'Answering every check-in would add 17.14 points.' });
  });

  it.each<[ComponentId, Evidence, string]>([
    ['ack', evidence({ escalations: { due: 8, ackedInSla: 6 }, ratings: [5] }), 'Acknowledging every escalation within SLA would add 13.89 points.'],
    ['risks', evidence({ riskReviews: { due: 2, onTime: 1 } }), 'Making every risk review on time would add 50 points.'],
    ['satisfaction', evidence({ ratings: [4], checkins: { expected: 1, answered: 1 } }), 'Ratings of 5 from every customer would add 14.29 points.'],
    ['kpi', evidence({ kpis: { targets: 10, met: 9 } }), 'Meeting every KPI target would add 10 points.'],
    ['kpi', evidence({ kpis: { targets: 100, met: 99 } }), 'Meeting every KPI target would add 1 point.'],
  ])('says what to do for %s', (id, e, sentence) => {
    const r = bestImprovement(e);
    expect(r?.component).toBe(id);
    expect(r?.sentence).toBe(sentence);
  });

  it('prefers the earlier component on a tie', () => {
    // ack and kpi both at 0 with equal weights.
    const weights = { ...defaultWeights, ack: 10, kpi: 10 };
    const e = evidence({ escalations: { due: 1 }, kpis: { targets: 1 } });
    expect(bestImprovement(e, weights)?.component).toBe('ack');
  });

  it('includes the penalty and the clamp in the gain', () => {
    // Ratings 75 minus 5 = 70; perfect ratings give 95.
    expect(bestImprovement(evidence({ ratings: [4], violations: { minor: 1 } }))?.gain).toBe(25);
    // Deep under the clamp nothing helps.
    expect(bestImprovement(evidence({ ratings: [4], violations: { minor: 30 } }))).toBeUndefined();
  });

  it.each<[string, Evidence, Record<ComponentId, number>?]>([
    ['no evidence', evidence()],
    ['everything perfect', evidence({ checkins: { expected: 3, answered: 3 }, ratings: [5, 5] })],
    ['perfect with a minor violation (only removing it would help)', evidence({ ratings: [5], violations: { minor: 1 } })],
    ['the only weak component weighs 0', evidence({ ratings: [5], kpis: { targets: 2, met: 0 } }), { ...defaultWeights, kpi: 0 }],
  ])('suggests nothing for %s', (_name, e, weights) => {
    expect(bestImprovement(e, weights)).toBeUndefined();
  });

  it('never suggests a component without data', () => {
    // Only ratings at 50: escalations, check-ins, risks and KPIs are absent.
    expect(bestImprovement(evidence({ ratings: [3] }))?.component).toBe('satisfaction');
  });
});

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────

describe('parsePeriod / formatPeriod', () => {
  it.each<[string, Period, string]>([
    ['2026-03', month(2026, 3), '2026-03'],
    ['2026-12', month(2026, 12), '2026-12'],
    ['2026-3', month(2026, 3), '2026-03'],
    [' 2026-01 ', month(2026, 1), '2026-01'],
    ['2026-Q1', quarter(2026, 1), '2026-Q1'],
    ['2026-q4', quarter(2026, 4), '2026-Q4'],
  ])('parses %j', (text, period, formatted) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(period)).toBe(formatted);
  });

  it.each<[string, RegExp]>([
    ['', /^Give a period: use a month like `2026-03` or a quarter like `2026-Q1`\.$/],
    ['   ', /^Give a period/],
    ['March', /^`March` is not a period: use a month like `2026-03` or a quarter like `2026-Q1`\.$/],
    ['2026-13', /^`2026-13` is not a period: months run from 01 to 12\.$/],
    ['2026-00', /months run from 01 to 12/],
    ['2026-Q5', /^`2026-Q5` is not a period: quarters run from Q1 to Q4\.$/],
    ['2026-Q0', /quarters run from Q1 to Q4/],
    ['26-03', /is not a period/],
    ['2026/03', /is not a period/],
    ['2026-03-01', /is not a period/],
    ['2026-Q12', /is not a period/],
    ['1969-12', /the year must be 1970 or later/],
    ['<!channel>', /^`&lt;!channel&gt;` is not a period/],
  ])('refuses %j', (text, message) => {
    const r = parsePeriod(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('periodOf', () => {
  it.each<[string, string, Period['kind'], Period]>([
    // 22:30 UTC on 31 Mar is already 1 Apr in Riga (UTC+3 in summer).
    ['2026-03-31T22:30:00Z', RIGA, 'month', month(2026, 4)],
    ['2026-03-31T20:59:00Z', RIGA, 'month', month(2026, 3)],
    ['2026-03-31T22:30:00Z', 'UTC', 'month', month(2026, 3)],
    ['2026-03-31T22:30:00Z', RIGA, 'quarter', quarter(2026, 2)],
    ['2026-12-31T22:00:00Z', RIGA, 'quarter', quarter(2027, 1)],
    ['2026-12-31T22:00:00Z', 'America/New_York', 'quarter', quarter(2026, 4)],
    ['2026-07-15T12:00:00Z', 'UTC', 'quarter', quarter(2026, 3)],
  ])('%s in %s as a %s is %j', (iso, tz, kind, period) => {
    expect(periodOf(new Date(iso), kind, tz)).toEqual(period);
  });
});

describe('periodRange', () => {
  it.each<[Period, string, string, string, number]>([
    // Winter: Riga is UTC+2.
    [month(2026, 1), RIGA, '2025-12-31T22:00:00.000Z', '2026-01-31T22:00:00.000Z', 31 * 24],
    // Spring forward on 29 March 2026: the month is an hour short and ends at UTC+3.
    [month(2026, 3), RIGA, '2026-02-28T22:00:00.000Z', '2026-03-31T21:00:00.000Z', 31 * 24 - 1],
    // Fall back on 25 October 2026: an hour long.
    [month(2026, 10), RIGA, '2026-09-30T21:00:00.000Z', '2026-10-31T22:00:00.000Z', 31 * 24 + 1],
    [month(2026, 12), RIGA, '2026-11-30T22:00:00.000Z', '2026-12-31T22:00:00.000Z', 31 * 24],
    [month(2028, 2), 'UTC', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z', 29 * 24],
    [quarter(2026, 1), RIGA, '2025-12-31T22:00:00.000Z', '2026-03-31T21:00:00.000Z', 90 * 24 - 1],
    [quarter(2026, 2), RIGA, '2026-03-31T21:00:00.000Z', '2026-06-30T21:00:00.000Z', 91 * 24],
    [quarter(2026, 4), RIGA, '2026-09-30T21:00:00.000Z', '2026-12-31T22:00:00.000Z', 92 * 24 + 1],
    [quarter(2026, 4), 'UTC', '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 92 * 24],
  ])('%j in %s', (period, tz, start, end, hours) => {
    const r = periodRange(period, tz);
    expect(r.start.toISOString()).toBe(start);
    expect(r.end.toISOString()).toBe(end);
    expect((r.end.getTime() - r.start.getTime()) / 3_600_000).toBe(hours);
  });

  it('tiles time: each period ends where the next starts, and periodOf agrees at both edges', () => {
    let p: Period = month(2025, 11);
    for (let i = 0; i < 14; i++) {
      const r = periodRange(p, RIGA);
      const n = nextPeriod(p);
      expect(periodRange(n, RIGA).start).toEqual(r.end);
      expect(periodOf(r.start, 'month', RIGA)).toEqual(p);
      expect(periodOf(new Date(r.end.getTime() - 1), 'month', RIGA)).toEqual(p);
      p = n;
    }
  });
});

describe('stepping periods', () => {
  it.each<[Period, Period]>([
    [month(2026, 3), month(2026, 4)],
    [month(2026, 12), month(2027, 1)],
    [quarter(2026, 3), quarter(2026, 4)],
    [quarter(2026, 4), quarter(2027, 1)],
  ])('after %j comes %j', (p, next) => {
    expect(nextPeriod(p)).toEqual(next);
    expect(previousPeriod(next)).toEqual(p);
  });

  it.each<[Period, number, string[]]>([
    [month(2026, 3), 6, ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']],
    [month(2026, 1), 1, ['2025-12']],
    [month(2026, 5), 0, []],
    [quarter(2026, 2), 6, ['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']],
    [month(2026, 2), 14, ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01']],
  ])('previousPeriods(%j, %i)', (p, n, formatted) => {
    expect(previousPeriods(p, n).map(formatPeriod)).toEqual(formatted);
  });

  it.each([[-1], [1.5]])('refuses %s periods', (n) => {
    expect(() => previousPeriods(month(2026, 1), n)).toThrow(RangeError);
  });
});

// ─── KPIs ───────────────────────────────────────────────────────────────────────────────────────

describe('parseKpiTarget', () => {
  it.each([
    ['service_level>=80%', { metric: 'service_level', op: '>=', value: 80, unit: '%' }],
    ['aht<=300s', { metric: 'aht', op: '<=', value: 300, unit: 's' }],
    ['fcr>=70', { metric: 'fcr', op: '>=', value: 70, unit: '' }],
    ['csat>=4.5', { metric: 'csat', op: '>=', value: 4.5, unit: '' }],
    ['abandonment<=5.5%', { metric: 'abandonment', op: '<=', value: 5.5, unit: '%' }],
    ['AHT<=300S', { metric: 'aht', op: '<=', value: 300, unit: 's' }],
    ['qa >= 0.9', { metric: 'qa', op: '>=', value: 0.9, unit: '' }],
    ['delta>=-3', { metric: 'delta', op: '>=', value: -3, unit: '' }],
    ['x<=.5', { metric: 'x', op: '<=', value: 0.5, unit: '' }],
    ['sl>=0%', { metric: 'sl', op: '>=', value: 0, unit: '%' }],
    ['sl>=100%', { metric: 'sl', op: '>=', value: 100, unit: '%' }],
    ['aht<=0s', { metric: 'aht', op: '<=', value: 0, unit: 's' }],
    [`m${'a'.repeat(39)}>=1`, { metric: `m${'a'.repeat(39)}`, op: '>=', value: 1, unit: '' }],
  ])('parses %j', (text, target) => {
    expect(parseKpiTarget(text)).toEqual(target);
  });

  it('formats back to the canonical form', () => {
    expect(formatKpiTarget({ metric: 'service_level', op: '>=', value: 80, unit: '%' })).toBe('service_level>=80%');
    expect(formatKpiTarget({ metric: 'aht', op: '<=', value: 300, unit: 's' })).toBe('aht<=300s');
  });

  it.each<[string, RegExp]>([
    ['', /^Give a KPI target: use `<metric><=<value>` or `<metric>>=<value>`/],
    ['aht', /^`aht` is not a KPI target: use/],
    ['aht=300s', /the operator must be `<=` \(at most\) or `>=` \(at least\)/],
    ['aht<300s', /the operator must be `<=`/],
    ['aht=<300s', /write `<=`, not `=<`/],
    ['fcr=>70', /write `>=`, not `=>`/],
    ['>=80%', /A metric name is missing/],
    ['9lives>=1', /`9lives` is not a metric name: start with a letter/],
    ['service-level>=80%', /`service-level` is not a metric name/],
    [`m${'a'.repeat(40)}>=1`, /is not a metric name.*at most 40 characters/],
    ['sl>=', /A value is missing/],
    ['sl>=%', /A value is missing/],
    ['sl>=abc', /`abc` is not a number/],
    ['sl>=1e3', /`1e3` is not a number/],
    ['aht<=5m', /`5m` has a unit Accord does not know: use `%`, `s` for seconds/],
    ['aht<=300ms', /`300ms` has a unit/],
    ['sl>=120%', /`120%`: a percentage goes from 0 to 100/],
    ['sl>=-1%', /a percentage goes from 0 to 100/],
    ['aht<=-5s', /`-5s`: a time in seconds cannot be negative/],
    [`x>=${'9'.repeat(400)}`, /is too large/],
  ])('refuses %j', (text, message) => {
    const r = parseKpiTarget(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('parseKpiReading', () => {
  it.each([
    ['aht=280s', { metric: 'aht', value: 280, unit: 's' }],
    ['service_level=82.5%', { metric: 'service_level', value: 82.5, unit: '%' }],
    ['csat=4.7', { metric: 'csat', value: 4.7, unit: '' }],
    ['FCR=71', { metric: 'fcr', value: 71, unit: '' }],
  ])('parses %j', (text, reading) => {
    expect(parseKpiReading(text)).toEqual(reading);
  });

  it.each<[string, RegExp]>([
    ['', /^Give a KPI reading: use `<metric>=<value>`/],
    ['aht', /`aht` is not a KPI reading/],
    ['aht<=280s', /a reading uses `=` \(targets use `<=` or `>=`\)/],
    ['aht=', /A value is missing/],
    ['aht=fast', /`fast` is not a number/],
    ['sl=101%', /a percentage goes from 0 to 100/],
    ['1x=3', /`1x` is not a metric name/],
  ])('refuses %j', (text, message) => {
    const r = parseKpiReading(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('kpiMet', () => {
  const sl = { metric: 'service_level', op: '>=', value: 80, unit: '%' } as const;
  const aht = { metric: 'aht', op: '<=', value: 300, unit: 's' } as const;
  const csat = { metric: 'csat', op: '>=', value: 4.5, unit: '' } as const;

  it.each([
    [sl, { value: 80, unit: '%' }, true],
    [sl, { value: 79.99, unit: '%' }, false],
    [sl, { value: 95, unit: '%' }, true],
    [aht, { value: 300, unit: 's' }, true],
    [aht, { value: 280, unit: 's' }, true],
    [aht, { value: 300.5, unit: 's' }, false],
    [csat, { value: 4.5, unit: '' }, true],
    [csat, { value: 4.4, unit: '' }, false],
  ] as const)('%j with %j → %s', (target, reading, met) => {
    expect(kpiMet(target, reading)).toBe(met);
  });

  it('works on parsed text end to end', () => {
    const target = parseKpiTarget('aht<=300s');
    const reading = parseKpiReading('aht=280s');
    if ('error' in target || 'error' in reading) throw new Error('parse failed');
    expect(kpiMet(target, reading)).toBe(true);
  });

  it.each([
    [aht, { value: 280, unit: '%' }, 'The reading `aht=280%` is a percentage, but the target `aht<=300s` is in seconds: record the reading in seconds.'],
    [sl, { value: 82, unit: '' }, 'The reading `service_level=82` is a plain number, but the target `service_level>=80%` is a percentage: record the reading as a percentage.'],
    [csat, { value: 4.6, unit: 's' }, 'The reading `csat=4.6s` is in seconds, but the target `csat>=4.5` is a plain number: record the reading as a plain number.'],
  ] as const)('refuses a unit mismatch: %j with %j', (target, reading, error) => {
    expect(kpiMet(target, reading)).toEqual({ error });
  });

  it('refuses a reading for another metric', () => {
    expect(kpiMet(aht, { metric: 'fcr', value: 1, unit: 's' })).toEqual({ error: 'The reading is for `fcr` but the target is for `aht`.' });
  });
});

// ─── Lifecycle ──────────────────────────────────────────────────────────────────────────────────

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
          reason: expect.stringMatching(/^Y at least 80 for 3 consecutive months \(2026-01: .*, 2026-02: .*, 2026-03: .*\)\.$/),
        });
      } else {
        expect(found).toBeUndefined();
      }
    });

    it('gives the months in the reason', () => {
      expect(recommendations('access', history(MAR, [80, 85.5, 90]))).toEqual([
        { kind: 'promote', from: 'access', to: 'growth', reason: 'Y at least 80 for 3 consecutive months (2026-01: 80, 2026-02: 85.5, 2026-03: 90).' },
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
      expect(recommendations('access', history(month(2026, 1), [81, 82, 83]))[0]?.reason).toContain('2025-11: 81, 2025-12: 82, 2026-01: 83');
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
          reason: expect.stringMatching(/^Y at least 85 with no major violation for 6 consecutive months \(2025-10: .*2026-03: .*\)\.$/),
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
      ['2 consecutive months below 60', [70, 59.99, 40], 'Y below 60 for 2 consecutive months (2026-02: 59.99, 2026-03: 40).'],
      ['3 below 60 lists the last 2', [50, 50, 45], 'Y below 60 for 2 consecutive months (2026-02: 50, 2026-03: 45).'],
      ['60 is not below 60', [60, 59], undefined],
      ['one month below 60', [80, 59], undefined],
      ['broken by a month without data', [50, null, 50], undefined],
      ['latest month without data', [50, 50, null], undefined],
      ['both reasons', [50, [50, 1]], 'A major violation in 2026-03; and Y below 60 for 2 consecutive months (2026-02: 50, 2026-03: 50).'],
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
