import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { slackOutbox, slackPacing } from '../db/schema';
import { ours, type OutboxRow } from './outbox-claim';
import { FILE_UPLOAD_METHOD } from './outbox';
import type { SlackFailure } from './web-api';

/** When an outbox row is tried again, and how far apart Slack's limits keep the calls. */

/**
 * Answers that mean the call's purpose is already met: inviting someone who is in the channel,
 * removing someone who is not. They count as delivered, so a retry is never reported as a failure.
 */
const ALREADY_DONE: Readonly<Record<string, ReadonlySet<string>>> = {
  'conversations.invite': new Set(['already_in_channel', 'cant_invite_self']),
  'conversations.kick': new Set(['not_in_channel', 'cant_kick_self']),
  // A partner's person who joined through an earlier invitation (or was added from their side).
  'conversations.inviteShared': new Set(['already_in_channel']),
  'pins.add': new Set(['already_pinned']),
};

export function isAlreadyDone(
  method: string,
  failure: SlackFailure,
): failure is Extract<SlackFailure, { kind: 'permanent' }> {
  return failure.kind === 'permanent' && ALREADY_DONE[method]?.has(failure.error) === true;
}

export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}

/** The per-channel limit is on messages; invites and App Home views have per-workspace ones. */
export function pacedPerChannel(method: string): boolean {
  return method.startsWith('chat.') || method === FILE_UPLOAD_METHOD;
}

/** Nothing more goes out under `key` (`lane:…` or `method:…`) before `notBefore`. */
export async function pace(tx: DbOrTx, key: string, notBefore: Date): Promise<void> {
  await tx
    .insert(slackPacing)
    .values({ key, notBefore })
    .onConflictDoUpdate({
      target: slackPacing.key,
      set: { notBefore: sql`greatest(${slackPacing.notBefore}, excluded.not_before)` },
    });
}

/** Slack said to wait: the row and its lane (or method) wait that long. */
export async function waitAsTold(db: Db, row: OutboxRow, retryAfterMs: number, now: Date): Promise<void> {
  const until = new Date(now.getTime() + retryAfterMs);
  await db.transaction(async (tx) => {
    // Being told to wait is not a failed attempt, so it does not count towards giving up.
    await tx
      .update(slackOutbox)
      .set({
        status: 'pending',
        attempts: row.attempts - 1,
        nextAttemptAt: until,
        leaseUntil: null,
        lastError: `rate limited for ${retryAfterMs} ms`,
      })
      .where(ours(row));
    // chat.postMessage is limited per channel; the other methods per workspace.
    await pace(tx, row.method === 'chat.postMessage' ? `lane:${row.lane}` : `method:${row.method}`, until);
  });
}

/** A failed attempt that may succeed later: tried again after a backoff with some jitter. */
export async function retryLater(db: Db, row: OutboxRow, reason: string, now: Date): Promise<void> {
  const delay = backoffMs(row.attempts) * (0.8 + Math.random() * 0.4);
  await db
    .update(slackOutbox)
    .set({ status: 'pending', nextAttemptAt: new Date(now.getTime() + delay), leaseUntil: null, lastError: reason })
    .where(ours(row));
}
