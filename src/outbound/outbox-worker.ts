import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Db, DbOrTx } from '../db/client';
import { isoOf, queryRows } from '../db/rows';
import { auditEvents, slackOutbox, slackPacing, type OutboxResult } from '../db/schema';
import type { Logger } from '../logger';
import { FILE_UPLOAD_METHOD, OUTBOX_NOTE_KEY, createOutboxGateway, outboxNoteOf } from './outbox';
import { SlackCallError, classifySlackError, type SlackCaller, type SlackFailure, type SlackResponse } from './web-api';
import { explainSlackRefusal } from '../messages/slack-refusals';
import { escapeText } from '../messages/mrkdwn';
import { undeliveredNotice } from '../messages/notices';
import { ownerOfProjectChannel, sendPersonNotice } from '../services/notices/person-notice';

type OutboxRow = typeof slackOutbox.$inferSelect;
/** An upload's row keeps the file id from the moment Slack hands it out, so a retry can look for the file. */
type UploadResult = OutboxResult & { file_id?: string };

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

// Serialises claims across replicas so that two workers never both take the head of one lane
// (which would break per-channel order and pacing). A claim is one short query, so waiting is cheap.
const CLAIM_LOCK_ID = 4_214_207_002;
const METADATA_TYPE = 'accord_outbox';

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

/**
 * Refusals that are about the message or the app rather than about reaching the person: a DM
 * refused with one of these would be refused in a channel too, so it is reported, not re-routed.
 * Any other refusal of a DM (`channel_not_found`, `invalid_user_combination`, `user_not_visible`,
 * `messages_tab_disabled`, `restricted_action` …) sends it to its fallback.
 */
const NOT_ABOUT_THE_PERSON = new Set(['msg_too_long', 'no_text', 'invalid_blocks', 'invalid_arguments', 'invalid_auth', 'not_authed', 'token_revoked', 'account_inactive']);
/** A report about a message that failed here would fail too: look for the person elsewhere. */
const CHANNEL_REFUSALS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}

export class OutboxWorker {
  private readonly channelIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly reports;

  constructor(private readonly o: OutboxWorkerOptions) {
    this.channelIntervalMs = o.channelIntervalMs ?? 1000;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.batchSize = o.batchSize ?? 50;
    this.maxAttempts = o.maxAttempts ?? 10;
    this.reports = createOutboxGateway(o.clock);
  }

  /** One round: claim what may be sent now, send it, record the outcome. Returns rows handled. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((row) => this.deliver(row)));
    return claimed.length;
  }

  private async claim(): Promise<OutboxRow[]> {
    const now = this.o.clock.now();
    let claimed: OutboxRow[] = [];
    try {
      return await this.claimIn(now, (rows) => (claimed = rows));
    } catch (err) {
      // The claim is the transaction's last statement, so rows claimed and then an error means the
      // COMMIT failed, typically the connection lost while it was under way: the server may have
      // kept the claim, and these rows would then sit in `sending` until their lease runs out
      // although nothing is sending them. Hand back what is still claimed as we claimed it; the
      // lease stays the backstop if this fails too.
      if (claimed.length > 0)
        await this.release(claimed).catch((releaseErr: unknown) => this.o.log.warn('could not hand back outbox rows whose claim may not have committed; their lease will', { err: releaseErr }));
      throw err;
    }
  }

  private claimIn(now: Date, onClaimed: (rows: OutboxRow[]) => void): Promise<OutboxRow[]> {
    return this.o.db.transaction(async (tx) => {
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
            order by h.id limit ${this.batchSize}`,
      );
      if (ready.length === 0) return [];
      const rows = await tx
        .update(slackOutbox)
        .set({ status: 'sending', leaseUntil: new Date(now.getTime() + this.leaseMs), attempts: sql`${slackOutbox.attempts} + 1` })
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
  private async release(rows: OutboxRow[]): Promise<void> {
    const lease = rows[0]?.leaseUntil;
    if (!lease) return;
    await this.o.db
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

  private async deliver(row: OutboxRow): Promise<void> {
    const log = this.o.log.child({ outboxId: row.id, method: row.method, lane: row.lane, attempt: row.attempts });
    try {
      const payload = await this.resolvePayload(row);
      if (!payload) {
        await this.fail(row, 'parent_not_delivered');
        return;
      }
      if (row.method === FILE_UPLOAD_METHOD) {
        const uploaded = await this.uploadFile(row, payload);
        if (uploaded) await this.succeed(row, uploaded);
        else log.info('outbox upload was taken over by another worker; left to it');
        return;
      }
      if (row.method === 'chat.postMessage' && row.attempts > 1) {
        // An earlier attempt may have reached Slack before we lost the answer: look first.
        const found = await this.findPosted(row, payload);
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
      if (failure.kind === 'permanent' && ALREADY_DONE[row.method]?.has(failure.error)) {
        log.info('Slack says this was already done; recorded as delivered', { error: failure.error });
        await this.succeed(row, {});
        return;
      }
      log.warn('outbox delivery failed', { failure });
      await this.handleFailure(row, failure);
    }
  }

  private async resolvePayload(row: OutboxRow): Promise<Record<string, unknown> | undefined> {
    const payload: Record<string, unknown> = { ...row.payload };
    delete payload[OUTBOX_NOTE_KEY];
    if (row.method === 'chat.postMessage') {
      payload.metadata = { event_type: METADATA_TYPE, event_payload: { outbox_id: row.id } };
    }
    if (row.refId === null || row.refField === null) return payload;
    const [ref] = await this.o.db.select({ status: slackOutbox.status, result: slackOutbox.result }).from(slackOutbox).where(eq(slackOutbox.id, row.refId));
    if (!ref || ref.status !== 'sent' || !ref.result?.ts) return undefined;
    payload[row.refField] = ref.result.ts;
    if (ref.result.channel) payload.channel = ref.result.channel;
    return payload;
  }

  private async findPosted(row: OutboxRow, payload: Record<string, unknown>): Promise<OutboxResult | undefined> {
    const channel = String(payload.channel ?? '');
    // A DM addressed by user id has no channel id to search until Slack names it; such a retry
    // is rare enough that a possible repeat beats never delivering.
    if (!/^[CGD]/.test(channel)) return undefined;
    const threadTs = typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined;
    const oldest = ((row.createdAt.getTime() - 60_000) / 1000).toFixed(6);
    let response: SlackResponse;
    try {
      response = threadTs
        ? await this.o.slack.call('conversations.replies', { channel, ts: threadTs, oldest, limit: 200, include_all_metadata: true })
        : await this.o.slack.call('conversations.history', { channel, oldest, limit: 200, include_all_metadata: true });
    } catch (err) {
      if (err instanceof SlackCallError && err.failure.kind === 'permanent') return undefined;
      throw err;
    }
    const messages = Array.isArray(response.messages) ? (response.messages as Array<Record<string, unknown>>) : [];
    const mine = messages.find((m) => {
      const meta = m.metadata as { event_type?: unknown; event_payload?: { outbox_id?: unknown } } | undefined;
      return meta?.event_type === METADATA_TYPE && Number(meta.event_payload?.outbox_id) === row.id;
    });
    return mine && typeof mine.ts === 'string' ? { channel, ts: mine.ts } : undefined;
  }

  /**
   * files.getUploadURLExternal, the bytes, files.completeUploadExternal. The file id is recorded
   * before the file is shared, so a retry after a lost answer asks Slack whether that file is
   * already in the channel instead of sharing a second copy; a file never shared is started over.
   * Undefined when the row stopped being ours before anything was shared.
   */
  private async uploadFile(row: OutboxRow, payload: Record<string, unknown>): Promise<UploadResult | undefined> {
    const channel = String(payload.channel);
    const earlier: UploadResult | null = row.result;
    if (earlier?.file_id) {
      const found = await this.findShared(earlier.file_id, channel);
      if (found) return found;
    }
    const content = Buffer.from(String(payload.content ?? ''), 'utf8');
    const ticket = await this.o.slack.call('files.getUploadURLExternal', { filename: payload.filename, length: content.length });
    if (typeof ticket.upload_url !== 'string' || typeof ticket.file_id !== 'string') throw new Error('files.getUploadURLExternal answered without upload_url and file_id');
    const started: UploadResult = { channel, file_id: ticket.file_id };
    const recorded = await this.o.db.update(slackOutbox).set({ result: started }).where(this.ours(row)).returning({ id: slackOutbox.id });
    if (recorded.length === 0) return undefined;
    await this.o.slack.uploadBytes(ticket.upload_url, content);
    const completed = await this.o.slack.call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: ticket.file_id, title: payload.title }]),
      channel_id: channel,
      ...(typeof payload.initial_comment === 'string' ? { initial_comment: payload.initial_comment } : {}),
    });
    return { ...started, ...shareIn(Array.isArray(completed.files) ? completed.files[0] : undefined, channel) };
  }

  private async findShared(fileId: string, channel: string): Promise<UploadResult | undefined> {
    let response: SlackResponse;
    try {
      response = await this.o.slack.call('files.info', { file: fileId });
    } catch (err) {
      // file_not_found: the earlier attempt never completed, so there is nothing to find.
      if (err instanceof SlackCallError && err.failure.kind === 'permanent') return undefined;
      throw err;
    }
    const share = shareIn(response.file, channel);
    return share ? { channel, file_id: fileId, ...share } : undefined;
  }

  /** Updates the row only if this worker still holds it (same attempt, still `sending`). */
  private ours(row: OutboxRow) {
    return and(eq(slackOutbox.id, row.id), eq(slackOutbox.status, 'sending'), eq(slackOutbox.attempts, row.attempts));
  }

  private async succeed(row: OutboxRow, result: OutboxResult): Promise<void> {
    const now = this.o.clock.now();
    await this.o.db.transaction(async (tx) => {
      await tx.update(slackOutbox).set({ status: 'sent', result, sentAt: now, leaseUntil: null, lastError: null }).where(this.ours(row));
      // The per-channel limit is on messages; invites and App Home views have per-workspace ones.
      if (this.channelIntervalMs > 0 && (row.method.startsWith('chat.') || row.method === FILE_UPLOAD_METHOD)) {
        await this.pace(tx, `lane:${row.lane}`, new Date(now.getTime() + this.channelIntervalMs));
      }
    });
  }

  private async handleFailure(row: OutboxRow, failure: SlackFailure): Promise<void> {
    const now = this.o.clock.now();
    if (failure.kind === 'permanent') return this.fail(row, failure.error, true);
    if (failure.kind === 'rate_limited') {
      const until = new Date(now.getTime() + failure.retryAfterMs);
      await this.o.db.transaction(async (tx) => {
        // Being told to wait is not a failed attempt, so it does not count towards giving up.
        await tx
          .update(slackOutbox)
          .set({ status: 'pending', attempts: row.attempts - 1, nextAttemptAt: until, leaseUntil: null, lastError: `rate limited for ${failure.retryAfterMs} ms` })
          .where(this.ours(row));
        // chat.postMessage is limited per channel; the other methods per workspace.
        await this.pace(tx, row.method === 'chat.postMessage' ? `lane:${row.lane}` : `method:${row.method}`, until);
      });
      return;
    }
    if (row.attempts >= this.maxAttempts) return this.fail(row, `gave up after ${row.attempts} attempts: ${failure.reason}`);
    const delay = backoffMs(row.attempts) * (0.8 + Math.random() * 0.4);
    await this.o.db
      .update(slackOutbox)
      .set({ status: 'pending', nextAttemptAt: new Date(now.getTime() + delay), leaseUntil: null, lastError: failure.reason })
      .where(this.ours(row));
  }

  /** `refused`: Slack said no to this message (not: it gave up being reachable), so a DM may be re-routed. */
  private async fail(row: OutboxRow, error: string, refused = false): Promise<void> {
    const now = this.o.clock.now();
    const channel = typeof row.payload.channel === 'string' ? row.payload.channel : undefined;
    const note = outboxNoteOf(row.payload);
    if (refused && note.fallback && !NOT_ABOUT_THE_PERSON.has(error)) return this.reroute(row, error, note.fallback);
    this.o.log.error('Slack refused a message for good', { outboxId: row.id, method: row.method, lane: row.lane, error, reportTo: row.reportTo });
    await this.o.db.transaction(async (tx) => {
      const updated = await tx.update(slackOutbox).set({ status: 'failed', leaseUntil: null, lastError: error }).where(this.ours(row)).returning({ id: slackOutbox.id });
      if (updated.length === 0) return;
      await tx
        .insert(auditEvents)
        .values({ at: now, actor: 'system', action: 'slack_message.failed', entityType: 'slack_outbox', entityId: String(row.id), data: { method: row.method, lane: row.lane, error } });
      if (!row.reportTo) return;
      if (note.noticeFor) {
        // A notice that reached its person nowhere: the vendor person responsible passes it on.
        const where = row.lane.startsWith('dm:') ? undefined : channel;
        const text = undeliveredNotice({ userId: note.noticeFor, error, channel: where, text: note.noticeText ?? String(row.payload.text ?? '') });
        await this.reports.sendDirectMessage(tx, row.reportTo, { text });
        return;
      }
      // The person told may be a partner member of another organisation: the report is a notice
      // like any other, private to them, with the project's owner to hear if it reaches them nowhere.
      const projectChannel = channel && /^[CG]/.test(channel) ? channel : undefined;
      const owner = projectChannel ? await ownerOfProjectChannel(tx, projectChannel) : undefined;
      await sendPersonNotice(tx, this.reports, {
        userId: row.reportTo,
        message: { text: reportOf(row, error, channel) },
        privacy: 'person',
        ...(projectChannel ? { channelId: projectChannel } : {}),
        ...(projectChannel && CHANNEL_REFUSALS.has(error) ? { avoidChannels: [projectChannel] } : {}),
        ...(owner ? { reportTo: owner } : {}),
      });
    });
  }

  /**
   * Slack refused a message (a DM, or an ephemeral) that carries a fallback: the row is closed and the fallback enqueued in the
   * same transaction, and only by the worker still holding the row, so it is re-routed exactly once.
   */
  private async reroute(row: OutboxRow, error: string, fallback: NonNullable<ReturnType<typeof outboxNoteOf>['fallback']>): Promise<void> {
    const now = this.o.clock.now();
    this.o.log.info('Slack refused a message that carries a fallback; sending the fallback', { outboxId: row.id, lane: row.lane, error, to: fallback.lane });
    await this.o.db.transaction(async (tx) => {
      const updated = await tx
        .update(slackOutbox)
        .set({ status: 'failed', leaseUntil: null, lastError: `${error} (re-routed)` })
        .where(this.ours(row))
        .returning({ id: slackOutbox.id });
      if (updated.length === 0) return;
      const instead = await this.reports.enqueue(tx, { ...fallback, ...(row.reportTo ? { reportTo: row.reportTo } : {}) });
      await tx.insert(auditEvents).values({
        at: now,
        actor: 'system',
        action: 'slack_message.rerouted',
        entityType: 'slack_outbox',
        entityId: String(row.id),
        data: { method: row.method, lane: row.lane, error, to: instead.outboxId, toLane: fallback.lane },
      });
    });
  }

  private async pace(tx: DbOrTx, key: string, notBefore: Date): Promise<void> {
    await tx
      .insert(slackPacing)
      .values({ key, notBefore })
      .onConflictDoUpdate({ target: slackPacing.key, set: { notBefore: sql`greatest(${slackPacing.notBefore}, excluded.not_before)` } });
  }
}

/** The DM about a refused write; for an upload it also names the file that was not shared. */
function reportOf(row: OutboxRow, error: string, channel: string | undefined): string {
  const explanation = explainSlackRefusal(error, channel, row.method, row.payload);
  if (row.method !== FILE_UPLOAD_METHOD) return explanation;
  return `${explanation}\nThe file \`${escapeText(String(row.payload.filename))}\` (${escapeText(String(row.payload.title))}) was not shared.`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The chat.postMessage payload an ephemeral carried for the case Slack refuses it (gateway.postEphemeral). */
/**
 * Whether a Slack file object (files.info, files.completeUploadExternal) shows the file shared in
 * `channel`, with the share's `ts` when Slack lists it under `shares`.
 */
function shareIn(file: unknown, channel: string): { ts?: string } | undefined {
  if (!isRecord(file)) return undefined;
  const shares = isRecord(file.shares) ? file.shares : {};
  for (const scope of [shares.public, shares.private]) {
    const list: unknown = isRecord(scope) ? scope[channel] : undefined;
    if (!Array.isArray(list)) continue;
    const ts: unknown = list.find(isRecord)?.ts;
    return typeof ts === 'string' ? { ts } : {};
  }
  const listed = [file.channels, file.groups, file.ims].some((ids) => Array.isArray(ids) && ids.includes(channel));
  return listed ? {} : undefined;
}

function resultOf(response: SlackResponse, payload: Record<string, unknown>): OutboxResult {
  const channel = typeof response.channel === 'string' ? response.channel : typeof payload.channel === 'string' ? payload.channel : undefined;
  const ts = typeof response.ts === 'string' ? response.ts : undefined;
  return { ...(channel ? { channel } : {}), ...(ts ? { ts } : {}) };
}
