import type { Clock } from '../../clock';

/** The shapes the stand-in keeps: Slack's users, channels, messages, files, views and invitations, and its record of calls. */

export interface StandInUser {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  /** users.info fails for this user, as it does for some Slack Connect users. */
  hiddenProfile?: boolean;
  /**
   * The language of their Slack, as users.info gives it with include_locale (`en-US` when unset,
   * Slack's default). Slack offers `zh-CN`, not Vietnamese, Latvian or Hausa.
   */
  locale?: string;
  /**
   * A guest account of the workspace: `restricted` is a multi-channel guest, `ultra-restricted` a
   * single-channel guest. users.info reports them as Slack does: `is_restricted` for both,
   * `is_ultra_restricted` as well for a single-channel guest.
   */
  guest?: 'restricted' | 'ultra-restricted';
  /** The address a Slack Connect invitation by email reaches them at. */
  email?: string;
}

/**
 * A Slack Connect invitation made with conversations.inviteShared: pending until the invitee
 * accepts (and, where an admin must approve, until approved) or declines; Slack lets it lapse after
 * 14 days (`date_invalid` in the invite object of shared_channel_invite_* events).
 */
export interface StandInInvitation {
  id: string;
  channel: string;
  userId?: string;
  email?: string;
  externalLimited: boolean;
  /** Seconds since the epoch, as in Slack's invite object. */
  dateCreated: number;
  dateInvalid: number;
  state: 'pending' | 'accepted' | 'connected' | 'declined';
  /** Who accepted it, and for whom of their team it connects the channel. */
  acceptedBy?: string;
}

/** An Events API event as Slack would deliver it to the app (the `event` of an event_callback). */
export type StandInEvent = Record<string, unknown> & { type: string };

export interface StandInChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Whether the bot is a member; posting elsewhere gets `not_in_channel`. */
  botIsMember: boolean;
  members: Set<string>;
  /** Teams invited through Slack Connect (conversations.inviteShared). */
  sharedWithTeams: Set<string>;
  /** A group DM (is_mpim); a `D…` id is a DM between the bot and one user (is_im). */
  isMpim: boolean;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edited?: boolean;
  /** Files this message shared (files.completeUploadExternal), with their content as UTF-8 text. */
  files?: Array<{ id: string; name: string; title: string; text: string }>;
}

/** A file from files.getUploadURLExternal; `content` once its bytes arrived, `channels` once shared. */
export interface StandInFile {
  id: string;
  filename: string;
  title: string;
  /** The byte length declared to files.getUploadURLExternal. */
  length: number;
  content: Buffer | undefined;
  channels: string[];
}

/** A modal as Slack holds it: open until the person submits or closes it. */
export interface StandInView {
  id: string;
  triggerId: string;
  view: Record<string, unknown>;
  hash: string;
  open: boolean;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  status: number;
  response: Record<string, unknown>;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

/**
 * Injected with `inject(method, fault)`. The upload URL's faults are injected as method `upload`;
 * there an `error` fault answers HTTP 400, as the upload endpoint has no `ok: false`.
 */
export type Fault =
  { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string } | { delayMs: number };

export interface MessageLimits {
  perChannelPerSecond: number;
  workspacePerSecond: number;
}

export interface StandInOptions {
  teamId?: string;
  botUserId?: string;
  botToken?: string;
  /** The app-level token accepted by apps.connections.open (Socket Mode). */
  appToken?: string;
  users?: StandInUser[];
  /** What message timestamps are made of; the sandbox passes its own clock, so Slack's time is its time. */
  clock?: Clock;
}

/** What the HTTP server sends back: a status, a JSON body, and headers such as Retry-After. */
export type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
