import { echo } from '../../messages/mrkdwn';

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
  if (!METRIC_RE.test(metric))
    return {
      error: `${echo(name)} is not a metric name: start with a letter, then letters, digits or \`_\`, at most 40 characters.`,
    };
  return metric;
}

function parseValue(text: string): { value: number; unit: KpiUnit } | { error: string } {
  const m = /^(.*?)\s*(%|s)?$/i.exec(text.trim());
  const numberText = m?.[1] ?? '';
  const unit = (m?.[2]?.toLowerCase() ?? '') as KpiUnit;
  if (numberText === '') return { error: 'A value is missing after the operator.' };
  if (!NUMBER_RE.test(numberText)) {
    if (/^[+-]?[\d.]+\s*[a-z]+$/i.test(text.trim()))
      return {
        error: `${echo(text.trim())} has a unit Accord does not know: use \`%\`, \`s\` for seconds (e.g. \`300s\`), or no unit.`,
      };
    return { error: `${echo(text.trim())} is not a number.` };
  }
  const value = Number(numberText);
  if (!Number.isFinite(value)) return { error: `${echo(text.trim())} is too large.` };
  if (unit === '%' && (value < 0 || value > 100))
    return { error: `${echo(text.trim())}: a percentage goes from 0 to 100.` };
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
  if (fixed[rawOp])
    return { error: `${echo(trimmed)} is not a KPI target: write \`${fixed[rawOp]}\`, not \`${rawOp}\`.` };
  if (rawOp !== '<=' && rawOp !== '>=')
    return {
      error: `${echo(trimmed)} is not a KPI target: the operator must be \`<=\` (at most) or \`>=\` (at least).`,
    };
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
  if (op !== '=')
    return {
      error: `${echo(trimmed)} is not a KPI reading: a reading uses \`=\` (targets use \`<=\` or \`>=\`); ${READING_USAGE}.`,
    };
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
export function kpiMet(
  target: KpiTarget,
  reading: { metric?: string; value: number; unit: KpiUnit },
): boolean | { error: string } {
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
