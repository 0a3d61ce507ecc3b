import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { auditEvents, slackOutbox } from '../db/schema';
import type { Logger } from '../logger';
import { undeliveredNotice } from '../messages/notices';
import { explainSlackRefusal, uploadRefusedReport } from '../messages/slack-refusals';
import { ownerOfProjectChannel, sendPersonNotice } from '../services/notices/person-notice';
import { ours, type OutboxRow } from './outbox-claim';
import { FILE_UPLOAD_METHOD, createOutboxGateway, outboxNoteOf } from './outbox';

/**
 * An outbox row given up for good: recorded, audited, and told to the person it is to be reported
 * to; or, when Slack refused a message that carries a fallback, closed and its fallback sent instead.
 */

export interface FailureReporting {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Where reports and fallbacks are enqueued. */
  reports: ReturnType<typeof createOutboxGateway>;
}

/**
 * Refusals that are about the message or the app rather than about reaching the person: a DM
 * refused with one of these would be refused in a channel too, so it is reported, not re-routed.
 * Any other refusal of a DM (`channel_not_found`, `invalid_user_combination`, `user_not_visible`,
 * `messages_tab_disabled`, `restricted_action` …) sends it to its fallback.
 */
const NOT_ABOUT_THE_PERSON = new Set([
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'account_inactive',
]);
/** A report about a message that failed here would fail too: look for the person elsewhere. */
const CHANNEL_REFUSALS = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);

/** `refused`: Slack said no to this message (not: it gave up being reachable), so a DM may be re-routed. */
export async function failRow(o: FailureReporting, row: OutboxRow, error: string, refused = false): Promise<void> {
  const now = o.clock.now();
  const channel = typeof row.payload.channel === 'string' ? row.payload.channel : undefined;
  const note = outboxNoteOf(row.payload);
  if (refused && note.fallback && !NOT_ABOUT_THE_PERSON.has(error)) return reroute(o, row, error, note.fallback);
  o.log.error('Slack refused a message for good', {
    outboxId: row.id,
    method: row.method,
    lane: row.lane,
    error,
    reportTo: row.reportTo,
  });
  await o.db.transaction(async (tx) => {
    const updated = await tx
      .update(slackOutbox)
      .set({ status: 'failed', leaseUntil: null, lastError: error })
      .where(ours(row))
      .returning({ id: slackOutbox.id });
    if (updated.length === 0) return;
    await tx.insert(auditEvents).values({
      at: now,
      actor: 'system',
      action: 'slack_message.failed',
      entityType: 'slack_outbox',
      entityId: String(row.id),
      data: { method: row.method, lane: row.lane, error },
    });
    if (!row.reportTo) return;
    if (note.noticeFor) {
      // A notice that reached its person nowhere: the vendor person responsible passes it on.
      const where = row.lane.startsWith('dm:') ? undefined : channel;
      const text = undeliveredNotice({
        userId: note.noticeFor,
        error,
        channel: where,
        text: note.noticeText ?? String(row.payload.text ?? ''),
      });
      await o.reports.sendDirectMessage(tx, row.reportTo, { text });
      return;
    }
    // The person told may be a partner member of another organisation: the report is a notice
    // like any other, private to them, with the project's owner to hear if it reaches them nowhere.
    const projectChannel = channel && /^[CG]/.test(channel) ? channel : undefined;
    const owner = projectChannel ? await ownerOfProjectChannel(tx, projectChannel) : undefined;
    await sendPersonNotice(tx, o.reports, {
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
 * Slack refused a message (a DM, or an ephemeral) that carries a fallback: the row is closed and the fallback
 * enqueued in the
 * same transaction, and only by the worker still holding the row, so it is re-routed exactly once.
 */
async function reroute(
  o: FailureReporting,
  row: OutboxRow,
  error: string,
  fallback: NonNullable<ReturnType<typeof outboxNoteOf>['fallback']>,
): Promise<void> {
  const now = o.clock.now();
  o.log.info('Slack refused a message that carries a fallback; sending the fallback', {
    outboxId: row.id,
    lane: row.lane,
    error,
    to: fallback.lane,
  });
  await o.db.transaction(async (tx) => {
    const updated = await tx
      .update(slackOutbox)
      .set({ status: 'failed', leaseUntil: null, lastError: `${error} (re-routed)` })
      .where(ours(row))
      .returning({ id: slackOutbox.id });
    if (updated.length === 0) return;
    const instead = await o.reports.enqueue(tx, { ...fallback, ...(row.reportTo ? { reportTo: row.reportTo } : {}) });
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

/** The DM about a refused write; for an upload it also names the file that was not shared. */
function reportOf(row: OutboxRow, error: string, channel: string | undefined): string {
  const explanation = explainSlackRefusal(error, channel, row.method, row.payload);
  if (row.method !== FILE_UPLOAD_METHOD) return explanation;
  return uploadRefusedReport(explanation, String(row.payload.filename), String(row.payload.title));
}
