import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { isoOf, queryRows } from '../db/rows';
import { slackOutbox } from '../db/schema';
import type { Logger } from '../logger';

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
  batchSize: number;
}

/** The rows that may be sent at `now`, marked `sending` and leased to the caller. */
export async function claimDue(o: ClaimOptions, now: Date): Promise<OutboxRow[]> {
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
      await release(o.db, claimed).catch((releaseErr: unknown) =>
        o.log.warn('could not hand back outbox rows whose claim may not have committed; their lease will', {
          err: releaseErr,
        }),
      );
    throw err;
  }
}

function claimIn(o: ClaimOptions, now: Date, onClaimed: (rows: OutboxRow[]) => void): Promise<OutboxRow[]> {
  return o.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_ID})`);
    // Only the head of each lane is a candidate, so a channel's messages go out in order; a
    // head still `sending` past its lease was abandoned by a crashed worker and is taken over.
    const ready = await queryRows<{ id: number | string }>(
      tx,
      sql`with heads as (
            select distinct on (lane) id, lane, method, status, next_attempt_at, lease_until, ref_id
            from slack_outbox where status in ('pending', 'sending') order by lane, id)
          select h.id from heads h
          where ((h.status = 'pending' and h.next_attempt_at <= ${isoOf(now)}::timestamptz)
              or (h.status = 'sending' and h.lease_until < ${isoOf(now)}::timestamptz))
            and not exists (select 1 from slack_pacing p
                            where p.key in ('lane:' || h.lane, 'method:' || h.method) and p.not_before > ${isoOf(now)}::timestamptz)
            and (h.ref_id is null or exists (select 1 from slack_outbox r where r.id = h.ref_id and r.status in ('sent', 'failed')))
          order by h.id limit ${o.batchSize}`,
    );
    if (ready.length === 0) return [];
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
          ready.map((r) => Number(r.id)),
        ),
      )
      .returning();
    onClaimed(rows);
    return rows;
  });
}

/**
 * Back to `pending` as if never claimed, in one statement. Only rows still held by that claim:
 * its lease time is its own (a later claim of an expired row sets a later one).
 */
async function release(db: Db, rows: OutboxRow[]): Promise<void> {
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
