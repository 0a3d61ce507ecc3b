import { echo } from '../messages/mrkdwn';
import { accrue, formatMoneyPlain, overLimit, overLimitMessage, type Accrual, type ContractTerms, type PeriodLoad } from './money';
import { coefficient, payableCents, type Period } from './score';

type Month = Extract<Period, { kind: 'month' }>;

/** The calendar months a settlement period is made of (usage and entries are kept by month). */
export function monthsOf(p: Period): Month[] {
  if (p.kind === 'month') return [p];
  const first = (p.quarter - 1) * 3 + 1;
  return [0, 1, 2].map((i) => ({ kind: 'month', year: p.year, month: first + i }));
}

/** The periods a month's usage or entry can be settled in: the month itself and its quarter. */
export function periodsHolding(m: Month): [Month, Period] {
  return [m, { kind: 'quarter', year: m.year, quarter: Math.ceil(m.month / 3) }];
}

/**
 * A statement line (docs/domain.md §2, seed 001): the accrued amount, the period's quality score Y and
 * coefficient P, what is payable after the 10% quality holdback
 * (`accrued × 90% + accrued × 10% × P`, half-up to the cent once), deductions, adjustments, and
 * the total `payable − deductions + adjustments` (exact; it may be negative when deductions exceed
 * what is payable, meaning the partner owes the difference).
 */
export interface StatementFigures {
  accruedCents: number;
  /** Y with two decimals, or null when the period has no evidence (nothing is held back). */
  score: number | null;
  coefficient: number;
  payableCents: number;
  deductionsCents: number;
  adjustmentsCents: number;
  totalCents: number;
}

export function statementFigures(input: { accruedCents: number; score: number | null; deductionsCents: number; adjustmentsCents: number }): StatementFigures {
  const { accruedCents, score, deductionsCents, adjustmentsCents } = input;
  if (!Number.isSafeInteger(deductionsCents) || deductionsCents < 0) throw new RangeError(`Deductions must be whole cents of at least 0, not ${deductionsCents}.`);
  if (!Number.isSafeInteger(adjustmentsCents)) throw new RangeError(`Adjustments must be whole cents, not ${adjustmentsCents}.`);
  const p = coefficient(score);
  const payable = payableCents(accruedCents, p);
  return { accruedCents, score, coefficient: p, payableCents: payable, deductionsCents, adjustmentsCents, totalCents: payable - deductionsCents + adjustmentsCents };
}

/**
 * One partner's statement for a period, or why it cannot be built: amounts in another currency
 * than its contract's (Accord never adds two currencies), or a figure beyond MAX_CENTS (entries
 * recorded before the limit was checked). Settling lists such a partner with its error and builds
 * the others.
 */
export function buildStatement(input: {
  partner: string;
  period: string;
  terms: ContractTerms;
  currency: string;
  load: PeriodLoad;
  /** The currencies of the period's deductions, adjustments and entered commission. */
  entryCurrencies: ReadonlySet<string>;
  score: number | null;
}): { accrual: Accrual; figures: StatementFigures } | { error: string } {
  const { load, currency } = input;
  const foreign = [...input.entryCurrencies].filter((c) => c !== currency).sort();
  if (foreign.length > 0) {
    return {
      error: `its deductions, adjustments or entered commission for ${input.period} include amounts in ${foreign.join(', ')}, but its contract is in ${currency}, and Accord never adds up two currencies. Set the contract to ${foreign[0]} with \`/accord contract set ${input.partner} … currency=${foreign[0]}\` to settle them.`,
    };
  }
  if (load.usageSeconds > BigInt(Number.MAX_SAFE_INTEGER)) return { error: `its usage for ${input.period} is more seconds than Accord can count exactly. Check the usage recorded for it.` };
  const over = overLimit(input.terms, load);
  if (over) return { error: `${overLimitMessage('its', input.period, currency, over)} Check the usage, rate and entries recorded for it.` };
  // Within the limit, every figure is a safe integer.
  const accrual = accrue(input.terms, { usageSeconds: Number(load.usageSeconds), months: load.months, enteredCents: Number(load.enteredCents) });
  const figures = statementFigures({ accruedCents: accrual.accruedCents, score: input.score, deductionsCents: Number(load.deductionsCents), adjustmentsCents: Number(load.adjustmentsCents) });
  return { accrual, figures };
}

/**
 * What a change to an already approved (frozen) period is worth now: the payable amount the
 * frozen coefficient gives the new accrued amount, minus what was approved. Taking the difference
 * of two rounded amounts (not rounding a difference) keeps the carried adjustment equal to what
 * the statement would have said had the change arrived in time.
 */
export function payableDelta(frozen: { accruedCents: number; coefficient: number }, newAccruedCents: number): number {
  return payableCents(newAccruedCents, frozen.coefficient) - payableCents(frozen.accruedCents, frozen.coefficient);
}

export const STATEMENT_CSV_COLUMNS = ['partner', 'period', 'score', 'coefficient', 'accrued', 'payable', 'deductions', 'adjustments', 'total'] as const;

export interface StatementCsvRow extends StatementFigures {
  partner: string;
  period: string;
}

/** RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Y and P with two decimals (P in percent, e.g. `99.99`); an empty score means no evidence. */
export const formatScoreCsv = (y: number | null) => (y === null ? '' : y.toFixed(2));
export const formatCoefficientCsv = (p: number) => p.toFixed(2);

/**
 * The statement table as CSV: the columns docs/product.md names, money in major units with two
 * decimals and no thousands separators, one line per partner, CRLF line ends.
 */
export function statementCsv(rows: readonly StatementCsvRow[]): string {
  const lines = [STATEMENT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.partner,
        r.period,
        formatScoreCsv(r.score),
        formatCoefficientCsv(r.coefficient),
        formatMoneyPlain(r.accruedCents),
        formatMoneyPlain(r.payableCents),
        formatMoneyPlain(r.deductionsCents),
        formatMoneyPlain(r.adjustmentsCents),
        formatMoneyPlain(r.totalCents),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * `accrued=acme:1,000.50,globex:200`: commas both separate entries and group thousands, so a new
 * entry starts only at a comma followed by `<slug>:`. Amounts are parsed by the caller.
 */
export function splitAccruedList(text: string): Array<{ partner: string; amount: string }> | { error: string } {
  const parts = text.split(/,(?=\s*[^,:\s]+\s*:)/);
  const entries: Array<{ partner: string; amount: string }> = [];
  for (const part of parts) {
    const m = /^\s*([^:\s]+)\s*:\s*(\S.*?)\s*$/.exec(part);
    if (!m?.[1] || !m[2]) return { error: `${echo(part.trim())} is not \`<partner>:<amount>\`; write e.g. \`accrued=acme:1,000.50,globex:200\`.` };
    entries.push({ partner: m[1].toLowerCase(), amount: m[2] });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.partner)) return { error: `${echo(e.partner)} is given twice in \`accrued=\`; give each partner once.` };
    seen.add(e.partner);
  }
  return entries;
}
