import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { slackOutbox, type OutboxRefField } from '../db/schema';
import type { Clock } from '../clock';
import type { SlackMessage } from '../messages/types';
import { rerouted } from '../messages/notices';
import type { OutboxRef, SlackGateway } from '../services/ports';

/**
 * Accord's own notes on an outbox row, kept in its payload and never sent to Slack: the write to
 * make instead when Slack refuses a DM, and whose notice a row carries (for the failure report).
 */
export const OUTBOX_NOTE_KEY = 'accord';

export interface OutboxNote {
  /** The person the message is meant for. */
  noticeFor?: string;
  /** The notice as it was written, before a fallback introduced it (quoted in a failure report). */
  noticeText?: string;
  /** Enqueued in place of this DM when Slack refuses it for good. */
  fallback?: { lane: string; method: string; payload: Record<string, unknown> };
}

export function outboxNoteOf(payload: Record<string, unknown>): OutboxNote {
  const note = payload[OUTBOX_NOTE_KEY];
  return typeof note === 'object' && note !== null && !Array.isArray(note) ? (note as OutboxNote) : {};
}

/**
 * Our own name for the three-step upload (files.getUploadURLExternal, the bytes, then
 * files.completeUploadExternal), which the outbox worker carries out as one delivery.
 */
export const FILE_UPLOAD_METHOD = 'files.upload';

// Slack takes at most 1000 users per conversations.invite call.
const INVITE_BATCH = 1000;

export interface EnqueueInput {
  lane: string;
  method: string;
  payload: Record<string, unknown>;
  ref?: { outboxId: number; field: OutboxRefField };
  reportTo?: string;
}

export const laneOfChannel = (channel: string) => `channel:${channel}`;
const laneOfEphemeral = (channel: string, userId: string) => `ephemeral:${channel}:${userId}`;

export function createOutboxGateway(
  clock: Clock,
  onEnqueue: () => void = () => undefined,
): SlackGateway & { enqueue(tx: DbOrTx, input: EnqueueInput): Promise<OutboxRef> } {
  const enqueue = async (tx: DbOrTx, input: EnqueueInput): Promise<OutboxRef> => {
    const now = clock.now();
    const [row] = await tx
      .insert(slackOutbox)
      .values({
        lane: input.lane,
        method: input.method,
        payload: input.payload,
        refId: input.ref?.outboxId ?? null,
        refField: input.ref?.field ?? null,
        reportTo: input.reportTo ?? null,
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning({ id: slackOutbox.id });
    if (!row) throw new Error('outbox insert returned no row');
    onEnqueue();
    return { outboxId: row.id };
  };

  const messagePayload = (channel: string, message: SlackMessage) => ({
    channel,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    // The bot never lets user text become an @channel ping or an unfurled preview.
    unfurl_links: false,
    unfurl_media: false,
  });

  return {
    enqueue,
    postMessage: (tx, channel, message, options = {}) =>
      enqueue(tx, {
        lane: laneOfChannel(channel),
        method: 'chat.postMessage',
        payload: messagePayload(channel, message),
        ref: options.threadOf ? { outboxId: options.threadOf.outboxId, field: 'thread_ts' } : undefined,
        reportTo: options.reportTo,
      }),
    async updateMessage(tx, of, message) {
      if (of.channel !== undefined)
        return enqueue(tx, {
          lane: laneOfChannel(of.channel),
          method: 'chat.update',
          payload: messagePayload(of.channel, message),
          ref: { outboxId: of.outboxId, field: 'ts' },
        });
      const [parent] = await tx
        .select({ lane: slackOutbox.lane, payload: slackOutbox.payload })
        .from(slackOutbox)
        .where(eq(slackOutbox.id, of.outboxId));
      if (!parent) throw new Error(`outbox message ${of.outboxId} does not exist`);
      const channel = String(parent.payload.channel);
      return enqueue(tx, {
        lane: parent.lane,
        method: 'chat.update',
        payload: messagePayload(channel, message),
        ref: { outboxId: of.outboxId, field: 'ts' },
      });
    },
    async pinMessage(tx, of, { reportTo }) {
      const [parent] = await tx
        .select({ lane: slackOutbox.lane, payload: slackOutbox.payload })
        .from(slackOutbox)
        .where(eq(slackOutbox.id, of.outboxId));
      if (!parent) throw new Error(`outbox message ${of.outboxId} does not exist`);
      // https://api.slack.com/methods/pins.add: `channel` and the message's `timestamp` (scope pins:write).
      return enqueue(tx, {
        lane: parent.lane,
        method: 'pins.add',
        payload: { channel: String(parent.payload.channel) },
        ref: { outboxId: of.outboxId, field: 'timestamp' },
        reportTo,
      });
    },
    sendDirectMessage(tx, userId, message, { fallback, reportTo } = {}) {
      const note: OutboxNote = { noticeFor: userId };
      if (fallback) {
        const shown = messagePayload(fallback.channel, rerouted(userId, message, fallback.kind));
        const its: OutboxNote = { noticeFor: userId, noticeText: message.text };
        note.fallback =
          fallback.kind === 'ephemeral'
            ? {
                lane: laneOfEphemeral(fallback.channel, userId),
                method: 'chat.postEphemeral',
                payload: { ...shown, user: userId, [OUTBOX_NOTE_KEY]: its },
              }
            : {
                lane: laneOfChannel(fallback.channel),
                method: 'chat.postMessage',
                payload: { ...shown, [OUTBOX_NOTE_KEY]: its },
              };
      }
      // A user id as `channel` makes Slack open (or reuse) the DM with the bot.
      return enqueue(tx, {
        lane: `dm:${userId}`,
        method: 'chat.postMessage',
        payload: { ...messagePayload(userId, message), [OUTBOX_NOTE_KEY]: note },
        reportTo,
      });
    },
    publishHome: (tx, userId, view) =>
      enqueue(tx, { lane: `home:${userId}`, method: 'views.publish', payload: { user_id: userId, view } }),
    // Invitations go in the channel's own lane so they reach Slack before the messages after them.
    async inviteToChannel(tx, channel, userIds, { reportTo }) {
      for (let i = 0; i < userIds.length; i += INVITE_BATCH) {
        const users = userIds.slice(i, i + INVITE_BATCH).join(',');
        await enqueue(tx, {
          lane: laneOfChannel(channel),
          method: 'conversations.invite',
          payload: { channel, users },
          reportTo,
        });
      }
    },
    // One invitee per call, and `external_limited: false`: Slack's default (true) would let the
    // partner's people only post, not use Accord's buttons and forms. An admin of either side can
    // still restrict it. https://docs.slack.dev/reference/methods/conversations.inviteShared
    inviteSharedToChannel: (tx, channel, invitee, { reportTo }) =>
      enqueue(tx, {
        lane: laneOfChannel(channel),
        method: 'conversations.inviteShared',
        payload: {
          channel,
          ...('email' in invitee ? { emails: invitee.email } : { user_ids: invitee.userId }),
          external_limited: false,
        },
        reportTo,
      }),
    postEphemeral: (tx, channel, userId, message, threadTs, options = {}) =>
      enqueue(tx, {
        lane: laneOfEphemeral(channel, userId),
        method: 'chat.postEphemeral',
        payload: {
          ...messagePayload(channel, message),
          user: userId,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(options.ifRefused
            ? {
                [OUTBOX_NOTE_KEY]: {
                  fallback: {
                    lane: laneOfChannel(channel),
                    method: 'chat.postMessage',
                    payload: {
                      ...messagePayload(channel, options.ifRefused.message),
                      thread_ts: options.ifRefused.threadTs,
                    },
                  },
                } satisfies OutboxNote,
              }
            : {}),
        },
      }),
    removeFromChannel: (tx, channel, userId, { reportTo }) =>
      enqueue(tx, {
        lane: laneOfChannel(channel),
        method: 'conversations.kick',
        payload: { channel, user: userId },
        reportTo,
      }),
    uploadFile: (tx, channel, { filename, title, content }, { initialComment, reportTo } = {}) =>
      enqueue(tx, {
        lane: laneOfChannel(channel),
        method: FILE_UPLOAD_METHOD,
        payload: { channel, filename, title, content, ...(initialComment ? { initial_comment: initialComment } : {}) },
        reportTo,
      }),
  };
}
