import { echo } from '../messages/mrkdwn';
import { localFields, zonedToUtc } from './time-zone';

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

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────

export type Period = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number };

const PERIOD_USAGE = 'use a month like `2026-03` or a quarter like `2026-Q1`';
const MONTH_RE = /^(\d{4})-(\d{1,2})$/;
const QUARTER_RE = /^(\d{4})-q(\d)$/i;
// Earlier years cannot hold any of Accord's data, and Date arithmetic on two-digit years is unreliable.
const MIN_YEAR = 1970;

/** `YYYY-MM` or `YYYY-Qn` (the `q` in either case); `2026-3` is taken as March too. */
export function parsePeriod(text: string): Period | { error: string } {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { error: `Give a period: ${PERIOD_USAGE}.` };
  const month = MONTH_RE.exec(trimmed);
  const quarter = QUARTER_RE.exec(trimmed);
  if (!month && !quarter) return { error: `${echo(trimmed)} is not a period: ${PERIOD_USAGE}.` };
  const year = Number((month ?? quarter)?.[1]);
  if (year < MIN_YEAR) return { error: `${echo(trimmed)} is not a period: the year must be ${MIN_YEAR} or later.` };
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { error: `${echo(trimmed)} is not a period: months run from 01 to 12.` };
    return { kind: 'month', year, month: m };
  }
  const q = Number(quarter?.[2]);
  if (q < 1 || q > 4) return { error: `${echo(trimmed)} is not a period: quarters run from Q1 to Q4.` };
  return { kind: 'quarter', year, quarter: q };
}

export function formatPeriod(p: Period): string {
  const year = String(p.year).padStart(4, '0');
  return p.kind === 'month' ? `${year}-${String(p.month).padStart(2, '0')}` : `${year}-Q${p.quarter}`;
}

/** The month or quarter that holds `at` on the wall clock of `tz`. */
export function periodOf(at: Date, kind: Period['kind'], tz: string): Period {
  const { year, month } = localFields(at, tz);
  return kind === 'month' ? { kind, year, month } : { kind, year, quarter: Math.ceil(month / 3) };
}

function firstMonth(p: Period): number {
  return p.kind === 'month' ? p.month : (p.quarter - 1) * 3 + 1;
}

/** Periods as a running count, so stepping across years is plain arithmetic. */
function periodIndex(p: Period): number {
  return p.kind === 'month' ? p.year * 12 + (p.month - 1) : p.year * 4 + (p.quarter - 1);
}

function periodAt(kind: Period['kind'], index: number): Period {
  const perYear = kind === 'month' ? 12 : 4;
  const year = Math.floor(index / perYear);
  const within = index - year * perYear + 1;
  return kind === 'month' ? { kind, year, month: within } : { kind, year, quarter: within };
}

export function nextPeriod(p: Period): Period {
  return periodAt(p.kind, periodIndex(p) + 1);
}

export function previousPeriod(p: Period): Period {
  return periodAt(p.kind, periodIndex(p) - 1);
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && periodIndex(a) === periodIndex(b);
}

/** The `n` periods before `p`, oldest first (for trends). */
export function previousPeriods(p: Period, n: number): Period[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`previousPeriods needs a whole number of periods, not ${n}.`);
  const end = periodIndex(p);
  return Array.from({ length: n }, (_, i) => periodAt(p.kind, end - n + i));
}

/**
 * `[start, end)` of the period between local midnights in `tz`, so a month is the month the
 * partner's people lived through even when a DST change makes it an hour shorter or longer.
 */
export function periodRange(p: Period, tz: string): { start: Date; end: Date } {
  const next = nextPeriod(p);
  const start = zonedToUtc({ year: p.year, month: firstMonth(p), day: 1, hour: 0, minute: 0 }, tz);
  const end = zonedToUtc({ year: next.year, month: firstMonth(next), day: 1, hour: 0, minute: 0 }, tz);
  return { start, end };
}

// ─── Components and weights ─────────────────────────────────────────────────────────────────────

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
export function validateWeights(w: Partial<Record<ComponentId, number>>): { ok: true; weights: Record<ComponentId, number> } | { ok: false; error: string } {
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
  if (componentIds.every((id) => weights[id] === 0)) return { ok: false, error: 'At least one weight must be above 0, or nothing would count towards the score.' };
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

function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number of at least 0, not ${n}.`);
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
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 1 || r > 5) throw new RangeError(`A rating must be from 1 to 5, not ${r}.`);
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
    ack: esc.due > 0 ? { value: share(esc.ackedInSla, esc.due), figures: `acknowledged ${esc.ackedInSla} of ${esc.due} within SLA` } : { value: null, figures: 'no escalations' },
    resolve:
      esc.resolveDue > 0
        ? { value: share(esc.resolvedInSla, esc.resolveDue), figures: `resolved ${esc.resolvedInSla} of ${esc.resolveDue} within SLA` }
        : { value: null, figures: esc.due > 0 ? 'no resolutions due' : 'no escalations' },
    checkins:
      checkins.expected > 0
        ? { value: share(checkins.answered, checkins.expected), figures: `answered ${checkins.answered} of ${checkins.expected} ${plural(checkins.expected, 'check-in', 'check-ins')}` }
        : { value: null, figures: 'no check-ins expected' },
    risks:
      risks.due > 0
        ? { value: share(risks.onTime, risks.due), figures: `made ${risks.onTime} of ${risks.due} risk ${plural(risks.due, 'review', 'reviews')} on time` }
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
        ? { value: share(kpis.met, kpis.targets), figures: `met ${kpis.met} of ${kpis.targets} KPI ${plural(kpis.targets, 'target', 'targets')}` }
        : { value: null, figures: 'no KPI targets' },
  };
}

function checkedWeights(weights: Record<ComponentId, number>): Record<ComponentId, number> {
  const checked = validateWeights(weights);
  if (!checked.ok) throw new RangeError(checked.error);
  return checked.weights;
}

/** The weighted mean with penalty and clamp, unrounded; null when no component with data has weight. */
function scoreFrom(values: Record<ComponentId, number | null>, weights: Record<ComponentId, number>, minor: number): number | null {
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
  const values = Object.fromEntries(componentIds.map((id) => [id, raw[id].value])) as Record<ComponentId, number | null>;
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
  return { y, p: coefficient(y), components, penalty: MINOR_VIOLATION_POINTS * e.violations.minor, exitReview: e.violations.major > 0 };
}

/** The service quality coefficient in percent (docs/domain.md §2): 100 when Y ≥ 90, else Y / 90 × 100. */
export function coefficient(y: number | null): number {
  if (y === null) return 100;
  if (typeof y !== 'number' || Number.isNaN(y) || y < 0 || y > 100) throw new RangeError(`A score must be from 0 to 100, not ${y}.`);
  if (y >= 90) return 100;
  // Y carries two decimals; dividing its hundredths as an integer gives the correctly rounded
  // Y / 90 × 100 (89.99 / 90 × 100 in floating point is off in the last digit).
  const hundredths = y * 100;
  const whole = Math.round(hundredths);
  return (Math.abs(hundredths - whole) < 1e-9 ? whole : hundredths) / 90;
}

/** P as an exact fraction num / den of a percent. */
function coefficientFraction(p: number): { num: bigint; den: bigint } {
  // A P that came from a two-decimal Y is k / 90 exactly; recovering k keeps repeating decimals
  // (99.9888…) exact, so a payment that lands on half a cent rounds the way the formula says.
  const times90 = p * 90;
  const k = Math.round(times90);
  if (Math.abs(times90 - k) < 1e-9) return { num: BigInt(k), den: 90n };
  // Otherwise P is taken as the decimal it prints as (99.99 is 99.99, not its binary neighbour).
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(p));
  if (!m) throw new RangeError(`Cannot read the coefficient ${p}.`);
  const digits = BigInt(`${m[1]}${m[2] ?? ''}`);
  const scale = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  return scale >= 0 ? { num: digits, den: 10n ** BigInt(scale) } : { num: digits * 10n ** BigInt(-scale), den: 1n };
}

/**
 * Commission actually paid, in integer cents (docs/domain.md §2): accrued × 90% + accrued × 10% × P,
 * rounded half-up to the cent once, at the end. Computed as the exact fraction
 * accrued × (900 + P) / 1000 so no intermediate step rounds.
 */
export function payableCents(accruedCents: number, p: number): number {
  if (!Number.isSafeInteger(accruedCents) || accruedCents < 0) throw new RangeError(`Accrued commission must be a whole number of cents of at least 0, not ${accruedCents}.`);
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`A coefficient must be from 0 to 100 (percent), not ${p}.`);
  const { num, den } = coefficientFraction(p);
  const numerator = BigInt(accruedCents) * (900n * den + num);
  const denominator = 1000n * den;
  return Number((2n * numerator + denominator) / (2n * denominator));
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
export function bestImprovement(e: Evidence, weights: Record<ComponentId, number> = { ...defaultWeights }): { component: ComponentId; gain: number; sentence: string } | undefined {
  assertEvidence(e);
  const w = checkedWeights(weights);
  const raw = componentValues(e);
  const values = Object.fromEntries(componentIds.map((id) => [id, raw[id].value])) as Record<ComponentId, number | null>;
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
  return { ...best, sentence: `${IMPROVEMENT_ACTIONS[best.component]} would add ${formatPoints(best.gain)} ${plural(best.gain, 'point', 'points')}.` };
}

// ─── KPIs ───────────────────────────────────────────────────────────────────────────────────────

export type KpiOp = '<=' | '>=';
export type KpiUnit = '%' | 's' | '';
export interface KpiTarget {
  metric: string;
  op: KpiOp;
  value: number;
  unit: KpiUnit;
}

const METRIC_RE = /^[a-z][a-z0-9_]{0,39}$/;
// Operator forms people type by mistake are matched too, so they get a pointed message, not a generic one.
const TARGET_SPLIT_RE = /^([^<>=!]*?)\s*(<=|>=|=<|=>|==|!=|<|>|=)\s*(.*)$/;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TARGET_USAGE = 'use `<metric><=<value>` or `<metric>>=<value>`, e.g. `aht<=300s` or `service_level>=80%`';
const READING_USAGE = 'use `<metric>=<value>`, e.g. `aht=280s` or `service_level=82.5%`';

function unitName(unit: KpiUnit): string {
  return unit === '%' ? 'a percentage' : unit === 's' ? 'in seconds' : 'a plain number';
}

function unitHint(unit: KpiUnit): string {
  return unit === '%' ? 'as a percentage' : unit === 's' ? 'in seconds' : 'as a plain number';
}

export function formatKpiValue(value: number, unit: KpiUnit): string {
  return `${value}${unit}`;
}

export function formatKpiTarget(t: KpiTarget): string {
  return `${t.metric}${t.op}${formatKpiValue(t.value, t.unit)}`;
}

function parseMetric(name: string): string | { error: string } {
  const metric = name.toLowerCase();
  if (metric === '') return { error: 'A metric name is missing before the operator.' };
  if (!METRIC_RE.test(metric)) return { error: `${echo(name)} is not a metric name: start with a letter, then letters, digits or \`_\`, at most 40 characters.` };
  return metric;
}

function parseValue(text: string): { value: number; unit: KpiUnit } | { error: string } {
  const m = /^(.*?)\s*(%|s)?$/i.exec(text.trim());
  const numberText = m?.[1] ?? '';
  const unit = (m?.[2]?.toLowerCase() ?? '') as KpiUnit;
  if (numberText === '') return { error: 'A value is missing after the operator.' };
  if (!NUMBER_RE.test(numberText)) {
    if (/^[+-]?[\d.]+\s*[a-z]+$/i.test(text.trim())) return { error: `${echo(text.trim())} has a unit Accord does not know: use \`%\`, \`s\` for seconds (e.g. \`300s\`), or no unit.` };
    return { error: `${echo(text.trim())} is not a number.` };
  }
  const value = Number(numberText);
  if (!Number.isFinite(value)) return { error: `${echo(text.trim())} is too large.` };
  if (unit === '%' && (value < 0 || value > 100)) return { error: `${echo(text.trim())}: a percentage goes from 0 to 100.` };
  if (unit === 's' && value < 0) return { error: `${echo(text.trim())}: a time in seconds cannot be negative.` };
  return { value: Object.is(value, -0) ? 0 : value, unit };
}

/** `service_level>=80%`, `aht<=300s`, `fcr>=70`, `csat>=4.5`; the metric name is folded to lower case. */
export function parseKpiTarget(text: string): KpiTarget | { error: string } {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { error: `Give a KPI target: ${TARGET_USAGE}.` };
  const m = TARGET_SPLIT_RE.exec(trimmed);
  if (!m) return { error: `${echo(trimmed)} is not a KPI target: ${TARGET_USAGE}.` };
  const [, name = '', rawOp = '', rest = ''] = m;
  const fixed: Record<string, KpiOp> = { '=<': '<=', '=>': '>=' };
  if (fixed[rawOp]) return { error: `${echo(trimmed)} is not a KPI target: write \`${fixed[rawOp]}\`, not \`${rawOp}\`.` };
  if (rawOp !== '<=' && rawOp !== '>=') return { error: `${echo(trimmed)} is not a KPI target: the operator must be \`<=\` (at most) or \`>=\` (at least).` };
  const metric = parseMetric(name);
  if (typeof metric !== 'string') return metric;
  const value = parseValue(rest);
  if ('error' in value) return value;
  return { metric, op: rawOp, ...value };
}

/** A reading such as `aht=280s` or `service_level=82.5%`. */
export function parseKpiReading(text: string): { metric: string; value: number; unit: KpiUnit } | { error: string } {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return { error: `Give a KPI reading: ${READING_USAGE}.` };
  const m = TARGET_SPLIT_RE.exec(trimmed);
  if (!m) return { error: `${echo(trimmed)} is not a KPI reading: ${READING_USAGE}.` };
  const [, name = '', op = '', rest = ''] = m;
  if (op !== '=') return { error: `${echo(trimmed)} is not a KPI reading: a reading uses \`=\` (targets use \`<=\` or \`>=\`); ${READING_USAGE}.` };
  const metric = parseMetric(name);
  if (typeof metric !== 'string') return metric;
  const value = parseValue(rest);
  if ('error' in value) return value;
  return { metric, ...value };
}

/**
 * Whether a reading meets its target. The units must match: comparing 82 seconds with an 80%
 * target would count a meaningless number, so it is refused with a sentence instead. A reading
 * that names a different metric is refused the same way.
 */
export function kpiMet(target: KpiTarget, reading: { metric?: string; value: number; unit: KpiUnit }): boolean | { error: string } {
  if (reading.metric !== undefined && reading.metric !== target.metric) {
    return { error: `The reading is for \`${reading.metric}\` but the target is for \`${target.metric}\`.` };
  }
  if (reading.unit !== target.unit) {
    return {
      error: `The reading \`${target.metric}=${formatKpiValue(reading.value, reading.unit)}\` is ${unitName(reading.unit)}, but the target \`${formatKpiTarget(target)}\` is ${unitName(target.unit)}: record the reading ${unitHint(target.unit)}.`,
    };
  }
  return target.op === '<=' ? reading.value <= target.value : reading.value >= target.value;
}

// ─── Lifecycle ──────────────────────────────────────────────────────────────────────────────────

export type Stage = 'access' | 'growth' | 'maturity';

export type Recommendation = { kind: 'promote'; from: 'access' | 'growth'; to: 'growth' | 'maturity'; reason: string } | { kind: 'exit_review'; reason: string } | { kind: 'training'; reason: string };

export interface MonthResult {
  period: Period;
  y: number | null;
  majorViolations: number;
}

export const lifecycleRules = Object.freeze({
  growthAfterMonths: 3,
  growthMinY: 80,
  maturityAfterMonths: 6,
  maturityMinY: 85,
  exitAfterMonths: 2,
  exitBelowY: 60,
  trainingBelowY: 75,
});

/**
 * The months at the end of `history` that all pass `ok`, each the month right after the one
 * before it: a month with no data, a missing month or a failing month ends the streak.
 */
function trailingStreak(history: MonthResult[], ok: (m: MonthResult & { y: number }) => boolean): MonthResult[] {
  const streak: MonthResult[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const month = history[i] as MonthResult;
    const y = month.y;
    if (y === null || !ok({ ...month, y })) break;
    const later = streak[0];
    if (later && !samePeriod(nextPeriod(month.period), later.period)) break;
    streak.unshift(month);
  }
  return streak;
}

function streakText(months: MonthResult[]): string {
  return months.map((m) => `${formatPeriod(m.period)}: ${formatScore(m.y)}`).join(', ');
}

function assertHistory(history: MonthResult[]): void {
  for (const [i, m] of history.entries()) {
    if (m.period.kind !== 'month') throw new RangeError(`Lifecycle history is monthly; got ${formatPeriod(m.period)}.`);
    const before = history[i - 1];
    if (before && periodIndex(before.period) >= periodIndex(m.period))
      throw new RangeError(`Lifecycle history must run oldest first; ${formatPeriod(m.period)} follows ${formatPeriod(before.period)}.`);
    assertCount('majorViolations', m.majorViolations);
  }
}

/**
 * Recommendations for vendor admins after a month closes (docs/product.md §3); never applied
 * automatically. `history` is monthly, oldest first, ending with the month just closed.
 *
 * - exit review: a major violation in the month just closed (earlier ones were raised when their
 *   month closed), or Y < 60 in each of the last 2 consecutive months;
 * - training: Y < 75 in the month just closed;
 * - promotion: access → growth after 3 consecutive months with Y ≥ 80; growth → maturity after 6
 *   with Y ≥ 85 and no major violation in them. Withheld while an exit review is recommended, so
 *   admins are never told to promote and review for exit in the same breath.
 *
 * A streak still holding a month later is recommended again: the recommendation stands until an
 * admin acts on it. Listed most urgent first.
 */
export function recommendations(stage: Stage, history: MonthResult[]): Recommendation[] {
  assertHistory(history);
  const latest = history[history.length - 1];
  if (!latest) return [];
  const out: Recommendation[] = [];
  const r = lifecycleRules;

  const exitReasons: string[] = [];
  if (latest.majorViolations > 0) {
    exitReasons.push(`${latest.majorViolations === 1 ? 'a major violation' : `${latest.majorViolations} major violations`} in ${formatPeriod(latest.period)}`);
  }
  const low = trailingStreak(history, (m) => m.y < r.exitBelowY).slice(-r.exitAfterMonths);
  if (low.length === r.exitAfterMonths) exitReasons.push(`Y below ${r.exitBelowY} for ${r.exitAfterMonths} consecutive months (${streakText(low)})`);
  if (exitReasons.length > 0) {
    const reason = exitReasons.join('; and ');
    out.push({ kind: 'exit_review', reason: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` });
  }

  if (latest.y !== null && latest.y < r.trainingBelowY) {
    out.push({ kind: 'training', reason: `Y was ${formatScore(latest.y)} in ${formatPeriod(latest.period)}, below ${r.trainingBelowY}.` });
  }

  if (exitReasons.length === 0) {
    if (stage === 'access') {
      const streak = trailingStreak(history, (m) => m.y >= r.growthMinY).slice(-r.growthAfterMonths);
      if (streak.length === r.growthAfterMonths) {
        out.push({ kind: 'promote', from: 'access', to: 'growth', reason: `Y at least ${r.growthMinY} for ${r.growthAfterMonths} consecutive months (${streakText(streak)}).` });
      }
    } else if (stage === 'growth') {
      const streak = trailingStreak(history, (m) => m.y >= r.maturityMinY && m.majorViolations === 0).slice(-r.maturityAfterMonths);
      if (streak.length === r.maturityAfterMonths) {
        out.push({
          kind: 'promote',
          from: 'growth',
          to: 'maturity',
          reason: `Y at least ${r.maturityMinY} with no major violation for ${r.maturityAfterMonths} consecutive months (${streakText(streak)}).`,
        });
      }
    }
  }
  return out;
}
