import { EventEmitter } from 'node:events';
import { systemClock, type Clock } from '../../clock';
import { NotAMember } from './errors';
import type {
  Fault,
  MessageLimits,
  RecordedCall,
  RecordedResponse,
  StandInChannel,
  StandInFile,
  StandInInvitation,
  StandInMessage,
  StandInOptions,
  StandInUser,
  StandInView,
} from './types';

/**
 * What the Slack stand-in knows: the workspace (users, channels, messages, files, views, pins,
 * Slack Connect invitations), what it was told to do wrong (faults, rate limits), and its record of
 * calls. The Web API methods (./web-api) read and change it; the HTTP server (./server) is built on
 * it. It emits `message`, `update`, `ephemeral`, `invitation`, `response` and `call` as Slack's
 * side of things changes.
 */
export class StandInStore extends EventEmitter {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botToken: string;
  readonly appToken: string;
  /** What apps.connections.open hands out: the WebSocket URL of a Socket Mode server. */
  socketModeUrl: string | undefined;
  readonly users = new Map<string, StandInUser>();
  readonly channels = new Map<string, StandInChannel>();
  /** Every message and reply, oldest first; added through addMessage, which also indexes it. */
  readonly messages: readonly StandInMessage[] = [];
  /** Messages by channel and ts: Slack finds a message by them at once, whatever the history's size. */
  private readonly byTs = new Map<string, StandInMessage>();
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
  /** trigger_ids views.open already took: Slack takes each once. */
  readonly usedTriggers = new Set<string>();
  private hashCounter = 0;
  readonly files = new Map<string, StandInFile>();
  readonly invitations: StandInInvitation[] = [];
  /** Whether an admin must approve an accepted Slack Connect invitation before the channel connects. */
  connectApprovalRequired = false;
  protected readonly faults = new Map<string, Fault[]>();
  private messageLimits: MessageLimits | undefined;
  /** Times (ms) of the chat.postMessage calls accepted in the last second, per channel and in all. */
  private readonly recentPosts = { all: [] as number[], byChannel: new Map<string, number[]>() };
  /** chat.postMessage calls refused with 429 by `limitMessages`. */
  rateLimited = 0;
  /** Where the HTTP server listens once started; upload URLs and response_urls point there. */
  baseUrl = '';
  private tsCounter = 0;
  /** What message timestamps and invitation dates are made of. */
  readonly clock: Clock;
  private idCounter = 0;

  constructor(o: StandInOptions = {}) {
    super();
    this.teamId = o.teamId ?? 'T0VENDOR';
    this.botUserId = o.botUserId ?? 'U0ACCORD';
    this.botToken = o.botToken ?? 'xoxb-test-token';
    this.appToken = o.appToken ?? 'xapp-test-token';
    this.clock = o.clock ?? systemClock;
    for (const u of o.users ?? []) this.users.set(u.id, u);
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
    return (
      this.channels.get(dmId) ??
      this.addChannel({ id: dmId, name: `dm-${userId}`, isPrivate: true, members: new Set([userId]) })
    );
  }

  // ---- faults and limits ------------------------------------------------------------------

  /** The next `times` calls of `method` fail with `fault`. */
  inject(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(fault);
    this.faults.set(method, list);
  }

  clearFaults(): void {
    this.faults.clear();
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
  protected admitPost(channel: string): boolean {
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

  // ---- what was said ----------------------------------------------------------------------

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
      .map(({ id, filename, title, length, content }) => ({
        id,
        filename,
        title,
        length,
        content: content?.toString('utf8') ?? '',
      }));
  }

  /** Pinned messages of a channel. */
  pinsIn(channel: string): StandInMessage[] {
    const pinned = this.pins.get(channel) ?? new Set<string>();
    return this.messages.filter((m) => m.channel === channel && pinned.has(m.ts));
  }

  /** Invitations not yet answered (and not lapsed), optionally of one channel. */
  pendingInvitations(channel?: string): StandInInvitation[] {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return this.invitations.filter(
      (i) => i.state === 'pending' && i.dateInvalid > now && (channel === undefined || i.channel === channel),
    );
  }

  /** The person submitted or closed the modal: Slack no longer takes views.update for it. */
  closeView(viewId: string): void {
    const found = this.openedViews.find((v) => v.id === viewId);
    if (found) found.open = false;
  }

  // ---- what Slack lets a person do ---------------------------------------------------------

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
  readonly postOnlyTeams = new Map<string, Set<string>>();

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
    return (
      !channel.isPrivate &&
      !channel.isMpim &&
      !channelId.startsWith('D') &&
      (teamId === this.teamId || (teamId !== undefined && channel.sharedWithTeams.has(teamId)))
    );
  }

  /** A message as if a person posted it (for thread replies the tests send as events). */
  postAsUser(user: string, channel: string, text: string, threadTs?: string): StandInMessage {
    // Only a conversation's members can post in it; a user reaches another organisation's channel
    // only by accepting its Slack Connect invitation.
    const conversation = this.channels.get(channel);
    if (!conversation) throw new Error(`there is no channel ${channel}`);
    if (!conversation.members.has(user)) throw new NotAMember(user, conversation);
    const message: StandInMessage = { channel, ts: this.nextTs(), user, text, ...(threadTs ? { threadTs } : {}) };
    this.addMessage(message);
    this.emit('message', message);
    return message;
  }

  /** Stores a message (a post, a reply, a file share) in the channel's history. */
  addMessage(message: StandInMessage): void {
    (this.messages as StandInMessage[]).push(message);
    this.byTs.set(`${message.channel} ${message.ts}`, message);
  }

  /** Takes a message out of the history (a deleted response_url message, for one). */
  removeMessage(message: StandInMessage): void {
    const at = this.messages.indexOf(message);
    if (at >= 0) (this.messages as StandInMessage[]).splice(at, 1);
    if (this.byTs.get(`${message.channel} ${message.ts}`) === message)
      this.byTs.delete(`${message.channel} ${message.ts}`);
  }

  /** Forgets every message (between tests that share one stand-in). */
  clearMessages(): void {
    (this.messages as StandInMessage[]).length = 0;
    this.byTs.clear();
  }

  /** The message of `channel` with that ts, if there is one. */
  messageAt(channel: string, ts: string | undefined): StandInMessage | undefined {
    return ts === undefined ? undefined : this.byTs.get(`${channel} ${ts}`);
  }

  // ---- ids ----------------------------------------------------------------------------------

  newHash(): string {
    this.hashCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.hashCounter).padStart(8, '0')}`;
  }

  newId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}0${String(this.idCounter).padStart(7, '0')}`;
  }

  /** A message timestamp as Slack writes them, later than every one before. */
  nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.clock.now().getTime() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }
}
