import { echo } from '../../messages/mrkdwn';
import { coefficient } from '../settlement/payable';

/** Up to two decimals, trailing zeros dropped: `81`, `85.5`, `89.99`. */
export function formatPoints(n: number): string {
  return String(roundHalfUp2(n));
}

/** `81.25`, or `no data` when there was no evidence. */
export function formatScore(y: number | null): string {
  return y === null ? 'no data' : formatPoints(y);
}

/**
 * Half-up to two decimals. The tolerance absorbs binary noise (80.125 held as 80.12499…) so a
 * true half still rounds up; it is far below any real difference between two scores.
 */
function roundHalfUp2(x: number): number {
  const r = Math.floor(x * 100 + 0.5 + 1e-9) / 100;
  return Object.is(r, -0) ? 0 : r;
}

export const componentIds = ['ack', 'resolve', 'checkins', 'risks', 'satisfaction', 'kpi'] as const;
export type ComponentId = (typeof componentIds)[number];

export function isComponentId(s: string): s is ComponentId {
  return (componentIds as readonly string[]).includes(s);
}

/** docs/product.md §3; they add up to 100 so a full set of data needs no rescaling. */
export const defaultWeights: Readonly<Record<ComponentId, number>> = Object.freeze({
  ack: 25,
  resolve: 20,
  checkins: 15,
  risks: 10,
  satisfaction: 20,
  kpi: 10,
});

export const componentLabels: Readonly<Record<ComponentId, string>> = Object.freeze({
  ack: 'Acknowledgement within SLA',
  resolve: 'Resolution within SLA',
  checkins: 'Check-in answers',
  risks: 'Risk reviews on time',
  satisfaction: 'Customer satisfaction',
  kpi: 'KPI targets met',
});

const COMPONENT_CHOICES = componentIds.map((id) => `\`${id}\``).join(', ');

/**
 * Merges the given weights onto the defaults. Weights need not add up to 100 (they are rescaled
 * anyway), but each must be a whole number 0–100 and at least one must count. Keys are checked at
 * run time too because they come from what an admin typed.
 */
export function validateWeights(
  w: Partial<Record<ComponentId, number>>,
): { ok: true; weights: Record<ComponentId, number> } | { ok: false; error: string } {
  const weights: Record<ComponentId, number> = { ...defaultWeights };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(w)) {
    if (!isComponentId(key)) {
      problems.push(`${echo(key)} is not a score component: use ${COMPONENT_CHOICES}.`);
      continue;
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
      problems.push(`The weight of \`${key}\` must be a whole number from 0 to 100, not ${echo(String(value))}.`);
      continue;
    }
    weights[key] = value;
  }
  if (problems.length > 0) return { ok: false, error: problems.join('\n') };
  if (componentIds.every((id) => weights[id] === 0))
    return { ok: false, error: 'At least one weight must be above 0, or nothing would count towards the score.' };
  return { ok: true, weights };
}

export interface Evidence {
  /** Counts; `due` = escalations whose ack deadline passed or that were acknowledged. */
  escalations: { due: number; ackedInSla: number; resolveDue: number; resolvedInSla: number };
  checkins: { expected: number; answered: number };
  riskReviews: { due: number; onTime: number };
  /** Each 1–5. */
  ratings: number[];
  kpis: { targets: number; met: number };
  violations: { minor: number; major: number };
}

export interface ComponentResult {
  id: ComponentId;
  label: string;
  /** 0–100 at full precision; null when the period has no data for it. */
  value: number | null;
  /** The configured weight. */
  weight: number;
  /** The weight's share in percent after rescaling over the components that count; 0 when it does not count. */
  effectiveWeight: number;
  /** What the value was made from, for people: `acknowledged 7 of 9 within SLA`, `no escalations`. */
  figures: string;
}

export interface ScoreResult {
  /** 0–100, rounded half-up to 2 decimals; null = no evidence that counts. */
  y: number | null;
  /** Coefficient in percent, full precision. */
  p: number;
  components: ComponentResult[];
  /** Points taken off: 5 per minor violation (before clamping). */
  penalty: number;
  /** Any major violation. */
  exitReview: boolean;
}

export const MINOR_VIOLATION_POINTS = 5;

export function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${name} must be a whole number of at least 0, not ${n}.`);
}

function assertPart(name: string, part: number, whole: number): void {
  assertCount(name, part);
  if (part > whole) throw new RangeError(`${name} (${part}) cannot exceed its total (${whole}).`);
}

// Evidence comes from Accord's own queries, so anything malformed is a bug to surface, not input to explain.
function assertEvidence(e: Evidence): void {
  assertCount('escalations.due', e.escalations.due);
  assertPart('escalations.ackedInSla', e.escalations.ackedInSla, e.escalations.due);
  assertCount('escalations.resolveDue', e.escalations.resolveDue);
  assertPart('escalations.resolvedInSla', e.escalations.resolvedInSla, e.escalations.resolveDue);
  assertCount('checkins.expected', e.checkins.expected);
  assertPart('checkins.answered', e.checkins.answered, e.checkins.expected);
  assertCount('riskReviews.due', e.riskReviews.due);
  assertPart('riskReviews.onTime', e.riskReviews.onTime, e.riskReviews.due);
  assertCount('kpis.targets', e.kpis.targets);
  assertPart('kpis.met', e.kpis.met, e.kpis.targets);
  assertCount('violations.minor', e.violations.minor);
  assertCount('violations.major', e.violations.major);
  for (const r of e.ratings) {
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 1 || r > 5)
      throw new RangeError(`A rating must be from 1 to 5, not ${r}.`);
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function share(part: number, whole: number): number {
  return (part / whole) * 100;
}

/** Each component's value and figures, before weighting. */
function componentValues(e: Evidence): Record<ComponentId, { value: number | null; figures: string }> {
  const { escalations: esc, checkins, riskReviews: risks, ratings, kpis } = e;
  const ratingSum = ratings.reduce((a, b) => a + b, 0);
  return {
    ack:
      esc.due > 0
        ? { value: share(esc.ackedInSla, esc.due), figures: `acknowledged ${esc.ackedInSla} of ${esc.due} within SLA` }
        : { value: null, figures: 'no escalations' },
    resolve:
      esc.resolveDue > 0
        ? {
            value: share(esc.resolvedInSla, esc.resolveDue),
            figures: `resolved ${esc.resolvedInSla} of ${esc.resolveDue} within SLA`,
          }
        : { value: null, figures: esc.due > 0 ? 'no resolutions due' : 'no escalations' },
    checkins:
      checkins.expected > 0
        ? {
            value: share(checkins.answered, checkins.expected),
            figures: `answered ${checkins.answered} of ${checkins.expected} ${plural(checkins.expected, 'check-in', 'check-ins')}`,
          }
        : { value: null, figures: 'no check-ins expected' },
    risks:
      risks.due > 0
        ? {
            value: share(risks.onTime, risks.due),
            figures: `made ${risks.onTime} of ${risks.due} risk ${plural(risks.due, 'review', 'reviews')} on time`,
          }
        : { value: null, figures: 'no risk reviews due' },
    satisfaction:
      ratings.length > 0
        ? {
            // The mean of (r − 1) / 4 × 100 is the same as mapping the mean rating, and exact in one step.
            value: ((ratingSum - ratings.length) / (4 * ratings.length)) * 100,
            figures: `average rating ${(Math.floor((ratingSum * 10) / ratings.length + 0.5) / 10).toFixed(1)} from ${ratings.length} ${plural(ratings.length, 'rating', 'ratings')}`,
          }
        : { value: null, figures: 'no ratings' },
    kpi:
      kpis.targets > 0
        ? {
            value: share(kpis.met, kpis.targets),
            figures: `met ${kpis.met} of ${kpis.targets} KPI ${plural(kpis.targets, 'target', 'targets')}`,
          }
        : { value: null, figures: 'no KPI targets' },
  };
}

function checkedWeights(weights: Record<ComponentId, number>): Record<ComponentId, number> {
  const checked = validateWeights(weights);
  if (!checked.ok) throw new RangeError(checked.error);
  return checked.weights;
}

/** The weighted mean with penalty and clamp, unrounded; null when no component with data has weight. */
function scoreFrom(
  values: Record<ComponentId, number | null>,
  weights: Record<ComponentId, number>,
  minor: number,
): number | null {
  let sum = 0;
  let total = 0;
  for (const id of componentIds) {
    const v = values[id];
    if (v === null || weights[id] === 0) continue;
    sum += v * weights[id];
    total += weights[id];
  }
  if (total === 0) return null;
  return roundHalfUp2(Math.min(100, Math.max(0, sum / total - MINOR_VIOLATION_POINTS * minor)));
}

/**
 * Y for a partner and period (docs/product.md §3): the weighted mean of the components with data, the
 * weights rescaled over them; a rating r counts (r − 1) / 4 × 100; the KPI component is the share
 * of targets met; then 5 points off per minor violation, clamped to 0–100 and rounded to 2
 * decimals.
 *
 * Violations are not a component: with no component data (or only components weighted 0) Y is
 * null — "no data", P = 100% — and the penalty and exit review are still reported, because a
 * penalty needs a score to come off, and holding back commission on no evidence is what the
 * product rules out.
 */
export function computeScore(e: Evidence, weights: Record<ComponentId, number> = { ...defaultWeights }): ScoreResult {
  assertEvidence(e);
  const w = checkedWeights(weights);
  const raw = componentValues(e);
  const values = Object.fromEntries(componentIds.map((id) => [id, raw[id].value])) as Record<
    ComponentId,
    number | null
  >;
  const counting = componentIds.filter((id) => values[id] !== null && w[id] > 0);
  const total = counting.reduce((a, id) => a + w[id], 0);
  const components = componentIds.map((id): ComponentResult => ({
    id,
    label: componentLabels[id],
    value: raw[id].value,
    weight: w[id],
    effectiveWeight: counting.includes(id) ? (w[id] / total) * 100 : 0,
    figures: raw[id].figures,
  }));
  const y = scoreFrom(values, w, e.violations.minor);
  return {
    y,
    p: coefficient(y),
    components,
    penalty: MINOR_VIOLATION_POINTS * e.violations.minor,
    exitReview: e.violations.major > 0,
  };
}

const IMPROVEMENT_ACTIONS: Readonly<Record<ComponentId, string>> = {
  ack: 'Acknowledging every escalation within SLA',
  resolve: 'Resolving every escalation within SLA',
  checkins: 'Answering every check-in',
  risks: 'Making every risk review on time',
  satisfaction: 'Ratings of 5 from every customer',
  kpi: 'Meeting every KPI target',
};

/**
 * The single change that would raise Y most: each component with data below 100 is set to 100 in
 * turn and the score recomputed in full (penalty and clamp included, so the gain is what Y would
 * really show). Components without data are not suggested: filling one would mean more
 * escalations, or check-ins, reviews or targets that the vendor sets, not something the partner
 * can do better. Ties go to the earlier component in `componentIds`.
 */
export function bestImprovement(
  e: Evidence,
  weights: Record<ComponentId, number> = { ...defaultWeights },
): { component: ComponentId; gain: number; sentence: string } | undefined {
  assertEvidence(e);
  const w = checkedWeights(weights);
  const raw = componentValues(e);
  const values = Object.fromEntries(componentIds.map((id) => [id, raw[id].value])) as Record<
    ComponentId,
    number | null
  >;
  const current = scoreFrom(values, w, e.violations.minor);
  if (current === null) return undefined;
  let best: { component: ComponentId; gain: number } | undefined;
  for (const id of componentIds) {
    const v = values[id];
    if (v === null || v >= 100 || w[id] === 0) continue;
    const improved = scoreFrom({ ...values, [id]: 100 }, w, e.violations.minor) ?? current;
    const gain = roundHalfUp2(improved - current);
    if (gain > 0 && (best === undefined || gain > best.gain)) best = { component: id, gain };
  }
  if (!best) return undefined;
  return {
    ...best,
    sentence: `${IMPROVEMENT_ACTIONS[best.component]} would add ${formatPoints(best.gain)} ${plural(best.gain, 'point', 'points')}.`,
  };
}
