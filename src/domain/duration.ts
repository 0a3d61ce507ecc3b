const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

// Largest unit first: both the parser's ordering rule and the formatter rely on this order.
const UNITS: ReadonlyArray<readonly [suffix: string, ms: number]> = [
  ['w', WEEK],
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
];

const DURATION_RE = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;

// Anything longer cannot be a sensible duration, and the cap keeps the regex work trivially small.
const MAX_INPUT_LENGTH = 64;

/**
 * Milliseconds for `30s`, `15m`, `4h`, `2d`, `1w`, `1h30m`, … or undefined when the text is not a
 * duration. Every unit given must be a positive integer, at most once, largest unit first.
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text === '' || text.length > MAX_INPUT_LENGTH) return undefined;
  const match = DURATION_RE.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const [index, [, unitMs]] of UNITS.entries()) {
    const digits = match[index + 1];
    if (digits === undefined) continue;
    const amount = Number(digits);
    if (amount <= 0) return undefined;
    total += amount * unitMs;
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/**
 * Inverse of parseDuration: 5400000 -> `1h30m`. Sub-second remainders are dropped; zero, negative
 * and non-finite values all render as `0s` so callers never have to guard before displaying.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < SECOND) return '0s';
  let remaining = Math.floor(ms / SECOND) * SECOND;
  let out = '';
  for (const [suffix, unitMs] of UNITS) {
    const amount = Math.floor(remaining / unitMs);
    if (amount > 0) {
      out += `${amount}${suffix}`;
      remaining -= amount * unitMs;
    }
  }
  return out;
}
