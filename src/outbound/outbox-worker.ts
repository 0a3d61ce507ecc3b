import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { slackOutbox, type OutboxResult } from '../db/schema';
import type { Logger } from '../logger';
import { claimDue, ours, type OutboxRow } from './outbox-claim';
import { failRow, type FailureReporting } from './outbox-failure';
import { isAlreadyDone, pace, pacedPerChannel, retryLater, waitAsTold } from './outbox-retry';
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
  /** Attempts for 5xx, timeouts and network errors before the message is given up and reported. */
  maxAttempts?: number;
}

export class OutboxWorker {
  private readonly channelIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly failures: FailureReporting;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.channelIntervalMs = o.channelIntervalMs ?? 1000;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.batchSize = o.batchSize ?? 50;
    this.maxAttempts = o.maxAttempts ?? 10;
    this.failures = { db: o.db, clock: o.clock, log: o.log, reports: createOutboxGateway(o.clock) };
  }

  /** One round: claim what may be sent now, send it, record the outcome. Returns rows handled. */
  async deliverDue(): Promise<number> {
    const claimed = await claimDue(
      { db: this.o.db, log: this.o.log, leaseMs: this.leaseMs, batchSize: this.batchSize },
      this.o.clock.now(),
    );
    await Promise.all(claimed.map((row) => this.deliver(row)));
    return claimed.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const log = this.o.log.child({ outboxId: row.id, method: row.method, lane: row.lane, attempt: row.attempts });
    try {
      const payload = await resolvePayload(this.o.db, row);
      if (!payload) {
        await this.fail(row, 'parent_not_delivered');
        return;
      }
      if (row.method === FILE_UPLOAD_METHOD) {
        const uploaded = await uploadFile(this.o.db, this.o.slack, row, payload);
        if (uploaded) await this.succeed(row, uploaded);
        else log.info('outbox upload was taken over by another worker; left to it');
        return;
      }
      if (row.method === 'chat.postMessage' && row.attempts > 1) {
        // An earlier attempt may have reached Slack before we lost the answer: look first.
        const found = await findPosted(this.o.slack, row, payload);
        if (found) {
          log.info('outbox message was already in Slack; recorded instead of posting again');
          await this.succeed(row, found);
          return;
        }
      }
      const response = await this.o.slack.call(row.method, payload);
      await this.succeed(row, resultOf(response, payload));
    } catch (err) {
      const failure = err instanceof SlackCallError ? err.failure : classifySlackError(err);
      if (isAlreadyDone(row.method, failure)) {
        log.info('Slack says this was already done; recorded as delivered', { error: failure.error });
        await this.succeed(row, {});
        return;
      }
      log.warn('outbox delivery failed', { failure });
      await this.handleFailure(row, failure);
    }
  }

  private async succeed(row: OutboxRow, result: OutboxResult): Promise<void> {
    const now = this.o.clock.now();
    await this.o.db.transaction(async (tx) => {
      await tx
        .update(slackOutbox)
        .set({ status: 'sent', result, sentAt: now, leaseUntil: null, lastError: null })
        .where(ours(row));
      if (this.channelIntervalMs > 0 && pacedPerChannel(row.method)) {
        await pace(tx, `lane:${row.lane}`, new Date(now.getTime() + this.channelIntervalMs));
      }
    });
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
