import { describe, expect, it } from 'vitest';
import {
  bestImprovement,
  componentIds,
  computeScore,
  defaultWeights,
  formatScore,
  validateWeights,
  type ComponentId,
  type Evidence,
} from '../../../../src/domain/scores/score';
import { coefficient } from '../../../../src/domain/settlement/payable';

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
    [
      'check-ins and ratings only',
      evidence({ checkins: { expected: 5, answered: 3 }, ratings: [5] }),
      82.86,
      { checkins: (15 / 35) * 100, satisfaction: (20 / 35) * 100 },
    ],
    // A single component is the score.
    ['ratings only', evidence({ ratings: [3, 4] }), 62.5, { satisfaction: 100 }],
    ['KPIs only', evidence({ kpis: { targets: 3, met: 1 } }), 33.33, { kpi: 100 }],
    // Escalations acknowledged but none due for resolution yet: ack (25) with check-ins (15).
    [
      'ack without resolutions due',
      evidence({ escalations: { due: 2, ackedInSla: 1 }, checkins: { expected: 1, answered: 1 } }),
      68.75,
      { ack: 62.5, checkins: 37.5 },
    ],
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
    expect(computeScore(evidence({ checkins: { expected: 8, answered: 7 }, kpis: { targets: 3, met: 1 } })).y).toBe(
      65.83,
    );
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
    expect(() => computeScore(full, { ack: 0, resolve: 0, checkins: 0, risks: 0, satisfaction: 0, kpi: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('component figures', () => {
  it.each<[ComponentId, Evidence, string]>([
    ['ack', evidence({ escalations: { due: 9, ackedInSla: 7 } }), 'acknowledged 7 of 9 within SLA'],
    ['ack', evidence(), 'no escalations'],
    [
      'resolve',
      evidence({ escalations: { due: 6, ackedInSla: 6, resolveDue: 6, resolvedInSla: 5 } }),
      'resolved 5 of 6 within SLA',
    ],
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
    [
      { speed: 10 },
      /`speed` is not a score component: use `ack`, `resolve`, `checkins`, `risks`, `satisfaction`, `kpi`/,
    ],
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
    expect(bestImprovement(full)).toEqual({
      component: 'resolve',
      gain: 10,
      sentence: 'Resolving every escalation within SLA would add 10 points.',
    });
  });

  it('counts the gain over the rescaled weights', () => {
    // Check-ins 60 (15) and ratings 100 (20): 82.86 → 100.
    const r = bestImprovement(evidence({ checkins: { expected: 5, answered: 3 }, ratings: [5] }));
    expect(r).toEqual({
      component: 'checkins',
      gain: 17.14,
      sentence: 'Answering every check-in would add 17.14 points.',
    });
  });

  it.each<[ComponentId, Evidence, string]>([
    [
      'ack',
      evidence({ escalations: { due: 8, ackedInSla: 6 }, ratings: [5] }),
      'Acknowledging every escalation within SLA would add 13.89 points.',
    ],
    [
      'risks',
      evidence({ riskReviews: { due: 2, onTime: 1 } }),
      'Making every risk review on time would add 50 points.',
    ],
    [
      'satisfaction',
      evidence({ ratings: [4], checkins: { expected: 1, answered: 1 } }),
      'Ratings of 5 from every customer would add 14.29 points.',
    ],
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
    [
      'perfect with a minor violation (only removing it would help)',
      evidence({ ratings: [5], violations: { minor: 1 } }),
    ],
    [
      'the only weak component weighs 0',
      evidence({ ratings: [5], kpis: { targets: 2, met: 0 } }),
      { ...defaultWeights, kpi: 0 },
    ],
  ])('suggests nothing for %s', (_name, e, weights) => {
    expect(bestImprovement(e, weights)).toBeUndefined();
  });

  it('never suggests a component without data', () => {
    // Only ratings at 50: escalations, check-ins, risks and KPIs are absent.
    expect(bestImprovement(evidence({ ratings: [3] }))?.component).toBe('satisfaction');
  });
});
