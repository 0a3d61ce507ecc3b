/** The service quality coefficient in percent (docs/domain.md §2): 100 when Y ≥ 90, else Y / 90 × 100. */
export function coefficient(y: number | null): number {
  if (y === null) return 100;
  if (typeof y !== 'number' || Number.isNaN(y) || y < 0 || y > 100)
    throw new RangeError(`A score must be from 0 to 100, not ${y}.`);
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
  if (!Number.isSafeInteger(accruedCents) || accruedCents < 0)
    throw new RangeError(`Accrued commission must be a whole number of cents of at least 0, not ${accruedCents}.`);
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100)
    throw new RangeError(`A coefficient must be from 0 to 100 (percent), not ${p}.`);
  const { num, den } = coefficientFraction(p);
  const numerator = BigInt(accruedCents) * (900n * den + num);
  const denominator = 1000n * den;
  return Number((2n * numerator + denominator) / (2n * denominator));
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
