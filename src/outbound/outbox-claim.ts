import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { isoOf, queryRows } from '../db/rows';
import { slackOutbox, slackPacing } from '../db/schema';
import type { Logger } from '../logger';
import { afterCalls, available, chooseBatch, type LaneCandidate, type MethodBucket } from './outbox-batch';
import { pacedPerChannel } from './outbox-retry';

/** Which outbox rows a worker takes, and how it knows a row is still its own. */

export type OutboxRow = typeof slackOutbox.$inferSelect;

// Serialises claims across replicas so that two workers never both take the head of one lane
// (which would break per-channel order and pacing). A claim is one short query, so waiting is cheap.
const CLAIM_LOCK_ID = 4_214_207_002;

export interface ClaimOptions {
  db: Db;
  log: Logger;
  /** How long a claimed row stays ours; longer than a Slack call can take. */
  leaseMs: number;
  /** Rows one claim takes in all. */
  batchSize: number;
  /** Consecutive rows one lane may send in one claim. */
  perLane: number;
  /** Per-channel pacing on: a lane then takes no more than its first chat.* row or upload. */
  channelPaced: boolean;
  /** Calls per second the whole workspace may make, per method; methods not named are not limited here. */
  methodRates: Readonly<Record<string, number>>;
}

/** The bucket of a rate-limited method, kept in slack_pacing so that every replica draws on the same one. */
const bucketKey = (method: string) => `rate:${method}`;

export interface Claim {
  /** Marked `sending` and leased to the caller, each lane's in id order. */
  rows: OutboxRow[];
  /** Rows were held back by the workspace's rate: when the first of them may go. */
  throttledUntil: Date | undefined;
}

/** The rows that may be sent at `now`. */
export async function claimDue(o: ClaimOptions, now: Date): Promise<Claim> {
  let claimed: OutboxRow[] = [];
  try {
    return await claimIn(o, now, (rows) => (claimed = rows));
  } catch (err) {
    // The claim is the transaction's last statement, so rows claimed and then an error means the
    // COMMIT failed, typically the connection lost while it was under way: the server may have
    // kept the claim, and these rows would then sit in `sending` until their lease runs out
    // although nothing is sending them. Hand back what is still claimed as we claimed it; the
    // lease stays the backstop if this fails too.
    if (claimed.length > 0)
      await handBack(o.db, claimed).catch((releaseErr: unknown) =>
        o.log.warn('could not hand back outbox rows whose claim may not have committed; their lease will', {
          err: releaseErr,
        }),
      );
    throw err;
  }
}

interface CandidateRow {
  id: number | string;
  lane: string;
  method: string;
  ready: boolean;
  ref_settled: boolean;
  method_paced: boolean;
}

function claimIn(o: ClaimOptions, now: Date, onClaimed: (rows: OutboxRow[]) => void): Promise<Claim> {
  return o.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_ID})`);
    const at = isoOf(now);
    const found = await queryRows<CandidateRow>(tx, candidates(o, at));
    if (found.length === 0) return { rows: [], throttledUntil: undefined };
    const lanes = new Map<string, LaneCandidate[]>();
    for (const f of found) {
      const list = lanes.get(f.lane) ?? [];
      list.push({
        id: Number(f.id),
        lane: f.lane,
        method: f.method,
        ready: f.ready,
        refSettled: f.ref_settled,
        methodPaced: f.method_paced,
      });
      lanes.set(f.lane, list);
    }
    const buckets = await bucketsOf(tx, o.methodRates);
    const allowance = new Map([...buckets].map(([method, b]) => [method, available(b, now)]));
    const { chosen, held } = chooseBatch(
      [...lanes.values()],
      { perLane: o.perLane, batchSize: o.batchSize, channelPaced: o.channelPaced, pacedPerChannel },
      allowance,
    );
    let throttledUntil: Date | undefined;
    for (const [method, bucket] of buckets) {
      const used = chosen.filter((c) => c.method === method).length;
      const next = afterCalls(bucket, now, used);
      if (used > 0) await setPacing(tx, bucketKey(method), next);
      if (held.has(method) && (!throttledUntil || next < throttledUntil)) throttledUntil = next;
    }
    if (chosen.length === 0) return { rows: [], throttledUntil };
    const rows = await tx
      .update(slackOutbox)
      .set({
        status: 'sending',
        leaseUntil: new Date(now.getTime() + o.leaseMs),
        attempts: sql`${slackOutbox.attempts} + 1`,
      })
      .where(
        inArray(
          slackOutbox.id,
          chosen.map((r) => r.id),
        ),
      )
      .returning();
    onClaimed(rows);
    return { rows: rows.sort((a, b) => a.id - b.id), throttledUntil };
  });
}

/**
 * Only lanes whose head may go are candidates, so a channel's messages go out in order; a head
 * still `sending` past its lease was abandoned by a crashed worker and is taken over. Behind each
 * such head, the next rows of its lane (perLane in all) on the same index, to be cut in
 * chooseBatch where the first of them may not go yet. Exported for bench/claim-plan.ts (EXPLAIN).
 */
export function candidates(o: Pick<ClaimOptions, 'batchSize' | 'perLane'>, at: string): SQL {
  return sql`with heads as (
      select distinct on (lane) id, lane, method, status, next_attempt_at, lease_until, ref_id
      from slack_outbox where status in ('pending', 'sending') order by lane, id),
    ready as (
      select h.id, h.lane from heads h
      where ((h.status = 'pending' and h.next_attempt_at <= ${at}::timestamptz)
          or (h.status = 'sending' and h.lease_until < ${at}::timestamptz))
        and not exists (select 1 from slack_pacing p
                        where p.key in ('lane:' || h.lane, 'method:' || h.method) and p.not_before > ${at}::timestamptz)
        and (h.ref_id is null or exists (select 1 from slack_outbox r where r.id = h.ref_id and r.status in ('sent', 'failed')))
      order by h.id limit ${o.batchSize})
    select l.id, l.lane, l.method,
           (l.id = r.id or (l.status = 'pending' and l.next_attempt_at <= ${at}::timestamptz)) as ready,
           (l.ref_id is null or exists (select 1 from slack_outbox f where f.id = l.ref_id and f.status in ('sent', 'failed'))) as ref_settled,
           (l.id <> r.id and exists (select 1 from slack_pacing p where p.key = 'method:' || l.method and p.not_before > ${at}::timestamptz)) as method_paced
    from ready r cross join lateral (
      select o.id, o.lane, o.method, o.status, o.next_attempt_at, o.ref_id from slack_outbox o
      where o.lane = r.lane and o.status in ('pending', 'sending') and o.id >= r.id
      order by o.id limit ${o.perLane}) l
    order by r.id, l.id`;
}

async function bucketsOf(tx: DbOrTx, rates: Readonly<Record<string, number>>): Promise<Map<string, MethodBucket>> {
  const methods = Object.keys(rates).filter((m) => (rates[m] ?? 0) > 0);
  if (methods.length === 0) return new Map();
  const kept = await tx
    .select()
    .from(slackPacing)
    .where(
      inArray(
        slackPacing.key,
        methods.map((m) => bucketKey(m)),
      ),
    );
  const nextAt = new Map(kept.map((k) => [k.key, k.notBefore]));
  return new Map(methods.map((m) => [m, { perSecond: rates[m] ?? 0, nextAt: nextAt.get(bucketKey(m)) }]));
}

/** Sets a pacing row to exactly `at` (a bucket's time moves both ways as the clock does). */
async function setPacing(tx: DbOrTx, key: string, at: Date): Promise<void> {
  await tx
    .insert(slackPacing)
    .values({ key, notBefore: at })
    .onConflictDoUpdate({ target: slackPacing.key, set: { notBefore: at } });
}

/**
 * Back to `pending` as if never claimed, in one statement. Only rows still held by that claim:
 * its lease time is its own (a later claim of an expired row sets a later one).
 */
export async function handBack(db: Db, rows: OutboxRow[]): Promise<void> {
  const lease = rows[0]?.leaseUntil;
  if (!lease) return;
  await db
    .update(slackOutbox)
    .set({ status: 'pending', attempts: sql`${slackOutbox.attempts} - 1`, leaseUntil: null })
    .where(
      and(
        inArray(
          slackOutbox.id,
          rows.map((r) => r.id),
        ),
        eq(slackOutbox.status, 'sending'),
        eq(slackOutbox.leaseUntil, lease),
      ),
    );
}

/** Updates the row only if this worker still holds it (same attempt, still `sending`). */
export function ours(row: OutboxRow) {
  return and(eq(slackOutbox.id, row.id), eq(slackOutbox.status, 'sending'), eq(slackOutbox.attempts, row.attempts));
}
