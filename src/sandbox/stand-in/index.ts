import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../clock';

/**
 * A local stand-in for the Slack Web API: answers the methods Accord uses the way Slack does,
 * keeps the workspace state (channels, messages, views), records every call, and can be told to
 * fail (429 with Retry-After, 5xx, `ok: false` errors, slow answers). Tests and the sandbox both
 * drive the real Accord against it. It listens on 127.0.0.1 only.
 */

export interface StandInUser {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  /** users.info fails for this user, as it does for some Slack Connect users. */
  hiddenProfile?: boolean;
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

/** A user acted on a conversation Slack does not show them (not a member, and not a public channel of their team). */
export class CannotSee extends Error {
  constructor(
    readonly userId: string,
    readonly channelId: string,
  ) {
    super(`${userId} cannot see ${channelId}: Slack shows a channel's messages to its members, and a public channel to the teams it belongs to`);
    this.name = 'CannotSee';
  }
}

/** A user tried to post in a conversation they are not a member of, which Slack's clients do not allow. */
export class NotAMember extends Error {
  constructor(
    readonly userId: string,
    readonly channel: StandInChannel,
  ) {
    super(`${userId} is not a member of #${channel.name} (${channel.id}), and only members post in a channel: join it, or accept its Slack Connect invitation first`);
    this.name = 'NotAMember';
  }
}

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

/**
 * How long Slack honours a trigger_id (https://api.slack.com/interactivity/handling#modal_responses:
 * "trigger_id … expires in 3 seconds"). The stand-in knows when a trigger was issued when its id
 * starts with the issuing time in milliseconds, as the driver and the sandbox make them.
 */
const TRIGGER_LIFETIME_MS = 3000;

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
export type Fault = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string } | { delayMs: number };

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

type Args = Record<string, unknown>;
type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

class SlackApiError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function jsonish<T>(v: unknown): T | undefined {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return undefined;
    }
  }
  return v as T | undefined;
}

export class SlackStandIn extends EventEmitter {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botToken: string;
  readonly appToken: string;
  /** What apps.connections.open hands out: the WebSocket URL of a Socket Mode server. */
  socketModeUrl: string | undefined;
  readonly users = new Map<string, StandInUser>();
  readonly channels = new Map<string, StandInChannel>();
  readonly messages: StandInMessage[] = [];
  readonly ephemerals: Array<{ channel: string; user: string; text: string; blocks?: unknown[] }> = [];
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly homeViews = new Map<string, Record<string, unknown>>();
  /** Modals opened with views.open, each with its current content (views.update replaces it) and hash. */
  readonly openedViews: StandInView[] = [];
  /** views.open and views.update in the order Slack took them, to check that a modal opens before it is filled. */
  readonly viewLog: Array<{ method: 'views.open' | 'views.update'; viewId: string; at: number }> = [];
  /** Pinned messages' ts, per channel (pins.add). */
  readonly pins = new Map<string, Set<string>>();
  private readonly usedTriggers = new Set<string>();
  private hashCounter = 0;
  readonly files = new Map<string, StandInFile>();
  readonly invitations: StandInInvitation[] = [];
  /** Whether an admin must approve an accepted Slack Connect invitation before the channel connects. */
  connectApprovalRequired = false;
  private readonly faults = new Map<string, Fault[]>();
  private messageLimits: MessageLimits | undefined;
  /** Times (ms) of the chat.postMessage calls accepted in the last second, per channel and in all. */
  private readonly recentPosts = { all: [] as number[], byChannel: new Map<string, number[]>() };
  /** chat.postMessage calls refused with 429 by `limitMessages`. */
  rateLimited = 0;
  private server: Server | undefined;
  private baseUrl = '';
  private tsCounter = 0;
  private readonly clock: Clock;
  private idCounter = 0;
  private responseCounter = 0;

  constructor(o: StandInOptions = {}) {
    super();
    this.teamId = o.teamId ?? 'T0VENDOR';
    this.botUserId = o.botUserId ?? 'U0ACCORD';
    this.botToken = o.botToken ?? 'xoxb-test-token';
    this.appToken = o.appToken ?? 'xapp-test-token';
    this.clock = o.clock ?? systemClock;
    for (const u of o.users ?? []) this.users.set(u.id, u);
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  // ---- workspace set-up -------------------------------------------------------------------

  addUser(user: StandInUser): StandInUser {
    this.users.set(user.id, user);
    return user;
  }

  addChannel(c: Partial<StandInChannel> & { name: string }): StandInChannel {
    const channel: StandInChannel = {
      id: c.id ?? this.newId(c.isPrivate ? 'G' : 'C'),
      name: c.name,
      isPrivate: c.isPrivate ?? false,
      isArchived: c.isArchived ?? false,
      botIsMember: c.botIsMember ?? true,
      members: c.members ?? new Set(),
      sharedWithTeams: c.sharedWithTeams ?? new Set(),
      isMpim: c.isMpim ?? false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The bot's DM with a user (`D…`), opened as Slack does when the bot first writes to them. */
  openDm(userId: string): StandInChannel {
    const dmId = `D${userId.slice(1)}`;
    return this.channels.get(dmId) ?? this.addChannel({ id: dmId, name: `dm-${userId}`, isPrivate: true, members: new Set([userId]) });
  }

  /** The next `times` calls of `method` fail with `fault`. */
  inject(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(method, list);
  }

  /**
   * Slack's rate limit for posting: about one message per second per channel, and a limit for the
   * whole workspace. Calls over either get 429 with Retry-After, as Slack answers; undefined lifts it.
   */
  limitMessages(limits: MessageLimits | undefined): void {
    this.messageLimits = limits;
    this.recentPosts.all.length = 0;
    this.recentPosts.byChannel.clear();
    this.rateLimited = 0;
  }

  /** Whether a post to `channel` fits the limits now; records it when it does. */
  private admitPost(channel: string): boolean {
    const limits = this.messageLimits;
    if (!limits) return true;
    const now = Date.now();
    const recent = (list: number[]) => {
      while (list.length > 0 && (list[0] ?? 0) <= now - 1000) list.shift();
      return list;
    };
    const all = recent(this.recentPosts.all);
    const mine = recent(this.recentPosts.byChannel.get(channel) ?? []);
    if (all.length >= limits.workspacePerSecond || mine.length >= limits.perChannelPerSecond) {
      this.rateLimited += 1;
      return false;
    }
    all.push(now);
    mine.push(now);
    this.recentPosts.byChannel.set(channel, mine);
    return true;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** A fresh response_url, as Slack puts in every slash command and interaction payload. */
  newResponseUrl(): string {
    this.responseCounter += 1;
    return `${this.baseUrl}/response/${this.responseCounter}`;
  }

  responsesTo(url: string): RecordedResponse[] {
    const id = url.split('/').pop() ?? '';
    return this.responses.filter((r) => r.id === id);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level messages and replies in a channel, oldest first. */
  messagesIn(channel: string): StandInMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** Files shared in a channel, oldest first, with their content as UTF-8 text. */
  filesIn(channel: string): Array<Omit<StandInFile, 'content' | 'channels'> & { content: string }> {
    return [...this.files.values()]
      .filter((f) => f.channels.includes(channel))
      .map(({ id, filename, title, length, content }) => ({ id, filename, title, length, content: content?.toString('utf8') ?? '' }));
  }

  /**
   * What Slack shows instead of delivering a slash command, or undefined when it delivers it. An
   * app's slash commands are offered only to people of the organisation it is installed in: a
   * member of another organisation in a Slack Connect channel who types one gets Slack's own
   * "not a valid command", and no request reaches the app (slackapi/bolt-python#767; what reaches
   * an app from such members: https://docs.slack.dev/apis/slack-connect ).
   */
  slashCommandRefusal(teamId: string, command: string): string | undefined {
    if (teamId === this.teamId) return undefined;
    return `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`;
  }

  /**
   * What Slack shows instead of the app's Home tab, or undefined when it shows it. An App Home is
   * the app's 1:1 conversation with a person (https://docs.slack.dev/surfaces/app-home), found
   * under Apps in the sidebar of a workspace where the app is installed; like a DM across
   * organisations, Accord does not count on it for people of another organisation, so neither does
   * the stand-in.
   */
  appHomeRefusal(teamId: string): string | undefined {
    if (teamId === this.teamId) return undefined;
    return "Accord is not installed in your organisation's Slack, so it has no Home tab for you here.";
  }

  /**
   * Slack Connect teams that joined a channel on post-only terms: their invitation was sent with
   * `external_limited` (Slack's default), so "the invited team will have post-only permissions in
   * the channel" (https://docs.slack.dev/reference/methods/conversations.requestSharedInvite.approve,
   * `is_external_limited`; conversations.inviteShared's `external_limited`). Channel id → team ids.
   */
  private readonly postOnlyTeams = new Map<string, Set<string>>();

  /**
   * What Slack does with a click on one of the app's buttons (or a form) by someone whose team has
   * post-only access to the channel: the app's controls are not theirs to use, so nothing reaches
   * the app and they are told why. Undefined when the click goes through. They may still post,
   * reply in threads and mention the app.
   */
  interactionRefusal(teamId: string, channelId: string): string | undefined {
    if (!this.postOnlyTeams.get(channelId)?.has(teamId)) return undefined;
    return 'Your organisation has post-only access to this channel (its Slack Connect invitation was limited), so you cannot use apps here. You can still post messages and reply in threads.';
  }

  /**
   * Whether `userId` can see a conversation's messages (and so press their buttons): its members,
   * and for a public channel everyone of a team it belongs to, who can open it without joining.
   */
  canSee(userId: string, channelId: string): boolean {
    const channel = this.channels.get(channelId);
    if (!channel) return false;
    if (channel.members.has(userId)) return true;
    const teamId = this.users.get(userId)?.teamId;
    return !channel.isPrivate && !channel.isMpim && !channelId.startsWith('D') && (teamId === this.teamId || (teamId !== undefined && channel.sharedWithTeams.has(teamId)));
  }

  /** A message as if a person posted it (for thread replies the tests send as events). */
  postAsUser(user: string, channel: string, text: string, threadTs?: string): StandInMessage {
    // Only a conversation's members can post in it; a user reaches another organisation's channel
    // only by accepting its Slack Connect invitation.
    const conversation = this.channels.get(channel);
    if (!conversation) throw new Error(`there is no channel ${channel}`);
    if (!conversation.members.has(user)) throw new NotAMember(user, conversation);
    const message: StandInMessage = { channel, ts: this.nextTs(), user, text, ...(threadTs ? { threadTs } : {}) };
    this.messages.push(message);
    this.emit('message', message);
    return message;
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/upload/')) {
      const fileId = decodeURIComponent(path.slice('/upload/'.length));
      const answer = await this.receiveUpload(fileId, bytes);
      this.calls.push({ method: 'upload', args: { file_id: fileId, length: bytes.length }, status: answer.status, response: answer.body, at: Date.now() });
      this.reply(res, answer);
      return;
    }
    if (path.startsWith('/response/')) {
      const body = jsonish<Record<string, unknown>>(raw) ?? {};
      const recorded = { id: path.slice('/response/'.length), body };
      this.responses.push(recorded);
      this.emit('response', recorded);
      this.reply(res, { status: 200, body: { ok: true } });
      return;
    }
    if (!path.startsWith('/api/')) {
      this.reply(res, { status: 404, body: { ok: false, error: 'not_found' } });
      return;
    }
    const method = path.slice('/api/'.length);
    const args = this.parseArgs(raw, req.headers['content-type']);
    const answer = await this.answer(method, args, req.headers.authorization);
    this.calls.push({ method, args, status: answer.status, response: answer.body, at: Date.now() });
    this.emit('call', method, args, answer);
    this.reply(res, answer);
  }

  private reply(res: ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private parseArgs(raw: string, contentType: string | undefined): Args {
    if (contentType?.includes('application/json')) return jsonish<Args>(raw) ?? {};
    return Object.fromEntries(new URLSearchParams(raw));
  }

  /** The answer an injected fault forces, if any; a `delayMs` fault only waits, then the call goes on. */
  private async faulted(method: string, errorStatus = 200): Promise<Answer | undefined> {
    const fault = this.faults.get(method)?.shift();
    if (!fault) return undefined;
    if ('delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if ('error' in fault) return { status: errorStatus, body: { ok: false, error: fault.error } };
    else if (fault.status === 429) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfter) } };
    else return { status: fault.status, body: { ok: false, error: 'internal_error' } };
    return undefined;
  }

  /** The upload URL of files.getUploadURLExternal: takes the file's raw bytes. */
  private async receiveUpload(fileId: string, bytes: Buffer): Promise<Answer> {
    const forced = await this.faulted('upload', 400);
    if (forced) return forced;
    const file = this.files.get(fileId);
    if (!file) return { status: 404, body: { ok: false, error: 'file_not_found' } };
    file.content = bytes;
    return { status: 200, body: { ok: true, length: bytes.length } };
  }

  private async answer(method: string, args: Args, authorization: string | undefined): Promise<Answer> {
    const forced = await this.faulted(method);
    if (forced) return forced;
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? str(args.token);
    if (method === 'apps.connections.open') {
      if (token !== this.appToken) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      if (!this.socketModeUrl) return { status: 200, body: { ok: false, error: 'internal_error' } };
      return { status: 200, body: { ok: true, url: this.socketModeUrl } };
    }
    if (token !== this.botToken) return { status: 200, body: { ok: false, error: token ? 'invalid_auth' : 'not_authed' } };
    if (method === 'chat.postMessage' && !this.admitPost(str(args.channel) ?? '')) {
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } };
    }
    try {
      return { status: 200, body: { ok: true, ...this.dispatch(method, args) } };
    } catch (err) {
      if (err instanceof SlackApiError) return { status: 200, body: { ok: false, error: err.error } };
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
  }

  private dispatch(method: string, args: Args): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { url: 'https://vendor.example.slack.com/', team: 'Vendor', team_id: this.teamId, user: 'accord', user_id: this.botUserId, bot_id: 'B0ACCORD' };
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.update':
        return this.updateMessage(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'conversations.history':
        return this.history(args);
      case 'conversations.replies':
        return this.replies(args);
      case 'conversations.create':
        return this.createChannel(args);
      case 'conversations.invite':
        return this.invite(args);
      case 'conversations.inviteShared':
        return this.inviteShared(args);
      case 'conversations.kick': {
        const channel = this.channelOf(args);
        const user = str(args.user) ?? '';
        if (!this.users.has(user)) throw new SlackApiError('user_not_found');
        if (!channel.members.delete(user)) throw new SlackApiError('not_in_channel');
        return {};
      }
      case 'conversations.open': {
        const users = (str(args.users) ?? '').split(',').filter(Boolean);
        if (users.length === 0) throw new SlackApiError(str(args.channel) ? 'method_not_supported_for_channel_type' : 'users_list_not_supplied');
        // Only the bot's 1:1 DMs are modelled; a group DM of people is not something Accord opens.
        if (users.length > 1) throw new SlackApiError('method_not_supported_for_channel_type');
        const dm = this.dmWith(users[0] ?? '', 'invalid_user_combination');
        return { channel: this.channelJson(dm) };
      }
      case 'conversations.info':
        // Slack answers channel_not_found for a private channel the bot is not in; the stand-in
        // describes it (is_member false) so that channel set-up can say why it cannot be used.
        return { channel: this.channelJson(this.channelOf(args)) };
      case 'conversations.members':
        return this.members(args);
      case 'conversations.join': {
        const channel = this.channelOf(args);
        channel.botIsMember = true;
        return { channel: this.channelJson(channel) };
      }
      case 'users.info':
        return this.userInfo(args);
      case 'views.publish': {
        const user = str(args.user_id);
        if (!user || !this.users.has(user)) throw new SlackApiError('user_not_found');
        const view = jsonish<Record<string, unknown>>(args.view);
        if (!view || view.type !== 'home') throw new SlackApiError('invalid_arguments');
        this.homeViews.set(user, view);
        return { view: { id: this.newId('V'), ...view } };
      }
      case 'files.getUploadURLExternal':
        return this.uploadUrl(args);
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'files.info': {
        const file = this.files.get(str(args.file) ?? '');
        if (!file) throw new SlackApiError('file_not_found');
        return { file: this.fileJson(file) };
      }
      case 'views.open':
        return this.openView(args);
      case 'views.update':
        return this.updateView(args);
      case 'pins.add':
        return this.pin(args);
      default:
        throw new SlackApiError('unknown_method');
    }
  }

  /** The person submitted or closed the modal: Slack no longer takes views.update for it. */
  closeView(viewId: string): void {
    const found = this.openedViews.find((v) => v.id === viewId);
    if (found) found.open = false;
  }

  /** Pinned messages of a channel. */
  pinsIn(channel: string): StandInMessage[] {
    const pinned = this.pins.get(channel) ?? new Set<string>();
    return this.messages.filter((m) => m.channel === channel && pinned.has(m.ts));
  }

  /**
   * views.open takes a trigger_id once (`exchanged_trigger_id`) and within its lifetime
   * (`expired_trigger_id`), as https://api.slack.com/methods/views.open lists.
   */
  private openView(args: Args): Record<string, unknown> {
    const view = jsonish<Record<string, unknown>>(args.view);
    const triggerId = str(args.trigger_id);
    if (!view || !triggerId) throw new SlackApiError('invalid_arguments');
    if (this.usedTriggers.has(triggerId)) throw new SlackApiError('exchanged_trigger_id');
    const issued = /^(\d{13})\./.exec(triggerId)?.[1];
    if (issued !== undefined && Date.now() - Number(issued) > TRIGGER_LIFETIME_MS) throw new SlackApiError('expired_trigger_id');
    this.usedTriggers.add(triggerId);
    const id = this.newId('V');
    const hash = this.newHash();
    this.openedViews.push({ id, triggerId, view, hash, open: true });
    this.viewLog.push({ method: 'views.open', viewId: id, at: Date.now() });
    return { view: { id, hash, ...view } };
  }

  /**
   * views.update by view_id: the modal must be open (`not_found` otherwise), and a hash, when
   * given, must be the current one (`hash_conflict`), as https://api.slack.com/methods/views.update
   * documents; each update gives the view a new hash.
   */
  private updateView(args: Args): Record<string, unknown> {
    const view = jsonish<Record<string, unknown>>(args.view);
    const viewId = str(args.view_id);
    if (!view || !viewId) throw new SlackApiError('invalid_arguments');
    const target = this.openedViews.find((v) => v.id === viewId);
    if (!target || !target.open) throw new SlackApiError('not_found');
    const hash = str(args.hash);
    if (hash !== undefined && hash !== target.hash) throw new SlackApiError('hash_conflict');
    target.view = view;
    target.hash = this.newHash();
    this.viewLog.push({ method: 'views.update', viewId, at: Date.now() });
    return { view: { id: viewId, hash: target.hash, ...view } };
  }

  /** pins.add: a message of the channel, by its ts (https://api.slack.com/methods/pins.add). */
  private pin(args: Args): Record<string, unknown> {
    const channel = this.channelOf(args);
    if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
    const ts = str(args.timestamp);
    if (!ts) throw new SlackApiError('no_item_specified');
    if (!this.messages.some((m) => m.channel === channel.id && m.ts === ts)) throw new SlackApiError('message_not_found');
    const pinned = this.pins.get(channel.id) ?? new Set<string>();
    if (pinned.has(ts)) throw new SlackApiError('already_pinned');
    pinned.add(ts);
    this.pins.set(channel.id, pinned);
    return {};
  }

  private newHash(): string {
    this.hashCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.hashCounter).padStart(8, '0')}`;
  }

  private newId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}0${String(this.idCounter).padStart(7, '0')}`;
  }

  /** A message timestamp as Slack writes them, later than every one before. */
  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.clock.now().getTime() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private channelOf(args: Args): StandInChannel {
    const id = str(args.channel);
    const channel = id ? this.channels.get(id) : undefined;
    if (!channel) throw new SlackApiError('channel_not_found');
    return channel;
  }

  /** Slack's conversation object: a DM is `is_im` with its `user`; a private channel the bot is not in is not found. */
  private channelJson(c: StandInChannel): Record<string, unknown> {
    const im = c.id.startsWith('D');
    const shared = [...c.sharedWithTeams].some((t) => t !== this.teamId);
    const flags = {
      is_channel: !im && !c.isMpim && !c.isPrivate,
      is_group: !im && !c.isMpim && c.isPrivate,
      is_im: im,
      is_mpim: c.isMpim,
      is_private: c.isPrivate || im || c.isMpim,
      is_archived: c.isArchived,
      is_shared: shared,
      is_ext_shared: shared,
      is_org_shared: false,
      is_pending_ext_shared: !shared && this.pendingInvitations(c.id).length > 0,
    };
    if (im) return { id: c.id, created: 0, ...flags, user: [...c.members][0], is_open: true };
    return { id: c.id, name: c.name, ...flags, is_member: c.botIsMember, shared_team_ids: [this.teamId] };
  }

  /** Whose members a bot token can read: public channels, and private ones, DMs and group DMs it is in. */
  private visibleChannel(args: Args): StandInChannel {
    const channel = this.channelOf(args);
    if ((channel.isPrivate || channel.isMpim) && !channel.botIsMember) throw new SlackApiError('channel_not_found');
    return channel;
  }

  /** conversations.members: user ids, the bot's own included, in pages with `response_metadata.next_cursor`. */
  private members(args: Args): Record<string, unknown> {
    const channel = this.visibleChannel(args);
    const all = [...channel.members, ...(channel.botIsMember && !channel.members.has(this.botUserId) ? [this.botUserId] : [])];
    const limit = args.limit === undefined ? 100 : Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
    const cursor = str(args.cursor);
    const start = cursor
      ? Number(
          Buffer.from(cursor, 'base64')
            .toString('utf8')
            .replace(/^offset:/, ''),
        )
      : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw new SlackApiError('invalid_cursor');
    const end = Math.min(start + limit, all.length);
    const next = end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
    return { members: all.slice(start, end), response_metadata: { next_cursor: next } };
  }

  /**
   * The bot's DM with a user, as conversations.open and a post addressed to a user id open it. A
   * user of another organisation gets none: Slack refuses DMs with external people unless they
   * already share a channel (`invalid_user_combination`,
   * https://docs.slack.dev/reference/methods/conversations.open), either side's admins may turn
   * Slack Connect DMs off, and the app's Messages tab is only in the organisation that installed
   * it. The stand-in takes the strict reading, so no partner flow can come to rely on such a DM.
   */
  private dmWith(userId: string, refusal: string): StandInChannel {
    const user = this.users.get(userId);
    if (!user) throw new SlackApiError(refusal === 'invalid_user_combination' ? 'user_not_found' : refusal);
    if (user.teamId !== this.teamId) throw new SlackApiError(refusal);
    return this.openDm(userId);
  }

  /** Posting to a user id opens (or reuses) the bot's DM with that user, as Slack does. */
  private writableChannel(args: Args): StandInChannel {
    const id = str(args.channel);
    // For a DM it cannot open, chat.postMessage has no conversation to post in: `channel_not_found`.
    if (id && /^[UW]/.test(id)) return this.dmWith(id, 'channel_not_found');
    const channel = this.channelOf(args);
    if (channel.isArchived) throw new SlackApiError('is_archived');
    if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
    return channel;
  }

  private contentOf(args: Args): { text: string; blocks?: unknown[] } {
    const text = typeof args.text === 'string' ? args.text : '';
    const blocks = jsonish<unknown[]>(args.blocks);
    if (!text && (!blocks || blocks.length === 0)) throw new SlackApiError('no_text');
    if (text.length > 40_000) throw new SlackApiError('msg_too_long');
    if (blocks && (!Array.isArray(blocks) || blocks.length > 50)) throw new SlackApiError('invalid_blocks');
    return { text, ...(blocks ? { blocks } : {}) };
  }

  private postMessage(args: Args): Record<string, unknown> {
    const channel = this.writableChannel(args);
    const content = this.contentOf(args);
    const threadTs = str(args.thread_ts);
    if (threadTs && !this.messages.some((m) => m.channel === channel.id && m.ts === threadTs)) throw new SlackApiError('thread_not_found');
    const metadata = jsonish<StandInMessage['metadata']>(args.metadata);
    const message: StandInMessage = { channel: channel.id, ts: this.nextTs(), user: this.botUserId, ...content, ...(threadTs ? { threadTs } : {}), ...(metadata ? { metadata } : {}) };
    this.messages.push(message);
    this.emit('message', message);
    return { channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts, user: message.user } };
  }

  private updateMessage(args: Args): Record<string, unknown> {
    const channel = this.writableChannel(args);
    const message = this.messages.find((m) => m.channel === channel.id && m.ts === str(args.ts));
    if (!message) throw new SlackApiError('message_not_found');
    if (message.user !== this.botUserId) throw new SlackApiError('cant_update_message');
    const content = this.contentOf(args);
    message.text = content.text;
    message.blocks = content.blocks;
    message.edited = true;
    this.emit('update', message);
    return { channel: channel.id, ts: message.ts, text: message.text };
  }

  private postEphemeral(args: Args): Record<string, unknown> {
    const channel = this.writableChannel(args);
    const user = str(args.user);
    if (!user || !this.users.has(user)) throw new SlackApiError('user_not_found');
    // Slack delivers an ephemeral only to a member of the conversation: https://docs.slack.dev/reference/methods/chat.postEphemeral/
    if (!channel.members.has(user)) throw new SlackApiError('user_not_in_channel');
    const content = this.contentOf(args);
    this.ephemerals.push({ channel: channel.id, user, ...content });
    this.emit('ephemeral', { channel: channel.id, user, ...content });
    return { message_ts: this.nextTs() };
  }

  private messageJson(m: StandInMessage, withMetadata: boolean): Record<string, unknown> {
    const files = m.files?.map(({ id, name, title }) => ({ id, name, title }));
    return {
      type: 'message',
      user: m.user,
      text: m.text,
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(files ? { files } : {}),
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  }

  private uploadUrl(args: Args): Record<string, unknown> {
    const filename = str(args.filename);
    const length = String(args.length ?? '');
    if (!filename || !/^[1-9]\d*$/.test(length)) throw new SlackApiError('invalid_arguments');
    const id = this.newId('F');
    this.files.set(id, { id, filename, title: filename, length: Number(length), content: undefined, channels: [] });
    return { upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
  }

  /** Shares the uploaded files in `channel_id`: one message with `initial_comment` and the files. */
  private completeUpload(args: Args): Record<string, unknown> {
    const declared = jsonish<unknown>(args.files);
    if (!Array.isArray(declared) || declared.length === 0) throw new SlackApiError('invalid_arguments');
    const files = declared.map((d: unknown) => {
      const { id, title } = (d ?? {}) as { id?: unknown; title?: unknown };
      const file = this.files.get(str(id) ?? '');
      if (!file) throw new SlackApiError('file_not_found');
      if (file.content?.length !== file.length) throw new SlackApiError('invalid_arguments');
      return { file, title: str(title) };
    });
    const channel = str(args.channel_id) ? this.writableChannel({ channel: args.channel_id }) : undefined;
    for (const { file, title } of files) if (title) file.title = title;
    if (channel) {
      for (const { file } of files) if (!file.channels.includes(channel.id)) file.channels.push(channel.id);
      const text = typeof args.initial_comment === 'string' ? args.initial_comment : '';
      const shared = files.map(({ file: f }) => ({ id: f.id, name: f.filename, title: f.title, text: f.content?.toString('utf8') ?? '' }));
      const message: StandInMessage = { channel: channel.id, ts: this.nextTs(), user: this.botUserId, text, files: shared };
      this.messages.push(message);
      this.emit('message', message);
    }
    return { files: files.map(({ file }) => this.fileJson(file)) };
  }

  /** Slack's file object: where it is shared (`channels`, `groups`, `ims`) and each share's ts. */
  private fileJson(f: StandInFile): Record<string, unknown> {
    const byKind = (prefix: string) => f.channels.filter((c) => c.startsWith(prefix));
    const sharesIn = (ids: string[]) => Object.fromEntries(ids.map((c) => [c, this.messages.filter((m) => m.channel === c && m.files?.some((x) => x.id === f.id)).map((m) => ({ ts: m.ts }))]));
    const publicIds = byKind('C');
    const privateIds = f.channels.filter((c) => !c.startsWith('C'));
    return {
      id: f.id,
      name: f.filename,
      title: f.title,
      size: f.length,
      channels: publicIds,
      groups: byKind('G'),
      ims: byKind('D'),
      shares: { ...(publicIds.length ? { public: sharesIn(publicIds) } : {}), ...(privateIds.length ? { private: sharesIn(privateIds) } : {}) },
    };
  }

  private history(args: Args): Record<string, unknown> {
    const channel = this.channelOf(args);
    const oldest = Number(str(args.oldest) ?? '0');
    const limit = Number(args.limit ?? 100);
    const withMetadata = String(args.include_all_metadata) === 'true';
    const list = this.messages
      .filter((m) => m.channel === channel.id && !m.threadTs && Number(m.ts) >= oldest)
      .reverse()
      .slice(0, limit);
    return { messages: list.map((m) => this.messageJson(m, withMetadata)), has_more: false };
  }

  private replies(args: Args): Record<string, unknown> {
    const channel = this.channelOf(args);
    const ts = str(args.ts);
    const parent = this.messages.find((m) => m.channel === channel.id && m.ts === ts);
    if (!parent) throw new SlackApiError('thread_not_found');
    const withMetadata = String(args.include_all_metadata) === 'true';
    const thread = [parent, ...this.messages.filter((m) => m.channel === channel.id && m.threadTs === ts)];
    return { messages: thread.map((m) => this.messageJson(m, withMetadata)), has_more: false };
  }

  private createChannel(args: Args): Record<string, unknown> {
    const name = str(args.name);
    if (!name) throw new SlackApiError('invalid_name_required');
    if (!/^[a-z0-9_-]{1,80}$/.test(name)) throw new SlackApiError('invalid_name_specials');
    if ([...this.channels.values()].some((c) => c.name === name)) throw new SlackApiError('name_taken');
    const channel = this.addChannel({ name, isPrivate: String(args.is_private) === 'true' });
    return { channel: this.channelJson(channel) };
  }

  private invite(args: Args): Record<string, unknown> {
    const channel = this.channelOf(args);
    if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length === 0) throw new SlackApiError('no_user');
    for (const u of users) if (!this.users.has(u)) throw new SlackApiError('user_not_found');
    if (users.every((u) => channel.members.has(u))) throw new SlackApiError('already_in_channel');
    for (const u of users) channel.members.add(u);
    return { channel: this.channelJson(channel) };
  }

  /**
   * conversations.inviteShared as https://docs.slack.dev/reference/methods/conversations.inviteShared
   * describes it: one user id or one email per call ("even though the emails and user_ids arguments
   * accept arrays, only one email or one user ID may be invited at a time"), `external_limited`
   * true unless said otherwise, and an invitation that stays pending until it is accepted. Several
   * emails get the documented `too_many_emails`; the page names no code for several user ids, so
   * they get `invalid_arguments`. When Slack answers `connection_limit_exceeded_pending` is not
   * documented beyond "this channel already has a pending invite": tests inject it.
   */
  private inviteShared(args: Args): Record<string, unknown> {
    const channel = this.channelOf(args);
    const list = (v: unknown): string[] => {
      const parsed = jsonish<unknown>(v);
      const items = Array.isArray(parsed) ? parsed.map(String) : (str(v) ?? '').split(',');
      return items.map((x) => x.trim()).filter(Boolean);
    };
    const userIds = list(args.user_ids);
    const emails = list(args.emails);
    if (userIds.length === 0 && emails.length === 0) throw new SlackApiError('recipients_not_specified');
    if (emails.length > 1) throw new SlackApiError('too_many_emails');
    if (userIds.length > 1 || (userIds.length > 0 && emails.length > 0)) throw new SlackApiError('invalid_arguments');
    if (channel.isArchived) throw new SlackApiError('channel_archived');
    if (channel.name === 'general') throw new SlackApiError('cannot_share_mandatory_channel');
    const [userId] = userIds;
    const [email] = emails;
    if (userId !== undefined) {
      const user = this.users.get(userId);
      if (!user) throw new SlackApiError('user_not_found');
      if (channel.members.has(userId)) throw new SlackApiError('already_in_channel');
    }
    if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new SlackApiError('invalid_email');
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const invitation: StandInInvitation = {
      id: this.newId('I'),
      channel: channel.id,
      ...(userId ? { userId } : {}),
      ...(email ? { email: email.toLowerCase() } : {}),
      externalLimited: String(args.external_limited ?? 'true') !== 'false',
      dateCreated: now,
      dateInvalid: now + 14 * 24 * 3600,
      state: 'pending',
    };
    this.invitations.push(invitation);
    this.emit('invitation', invitation);
    return { invite_id: invitation.id, is_legacy_shared_channel: false };
  }

  // ---- Slack Connect: the other organisation's side ------------------------------------------

  /** Invitations not yet answered (and not lapsed), optionally of one channel. */
  pendingInvitations(channel?: string): StandInInvitation[] {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return this.invitations.filter((i) => i.state === 'pending' && i.dateInvalid > now && (channel === undefined || i.channel === channel));
  }

  private invitation(inviteId: string, states: ReadonlyArray<StandInInvitation['state']>): StandInInvitation {
    const found = this.invitations.find((i) => i.id === inviteId);
    if (!found) throw new Error(`there is no invitation ${inviteId}`);
    if (!states.includes(found.state)) throw new Error(`invitation ${inviteId} is ${found.state}`);
    if (found.state === 'pending' && found.dateInvalid <= Math.floor(this.clock.now().getTime() / 1000)) throw new Error(`invitation ${inviteId} has lapsed (Slack keeps them 14 days)`);
    return found;
  }

  private teamJson(id: string): Record<string, unknown> {
    return { id, name: id === this.teamId ? 'Vendor' : id, icon: {}, is_verified: false, domain: id.toLowerCase(), date_created: 0 };
  }

  private userJson(id: string): Record<string, unknown> {
    const user = this.users.get(id);
    const name = user?.name ?? id;
    return { id, team_id: user?.teamId ?? '', name, updated: 0, profile: { real_name: user?.realName ?? name, display_name: name, team: user?.teamId ?? '', email: user?.email ?? '' } };
  }

  /** The invite object of shared_channel_invite_* events. */
  private inviteJson(i: StandInInvitation): Record<string, unknown> {
    return {
      id: i.id,
      date_created: i.dateCreated,
      date_invalid: i.dateInvalid,
      inviting_team: this.teamJson(this.teamId),
      inviting_user: this.userJson(this.botUserId),
      ...(i.email ? { recipient_email: i.email } : {}),
      ...(i.userId ? { recipient_user_id: i.userId } : {}),
    };
  }

  private eventChannel(channelId: string): Record<string, unknown> {
    const c = this.channels.get(channelId);
    return { id: channelId, is_private: c?.isPrivate ?? false, is_im: false, name: c?.name ?? channelId };
  }

  private teamsIn(channelId: string): Record<string, unknown>[] {
    const c = this.channels.get(channelId);
    return [this.teamId, ...[...(c?.sharedWithTeams ?? [])].filter((t) => t !== this.teamId)].map((t) => this.teamJson(t));
  }

  /**
   * The invitee (`userId`, of another team) accepts. Slack then sends shared_channel_invite_accepted
   * and, unless an admin must approve first, connects the channel: channel_shared (the first time
   * that team joins it) and member_joined_channel. Returns the events in the order Slack sends them.
   * https://docs.slack.dev/reference/events/shared_channel_invite_accepted
   */
  acceptInvitation(inviteId: string, userId: string): StandInEvent[] {
    const invitation = this.invitation(inviteId, ['pending']);
    const user = this.users.get(userId);
    if (!user) throw new Error(`there is no user ${userId}`);
    if (user.teamId === this.teamId) throw new Error('a Slack Connect invitation is accepted by someone of another organisation');
    if (invitation.userId && invitation.userId !== userId) throw new Error(`invitation ${inviteId} is addressed to ${invitation.userId}`);
    invitation.state = 'accepted';
    invitation.acceptedBy = userId;
    const accepted: StandInEvent = {
      type: 'shared_channel_invite_accepted',
      approval_required: this.connectApprovalRequired,
      invite: this.inviteJson(invitation),
      channel: this.eventChannel(invitation.channel),
      teams_in_channel: this.teamsIn(invitation.channel),
      accepting_user: this.userJson(userId),
      event_ts: this.nextTs(),
    };
    return this.connectApprovalRequired ? [accepted] : [accepted, ...this.connect(invitation)];
  }

  /** An admin approves an accepted invitation: shared_channel_invite_approved, then the connection. */
  approveInvitation(inviteId: string, approvingTeamId = this.teamId): StandInEvent[] {
    const invitation = this.invitation(inviteId, ['accepted']);
    const approved: StandInEvent = {
      type: 'shared_channel_invite_approved',
      invite: this.inviteJson(invitation),
      channel: this.eventChannel(invitation.channel),
      approving_team_id: approvingTeamId,
      teams_in_channel: this.teamsIn(invitation.channel),
      approving_user: this.userJson(this.botUserId),
      event_ts: this.nextTs(),
    };
    return [approved, ...this.connect(invitation)];
  }

  /** The invitee declines: shared_channel_invite_declined, and the channel stays as it was. */
  declineInvitation(inviteId: string, userId: string): StandInEvent[] {
    const invitation = this.invitation(inviteId, ['pending']);
    const user = this.users.get(userId);
    invitation.state = 'declined';
    return [
      {
        type: 'shared_channel_invite_declined',
        invite: this.inviteJson(invitation),
        channel: this.eventChannel(invitation.channel),
        declining_team_id: user?.teamId ?? '',
        teams_in_channel: this.teamsIn(invitation.channel),
        declining_user: this.userJson(userId),
        event_ts: this.nextTs(),
      },
    ];
  }

  /** The other organisation stops sharing the channel: its people leave it, channel_unshared. */
  unshareChannel(channelId: string, teamId: string): StandInEvent[] {
    const channel = this.channels.get(channelId);
    if (!channel?.sharedWithTeams.delete(teamId)) throw new Error(`${channelId} is not shared with ${teamId}`);
    for (const member of [...channel.members]) if (this.users.get(member)?.teamId === teamId) channel.members.delete(member);
    const stillShared = [...channel.sharedWithTeams].some((t) => t !== this.teamId);
    return [{ type: 'channel_unshared', previously_connected_team_id: teamId, channel: channelId, is_ext_shared: stillShared, event_ts: this.nextTs() }];
  }

  private connect(invitation: StandInInvitation): StandInEvent[] {
    const userId = invitation.acceptedBy ?? '';
    const teamId = this.users.get(userId)?.teamId ?? '';
    const channel = this.channels.get(invitation.channel);
    if (!channel) throw new Error(`there is no channel ${invitation.channel}`);
    invitation.state = 'connected';
    if (invitation.externalLimited) this.postOnlyTeams.set(channel.id, new Set([...(this.postOnlyTeams.get(channel.id) ?? []), teamId]));
    const events: StandInEvent[] = [];
    if (!channel.sharedWithTeams.has(teamId)) {
      channel.sharedWithTeams.add(teamId);
      events.push({ type: 'channel_shared', connected_team_id: teamId, channel: channel.id, event_ts: this.nextTs() });
    }
    channel.members.add(userId);
    events.push({ type: 'member_joined_channel', user: userId, channel: channel.id, channel_type: channel.isPrivate ? 'G' : 'C', team: teamId, event_ts: this.nextTs() });
    return events;
  }

  private userInfo(args: Args): Record<string, unknown> {
    const user = this.users.get(str(args.user) ?? '');
    if (!user || user.hiddenProfile) throw new SlackApiError('user_not_found');
    return {
      user: {
        id: user.id,
        team_id: user.teamId,
        name: user.name,
        real_name: user.realName ?? user.name,
        is_restricted: user.guest !== undefined,
        is_ultra_restricted: user.guest === 'ultra-restricted',
        profile: { real_name: user.realName ?? user.name, display_name: user.name },
      },
    };
  }
}
