/**
 * The ports through which services reach Slack, owned by the services: writes go through the
 * outbox with the caller's transaction (SlackGateway); reads and the few calls that need Slack's
 * answer before a request can go on are SlackDirectory, SlackChannels and SlackViews. Their Slack
 * adapters are in src/outbound/. Durable timers go through Timers, whose adapter over the job
 * queue is in src/jobs/.
 */
import type { DbOrTx } from '../db/client';
import type { NoticeFallbackKind } from '../messages/notices';
import type { SlackMessage, SlackView } from '../messages/types';

/** A message that is, or will be, in Slack. Later thread replies and updates point at it. */
export interface OutboxRef {
  outboxId: number;
}

export interface PostOptions {
  /** Reply in the thread of this earlier message; delivered only once the parent has its `ts`. */
  threadOf?: OutboxRef;
  /** Told by DM if Slack refuses the message for good (channel archived, bot removed …). */
  reportTo?: string;
}

export interface EphemeralOptions {
  /**
   * Posted instead, visibly in the thread of `threadTs`, when Slack refuses the ephemeral (e.g.
   * `user_not_in_channel`): carried as the row's re-route note, like a DM's fallback. Only for
   * text anyone in the channel may read.
   */
  ifRefused?: { message: SlackMessage; threadTs: string };
}

/** Whom a Slack Connect invitation is addressed to. */
export type SharedInvitee = { userId: string } | { email: string };

/** A stored invitee (`U…` or an email address) as the gateway takes it. */
export const inviteeOf = (stored: string): SharedInvitee =>
  stored.includes('@') ? { email: stored } : { userId: stored };

/** A text file, e.g. a CSV, to share in a channel. `content` is sent as UTF-8. */
export interface UploadedFile {
  filename: string;
  title: string;
  content: string;
}

export interface UploadOptions {
  /** Plain mrkdwn text shown with the file, as the message that shares it. */
  initialComment?: string;
  /** Told by DM if Slack refuses the upload for good (channel archived, bot removed …). */
  reportTo?: string;
}

/**
 * Where a DM goes when Slack will not deliver it. A bot cannot count on a DM to a person of another
 * organisation: conversations.open answers `invalid_user_combination` unless "all external people
 * are already in at least one channel together" (https://docs.slack.dev/reference/methods/conversations.open),
 * either side's admins may switch Slack Connect DMs off
 * (https://slack.com/help/articles/360060326994), and the app's Messages tab lives in the
 * organisation it is installed in. So a DM meant for a partner person carries its fallback: their
 * project channel, as an ephemeral (private to them) or as a message mentioning them.
 */
export interface DirectMessageFallback {
  channel: string;
  kind: NoticeFallbackKind;
}

export interface DirectMessageOptions {
  fallback?: DirectMessageFallback;
  /** The vendor person told when the message reaches its person nowhere. */
  reportTo?: string;
}

/**
 * The port through which services write to Slack. Every write is a row in the outbox, inserted
 * with the caller's transaction, so a change and the message announcing it commit together.
 */
export interface SlackGateway {
  postMessage(tx: DbOrTx, channel: string, message: SlackMessage, options?: PostOptions): Promise<OutboxRef>;
  /**
   * `of.channel`: where the message was posted, when the caller knows it (a project's card is in its
   * channel); saves reading it from the outbox.
   */
  updateMessage(tx: DbOrTx, of: OutboxRef & { channel?: string }, message: SlackMessage): Promise<OutboxRef>;
  /** Pins an earlier message to its channel (pins.add), once Slack has given it a `ts`. */
  pinMessage(tx: DbOrTx, of: OutboxRef, options: { reportTo: string }): Promise<OutboxRef>;
  /** A DM; with a fallback, Slack's refusal of it re-routes it there (see DirectMessageFallback). */
  sendDirectMessage(
    tx: DbOrTx,
    userId: string,
    message: SlackMessage,
    options?: DirectMessageOptions,
  ): Promise<OutboxRef>;
  publishHome(tx: DbOrTx, userId: string, view: SlackView): Promise<OutboxRef>;
  /** People of this workspace; already being in the channel counts as done. */
  inviteToChannel(tx: DbOrTx, channel: string, userIds: string[], options: { reportTo: string }): Promise<void>;
  /**
   * A Slack Connect invitation to one person of another organisation (the partner's own Slack), by
   * user id or by email: Slack takes one invitee per conversations.inviteShared call.
   */
  inviteSharedToChannel(
    tx: DbOrTx,
    channel: string,
    invitee: SharedInvitee,
    options: { reportTo: string },
  ): Promise<OutboxRef>;
  removeFromChannel(tx: DbOrTx, channel: string, userId: string, options: { reportTo: string }): Promise<OutboxRef>;
  /** Seen only by `userId`, e.g. why a thread reply changed nothing; in a thread when `threadTs` is given. */
  postEphemeral(
    tx: DbOrTx,
    channel: string,
    userId: string,
    message: SlackMessage,
    threadTs?: string,
    options?: EphemeralOptions,
  ): Promise<OutboxRef>;
  /** Shares a file in the channel, in order with the channel's messages. */
  uploadFile(tx: DbOrTx, channel: string, file: UploadedFile, options?: UploadOptions): Promise<OutboxRef>;
}

/** What users.info says about a person, as far as Accord's rules need it. */
export interface SlackAccount {
  /** The user's own team id, when users.info states it. */
  teamId: string | undefined;
  /** A multi-channel guest (Slack also sets it for single-channel guests). */
  restricted: boolean;
  /** A single-channel guest. */
  ultraRestricted: boolean;
  /** The language of their Slack (users.info with include_locale), e.g. `en-US`, `zh-CN`. */
  locale?: string;
}

/** Facts about Slack users that verbs need; read-only, cached, and never fatal for external users. */
export interface SlackDirectory {
  /** The user's team id, or undefined when Slack will not tell (e.g. some Slack Connect users). */
  teamOf(userId: string): Promise<string | undefined>;
  /** The user's account as users.info answers it, or undefined when Slack will not tell. Same cache as teamOf. */
  accountOf(userId: string): Promise<SlackAccount | undefined>;
}

export type ChannelResult = { ok: true; channelId: string; name?: string } | { ok: false; error: string };

/**
 * Who can read a conversation, as Slack says at the moment of asking (never cached: people join
 * and channels get shared at any time). `members` includes bots, Accord itself among them.
 */
export type ConversationAudience =
  | {
      ok: true;
      kind: 'im' | 'mpim' | 'public' | 'private';
      /** Shared with another organisation, or invited to be (Slack Connect: is_ext_shared, is_pending_ext_shared). */
      externallyShared: boolean;
      /** Shared with other workspaces of the same Enterprise Grid organisation (is_shared, is_org_shared). */
      sharedWithWorkspaces: boolean;
      members: string[];
      /** More members than the look-up reads; the list is then incomplete. */
      truncated: boolean;
    }
  | { ok: false; error: string; temporary: boolean };

/** Channel set-up, which needs Slack's answer before the request can go on. */
export interface SlackChannels {
  /** Creates a public channel; `{ok: false, error: 'name_taken'}` when the name is in use. */
  create(name: string): Promise<ChannelResult>;
  /** Makes sure the bot can post in an existing channel (joins it when public). */
  prepare(channelId: string): Promise<ChannelResult>;
  /** conversations.info and conversations.members (paginated): how the conversation is shared and who is in it. */
  audience(channelId: string): Promise<ConversationAudience>;
}

/** A modal Slack has open: its id, and the hash that guards an update against a newer one. */
export interface OpenView {
  id: string;
  hash: string | undefined;
}

/**
 * Modals. Slack honours a trigger_id for three seconds only, so a modal is opened first, small and
 * before any database work (`openLoading`), and filled in afterwards by its view id (`update`).
 */
export interface SlackViews {
  /** Opens a "loading" modal at once; undefined when Slack would not (e.g. the trigger expired). */
  openLoading(triggerId: string, view: SlackView): Promise<OpenView | undefined>;
  /** Replaces the content of an open modal; false when Slack refused (closed meanwhile, or changed since). */
  update(open: OpenView, view: SlackView): Promise<boolean>;
}

/**
 * A durable timer: due at `dueAt`, it runs the job of its `kind` with its `payload`, once, in a
 * transaction of its own, even across restarts and replicas. The kind, key and payload are the
 * contract between the service that schedules a timer and the handler that runs it (src/jobs/):
 * they are stored in the jobs table, so existing rows must keep meaning what they meant.
 */
export interface TimerRequest {
  kind: string;
  /** Unique over all time, e.g. `esc:12:0:ack:1`; scheduling it again does nothing. */
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/** The port through which services set and cancel durable timers, in the caller's transaction. */
export interface Timers {
  /** Returns how many of the timers were new (a key already used, even long ago, is skipped). */
  schedule(tx: DbOrTx, now: Date, ...timers: TimerRequest[]): Promise<number>;
  /** Cancels the pending timers whose key starts with `keyPrefix`; returns how many. */
  cancel(tx: DbOrTx, now: Date, keyPrefix: string): Promise<number>;
  /** When the earliest pending timer whose key starts with `keyPrefix` is due, if any is. */
  nextDue(db: DbOrTx, keyPrefix: string): Promise<Date | undefined>;
}
