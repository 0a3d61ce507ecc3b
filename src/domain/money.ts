import { echo as echoText } from '../messages/mrkdwn';
/**
 * Money and metered usage, exactly: amounts are integer cents (minor units) from the moment they
 * are typed, usage is integer seconds, and nothing passes through a floating-point number.
 * Division happens once, at the end of a calculation, rounding half-up to the cent.
 */

/**
 * The largest amount Accord accepts or builds: 10^12 currency units (10^14 cents). It bounds every
 * typed amount and, checked when usage, entries or a contract are recorded, each partner's accrued
 * amount, deductions and adjustments for a period (rate × usage included). A statement's figures
 * are then at most 3 × 10^14 cents, well inside Number.MAX_SAFE_INTEGER (about 9 × 10^15) and the
 * bigint columns, so every sum stays an exact integer.
 */
export const MAX_CENTS = 100_000_000_000_000;
/** The most usage one record may carry: 10 million hours. */
export const MAX_USAGE_SECONDS = 36_000_000_000;

const GROUPED = /^\d{1,3}(,\d{3})+$/;
const PLAIN = /^\d+$/;

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

/** Typed text for an error message's code span (the callers write the backticks). */
const echo = (text: string): string => echoText(text, { max: 24, cut: 'after', space: 'trim', span: false });

/**
 * Reads `1000`, `1000.5`, `1,000.50` (commas only as thousands separators) into its parts. The sign
 * may be `-` or the minus sign `−` that formatMoney writes, so an amount copied from Accord reads back.
 */
function readDecimal(text: string, what: string): Decimal | { error: string } {
  const shown = echo(text);
  const m = /^([+\-\u2212]?)([\d,]*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || text.trim() === '')
    return { error: `\`${shown}\` is not ${what}: use digits, e.g. \`1000\`, \`1000.5\` or \`1,000.50\`.` };
  const [, sign = '', whole = '', fraction] = m;
  if (whole === '') return { error: `\`${shown}\` is not ${what}: put a digit before the point, e.g. \`0.50\`.` };
  if (!PLAIN.test(whole) && !GROUPED.test(whole))
    return { error: `\`${shown}\` is not ${what}: commas separate thousands only, e.g. \`1,000.50\`.` };
  if (fraction === '')
    return { error: `\`${shown}\` is not ${what}: give digits after the point, or leave the point out.` };
  return { negative: sign === '-' || sign === '\u2212', whole: whole.replace(/,/g, ''), fraction: fraction ?? '' };
}

/**
 * An amount of money in cents. Negative amounts only with `allowNegative` (adjustments can take
 * money back); more than two decimals is refused rather than rounded, because a typed amount is
 * what the person means to the cent.
 */
export function parseMoney(
  text: string,
  options: { allowNegative?: boolean } = {},
): { cents: number } | { error: string } {
  const d = readDecimal(text, 'an amount');
  if ('error' in d) return d;
  const shown = echo(text);
  if (d.negative && !options.allowNegative) return { error: `\`${shown}\` is negative; give an amount of at least 0.` };
  if (d.fraction.length > 2) return { error: `\`${shown}\` has more than two decimals; amounts are kept to the cent.` };
  const cents = BigInt(d.whole) * 100n + BigInt(d.fraction.padEnd(2, '0'));
  if (cents > BigInt(MAX_CENTS))
    return { error: `\`${shown}\` is more than Accord can settle (at most ${formatMoney(MAX_CENTS)}).` };
  const value = Number(cents);
  return { cents: d.negative && value !== 0 ? -value : value };
}

/** `1234567` → `12,345.67`; negative amounts keep a leading minus. Exact for bigint amounts too. */
export function formatMoney(cents: number | bigint): string {
  const plain = formatMoneyPlain(cents);
  const negative = plain.startsWith('-');
  const [whole = '', fraction = ''] = plain.replace('-', '').split('.');
  return `${negative ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** `1234567` → `12345.67`, `-5` → `-0.05`: the machine-readable form, for CSV. */
export function formatMoneyPlain(cents: number | bigint): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents))
    throw new RangeError(`An amount must be a whole number of cents, not ${cents}.`);
  const value = BigInt(cents);
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * ISO 4217 codes whose minor unit is not the cent (JPY has none, KWD has thousandths). Accord keeps
 * every amount in hundredths, so these are refused instead of being silently mis-scaled.
 */
const NOT_CENT_CURRENCIES = new Set([
  'BHD',
  'BIF',
  'CLF',
  'CLP',
  'DJF',
  'GNF',
  'IQD',
  'ISK',
  'JOD',
  'JPY',
  'KMF',
  'KRW',
  'KWD',
  'LYD',
  'OMR',
  'PYG',
  'RWF',
  'TND',
  'UGX',
  'UYI',
  'UYW',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

export function parseCurrency(text: string): { currency: string } | { error: string } {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    return {
      error: `\`${echo(text.slice(0, 12))}\` is not a currency: give its three-letter ISO code, e.g. \`USD\` or \`EUR\`.`,
    };
  if (NOT_CENT_CURRENCIES.has(code))
    return {
      error: `${code} is not divided into cents; Accord keeps amounts in hundredths, so it settles in currencies such as USD, EUR or GBP.`,
    };
  return { currency: code };
}

export const usageUnits = { minutes: 60, hours: 3600 } as const;
export type UsageUnit = keyof typeof usageUnits;

/** `minutes=1,234.5` or `hours=12.25` as whole seconds; a quantity finer than a second is refused. */
export function parseUsage(unit: UsageUnit, text: string): { seconds: number } | { error: string } {
  const d = readDecimal(text, `a number of ${unit}`);
  if ('error' in d) return d;
  const shown = echo(text);
  if (d.negative)
    return {
      error: `\`${shown}\` ${unit} is negative; usage cannot be taken back this way (record an adjustment instead).`,
    };
  const scale = 10n ** BigInt(d.fraction.length);
  const numerator = (BigInt(d.whole) * scale + BigInt(d.fraction || '0')) * BigInt(usageUnits[unit]);
  if (numerator % scale !== 0n)
    return { error: `\`${shown}\` ${unit} is not a whole number of seconds; give fewer decimals.` };
  const seconds = numerator / scale;
  if (seconds === 0n) return { error: `Give more than 0 ${unit}.` };
  if (seconds > BigInt(MAX_USAGE_SECONDS))
    return { error: `\`${shown}\` ${unit} is more than one record can hold (at most 10,000,000 hours).` };
  return { seconds: Number(seconds) };
}

/** Seconds as the person thinks of them: `1,234.5 min` / `12.25 h` style, exact. */
export function formatUsage(seconds: number, unit: UsageUnit): string {
  const per = usageUnits[unit];
  const whole = Math.floor(seconds / per);
  const rest = seconds % per;
  let fraction = '';
  if (rest !== 0) {
    // A remainder of whole seconds over 60 or 3600 ends within 6 decimals only sometimes; show 4.
    fraction = (rest / per).toFixed(4).slice(1).replace(/0+$/, '');
  }
  return `${whole.toLocaleString('en-US')}${fraction} ${unit === 'minutes' ? 'min' : 'h'}`;
}

/** a × b / c rounded half-up, for non-negative integers, computed exactly. */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  if (![a, b, c].every((n) => Number.isSafeInteger(n) && n >= 0) || c === 0)
    throw new RangeError(`mulDivHalfUp needs non-negative whole numbers and a divisor above 0, not ${a}, ${b}, ${c}.`);
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const result = (2n * num + den) / (2n * den);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${a} × ${b} / ${c} is too large to keep exact.`);
  return Number(result);
}

/**
 * Pricing models (docs/domain.md §5): commission amounts are entered or imported; per-minute and
 * per-hour usage is metered; a monthly fee is flat per calendar month; hourly + commission adds an
 * entered commission to metered hours.
 */
export const pricingModels = ['commission', 'per_minute', 'per_hour', 'monthly', 'hourly_plus_commission'] as const;
export type PricingModel = (typeof pricingModels)[number];

export const pricingModelLabels: Readonly<Record<PricingModel, string>> = {
  commission: 'commission',
  per_minute: 'per minute',
  per_hour: 'per hour',
  monthly: 'monthly fee',
  hourly_plus_commission: 'hourly + commission',
};

/** Which rate a model needs: `rate=` per minute or per hour, `fee=` per month, none for commission. */
export function rateOf(model: PricingModel): 'rate' | 'fee' | undefined {
  if (model === 'monthly') return 'fee';
  if (model === 'commission') return undefined;
  return 'rate';
}

/** Whether the model's accrued amount includes an entered (or imported) commission. */
export const takesEnteredCommission = (model: PricingModel) =>
  model === 'commission' || model === 'hourly_plus_commission';

export interface ContractTerms {
  model: PricingModel;
  /** Cents per minute (per_minute) or per hour (per_hour, hourly_plus_commission). */
  rateCents: number | null;
  /** Cents per calendar month (monthly). */
  feeCents: number | null;
}

export interface AccrualInput {
  /** Metered usage in the period. */
  usageSeconds: number;
  /** Calendar months in the period (1 for a month, 3 for a quarter). */
  months: number;
  /** Commission entered for the period, if any. */
  enteredCents: number;
}

export interface Accrual {
  accruedCents: number;
  /** How the amount was reached, for the statement. */
  basis: string;
}

/** s × r / per, half-up, exact: the metered part of an accrual. */
const meteredExact = (seconds: bigint, rate: bigint, per: bigint) => (2n * seconds * rate + per) / (2n * per);

/**
 * The accrued amount exactly, as a bigint that cannot overflow, for checking against MAX_CENTS
 * before anything is built from it. Same rules and rounding as `accrue`.
 */
export function accruedCentsExact(
  terms: ContractTerms,
  input: { usageSeconds: number | bigint; months: number; enteredCents: number | bigint },
): bigint {
  const seconds = BigInt(input.usageSeconds);
  const rate = BigInt(terms.rateCents ?? 0);
  const entered = BigInt(input.enteredCents);
  switch (terms.model) {
    case 'commission':
      return entered;
    case 'per_minute':
      return meteredExact(seconds, rate, 60n);
    case 'per_hour':
      return meteredExact(seconds, rate, 3600n);
    case 'monthly':
      return BigInt(terms.feeCents ?? 0) * BigInt(input.months);
    case 'hourly_plus_commission':
      return meteredExact(seconds, rate, 3600n) + entered;
  }
}

/** The amount accrued in a period under a contract; the metered part is rounded half-up once. */
export function accrue(terms: ContractTerms, input: AccrualInput): Accrual {
  const { usageSeconds, months, enteredCents } = input;
  const metered = (perSeconds: number, label: string) => {
    const rate = terms.rateCents ?? 0;
    return {
      cents: mulDivHalfUp(usageSeconds, rate, perSeconds),
      basis: `${formatUsage(usageSeconds, perSeconds === 60 ? 'minutes' : 'hours')} × ${formatMoney(rate)} ${label}`,
    };
  };
  switch (terms.model) {
    case 'commission':
      return { accruedCents: enteredCents, basis: `commission entered: ${formatMoney(enteredCents)}` };
    case 'per_minute': {
      const m = metered(60, 'per minute');
      return { accruedCents: m.cents, basis: m.basis };
    }
    case 'per_hour': {
      const m = metered(3600, 'per hour');
      return { accruedCents: m.cents, basis: m.basis };
    }
    case 'monthly': {
      const fee = terms.feeCents ?? 0;
      return { accruedCents: fee * months, basis: `${months} month${months === 1 ? '' : 's'} × ${formatMoney(fee)}` };
    }
    case 'hourly_plus_commission': {
      const m = metered(3600, 'per hour');
      return { accruedCents: m.cents + enteredCents, basis: `${m.basis} + commission ${formatMoney(enteredCents)}` };
    }
  }
}

/** What one statement (a partner's month or quarter) would be built from, in exact cents. */
export interface PeriodLoad {
  usageSeconds: bigint;
  enteredCents: bigint;
  deductionsCents: bigint;
  adjustmentsCents: bigint;
  /** Calendar months in the period (1 or 3). */
  months: number;
}

export const emptyLoad = (months: number): PeriodLoad => ({
  usageSeconds: 0n,
  enteredCents: 0n,
  deductionsCents: 0n,
  adjustmentsCents: 0n,
  months,
});

export type OverLimit = { what: 'accrued' | 'deductions' | 'adjustments'; cents: bigint };

const abs = (n: bigint) => (n < 0n ? -n : n);

/** The first of a period's amounts that would be beyond MAX_CENTS, if any. */
export function overLimit(terms: ContractTerms, load: PeriodLoad): OverLimit | undefined {
  const max = BigInt(MAX_CENTS);
  const accrued = accruedCentsExact(terms, load);
  if (accrued > max) return { what: 'accrued', cents: accrued };
  if (load.deductionsCents > max) return { what: 'deductions', cents: load.deductionsCents };
  if (abs(load.adjustmentsCents) > max) return { what: 'adjustments', cents: load.adjustmentsCents };
  return undefined;
}

const overLimitLabels: Readonly<Record<OverLimit['what'], string>> = {
  accrued: 'accrued amount',
  deductions: 'deductions',
  adjustments: 'adjustments',
};

/**
 * Why an amount is refused: "`acme`'s accrued amount for 2026-Q1 would be USD 1,500,000,000,000.00,
 * more than…" (`whose` is "`acme`'s" or "its"). The period named is the largest statement that could hold it.
 */
export function overLimitMessage(whose: string, period: string, currency: string, over: OverLimit): string {
  const verb = over.what === 'accrued' ? 'would be' : 'would add up to';
  return `${whose} ${overLimitLabels[over.what]} for ${period} ${verb} ${currency} ${formatMoney(over.cents)}, more than Accord can settle in one statement (at most ${formatMoney(MAX_CENTS)} per partner and period).`;
}
