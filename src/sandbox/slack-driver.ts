import { randomUUID } from 'node:crypto';
import { isQueuedReply } from '../messages/replies';
import { CannotSee, type SlackStandIn, type StandInEvent } from './stand-in';
import {
  InteractionNotDelivered,
  SlashCommandNotDelivered,
  signSlackRequest,
  type ButtonClick,
  type CommandOptions,
  type CommandResult,
  type DriverUser,
  type PostOptions,
  type Said,
  type SignedResponse,
} from './slack-requests';

export { InteractionNotDelivered, mentionWordsFor, SlashCommandNotDelivered, signSlackRequest } from './slack-requests';
export type {
  ButtonClick,
  CommandOptions,
  CommandResult,
  DriverUser,
  PostOptions,
  Said,
  SignedResponse,
} from './slack-requests';

/**
 * Plays Slack's side of the HTTP conversation: builds slash-command, event and interaction
 * payloads as Slack shapes them, signs them with the signing secret, and posts them to the app.
 */

export class SlackDriver {
  constructor(private readonly o: { appUrl: string; signingSecret: string; standIn: SlackStandIn }) {}

  async post(body: string, contentType: string, options: PostOptions = {}): Promise<SignedResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
    if (!options.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signSlackRequest(options.secret ?? this.o.signingSecret, timestamp, body);
    }
    const res = await fetch(this.o.appUrl, { method: 'POST', headers, body });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  commandBody(user: DriverUser, command: string, text: string, channelId: string, responseUrl: string): string {
    return new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: user.teamId,
      team_domain: 'vendor',
      channel_id: channelId,
      channel_name: this.o.standIn.channels.get(channelId)?.name ?? 'directmessage',
      user_id: user.id,
      user_name: this.o.standIn.users.get(user.id)?.name ?? user.id,
      command,
      text,
      api_app_id: 'A0ACCORD',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: `${Date.now()}.${randomUUID()}`,
    }).toString();
  }

  /** What Slack shows `user` instead of delivering `command`; undefined when Slack delivers it. */
  slashCommandRefusal(user: DriverUser, command: string): string | undefined {
    return this.o.standIn.slashCommandRefusal(user.teamId, command);
  }

  /**
   * A slash command, as Slack sends it. From a user of another team it throws
   * SlashCommandNotDelivered and sends nothing, as Slack sends nothing (unless `deliverFromAnyTeam`).
   */
  async command(
    user: DriverUser,
    command: string,
    text: string,
    channelId = 'C0GENERAL',
    options: CommandOptions = {},
  ): Promise<CommandResult> {
    const refusal = options.deliverFromAnyTeam ? undefined : this.slashCommandRefusal(user, command);
    if (refusal !== undefined) throw new SlashCommandNotDelivered(command, user, refusal);
    const responseUrl = this.o.standIn.newResponseUrl();
    const res = await this.post(
      this.commandBody(user, command, text, channelId, responseUrl),
      'application/x-www-form-urlencoded',
      options,
    );
    return { ...res, responseUrl };
  }

  /**
   * The ephemeral text the user finally sees for a command: the acknowledgement's own text, or
   * the first message Accord sends to the command's response_url (also when the acknowledgement
   * only said that the request waits behind others).
   */
  async commandReply(
    user: DriverUser,
    command: string,
    text: string,
    channelId?: string,
    timeoutMs = 5000,
    options: CommandOptions = {},
  ): Promise<string> {
    const res = await this.command(user, command, text, channelId, options);
    if (res.status !== 200) throw new Error(`the app answered ${res.status} to ${command} ${text}`);
    if (res.json && typeof res.json.text === 'string' && !isQueuedReply(res.json.text)) return res.json.text;
    const [first] = await this.waitForResponses(res.responseUrl, 1, timeoutMs);
    return typeof first?.body.text === 'string' ? first.body.text : JSON.stringify(first?.body);
  }

  async waitForResponses(responseUrl: string, count: number, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.o.standIn.responsesTo(responseUrl);
      if (got.length >= count) return got;
      if (Date.now() > deadline) throw new Error(`no reply arrived at ${responseUrl} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  eventBody(event: Record<string, unknown>, eventId: string, teamId: string): string {
    return JSON.stringify({
      token: 'legacy-verification-token',
      team_id: teamId,
      api_app_id: 'A0ACCORD',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { team_id: teamId, user_id: this.o.standIn.botUserId, is_bot: true, is_enterprise_install: false },
      ],
    });
  }

  async event(
    event: Record<string, unknown>,
    options: PostOptions & { eventId?: string; retryNum?: number } = {},
  ): Promise<SignedResponse & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    const headers = {
      ...options.headers,
      ...(options.retryNum
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    };
    const res = await this.post(this.eventBody(event, eventId, this.o.standIn.teamId), 'application/json', {
      ...options,
      headers,
    });
    return { ...res, eventId };
  }

  /** Delivers events one after another, as Slack does, each as its own signed request. */
  async events(events: readonly StandInEvent[]): Promise<Array<SignedResponse & { eventId: string }>> {
    const answers: Array<SignedResponse & { eventId: string }> = [];
    for (const e of events) answers.push(await this.event(e));
    return answers;
  }

  /** The other organisation's side of Slack Connect: the invitee accepts, and Slack says so. */
  acceptInvitation(inviteId: string, user: DriverUser) {
    return this.events(this.o.standIn.acceptInvitation(inviteId, user.id));
  }

  /**
   * Every pending invitation addressed to `user` (by id or email) accepted by them, and approved by
   * the vendor's admin where the workspace asks for approval: the partner's side of connecting.
   */
  async acceptInvitationsFor(user: DriverUser): Promise<Array<SignedResponse & { eventId: string }>> {
    const standIn = this.o.standIn;
    const email = standIn.users.get(user.id)?.email?.toLowerCase();
    const answers: Array<SignedResponse & { eventId: string }> = [];
    for (const invitation of standIn
      .pendingInvitations()
      .filter((i) => i.userId === user.id || (email !== undefined && i.email === email))) {
      answers.push(...(await this.acceptInvitation(invitation.id, user)));
      if (invitation.state === 'accepted') answers.push(...(await this.approveInvitation(invitation.id)));
    }
    return answers;
  }

  /**
   * `user` joins a channel (or is added to it by one of its members), and Slack sends
   * member_joined_channel. A user of another organisation reaches a channel only once it is shared
   * with their team (accepting its invitation, acceptInvitationsFor).
   */
  async join(user: DriverUser, channelId: string): Promise<SignedResponse & { eventId: string }> {
    const standIn = this.o.standIn;
    const channel = standIn.channels.get(channelId);
    if (!channel) throw new Error(`there is no channel ${channelId}`);
    if (user.teamId !== standIn.teamId && !channel.sharedWithTeams.has(user.teamId))
      throw new Error(
        `#${channel.name} is not shared with ${user.teamId}: ${user.id} must accept its Slack Connect invitation`,
      );
    if (channel.members.has(user.id)) throw new Error(`${user.id} is already in #${channel.name}`);
    channel.members.add(user.id);
    return this.event({
      type: 'member_joined_channel',
      user: user.id,
      channel: channelId,
      channel_type: channel.isPrivate ? 'G' : 'C',
      team: user.teamId,
      event_ts: standIn.nextTs(),
    });
  }

  approveInvitation(inviteId: string, approvingTeamId?: string) {
    return this.events(this.o.standIn.approveInvitation(inviteId, approvingTeamId));
  }

  declineInvitation(inviteId: string, user: DriverUser) {
    return this.events(this.o.standIn.declineInvitation(inviteId, user.id));
  }

  unshareChannel(channelId: string, teamId: string) {
    return this.events(this.o.standIn.unshareChannel(channelId, teamId));
  }

  /**
   * `user` posts `text` in a channel (or a thread): Slack delivers the message event and, when the
   * text mentions Accord, an app_mention as well, with the same text, ts and `user_team`
   * (https://docs.slack.dev/reference/events/app_mention). Throws when Accord does not answer 200.
   */
  /**
   * Posts `text` as `user` in a channel (in the thread of `threadTs`) and returns the `message` event
   * Slack sends for it, for a test to deliver as it needs (`event(e, { eventId, retryNum })`).
   */
  postedMessageEvent(user: DriverUser, channelId: string, text: string, threadTs?: string): Record<string, unknown> {
    const message = this.o.standIn.postAsUser(user.id, channelId, text, threadTs);
    return {
      type: 'message',
      channel: channelId,
      user: user.id,
      text,
      ts: message.ts,
      event_ts: message.ts,
      thread_ts: threadTs,
      user_team: user.teamId,
      channel_type: 'channel',
    };
  }

  async say(user: DriverUser, text: string, channelId: string, o: { threadTs?: string } = {}): Promise<Said> {
    const standIn = this.o.standIn;
    const before = { ephemeralsBefore: standIn.ephemerals.length, messagesBefore: standIn.messages.length };
    const message = standIn.postAsUser(user.id, channelId, text, o.threadTs);
    const event = {
      channel: channelId,
      user: user.id,
      text,
      ts: message.ts,
      event_ts: message.ts,
      team: user.teamId,
      user_team: user.teamId,
      ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    };
    const sent = [
      await this.event({ ...event, type: 'message', channel_type: channelId.startsWith('D') ? 'im' : 'channel' }),
    ];
    if (text.includes(`<@${standIn.botUserId}>`)) sent.push(await this.event({ ...event, type: 'app_mention' }));
    const refused = sent.find((r) => r.status !== 200);
    if (refused) throw new Error(`the app answered ${refused.status} to a message event`);
    return { user, channel: channelId, ts: message.ts, threadTs: o.threadTs, ...before };
  }

  /**
   * What Accord has answered `said` with so far, for its author alone: ephemerals to them in that
   * channel, else thread replies that mention them (when Slack refused the ephemeral).
   */
  answersTo(said: Said): string[] {
    const standIn = this.o.standIn;
    const ephemerals = standIn.ephemerals
      .slice(said.ephemeralsBefore)
      .filter((e) => e.user === said.user.id && e.channel === said.channel);
    const thread = said.threadTs ?? said.ts;
    const replies = standIn.messages
      .slice(said.messagesBefore)
      .filter(
        (m) =>
          m.user === standIn.botUserId &&
          m.channel === said.channel &&
          m.threadTs === thread &&
          m.text.includes(`<@${said.user.id}>`),
      );
    return [...ephemerals, ...replies].map((m) => m.text);
  }

  /** `@Accord <words>` in a channel: the first answer Accord gives its author, waited for. */
  async mentionReply(user: DriverUser, words: string, channelId: string, timeoutMs = 5000): Promise<string> {
    const said = await this.say(user, `<@${this.o.standIn.botUserId}> ${words}`, channelId);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [first] = this.answersTo(said);
      if (first !== undefined) return first;
      if (Date.now() > deadline) throw new Error(`no answer to @Accord ${words} arrived within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async interaction(payload: Record<string, unknown>, options: PostOptions = {}): Promise<SignedResponse> {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      options,
    );
  }

  /** A click on a button of a channel message, as Slack sends it (block_actions), from someone who can see it. */
  async press(user: DriverUser, o: ButtonClick, options: PostOptions = {}): Promise<CommandResult> {
    if (!this.o.standIn.canSee(user.id, o.channel)) throw new CannotSee(user.id, o.channel);
    const refusal = this.o.standIn.interactionRefusal(user.teamId, o.channel);
    if (refusal !== undefined) throw new InteractionNotDelivered(user, o.channel, refusal);
    return this.forgedPress(user, o, options);
  }

  /**
   * The request `press` sends, without Slack's checks that the presser can see the channel and may
   * use apps there: what only a forged or replayed request looks like (a click on a button in
   * someone else's DM, a value Accord never set).
   */
  async forgedPress(user: DriverUser, o: ButtonClick, options: PostOptions = {}): Promise<CommandResult> {
    const responseUrl = this.o.standIn.newResponseUrl();
    const message = this.o.standIn.messageAt(o.channel, o.ts);
    const res = await this.interaction(
      {
        type: 'block_actions',
        token: 'legacy-verification-token',
        api_app_id: 'A0ACCORD',
        team: { id: this.o.standIn.teamId, domain: 'vendor' },
        user: { id: user.id, team_id: user.teamId, username: this.o.standIn.users.get(user.id)?.name ?? user.id },
        trigger_id: `${Date.now()}.${randomUUID()}`,
        container: { type: 'message', message_ts: o.ts, channel_id: o.channel, is_ephemeral: false },
        channel: { id: o.channel, name: this.o.standIn.channels.get(o.channel)?.name ?? o.channel },
        message: { type: 'message', ts: o.ts, text: message?.text ?? '', blocks: message?.blocks ?? [] },
        response_url: responseUrl,
        actions: [
          {
            type: 'button',
            action_id: o.actionId,
            block_id: o.blockId ?? 'block',
            text: { type: 'plain_text', text: o.actionId },
            action_ts: String(Date.now() / 1000),
            ...(o.value !== undefined ? { value: o.value } : {}),
          },
        ],
        state: { values: {} },
        is_enterprise_install: false,
      },
      options,
    );
    return { ...res, responseUrl };
  }
}
