import { splitList } from '../args/split-list';
import { echoToken, type Token } from '../args/token';
import { formatDuration } from '../duration';
import { addWorkingTime, workingTimeBetween } from '../working-time';
import { isSeverity, type Severity } from './state';

export type Hours = '24x7' | 'business';
export const hoursValues: readonly Hours[] = ['24x7', 'business'];

export type LevelSpec =
  | { kind: 'lead' }
  | { kind: 'accountable' }
  | { kind: 'owner' }
  | { kind: 'admins' }
  | { kind: 'user'; userId: string };

export interface SlaPolicy {
  ackMs: number;
  resolveMs: number;
  levels: LevelSpec[];
  stepMs: number;
  repeat: number;
  hours: Hours;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const MIN_STEP_MS = MINUTE;
// Longer than a month cannot be an SLA anyone is held to, and it keeps timers in a sane range.
export const MAX_DURATION_MS = 30 * DAY;
export const MAX_LEVELS = 10;
export const MAX_REPEAT = 10;

const levelKeywords = ['lead', 'accountable', 'owner', 'admins'] as const;
type LevelKeyword = (typeof levelKeywords)[number];

function defaultPolicy(ackMs: number, resolveMs: number): SlaPolicy {
  const levels: LevelSpec[] = [{ kind: 'lead' }, { kind: 'owner' }, { kind: 'admins' }];
  for (const level of levels) Object.freeze(level);
  Object.freeze(levels);
  return Object.freeze({ ackMs, resolveMs, levels, stepMs: ackMs, repeat: 2, hours: '24x7' as const });
}

/** docs/product.md §3 defaults; frozen because every effective policy starts from them. */
export const defaultPolicies: Readonly<Record<Severity, SlaPolicy>> = Object.freeze({
  sev1: defaultPolicy(15 * MINUTE, 4 * HOUR),
  sev2: defaultPolicy(HOUR, DAY),
  sev3: defaultPolicy(4 * HOUR, 3 * DAY),
  sev4: defaultPolicy(DAY, 10 * DAY),
});

/** Partial override as stored per partner or project; later layers win field by field. */
export type SlaOverride = Partial<SlaPolicy>;

function copyLevel(level: LevelSpec): LevelSpec {
  return level.kind === 'user' ? { kind: 'user', userId: level.userId } : { kind: level.kind };
}

/**
 * Defaults, then each layer in order (e.g. partner, then project). An ack given without a step also
 * sets the step, because "step = ack time" is the documented default and a layer that shortens the
 * ack would otherwise keep a step from a slower layer. The result shares nothing with the inputs.
 */
export function effectivePolicy(severity: Severity, ...layers: Array<SlaOverride | undefined>): SlaPolicy {
  const base = defaultPolicies[severity];
  if (!isSeverity(severity) || base === undefined) throw new RangeError(`Unknown severity: ${String(severity)}`);
  const out: SlaPolicy = { ...base, levels: base.levels.map(copyLevel) };
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (layer.ackMs !== undefined) {
      out.ackMs = layer.ackMs;
      if (layer.stepMs === undefined) out.stepMs = layer.ackMs;
    }
    if (layer.stepMs !== undefined) out.stepMs = layer.stepMs;
    if (layer.resolveMs !== undefined) out.resolveMs = layer.resolveMs;
    if (layer.levels !== undefined) out.levels = layer.levels.map(copyLevel);
    if (layer.repeat !== undefined) out.repeat = layer.repeat;
    if (layer.hours !== undefined) out.hours = layer.hours;
  }
  return out;
}

const LEVEL_CHOICES = '`lead`, `accountable`, `owner`, `admins` or @someone';

function isLevelKeyword(text: string): text is LevelKeyword {
  return (levelKeywords as readonly string[]).includes(text);
}

/** The keyword a near miss such as `admin` or `leads` was probably meant to be. */
function suggestKeyword(lower: string): LevelKeyword | undefined {
  return levelKeywords.find((k) => k === `${lower}s` || `${k}s` === lower);
}

function parseLevel(token: Token): LevelSpec | { error: string } {
  if (token.kind === 'user') return { kind: 'user', userId: token.id };
  if (token.kind === 'word' || token.kind === 'quoted') {
    const lower = token.value.trim().toLowerCase();
    if (isLevelKeyword(lower)) return { kind: lower };
    const suggestion = suggestKeyword(lower);
    if (suggestion !== undefined)
      return { error: `${echoToken(token)} is not a level: did you mean \`${suggestion}\`?` };
  }
  if (token.kind === 'usergroup') {
    return {
      error: `${echoToken(token)} is a user group: name people one by one, or use \`lead\`, \`accountable\`, \`owner\` or \`admins\`.`,
    };
  }
  return { error: `${echoToken(token)} is not a level: use ${LEVEL_CHOICES}.` };
}

function levelKey(level: LevelSpec): string {
  return level.kind === 'user' ? `user:${level.userId}` : level.kind;
}

/** A level as named in an error message or a policy summary. */
function levelName(level: LevelSpec): string {
  return level.kind === 'user' ? `<@${level.userId}>` : level.kind;
}

/** Count and duplicate problems, shared by parseLevels and validatePolicy. */
function levelListProblems(levels: readonly LevelSpec[]): string[] {
  const problems: string[] = [];
  if (levels.length === 0) problems.push(`Name at least one level: ${LEVEL_CHOICES}, separated by commas.`);
  if (levels.length > MAX_LEVELS) problems.push(`Give at most ${MAX_LEVELS} levels; that list has ${levels.length}.`);
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const level of levels) {
    const key = levelKey(level);
    if (seen.has(key) && !reported.has(key)) {
      const name = level.kind === 'user' ? levelName(level) : `\`${level.kind}\``;
      problems.push(`${name} is listed more than once: each level may appear only once.`);
      reported.add(key);
    }
    seen.add(key);
  }
  return problems;
}

/**
 * Reads a `levels=` value. Duplicates are refused rather than dropped, because the position of each
 * level decides when it is called and silently dropping one would change that. Every problem is
 * reported at once.
 */
export function parseLevels(token: Token): LevelSpec[] | { error: string } {
  const items = token.kind === 'word' || token.kind === 'quoted' ? splitList(token.value) : [token];
  const levels: LevelSpec[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const level = parseLevel(item);
    if ('error' in level) problems.push(level.error);
    else levels.push(level);
  }
  if (problems.length === 0 || levels.length > 0) problems.push(...levelListProblems(levels));
  return problems.length > 0 ? { error: problems.join('\n') } : levels;
}

function isDurationWithin(ms: number): boolean {
  return ms <= MAX_DURATION_MS;
}

/** Checks a merged policy for `/accord sla set`; every problem in one message, one per line. */
export function validatePolicy(p: SlaPolicy): { ok: true } | { ok: false; error: string } {
  const problems: string[] = [];
  const ackOk = Number.isFinite(p.ackMs) && p.ackMs > 0;
  if (!ackOk) problems.push('The ack time must be longer than zero.');
  else if (!isDurationWithin(p.ackMs))
    problems.push(`The ack time can be at most 30 days; ${formatDuration(p.ackMs)} is longer.`);

  if (!(Number.isFinite(p.resolveMs) && p.resolveMs > 0)) {
    problems.push('The resolve time must be longer than zero.');
  } else {
    if (ackOk && p.resolveMs <= p.ackMs) {
      problems.push(
        `The resolve time (${formatDuration(p.resolveMs)}) must be longer than the ack time (${formatDuration(p.ackMs)}).`,
      );
    }
    if (!isDurationWithin(p.resolveMs))
      problems.push(`The resolve time can be at most 30 days; ${formatDuration(p.resolveMs)} is longer.`);
  }

  if (!(Number.isFinite(p.stepMs) && p.stepMs >= MIN_STEP_MS)) {
    // The step is often implicit, so say where a too-short one came from.
    const origin = p.stepMs === p.ackMs ? ' (without step=, the step is the ack time)' : '';
    problems.push(`The step must be at least 1m; it is ${formatDuration(p.stepMs)}${origin}.`);
  } else if (!isDurationWithin(p.stepMs)) {
    problems.push(`The step can be at most 30 days; ${formatDuration(p.stepMs)} is longer.`);
  }

  if (!(Number.isInteger(p.repeat) && p.repeat >= 1 && p.repeat <= MAX_REPEAT)) {
    problems.push(`Repeat must be a whole number from 1 to ${MAX_REPEAT}; it is ${String(p.repeat)}.`);
  }
  if (!Array.isArray(p.levels)) problems.push(`Name at least one level: ${LEVEL_CHOICES}, separated by commas.`);
  else problems.push(...levelListProblems(p.levels));
  if (!hoursValues.includes(p.hours)) problems.push('Hours must be `24x7` or `business`.');
  return problems.length === 0 ? { ok: true } : { ok: false, error: problems.join('\n') };
}

/**
 * Position k of the ack-escalation ladder; levelIndex is 0-based into policy.levels and round is
 * 1-based. Offsets are in working time (business hours are applied by the caller).
 */
export function ackLadderStep(
  policy: SlaPolicy,
  k: number,
): { levelIndex: number; round: number; offsetMs: number } | undefined {
  const L = policy.levels.length;
  if (!Number.isInteger(k) || k < 0 || L === 0 || k >= L * policy.repeat) return undefined;
  return {
    levelIndex: k % L,
    round: Math.floor(k / L) + 1,
    offsetMs: k === 0 ? 0 : policy.ackMs + (k - 1) * policy.stepMs,
  };
}

/**
 * Step j of the re-escalation after a resolve breach, offset from the breach. Level 1 was already
 * called at opening, so the walk starts at level 2; with a single level that level is reminded once.
 */
export function breachLadderStep(policy: SlaPolicy, j: number): { levelIndex: number; offsetMs: number } | undefined {
  const L = policy.levels.length;
  if (!Number.isInteger(j) || j < 0 || L === 0) return undefined;
  if (L === 1) return j === 0 ? { levelIndex: 0, offsetMs: 0 } : undefined;
  if (j > L - 2) return undefined;
  return { levelIndex: j + 1, offsetMs: j * policy.stepMs };
}

/** 75% of a duration, rounded down to the second, so warnings line up with whole-second timers. */
export function warningOffset(durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return 0;
  return Math.floor((durationMs * 3) / 4 / SECOND) * SECOND;
}

/** When a deadline of `durationMs` (working time in business hours) counted from `from` falls. */
export function slaDeadline(from: Date, durationMs: number, hours: Hours, tz: string): Date {
  return addWorkingTime(from, durationMs, hours, tz);
}

/**
 * The acknowledgement and resolution deadlines of an escalation opened at `openedAt` under its
 * frozen `policy`, in the project's zone: the instants the scores compare against. Both count from
 * the opening, also after an upgrade (whose timers start over, but whose scores never did).
 */
export function escalationDeadlines(
  openedAt: Date,
  policy: Pick<SlaPolicy, 'ackMs' | 'resolveMs' | 'hours'>,
  tz: string,
): { ackDeadline: Date; resolveDeadline: Date } {
  return {
    ackDeadline: slaDeadline(openedAt, policy.ackMs, policy.hours, tz),
    resolveDeadline: slaDeadline(openedAt, policy.resolveMs, policy.hours, tz),
  };
}

export interface SlaMiss {
  deadline: Date;
  durationMs: number;
  hours: Hours;
  /** How long after the deadline it was done: working time in business hours (0 when done outside them). */
  lateMs: number;
}

/**
 * The deadline missed by something done at `doneAt`, or undefined when it was in time. The same
 * rule the scores apply (done after the deadline of the frozen policy, working time in business
 * hours), so a notice saying "late" and the score never disagree.
 */
export function slaMiss(
  openedAt: Date,
  doneAt: Date,
  durationMs: number,
  hours: Hours,
  tz: string,
): SlaMiss | undefined {
  const deadline = slaDeadline(openedAt, durationMs, hours, tz);
  if (doneAt.getTime() <= deadline.getTime()) return undefined;
  return { deadline, durationMs, hours, lateMs: workingTimeBetween(deadline, doneAt, hours, tz) };
}

export function formatLevel(level: LevelSpec): string {
  switch (level.kind) {
    case 'lead':
      return 'the target’s leads';
    case 'accountable':
      return 'the activity’s Accountable';
    case 'owner':
      return 'the project owner';
    case 'admins':
      return 'the vendor admins';
    case 'user':
      return `<@${level.userId}>`;
  }
}

/** One line such as `ack 15m · resolve 4h · levels lead → owner → admins · step 15m · repeat 2 · 24x7`. */
export function describePolicy(p: SlaPolicy): string {
  const levels = p.levels.length === 0 ? '—' : p.levels.map(levelName).join(' → ');
  return [
    `ack ${formatDuration(p.ackMs)}`,
    `resolve ${formatDuration(p.resolveMs)}`,
    `levels ${levels}`,
    `step ${formatDuration(p.stepMs)}`,
    `repeat ${p.repeat}`,
    p.hours === 'business' ? 'business hours' : '24x7',
  ].join(' · ');
}
