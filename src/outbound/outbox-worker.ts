import { sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { isoOf } from '../db/rows';
import type { OutboxResult } from '../db/schema';
import type { Logger } from '../logger';
import { claimDue, handBack, type OutboxRow } from './outbox-claim';
import { failRow, type FailureReporting } from './outbox-failure';
import { isAlreadyDone, pacedPerChannel, retryLater, waitAsTold } from './outbox-retry';
import { findPosted, resolvePayload, resultOf, uploadFile } from './outbox-send';
import { FILE_UPLOAD_METHOD, createOutboxGateway } from './outbox';
import { SlackCallError, classifySlackError, type SlackCaller, type SlackFailure } from './web-api';

/**
 * Drains the outbox to Slack: claim the rows that may go now (outbox-claim.ts), send each
 * (outbox-send.ts), and record the outcome: sent, tried again later (outbox-retry.ts, which also
 * paces the calls), or given up and reported (outbox-failure.ts).
 */

export interface OutboxWorkerOptions {
  db: Db;
  slack: SlackCaller;
  clock: Clock;
  log: Logger;
  /** Slack allows about one message per second per channel; 0 switches pacing off (sandbox). */
  channelIntervalMs?: number;
  /** How long a claimed row stays ours; longer than a Slack call can take. */
  leaseMs?: number;
  batchSize?: number;
  /**
   * Consecutive rows of one lane sent in one round, in order (default 10). With per-channel pacing
   * on, a lane still sends no more than one chat.* message or upload per round.
   */
  perLane?: number;
  /**
   * Calls per second the whole workspace may make, per method, shared by every replica through the
   * database. Default: Slack's chat.postMessage limit (DEFAULT_METHOD_RATES); none when pacing is off.
   */
  methodRates?: Readonly<Record<string, number>>;
  /** Attempts for 5xx, timeouts and network errors before the message is given up and reported. */
  maxAttempts?: number;
}

/**
 * Slack documents chat.postMessage as about one message per second per channel, under a
 * workspace-wide limit of "several hundred messages per minute"; 300 a minute is the low end of
 * that. Deployments that know their workspace allows more raise it (SLACK_POSTS_PER_SECOND).
 */
export const DEFAULT_METHOD_RATES: Readonly<Record<string, number>> = { 'chat.postMessage': 5 };

/** A delivery that went through, to be recorded with the round's others in one statement. */
interface Success {
  row: OutboxRow;
  result: OutboxResult;
}

export class OutboxWorker {
  private readonly channelIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly perLane: number;
  private readonly methodRates: Readonly<Record<string, number>>;
  private readonly maxAttempts: number;
  private readonly failures: FailureReporting;
  private throttled: Date | undefined;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.channelIntervalMs = o.channelIntervalMs ?? 1000;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.batchSize = o.batchSize ?? 50;
    this.perLane = o.perLane ?? 10;
    this.methodRates = this.channelIntervalMs > 0 ? (o.methodRates ?? DEFAULT_METHOD_RATES) : {};
    this.maxAttempts = o.maxAttempts ?? 10;
    this.failures = { db: o.db, clock: o.clock, log: o.log, reports: createOutboxGateway(o.clock) };
  }

  /**
   * When the last round held rows back for the workspace's rate, the time they may go: the pump
   * comes back then instead of at the next heartbeat.
   */
  get throttledUntil(): Date | undefined {
    return this.throttled;
  }

  /**
   * One round: claim what may be sent now, send each lane's rows in order (lanes side by side),
   * record the successes together. Returns rows handled.
   */
  async deliverDue(): Promise<number> {
    const { rows: claimed, throttledUntil } = await claimDue(
      {
        db: this.o.db,
        log: this.o.log,
        leaseMs: this.leaseMs,
        batchSize: this.batchSize,
        perLane: this.perLane,
        channelPaced: this.channelIntervalMs > 0,
        methodRates: this.methodRates,
      },
      this.o.clock.now(),
    );
    this.throttled = throttledUntil;
    const lanes = new Map<string, OutboxRow[]>();
    for (const row of claimed) lanes.set(row.lane, [...(lanes.get(row.lane) ?? []), row]);
    const succeeded: Success[] = [];
    // Every lane finishes before the successes are recorded, also when one lane's failure
    // handling threw: what Slack took is recorded either way, and the error reported after.
    const settled = await Promise.allSettled([...lanes.values()].map((rows) => this.deliverLane(rows, succeeded)));
    await this.record(succeeded);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  }

  /**
   * A lane's rows one after the other. A failure that may pass (429, 5xx, timeout) hands the rest
   * back untouched, so they follow the failed row later in their order; a row given up for good
   * does not hold the ones behind it, as when it was the lane's head.
   */
  private async deliverLane(rows: OutboxRow[], succeeded: Success[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      const outcome = await this.deliver(row);
      if (outcome.kind === 'sent') succeeded.push({ row, result: outcome.result });
      if (outcome.kind === 'later') {
        const rest = rows.slice(i + 1);
        if (rest.length > 0) await handBack(this.o.db, rest);
        return;
      }
    }
  }

  private async deliver(
    row: OutboxRow,
  ): Promise<{ kind: 'sent'; result: OutboxResult } | { kind: 'later' } | { kind: 'done' }> {
    const log = this.o.log.child({ outboxId: row.id, method: row.method, lane: row.lane, attempt: row.attempts });
    try {
      const payload = await resolvePayload(this.o.db, row);
      if (!payload) {
        await this.fail(row, 'parent_not_delivered');
        return { kind: 'done' };
      }
      if (row.method === FILE_UPLOAD_METHOD) {
        const uploaded = await uploadFile(this.o.db, this.o.slack, row, payload);
        if (uploaded) return { kind: 'sent', result: uploaded };
        log.info('outbox upload was taken over by another worker; left to it');
        return { kind: 'done' };
      }
      if (row.method === 'chat.postMessage' && row.attempts > 1) {
        // An earlier attempt may have reached Slack before we lost the answer: look first.
        const found = await findPosted(this.o.slack, row, payload);
        if (found) {
          log.info('outbox message was already in Slack; recorded instead of posting again');
          return { kind: 'sent', result: found };
        }
      }
      const response = await this.o.slack.call(row.method, payload);
      return { kind: 'sent', result: resultOf(response, payload) };
    } catch (err) {
      const failure = err instanceof SlackCallError ? err.failure : classifySlackError(err);
      // Tried again later (as handleFailure decides), so the rows behind it wait for it.
      const later =
        failure.kind === 'rate_limited' || (failure.kind === 'transient' && row.attempts < this.maxAttempts);
      if (isAlreadyDone(row.method, failure)) {
        log.info('Slack says this was already done; recorded as delivered', { error: failure.error });
        return { kind: 'sent', result: {} };
      }
      log.warn('outbox delivery failed', { failure });
      await this.handleFailure(row, failure);
      return later ? { kind: 'later' } : { kind: 'done' };
    }
  }

  /**
   * The round's successes in one statement: each row marked sent with its own result, only where
   * this worker still holds it (as ours()), and the lanes that sent a chat.* message or upload
   * paced. A lane is paced even when its row was taken from us meanwhile: Slack got the call.
   */
  private async record(succeeded: Success[]): Promise<void> {
    if (succeeded.length === 0) return;
    const now = this.o.clock.now();
    const paceUntil = new Date(now.getTime() + this.channelIntervalMs);
    const values = sql.join(
      succeeded.map(
        ({ row, result }) =>
          sql`(${row.id}::bigint, ${row.attempts}::int, ${JSON.stringify(result)}::jsonb, ${
            this.channelIntervalMs > 0 && pacedPerChannel(row.method) ? `lane:${row.lane}` : null
          }::text)`,
      ),
      sql`, `,
    );
    await this.o.db.execute(
      sql`with v(id, attempts, result, pace_key) as (values ${values}),
          sent as (
            update slack_outbox o
            set status = 'sent', result = v.result, sent_at = ${isoOf(now)}::timestamptz, lease_until = null, last_error = null
            from v where o.id = v.id and o.status = 'sending' and o.attempts = v.attempts
            returning o.id),
          paced as (
            insert into slack_pacing (key, not_before)
            select distinct pace_key, ${isoOf(paceUntil)}::timestamptz from v where pace_key is not null
            on conflict (key) do update set not_before = greatest(slack_pacing.not_before, excluded.not_before)
            returning key)
          select (select count(*) from sent) as sent, (select count(*) from paced) as paced`,
    );
  }

  private async handleFailure(row: OutboxRow, failure: SlackFailure): Promise<void> {
    const now = this.o.clock.now();
    if (failure.kind === 'permanent') return this.fail(row, failure.error, true);
    if (failure.kind === 'rate_limited') return waitAsTold(this.o.db, row, failure.retryAfterMs, now);
    if (row.attempts >= this.maxAttempts)
      return this.fail(row, `gave up after ${row.attempts} attempts: ${failure.reason}`);
    await retryLater(this.o.db, row, failure.reason, now);
  }

  private fail(row: OutboxRow, error: string, refused = false): Promise<void> {
    return failRow(this.failures, row, error, refused);
  }
}
