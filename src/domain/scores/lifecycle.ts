import { formatPeriod, nextPeriod, periodIndex, samePeriod, type Period } from '../period';
import { assertCount, formatScore } from './score';

export type Stage = 'access' | 'growth' | 'maturity';

export type Recommendation =
  | { kind: 'promote'; from: 'access' | 'growth'; to: 'growth' | 'maturity'; reason: string }
  | { kind: 'exit_review'; reason: string }
  | { kind: 'training'; reason: string };

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
      throw new RangeError(
        `Lifecycle history must run oldest first; ${formatPeriod(m.period)} follows ${formatPeriod(before.period)}.`,
      );
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
    exitReasons.push(
      `${latest.majorViolations === 1 ? 'a major violation' : `${latest.majorViolations} major violations`} in ${formatPeriod(latest.period)}`,
    );
  }
  const low = trailingStreak(history, (m) => m.y < r.exitBelowY).slice(-r.exitAfterMonths);
  if (low.length === r.exitAfterMonths)
    exitReasons.push(`Y below ${r.exitBelowY} for ${r.exitAfterMonths} consecutive months (${streakText(low)})`);
  if (exitReasons.length > 0) {
    const reason = exitReasons.join('; and ');
    out.push({ kind: 'exit_review', reason: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` });
  }

  if (latest.y !== null && latest.y < r.trainingBelowY) {
    out.push({
      kind: 'training',
      reason: `Y was ${formatScore(latest.y)} in ${formatPeriod(latest.period)}, below ${r.trainingBelowY}.`,
    });
  }

  if (exitReasons.length === 0) {
    if (stage === 'access') {
      const streak = trailingStreak(history, (m) => m.y >= r.growthMinY).slice(-r.growthAfterMonths);
      if (streak.length === r.growthAfterMonths) {
        out.push({
          kind: 'promote',
          from: 'access',
          to: 'growth',
          reason: `Y at least ${r.growthMinY} for ${r.growthAfterMonths} consecutive months (${streakText(streak)}).`,
        });
      }
    } else if (stage === 'growth') {
      const streak = trailingStreak(history, (m) => m.y >= r.maturityMinY && m.majorViolations === 0).slice(
        -r.maturityAfterMonths,
      );
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
