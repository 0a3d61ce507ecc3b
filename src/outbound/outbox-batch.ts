/**
 * Which of the ready rows one claim takes: up to `perLane` consecutive rows of each lane, as many
 * as the lane's and the workspace's pacing let go now. Pure, so the rules are read and tested here;
 * outbox-claim.ts feeds it what the database says and marks what it returns.
 */

/** A lane's open rows from its head on, oldest first, with what the claim query found about each. */
export interface LaneCandidate {
  id: number;
  lane: string;
  method: string;
  /** Due now: pending and past its next attempt, or sending past its lease (only ever the head). */
  ready: boolean;
  /** No ref, or the ref is already sent or given up. */
  refSettled: boolean;
  /** Slack told us to wait for this method (`method:…` pacing). */
  methodPaced: boolean;
}

/** Generic cell rate algorithm: one timestamp per method is all the bucket state. */
export interface MethodBucket {
  /** Calls per second the whole workspace may make. */
  perSecond: number;
  /** The earliest time the next call may go (the "theoretical arrival time"); undefined: never used. */
  nextAt: Date | undefined;
}

export interface BatchRules {
  /** Rows a lane sends in one claim at most. */
  perLane: number;
  /** Rows one claim takes in all. */
  batchSize: number;
  /** Per-channel pacing on: a lane's batch ends with its first row that pacing counts (chat.*, uploads). */
  channelPaced: boolean;
  pacedPerChannel(method: string): boolean;
}

const intervalOf = (b: MethodBucket) => 1000 / b.perSecond;
/**
 * The bucket holds a quarter of a second's worth (one call at least): enough that a round slowed
 * by a loaded machine still takes what accrued while it ran, and small enough that a claim after a
 * quiet spell does not send a burst Slack would count against the next second as well.
 */
export const BURST_SECONDS = 0.25;
const burstOf = (b: MethodBucket) => Math.max(1, Math.floor(b.perSecond * BURST_SECONDS));
const startOf = (b: MethodBucket, t: number) =>
  Math.max(b.nextAt?.getTime() ?? -Infinity, t - (burstOf(b) - 1) * intervalOf(b));

/** How many calls the bucket lets through at `now`. */
export function available(bucket: MethodBucket, now: Date): number {
  const t = now.getTime();
  const from = startOf(bucket, t);
  return from > t ? 0 : Math.min(burstOf(bucket), Math.floor((t - from) / intervalOf(bucket)) + 1);
}

/** The bucket's next time after `used` calls at `now` (no more than `available` allowed). */
export function afterCalls(bucket: MethodBucket, now: Date, used: number): Date {
  return new Date(startOf(bucket, now.getTime()) + used * intervalOf(bucket));
}

/**
 * The rows to claim, in claim order: lanes in the order of their heads, each lane's rows in id
 * order, cut at the first row that may not go now (not due, its ref not settled, its method told
 * to wait or out of workspace allowance, or after the row that uses up the lane's pacing).
 * `allowance` is how many calls each rate-limited method may still make; it is decremented.
 * `held`: the methods whose allowance kept a row back, so the caller knows when to look again.
 */
export function chooseBatch(
  lanes: ReadonlyArray<ReadonlyArray<LaneCandidate>>,
  rules: BatchRules,
  allowance: Map<string, number>,
): { chosen: LaneCandidate[]; held: Set<string> } {
  const chosen: LaneCandidate[] = [];
  const held = new Set<string>();
  for (const rows of lanes) {
    for (const [i, row] of rows.entries()) {
      if (i >= rules.perLane || chosen.length >= rules.batchSize) break;
      if (!row.ready || !row.refSettled || row.methodPaced) break;
      const left = allowance.get(row.method);
      if (left !== undefined) {
        if (left <= 0) {
          held.add(row.method);
          break;
        }
        allowance.set(row.method, left - 1);
      }
      chosen.push(row);
      if (rules.channelPaced && rules.pacedPerChannel(row.method)) break;
    }
  }
  return { chosen, held };
}
