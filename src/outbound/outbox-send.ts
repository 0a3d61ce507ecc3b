import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { slackOutbox, type OutboxResult } from '../db/schema';
import { ours, type OutboxRow } from './outbox-claim';
import { OUTBOX_NOTE_KEY } from './outbox';
import { SlackCallError, type SlackCaller, type SlackResponse } from './web-api';

/**
 * Sending one outbox row: the payload as Slack is to get it, the check for a message an earlier
 * attempt may already have posted, and a file upload's three calls.
 */

/** An upload's row keeps the file id from the moment Slack hands it out, so a retry can look for the file. */
export type UploadResult = OutboxResult & { file_id?: string };

const METADATA_TYPE = 'accord_outbox';

/**
 * The row's payload without our note, marked with the row's id (chat.postMessage), and with the
 * `ts` (and channel) of the row it refers to; undefined when that row was not delivered.
 */
export async function resolvePayload(db: Db, row: OutboxRow): Promise<Record<string, unknown> | undefined> {
  const payload: Record<string, unknown> = { ...row.payload };
  delete payload[OUTBOX_NOTE_KEY];
  if (row.method === 'chat.postMessage') {
    payload.metadata = { event_type: METADATA_TYPE, event_payload: { outbox_id: row.id } };
  }
  if (row.refId === null || row.refField === null) return payload;
  const [ref] = await db
    .select({ status: slackOutbox.status, result: slackOutbox.result })
    .from(slackOutbox)
    .where(eq(slackOutbox.id, row.refId));
  if (!ref || ref.status !== 'sent' || !ref.result?.ts) return undefined;
  payload[row.refField] = ref.result.ts;
  if (ref.result.channel) payload.channel = ref.result.channel;
  return payload;
}

/** The message an earlier attempt of this row posted, found by the row id in its metadata. */
export async function findPosted(
  slack: SlackCaller,
  row: OutboxRow,
  payload: Record<string, unknown>,
): Promise<OutboxResult | undefined> {
  const channel = String(payload.channel ?? '');
  // A DM addressed by user id has no channel id to search until Slack names it; such a retry
  // is rare enough that a possible repeat beats never delivering.
  if (!/^[CGD]/.test(channel)) return undefined;
  const threadTs = typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined;
  const oldest = ((row.createdAt.getTime() - 60_000) / 1000).toFixed(6);
  let response: SlackResponse;
  try {
    response = threadTs
      ? await slack.call('conversations.replies', {
          channel,
          ts: threadTs,
          oldest,
          limit: 200,
          include_all_metadata: true,
        })
      : await slack.call('conversations.history', { channel, oldest, limit: 200, include_all_metadata: true });
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
export async function uploadFile(
  db: Db,
  slack: SlackCaller,
  row: OutboxRow,
  payload: Record<string, unknown>,
): Promise<UploadResult | undefined> {
  const channel = String(payload.channel);
  const earlier: UploadResult | null = row.result;
  if (earlier?.file_id) {
    const found = await findShared(slack, earlier.file_id, channel);
    if (found) return found;
  }
  const content = Buffer.from(String(payload.content ?? ''), 'utf8');
  const ticket = await slack.call('files.getUploadURLExternal', { filename: payload.filename, length: content.length });
  if (typeof ticket.upload_url !== 'string' || typeof ticket.file_id !== 'string')
    throw new Error('files.getUploadURLExternal answered without upload_url and file_id');
  const started: UploadResult = { channel, file_id: ticket.file_id };
  const recorded = await db
    .update(slackOutbox)
    .set({ result: started })
    .where(ours(row))
    .returning({ id: slackOutbox.id });
  if (recorded.length === 0) return undefined;
  await slack.uploadBytes(ticket.upload_url, content);
  const completed = await slack.call('files.completeUploadExternal', {
    files: JSON.stringify([{ id: ticket.file_id, title: payload.title }]),
    channel_id: channel,
    ...(typeof payload.initial_comment === 'string' ? { initial_comment: payload.initial_comment } : {}),
  });
  return { ...started, ...shareIn(Array.isArray(completed.files) ? completed.files[0] : undefined, channel) };
}

async function findShared(slack: SlackCaller, fileId: string, channel: string): Promise<UploadResult | undefined> {
  let response: SlackResponse;
  try {
    response = await slack.call('files.info', { file: fileId });
  } catch (err) {
    // file_not_found: the earlier attempt never completed, so there is nothing to find.
    if (err instanceof SlackCallError && err.failure.kind === 'permanent') return undefined;
    throw err;
  }
  const share = shareIn(response.file, channel);
  return share ? { channel, file_id: fileId, ...share } : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/** What a row records of Slack's answer: where the message went and its `ts`. */
export function resultOf(response: SlackResponse, payload: Record<string, unknown>): OutboxResult {
  const channel =
    typeof response.channel === 'string'
      ? response.channel
      : typeof payload.channel === 'string'
        ? payload.channel
        : undefined;
  const ts = typeof response.ts === 'string' ? response.ts : undefined;
  return { ...(channel ? { channel } : {}), ...(ts ? { ts } : {}) };
}
