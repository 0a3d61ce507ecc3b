import {
  renderMessage,
  renderView,
  jsonOf,
  textOf,
  viewTitle,
  type ButtonRef,
  type Json,
  type Names,
  type NumberButton,
} from '../render';
import type { RecordedResponse, SlackStandIn, StandInInvitation, StandInMessage } from '../stand-in';
import { framed, indented } from './lines';
import { teamLabels, type SandboxUser } from './people';

/**
 * What Slack shows the person at the sandbox: the transcript's lines for each message, ephemeral,
 * reply on a response_url, App Home and modal that reached Slack, with [n] numbers for messages
 * and (n) numbers for buttons so later commands can point at them.
 */

export interface Content {
  text: string;
  blocks?: unknown[];
}

export type Happening =
  | { kind: 'message'; message: StandInMessage; edited: boolean }
  | { kind: 'ephemeral'; channel: string; user: string; content: Content }
  | { kind: 'response'; id: string; body: Json }
  | { kind: 'home'; userId: string; view: Json }
  | { kind: 'modal'; id: string; view: Json; updated?: boolean }
  | { kind: 'invitation'; invitation: StandInInvitation };

export type ButtonSource =
  | { kind: 'message'; channel: string; ts: string; number: number }
  | { kind: 'ephemeral'; channel: string; content: Content }
  | { kind: 'view'; viewId: string; view: Json };

/** Who a response_url belongs to, so a later answer there is shown to the right person. */
export interface Origin {
  userId: string;
  channel: string;
  message: number | undefined;
}

export interface Printed {
  channel: string;
  ts: string | undefined;
  threadTs: string | undefined;
}

const truthy = (v: unknown) => v === true || v === 'true';

export class Transcript {
  /** What reached Slack since the last flush, in order. */
  pending: Happening[] = [];
  private readonly numbers = new Map<string, number>();
  /** The messages numbered [n] so far. */
  readonly printed = new Map<number, Printed>();
  private lastMessage = 0;
  /** The buttons numbered (n) so far. */
  readonly buttons = new Map<number, { ref: ButtonRef; source: ButtonSource }>();
  private lastButton = 0;
  /** Who each response_url belongs to, by its id. */
  readonly origins = new Map<string, Origin>();
  /** The modal open now, if any. */
  modal: { id: string; view: Json } | undefined;

  constructor(
    private readonly standIn: SlackStandIn,
    private readonly names: Names,
    /** Who is at the keyboard, and in which channel. */
    private readonly who: () => { user: SandboxUser; channel: string },
  ) {}

  /** Describes what reached Slack since the last flush, and forgets it. */
  flush(): string[] {
    const batch = this.pending;
    this.pending = [];
    return batch.flatMap((h) => this.describe(h));
  }

  listen(): void {
    const snapshot = (m: StandInMessage): StandInMessage => ({ ...m });
    this.standIn.on('message', (m: StandInMessage) =>
      this.pending.push({ kind: 'message', message: snapshot(m), edited: false }),
    );
    this.standIn.on('update', (m: StandInMessage) =>
      this.pending.push({ kind: 'message', message: snapshot(m), edited: true }),
    );
    this.standIn.on('ephemeral', (e: { channel: string; user: string; text: string; blocks?: unknown[] }) => {
      this.pending.push({
        kind: 'ephemeral',
        channel: e.channel,
        user: e.user,
        content: { text: e.text, ...(e.blocks ? { blocks: e.blocks } : {}) },
      });
    });
    this.standIn.on('response', (r: RecordedResponse) =>
      this.pending.push({ kind: 'response', id: r.id, body: r.body }),
    );
    this.standIn.on('invitation', (i: StandInInvitation) =>
      this.pending.push({ kind: 'invitation', invitation: { ...i } }),
    );
    this.standIn.on('call', (method: string, args: Json, answer: { body: Json }) =>
      this.onCall(method, args, answer.body),
    );
  }

  private onCall(method: string, args: Json, body: Json): void {
    if (body.ok !== true) return;
    const view = jsonOf(body, 'view');
    if (method === 'views.publish' && view) this.pending.push({ kind: 'home', userId: textOf(args.user_id), view });
    if (method === 'views.open' && view) this.pending.push({ kind: 'modal', id: textOf(view.id), view });
    if (method === 'views.update' && view) {
      // A modal opened loading and filled in before anything was shown reads as one modal opening.
      const id = textOf(view.id);
      const waiting = this.pending.find(
        (h): h is Extract<Happening, { kind: 'modal' }> => h.kind === 'modal' && h.id === id,
      );
      if (waiting) waiting.view = view;
      else this.pending.push({ kind: 'modal', id, view, updated: true });
    }
  }

  private describe(h: Happening): string[] {
    switch (h.kind) {
      case 'message':
        return this.messageLines(h.message, h.edited);
      case 'ephemeral':
        return this.ephemeralLines(h.user, h.channel, h.content);
      case 'response':
        return this.replyLines(h.body, this.origins.get(h.id));
      case 'home':
        return this.homeLines(h.userId, h.view);
      case 'modal':
        return this.modalLines(h.id, h.view, h.updated ? 'now shows' : 'opened');
      case 'invitation':
        return [this.invitationLine(h.invitation)];
    }
  }

  private numberFor(channel: string, ts: string | undefined, threadTs: string | undefined): number {
    const key = ts ? `${channel}:${ts}` : undefined;
    const known = key ? this.numbers.get(key) : undefined;
    if (known !== undefined) return known;
    this.lastMessage += 1;
    if (key) this.numbers.set(key, this.lastMessage);
    this.printed.set(this.lastMessage, { channel, ts, threadTs });
    return this.lastMessage;
  }

  private where(channel: string): string {
    if (!channel.startsWith('D')) return `#${this.names.channel(channel) ?? channel}`;
    const member = [...(this.standIn.channels.get(channel)?.members ?? [])][0] ?? `U${channel.slice(1)}`;
    return `DM → @${this.names.user(member) ?? member}`;
  }

  private header(n: number, channel: string, threadTs: string | undefined, author: string): string {
    const parent = threadTs ? this.numbers.get(`${channel}:${threadTs}`) : undefined;
    const thread = threadTs ? ` › thread of ${parent !== undefined ? `[${parent}]` : 'an earlier message'}` : '';
    return `[${n}] ${this.where(channel)}${thread} · ${author}`;
  }

  private messageLines(m: StandInMessage, edited: boolean): string[] {
    const n = this.numberFor(m.channel, m.ts, m.threadTs);
    // Pinned by the time Accord settled (pins.add follows the post): Slack shows the pin on the message.
    const notes = [...(edited ? ['edited'] : []), ...(this.standIn.pins.get(m.channel)?.has(m.ts) ? ['pinned'] : [])];
    const author = `${this.names.user(m.user) ?? m.user}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    const lines = renderMessage(
      m,
      this.names,
      this.buttonSink({ kind: 'message', channel: m.channel, ts: m.ts, number: n }),
    );
    return framed(`${this.header(n, m.channel, m.threadTs, author)}: `, lines);
  }

  private ephemeralLines(userId: string, channel: string, content: Content): string[] {
    // Someone else's ephemeral says where it appeared: the typist's own is where they typed.
    const who =
      userId === this.who().user.id ? 'you' : `@${this.names.user(userId) ?? userId} in ${this.where(channel)}`;
    return framed(
      `(only ${who}) `,
      renderMessage(content, this.names, this.buttonSink({ kind: 'ephemeral', channel, content })),
    );
  }

  /** An answer on a response_url or in an acknowledgement, shown as Slack would show it. */
  replyLines(body: Json, origin: Origin | undefined): string[] {
    const content: Content = {
      text: textOf(body.text),
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks as unknown[] } : {}),
    };
    const userId = origin?.userId ?? this.who().user.id;
    const channel = origin?.channel ?? this.who().channel;
    if (truthy(body.delete_original)) return this.deleteOriginal(origin, userId);
    if (truthy(body.replace_original) && origin?.message !== undefined)
      return this.replaceOriginal(origin.message, content) ?? this.ephemeralLines(userId, channel, content);
    if (!content.text && !content.blocks) return [];
    if (body.response_type === 'in_channel') {
      const n = this.numberFor(channel, undefined, undefined);
      return framed(
        `${this.header(n, channel, undefined, 'Accord')}: `,
        renderMessage(content, this.names, this.buttonSink({ kind: 'ephemeral', channel, content })),
      );
    }
    return this.ephemeralLines(userId, channel, content);
  }

  private standInMessage(n: number): StandInMessage | undefined {
    const printed = this.printed.get(n);
    return printed?.ts ? this.standIn.messageAt(printed.channel, printed.ts) : undefined;
  }

  // Slack applies replace_original/delete_original itself; the stand-in only records the call.
  private replaceOriginal(n: number, content: Content): string[] | undefined {
    const message = this.standInMessage(n);
    if (!message) return undefined;
    message.text = content.text;
    message.blocks = content.blocks;
    message.edited = true;
    return this.messageLines({ ...message }, true);
  }

  private deleteOriginal(origin: Origin | undefined, userId: string): string[] {
    const message = origin?.message !== undefined ? this.standInMessage(origin.message) : undefined;
    if (!message || origin?.message === undefined)
      return [
        `(only ${userId === this.who().user.id ? 'you' : `@${this.names.user(userId) ?? userId}`}) (Accord removed its message)`,
      ];
    this.standIn.removeMessage(message);
    return [`${this.header(origin.message, message.channel, message.threadTs, 'Accord')} deleted this message.`];
  }

  /** A Slack Connect invitation Accord sent (conversations.inviteShared): the other organisation sees it, nobody in the channel does. */
  private invitationLine(i: StandInInvitation): string {
    const user = i.userId ? this.standIn.users.get(i.userId) : undefined;
    const to = user ? `@${user.name} (${teamLabels[user.teamId] ?? user.teamId})` : (i.email ?? i.userId ?? 'nobody');
    const limited = i.externalLimited ? ', external_limited: they could not use Accord’s buttons' : '';
    return `✉️ Slack Connect invitation to #${this.names.channel(i.channel) ?? i.channel} sent to ${to}${limited}; pending until accepted (the sandbox: accept <partner>).`;
  }

  private homeLines(userId: string, view: Json): string[] {
    const name = this.names.user(userId) ?? userId;
    if (userId !== this.who().user.id)
      return [`(Accord refreshed the App Home of @${name}; "as ${name}" then "home" shows it)`];
    const lines = renderView(view, this.names, this.buttonSink({ kind: 'view', viewId: `home-${userId}`, view }));
    return [`App Home of @${name}:`, ...indented(lines)];
  }

  modalLines(id: string, view: Json, what: 'opened' | 'now shows'): string[] {
    this.modal = { id, view };
    const lines = renderView(view, this.names, this.buttonSink({ kind: 'view', viewId: id, view }));
    const title = viewTitle(view, this.names);
    return [what === 'opened' ? `Modal “${title}” opened:` : `The modal now shows “${title}”:`, ...indented(lines)];
  }

  private buttonSink(source: ButtonSource): NumberButton {
    return (ref) => {
      this.lastButton += 1;
      this.buttons.set(this.lastButton, { ref, source });
      return this.lastButton;
    };
  }
}
