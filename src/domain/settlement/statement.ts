import { accrue, overLimit, overLimitMessage, type Accrual, type ContractTerms, type PeriodLoad } from '../money';
import { coefficient, payableCents } from './payable';

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

export function statementFigures(input: {
  accruedCents: number;
  score: number | null;
  deductionsCents: number;
  adjustmentsCents: number;
}): StatementFigures {
  const { accruedCents, score, deductionsCents, adjustmentsCents } = input;
  if (!Number.isSafeInteger(deductionsCents) || deductionsCents < 0)
    throw new RangeError(`Deductions must be whole cents of at least 0, not ${deductionsCents}.`);
  if (!Number.isSafeInteger(adjustmentsCents))
    throw new RangeError(`Adjustments must be whole cents, not ${adjustmentsCents}.`);
  const p = coefficient(score);
  const payable = payableCents(accruedCents, p);
  return {
    accruedCents,
    score,
    coefficient: p,
    payableCents: payable,
    deductionsCents,
    adjustmentsCents,
    totalCents: payable - deductionsCents + adjustmentsCents,
  };
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
  if (load.usageSeconds > BigInt(Number.MAX_SAFE_INTEGER))
    return {
      error: `its usage for ${input.period} is more seconds than Accord can count exactly. Check the usage recorded for it.`,
    };
  const over = overLimit(input.terms, load);
  if (over)
    return {
      error: `${overLimitMessage('its', input.period, currency, over)} Check the usage, rate and entries recorded for it.`,
    };
  // Within the limit, every figure is a safe integer.
  const accrual = accrue(input.terms, {
    usageSeconds: Number(load.usageSeconds),
    months: load.months,
    enteredCents: Number(load.enteredCents),
  });
  const figures = statementFigures({
    accruedCents: accrual.accruedCents,
    score: input.score,
    deductionsCents: Number(load.deductionsCents),
    adjustmentsCents: Number(load.adjustmentsCents),
  });
  return { accrual, figures };
}

/** The Y a statement was built with (kept as hundredths), or null when the period had no evidence. */
export const statementScore = (s: { scoreHundredths: number | null }) =>
  s.scoreHundredths === null ? null : s.scoreHundredths / 100;

/** Totals per currency (a network may pay partners in several), exact however many partners there are. */
export function totalsByCurrency(
  rows: ReadonlyArray<{
    statement: { currency: string; accruedCents: number; payableCents: number; totalCents: number };
  }>,
): Array<{ currency: string; accrued: bigint; payable: bigint; total: bigint }> {
  const totals = new Map<string, { currency: string; accrued: bigint; payable: bigint; total: bigint }>();
  for (const { statement: s } of rows) {
    const t = totals.get(s.currency) ?? { currency: s.currency, accrued: 0n, payable: 0n, total: 0n };
    t.accrued += BigInt(s.accruedCents);
    t.payable += BigInt(s.payableCents);
    t.total += BigInt(s.totalCents);
    totals.set(s.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
