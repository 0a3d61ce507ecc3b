/**
 * "Did you mean …" for mistyped names: the closest of a few known names, when it is close enough
 * to be the one meant. Pure; case-insensitive; runs of whitespace count as one space.
 */

/** Longer text is not a typo of a name, and comparing it would cost time for nothing. */
const MAX_LENGTH = 100;

const normalise = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`, or `limit + 1` as
 * soon as it is certain to be more than `limit` (optimal string alignment distance).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let previousMin = 0;
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    // A swap reaches back two rows, so only two rows past the limit settle it.
    if (rowMin > limit && previousMin >= limit) return limit + 1;
    previousMin = rowMin;
    before = previous;
    previous = current;
  }
  const distance = previous[t.length] ?? 0;
  return distance > limit ? limit + 1 : distance;
}

/** How many edits still count as a typo of a name this long: 1 up to 5 characters, then a third. */
export function typoAllowance(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/** How far `typed` is from `name` when it reads as a typo of it; undefined when too far, or equal. */
export function typoDistance(typed: string, name: string): number | undefined {
  const wanted = normalise(typed);
  if (wanted === '' || wanted.length > MAX_LENGTH) return undefined;
  const limit = typoAllowance(Array.from(wanted).length);
  const distance = editDistance(wanted, normalise(name), limit);
  return distance === 0 || distance > limit ? undefined : distance;
}

/**
 * The candidate closest to `typed`, or undefined when none is within the typo allowance (or
 * `typed` matches one exactly, which is no typo). On a tie the earlier candidate wins.
 */
export function closest(typed: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    if (normalise(name) === normalise(typed)) return undefined;
    const distance = typoDistance(typed, name);
    if (distance !== undefined && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
