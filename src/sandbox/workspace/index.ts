import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createAccord, type Accord } from '../../accord';
import { ManualClock } from '../../clock';
import { parseConfig, type Config } from '../../config';
import { openDatabase } from '../../db/client';
import { isoOf, queryRows } from '../../db/rows';
import { formatDuration, parseDuration } from '../../domain/duration';
import { silentLogger, type Logger } from '../../logger';
import { jsonListOf, jsonOf, modalInputs, optionValue, renderMessage, renderView, textOf, viewTitle, type ButtonRef, type Json, type ModalInput, type Names, type NumberButton } from '../render';
import { mentionWordsFor, SlackDriver, type SignedResponse } from '../slack-driver';
import { SlackStandIn, type RecordedResponse, type StandInInvitation, type StandInMessage } from '../stand-in';

/**
 * A simulated Slack workspace around the real Accord: people, a channel, a clock you move by
 * hand. Each input line becomes what Slack would send (slash commands, messages, button presses,
 * modal submissions, App Home opens) and comes back as the readable transcript of what Accord did.
 */

export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox-not-a-real-token';
export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret-not-real';
const VENDOR_TEAM = 'T0VENDOR';
const GENERAL = 'C0GENERAL';
const SLASH_COMMANDS = ['/accord', '/escalate', '/score'];
const INDENT = '    ';
// A job that keeps rescheduling itself inside the window must not hang `advance`.
const MAX_CLOCK_STEPS = 10_000;

export interface SandboxUser {
  name: string;
  id: string;
  teamId: string;
  /** What the user is when the sandbox starts; commands such as `admin add` change it. */
  hint: string;
  /** Where a Slack Connect invitation by email reaches them. */
  email?: string;
}

const teamLabels: Readonly<Record<string, string>> = { T0VENDOR: 'vendor', T0ACME: 'Acme', T0GLOBEX: 'Globex' };

export const sandboxUsers: readonly SandboxUser[] = [
  { name: 'alice', id: 'U0ALICE', teamId: VENDOR_TEAM, hint: 'vendor admin via ACCORD_ADMIN_USER_IDS' },
  { name: 'victor', id: 'U0VICTOR', teamId: VENDOR_TEAM, hint: 'vendor member' },
  { name: 'vera', id: 'U0VERA', teamId: VENDOR_TEAM, hint: 'vendor member' },
  { name: 'pat', id: 'U0PAT', teamId: 'T0ACME', hint: 'partner user at Acme (Slack Connect)', email: 'pat@acme.example' },
  { name: 'quinn', id: 'U0QUINN', teamId: 'T0ACME', hint: 'partner user at Acme (Slack Connect)', email: 'quinn@acme.example' },
  { name: 'gus', id: 'U0GUS', teamId: 'T0GLOBEX', hint: 'partner user at Globex (Slack Connect)', email: 'gus@globex.example' },
];

export function sandboxConfig(apiUrl: string): Config {
  // Fixed fake values: the sandbox never reads the environment, so no real token can leak in.
  return parseConfig({
    SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    ACCORD_ADMIN_USER_IDS: 'U0ALICE',
    ACCORD_TIMEZONE: 'UTC',
  });
}

export function helpLines(): string[] {
  return [
    'What you can type:',
    '  /accord help            a slash command as the current user in the current channel (also /escalate, /score);',
    "                          Slack delivers them only from the vendor's own people: partners type @Accord …",
    '  as <name>               act as another user; "users" lists them',
    '  in #<channel>           switch channel; "channels" lists them',
    '  @Accord <command>       mention Accord in the current channel: anything /accord takes, for everyone (also in say and reply)',
    '  say <text>              post a message in the current channel',
    '  reply <n> <text>        reply in the thread of message [n]',
    '  press <n>               press button (n)',
    '  submit field=value …    fill in and submit the open modal (values with spaces in "quotes")',
    '  home                    open your App Home',
    "  accept <partner>        the partner's organisation accepts its pending Slack Connect invitations",
    '  advance <duration>      move the clock, e.g. advance 30m, advance 2h, advance 1d, advance 1h30m',
    '  time [ISO]              show the simulated time; with a time, set the start (only before anything else)',
    '  # text                  a comment, shown in the transcript',
    '  help · quit',
  ];
}

/**
 * Slack's own answer to a slash command from someone of another organisation (it never reaches
 * Accord), and what they can type instead.
 */
export function slashCommandNotDeliveredLines(slackSays: string, user: SandboxUser, words: string): string[] {
  const team = teamLabels[user.teamId] ?? user.teamId;
  return [
    `(only you) Slackbot: ${slackSays}`,
    `${INDENT}(Slack did not send it to Accord: its slash commands work only in the vendor's own organisation, and ${user.name} is of ${team}'s.)`,
    `${INDENT}Use @Accord <command> instead, in a channel shared with you: @Accord ${words}`,
  ];
}

/** A click Slack keeps from Accord: the clicker's organisation has post-only access to the channel. */
export function clickNotDeliveredLines(slackSays: string): string[] {
  return [`(only you) Slackbot: ${slackSays}`, `${INDENT}(Slack did not send the click to Accord. Mentions still reach it: @Accord help)`];
}

/** Slack keeps a channel's composer from people who are not in it. */
export function notAMemberLines(user: SandboxUser, channel: string, ofTheVendor: boolean): string[] {
  const how = ofTheVendor
    ? `(A vendor admin or member adds them to it; project channels invite the vendor's people when they are created.)`
    : `(People of another organisation reach a channel by accepting its Slack Connect invitation: accept <partner>.)`;
  return [`(only you) Slack: ${user.name} is not in ${channel}, and only a channel's members can post in it.`, `${INDENT}${how} "channels" lists the channels and who is in them.`];
}

/** The Home tab Slack does not show to someone of another organisation. */
export function appHomeNotShownLines(slackSays: string): string[] {
  return [`(only you) Slack: ${slackSays}`, `${INDENT}(What Accord has for you is in the channels shared with you: the pinned project card's buttons, and @Accord help.)`];
}

export function formatTime(d: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] ?? '';
  const iso = d.toISOString();
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${day} ${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** `2026-03-02T09:00:00Z`, `2026-03-02 09:00`, `2026-03-02`; no zone means UTC. */
export function parseStartTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return undefined;
  const normalised = text.replace(' ', 'T');
  const withZone = normalised.length === 10 ? `${normalised}T00:00Z` : /(?:Z|[+-]\d{2}:?\d{2})$/i.test(normalised) ? normalised : `${normalised}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `title="Big outage" sev=sev1` → fields; a string is the reason it could not be read. */
export function parseAssignments(text: string): Map<string, string> | string {
  const fields = new Map<string, string>();
  const item = /\s*([^\s=]+)=(?:"([^"]*)"|“([^”]*)”|(\S*))/y;
  const source = text.trim();
  while (item.lastIndex < source.length) {
    const match = item.exec(source);
    if (!match) return 'Write the fields as field=value, with values that contain spaces in "quotes".';
    fields.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return fields;
}

const preview = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
const truthy = (v: unknown) => v === true || v === 'true';
const responseIdOf = (url: string) => url.split('/').pop() ?? '';
const newTriggerId = () => `${Date.now()}.${randomUUID()}`;
const nowTs = () => (Date.now() / 1000).toFixed(6);

function framed(prefix: string, lines: readonly string[]): string[] {
  const [first = '', ...rest] = lines;
  return [`${prefix}${first}`, ...rest.map((l) => (l ? `${INDENT}${l}` : ''))];
}

const indented = (lines: readonly string[]) => lines.map((l) => (l ? `${INDENT}${l}` : ''));

// ---- modal state -------------------------------------------------------------------------------

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
const ID_PICKERS: Readonly<Record<string, { key: string; many: boolean; kind: 'user' | 'channel' }>> = {
  users_select: { key: 'selected_user', many: false, kind: 'user' },
  multi_users_select: { key: 'selected_users', many: true, kind: 'user' },
  conversations_select: { key: 'selected_conversation', many: false, kind: 'channel' },
  multi_conversations_select: { key: 'selected_conversations', many: true, kind: 'channel' },
  channels_select: { key: 'selected_channel', many: false, kind: 'channel' },
  multi_channels_select: { key: 'selected_channels', many: true, kind: 'channel' },
};
const PICKER_KEYS: Readonly<Record<string, string>> = { datepicker: 'selected_date', timepicker: 'selected_time', datetimepicker: 'selected_date_time' };

interface IdResolver {
  user(text: string): string | undefined;
  channel(text: string): string | undefined;
}

/** The key Slack puts an input's value under in `view.state.values`. */
function stateKeyOf(type: string): string {
  if (SINGLE_OPTION.has(type)) return 'selected_option';
  if (MULTI_OPTION.has(type)) return 'selected_options';
  return ID_PICKERS[type]?.key ?? PICKER_KEYS[type] ?? 'value';
}

function initialOf(element: Json, stateKey: string): unknown {
  const initial = element[stateKey === 'value' ? 'initial_value' : stateKey.replace('selected_', 'initial_')];
  if (initial !== undefined) return initial;
  return stateKey.endsWith('s') ? [] : null;
}

function optionsOf(element: Json): Json[] {
  return [...jsonListOf(element, 'options'), ...jsonListOf(element, 'option_groups').flatMap((g) => jsonListOf(g, 'options'))];
}

function findOption(element: Json, raw: string): Json | undefined {
  const wanted = raw.toLowerCase();
  return optionsOf(element).find((o) => optionValue(o).toLowerCase() === wanted || textOf(jsonOf(o, 'text')?.text).toLowerCase() === wanted);
}

const splitList = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseOptions(element: Json, raw: string, many: boolean): Parsed {
  const wanted = many ? splitList(raw) : [raw];
  const found = wanted.map((w) => findOption(element, w));
  const missing = wanted.find((_w, i) => !found[i]);
  if (missing !== undefined) return { ok: false, error: `“${missing}” is not one of ${optionsOf(element).map(optionValue).join(', ')}.` };
  return { ok: true, value: many ? found : found[0] };
}

function parseIds(raw: string, picker: { many: boolean; kind: 'user' | 'channel' }, resolve: IdResolver): Parsed {
  const wanted = picker.many ? splitList(raw) : [raw];
  const ids = wanted.map((w) => resolve[picker.kind](w));
  const missing = wanted.find((_w, i) => !ids[i]);
  if (missing !== undefined) return { ok: false, error: `There is no ${picker.kind} “${missing}” in the sandbox.` };
  return { ok: true, value: picker.many ? ids : ids[0] };
}

function parsePlain(type: string, raw: string): Parsed {
  if (type === 'datepicker' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { ok: false, error: `“${raw}” is not a date such as 2026-03-02.` };
  if (type === 'timepicker' && !/^\d{2}:\d{2}$/.test(raw)) return { ok: false, error: `“${raw}” is not a time such as 09:30.` };
  if (type === 'number_input' && (raw === '' || Number.isNaN(Number(raw)))) return { ok: false, error: `“${raw}” is not a number.` };
  if (type === 'datetimepicker') {
    const at = parseStartTime(raw);
    return at ? { ok: true, value: Math.floor(at.getTime() / 1000) } : { ok: false, error: `“${raw}” is not a time such as 2026-03-02T09:00Z.` };
  }
  return { ok: true, value: raw };
}

function parseInputValue(element: Json, raw: string, resolve: IdResolver): Parsed {
  const type = textOf(element.type);
  if (SINGLE_OPTION.has(type) || MULTI_OPTION.has(type)) return parseOptions(element, raw, MULTI_OPTION.has(type));
  const picker = ID_PICKERS[type];
  return picker ? parseIds(raw, picker, resolve) : parsePlain(type, raw);
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** `view.state.values` as Slack builds it: every input, typed values where given, initial values elsewhere. */
export function buildStateValues(inputs: readonly ModalInput[], given: ReadonlyMap<string, string>, resolve: IdResolver): Record<string, Record<string, Json>> | string {
  const unknown = [...given.keys()].find((key) => !inputs.some((i) => [i.field, i.blockId, i.actionId].some((name) => name.toLowerCase() === key)));
  if (unknown !== undefined) return `The modal has no field “${unknown}”. Fields: ${inputs.map((i) => i.field).join(', ') || 'none'}.`;
  const values: Record<string, Record<string, Json>> = {};
  for (const input of inputs) {
    const type = textOf(input.element.type);
    const stateKey = stateKeyOf(type);
    const raw = given.get(input.field.toLowerCase()) ?? given.get(input.blockId.toLowerCase()) ?? given.get(input.actionId.toLowerCase());
    const parsed: Parsed = raw === undefined ? { ok: true, value: initialOf(input.element, stateKey) } : parseInputValue(input.element, raw, resolve);
    if (!parsed.ok) return `${input.label}: ${parsed.error}`;
    if (!input.optional && isEmpty(parsed.value)) return `Slack will not submit yet: “${input.label}” (${input.field}) is required.`;
    values[input.blockId] = { [input.actionId]: { type, [stateKey]: isEmpty(parsed.value) && !stateKey.endsWith('s') ? null : parsed.value } };
  }
  return values;
}

// ---- the workspace -----------------------------------------------------------------------------

interface Content {
  text: string;
  blocks?: unknown[];
}

type Happening =
  | { kind: 'message'; message: StandInMessage; edited: boolean }
  | { kind: 'ephemeral'; channel: string; user: string; content: Content }
  | { kind: 'response'; id: string; body: Json }
  | { kind: 'home'; userId: string; view: Json }
  | { kind: 'modal'; id: string; view: Json; updated?: boolean }
  | { kind: 'invitation'; invitation: StandInInvitation };

type ButtonSource = { kind: 'message'; channel: string; ts: string; number: number } | { kind: 'ephemeral'; channel: string; content: Content } | { kind: 'view'; viewId: string; view: Json };

/** Who a response_url belongs to, so a later answer there is shown to the right person. */
interface Origin {
  userId: string;
  channel: string;
  message: number | undefined;
}

interface Printed {
  channel: string;
  ts: string | undefined;
  threadTs: string | undefined;
}

export interface SandboxOptions {
  /** Where Accord's own log goes; silent by default. */
  log?: Logger;
  /** Echo every input line (and comments, blank lines) into the transcript, as a script run does. */
  echo?: boolean;
  /** The simulated time at the start; default now, to the minute. */
  startAt?: Date;
}

type Handler = (rest: string) => Promise<string[]> | string[];

export class SandboxWorkspace {
  private readonly clock: ManualClock;
  private readonly standIn: SlackStandIn;
  private accord: Accord | undefined;
  private driver: SlackDriver | undefined;
  private user: SandboxUser = sandboxUsers[0] as SandboxUser;
  private channel = GENERAL;
  /** Set once anything reached Accord; from then on the start time is fixed. */
  private touched = false;
  private done = false;
  private pending: Happening[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly printed = new Map<number, Printed>();
  private lastMessage = 0;
  private readonly buttons = new Map<number, { ref: ButtonRef; source: ButtonSource }>();
  private lastButton = 0;
  private readonly origins = new Map<string, Origin>();
  private modal: { id: string; view: Json } | undefined;

  private readonly names: Names = {
    user: (id) => (id === this.standIn.botUserId ? 'Accord' : this.standIn.users.get(id)?.name),
    channel: (id) => this.standIn.channels.get(id)?.name,
  };

  private readonly resolver: IdResolver = {
    user: (text) => this.findUser(text)?.id,
    channel: (text) => this.findChannel(text),
  };

  private readonly handlers = new Map<string, Handler>([
    ['as', (rest) => this.actAs(rest)],
    ['users', () => this.listUsers()],
    ['in', (rest) => this.switchChannel(rest)],
    ['channels', () => this.listChannels()],
    ['say', (rest) => this.say(rest)],
    ['reply', (rest) => this.reply(rest)],
    ['press', (rest) => this.press(rest)],
    ['submit', (rest) => this.submit(rest)],
    ['advance', (rest) => this.advance(rest)],
    ['home', () => this.openHome()],
    ['accept', (rest) => this.acceptInvitations(rest)],
    ['time', (rest) => this.time(rest)],
    ['help', () => helpLines()],
    ['quit', () => this.quit()],
    ['exit', () => this.quit()],
  ]);

  constructor(private readonly options: SandboxOptions = {}) {
    const start = options.startAt ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    this.clock = new ManualClock(start);
    this.standIn = new SlackStandIn({
      teamId: VENDOR_TEAM,
      botToken: SANDBOX_BOT_TOKEN,
      users: sandboxUsers.map(({ id, teamId, name, email }) => ({ id, teamId, name, ...(email ? { email } : {}) })),
      clock: this.clock,
    });
  }

  get prompt(): string {
    return `${this.user.name} ▸ `;
  }

  /** The simulated time. */
  get now(): Date {
    return this.clock.now();
  }

  /** The Slack stand-in, for tests that play Slack's part directly. */
  get slack(): SlackStandIn {
    return this.standIn;
  }

  /** True after `quit`: the caller should stop feeding lines. */
  get finished(): boolean {
    return this.done;
  }

  async start(): Promise<void> {
    await this.standIn.start();
    const vendorIds = sandboxUsers.filter((u) => u.teamId === VENDOR_TEAM).map((u) => u.id);
    this.standIn.addChannel({ id: GENERAL, name: 'general', members: new Set(vendorIds) });
    this.listen();
    const accord = createAccord({
      config: sandboxConfig(this.standIn.apiUrl),
      clock: this.clock,
      database: openDatabase({ kind: 'pglite-memory' }),
      log: this.options.log ?? silentLogger,
      channelIntervalMs: 0,
      runScheduler: false,
      host: '127.0.0.1',
    });
    this.accord = accord;
    const { port } = await accord.start();
    this.driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SANDBOX_SIGNING_SECRET, standIn: this.standIn });
    await accord.settle();
  }

  async stop(): Promise<void> {
    await this.accord?.stop();
    await this.standIn.stop();
  }

  /** The transcript lines one input line produces. Never throws: a failure is one line. */
  async run(line: string): Promise<string[]> {
    const input = line.trim();
    const echo = this.echoOf(input);
    try {
      return [...echo, ...(await this.dispatch(input))];
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return [...echo, `Sandbox error: ${message.split('\n')[0] ?? ''}`];
    }
  }

  private echoOf(input: string): string[] {
    if (!this.options.echo) return [];
    if (input === '' || input.startsWith('#')) return [input];
    return [`${this.prompt}${input}`];
  }

  private async dispatch(input: string): Promise<string[]> {
    if (input === '' || input.startsWith('#')) return [];
    if (input.startsWith('/')) return this.slash(input);
    if (/^@accord\b/i.test(input)) return this.mention(input);
    const [, word = '', rest = ''] = /^(\S+)\s*([\s\S]*)$/.exec(input) ?? [];
    const handler = this.handlers.get(word.toLowerCase());
    if (handler) return handler(rest.trim());
    return [`I don't understand “${preview(input)}”. Try help, /accord help, @Accord help, as <name>, say <text>, press <n>, home or advance 2h.`];
  }

  // ---- people and places ---------------------------------------------------------------------

  private findUser(text: string): SandboxUser | undefined {
    const wanted = text.replace(/^@/, '').toLowerCase();
    return sandboxUsers.find((u) => u.name === wanted || u.id.toLowerCase() === wanted);
  }

  private findChannel(text: string): string | undefined {
    const wanted = text.replace(/^#/, '').toLowerCase();
    return [...this.standIn.channels.values()].find((c) => !c.id.startsWith('D') && (c.name === wanted || c.id.toLowerCase() === wanted))?.id;
  }

  private channelList(): string {
    return [...this.standIn.channels.values()]
      .filter((c) => !c.id.startsWith('D'))
      .map((c) => `#${c.name}`)
      .join(', ');
  }

  private actAs(rest: string): string[] {
    const user = rest ? this.findUser(rest) : undefined;
    if (!user) return [`There is no user “${preview(rest)}”. Users: ${sandboxUsers.map((u) => u.name).join(', ')}.`];
    this.user = user;
    return [`You are now ${user.name} (team ${user.teamId}; at the start: ${user.hint}).`];
  }

  private listUsers(): string[] {
    const rows = sandboxUsers.map((u) => `  ${u.name.padEnd(7)} ${u.id.padEnd(9)} ${`${teamLabels[u.teamId] ?? ''} ${u.teamId}`.padEnd(18)} ${u.hint}${u.id === this.user.id ? '  ← you' : ''}`);
    return ['Users (roles as at the start; /accord whoami tells the current one):', ...rows];
  }

  private switchChannel(rest: string): string[] {
    const id = rest ? this.findChannel(rest) : undefined;
    if (!id) return [`There is no channel “${preview(rest)}”. Channels: ${this.channelList()}.`];
    this.channel = id;
    return [`You are now in #${this.names.channel(id) ?? id}.`];
  }

  private listChannels(): string[] {
    const rows = [...this.standIn.channels.values()]
      .filter((c) => !c.id.startsWith('D'))
      .map((c) => {
        const members = sandboxUsers.filter((u) => c.members.has(u.id)).map((u) => u.name);
        return `  #${c.name} (${c.id})${c.isPrivate ? ' private' : ''}: ${members.length > 0 ? members.join(', ') : 'nobody yet'}${c.id === this.channel ? '  ← you are here' : ''}`;
      });
    return ['Channels:', ...rows];
  }

  /** Typed `@vera` and `#general` become the mention markup Slack sends, with Slack's escaping. */
  private encodeForSlack(text: string, withLabels: boolean): string {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return escaped
      .replace(/(^|[\s"“(=,])@([A-Za-z0-9_-]+)/g, (whole, before: string, name: string) => {
        // Slack writes a mention of the app as its bot user's id, like anyone else's.
        if (name.toLowerCase() === 'accord') return `${before}<@${this.standIn.botUserId}>`;
        const user = this.findUser(name);
        return user ? `${before}<@${user.id}${withLabels ? `|${user.name}` : ''}>` : whole;
      })
      .replace(/(^|[\s"“(=,])#([a-z0-9_-]+)/g, (whole, before: string, name: string) => {
        const id = this.findChannel(name);
        return id ? `${before}<#${id}|${name}>` : whole;
      });
  }

  // ---- talking to Accord -----------------------------------------------------------------------

  private started(): { accord: Accord; driver: SlackDriver } {
    if (!this.accord || !this.driver) throw new Error('the sandbox has not been started');
    this.touched = true;
    return { accord: this.accord, driver: this.driver };
  }

  private async settleAndFlush(): Promise<string[]> {
    return (await this.settleAndFlushWith(() => true)).out;
  }

  /** Lets Accord finish everything it started, then describes what arrived; `check` looks at it first. */
  private async settleAndFlushWith(check: () => boolean): Promise<{ out: string[]; seen: boolean }> {
    await this.started().accord.settle();
    const seen = check();
    const batch = this.pending;
    this.pending = [];
    return { out: batch.flatMap((h) => this.describe(h)), seen };
  }

  private async slash(input: string): Promise<string[]> {
    const [, command = '', text = ''] = /^(\S+)\s*([\s\S]*)$/.exec(input) ?? [];
    if (!SLASH_COMMANDS.includes(command.toLowerCase())) return [`Accord has three slash commands: ${SLASH_COMMANDS.join(', ')}.`];
    // Nothing reaches Accord, so the start time may still be set afterwards.
    const refusal = this.standIn.slashCommandRefusal(this.user.teamId, command.toLowerCase());
    if (refusal !== undefined) return slashCommandNotDeliveredLines(refusal, this.user, mentionWordsFor(command, text));
    const { driver } = this.started();
    const res = await driver.command({ id: this.user.id, teamId: this.user.teamId }, command.toLowerCase(), this.encodeForSlack(text, true), this.channel);
    const origin: Origin = { userId: this.user.id, channel: this.channel, message: undefined };
    this.origins.set(responseIdOf(res.responseUrl), origin);
    const ack = res.status !== 200 ? [`Accord answered HTTP ${res.status} to ${command}.`] : res.json ? this.replyLines(res.json, origin) : [];
    return [...ack, ...(await this.settleAndFlush())];
  }

  private messageEvent(m: StandInMessage): Json {
    return {
      type: 'message',
      channel: m.channel,
      user: m.user,
      text: m.text,
      ts: m.ts,
      event_ts: m.ts,
      team: this.user.teamId,
      user_team: this.user.teamId,
      channel_type: m.channel.startsWith('D') ? 'im' : 'channel',
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    };
  }

  /**
   * A message by the current user. One that mentions Accord reaches it twice, as it does from
   * Slack: as the channel's message event and as an app_mention (the same text, ts and user_team).
   */
  private async postAsUser(text: string, channel: string, threadTs: string | undefined): Promise<string[]> {
    const { driver } = this.started();
    const conversation = this.standIn.channels.get(channel);
    if (conversation && !conversation.members.has(this.user.id)) return notAMemberLines(this.user, `#${conversation.name}`, this.user.teamId === VENDOR_TEAM);
    const message = this.standIn.postAsUser(this.user.id, channel, this.encodeForSlack(text, false), threadTs);
    const event = this.messageEvent(message);
    const res = await driver.event(event);
    const refused = res.status === 200 ? [] : [`Accord answered HTTP ${res.status} to the message event.`];
    if (message.text.includes(`<@${this.standIn.botUserId}>`)) {
      const { channel_type: _channelType, ...mention } = event;
      const mentioned = await driver.event({ ...mention, type: 'app_mention' });
      if (mentioned.status !== 200) refused.push(`Accord answered HTTP ${mentioned.status} to the app_mention event.`);
    }
    return [...(await this.settleAndFlush()), ...refused];
  }

  /** `@Accord help` typed on its own line: said in the current channel, so Slack sends the mention. */
  private mention(input: string): Promise<string[]> {
    return this.postAsUser(input, this.channel, undefined);
  }

  private say(rest: string): Promise<string[]> | string[] {
    if (!rest) return ['Say what? Type: say <text>'];
    return this.postAsUser(rest, this.channel, undefined);
  }

  private reply(rest: string): Promise<string[]> | string[] {
    const [, n = '', text = ''] = /^\[?(\d+)\]?\s+([\s\S]+)$/.exec(rest) ?? [];
    const target = this.printed.get(Number(n));
    if (!n || !text.trim()) return ['Type: reply <n> <text>, where [n] is the number of a message above.'];
    if (!target) return [`There is no message [${n}].`];
    const parentTs = target.threadTs ?? target.ts;
    if (!parentTs) return [`Message [${n}] was a reply to a command and cannot have a thread in the sandbox.`];
    return this.postAsUser(text, target.channel, parentTs);
  }

  /**
   * Plays the partner organisation's side of Slack Connect: each pending invitation addressed to
   * one of the partner's people (by id, by a contact email, or to its Slack team) is accepted by
   * that person, and Slack's events about it reach Accord.
   */
  private async acceptInvitations(rest: string): Promise<string[]> {
    const { accord, driver } = this.started();
    const slug = rest.trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(slug)) return ['Type: accept <partner>, e.g. accept acme.'];
    const db = accord.database.db;
    const [partner] = await queryRows<{ id: number | string; slack_team_id: string | null }>(db, sql`select id, slack_team_id from partners where slug = ${slug}`);
    if (!partner) return [`There is no partner “${slug}” in Accord; /accord partner list shows them.`];
    const members = await queryRows<{ user_id: string }>(db, sql`select user_id from partner_members where partner_id = ${Number(partner.id)}`);
    const contacts = await queryRows<{ email: string }>(db, sql`select email from partner_contacts where partner_id = ${Number(partner.id)}`);
    const memberIds = new Set(members.map((m) => m.user_id));
    const emails = new Set(contacts.map((c) => c.email));
    const acceptor = (i: { userId?: string; email?: string }) =>
      i.userId ? this.standIn.users.get(i.userId) : [...this.standIn.users.values()].find((u) => u.email !== undefined && u.email.toLowerCase() === i.email);
    const mine = this.standIn.pendingInvitations().filter((i) => {
      const user = acceptor(i);
      return (i.userId !== undefined && memberIds.has(i.userId)) || (i.email !== undefined && emails.has(i.email)) || (user !== undefined && user.teamId === partner.slack_team_id);
    });
    if (mine.length === 0) return [`No Slack Connect invitation for ${slug} is pending.`];
    const out: string[] = [];
    for (const invitation of mine) {
      const user = acceptor(invitation);
      const channel = `#${this.names.channel(invitation.channel) ?? invitation.channel}`;
      if (!user || user.teamId === VENDOR_TEAM) {
        out.push(`Nobody in the sandbox reads ${invitation.email ?? invitation.userId ?? 'that address'}, so the invitation to ${channel} stays pending.`);
        continue;
      }
      const events = this.standIn.acceptInvitation(invitation.id, user.id);
      const delivered = await driver.events(events);
      const refused = delivered.filter((d) => d.status !== 200).map((d) => `Accord answered HTTP ${d.status} to one of these events.`);
      out.push(
        `${user.name} (${teamLabels[user.teamId] ?? user.teamId}) accepted the Slack Connect invitation to ${channel}; Slack sends Accord ${events.map((e) => e.type).join(', ')}.`,
        ...refused,
        ...(await this.settleAndFlush()),
      );
    }
    return out;
  }

  private async openHome(): Promise<string[]> {
    const { driver } = this.started();
    const refusal = this.standIn.appHomeRefusal(this.user.teamId);
    if (refusal !== undefined) return appHomeNotShownLines(refusal);
    const res = await driver.event({ type: 'app_home_opened', user: this.user.id, channel: `D${this.user.id.slice(1)}`, tab: 'home', event_ts: nowTs() });
    const published = () => this.pending.some((h) => h.kind === 'home' && h.userId === this.user.id);
    const lines = await this.settleAndFlushWith(published);
    const refused = res.status === 200 ? [] : [`Accord answered HTTP ${res.status} to app_home_opened.`];
    return [...lines.out, ...refused, ...(lines.seen ? [] : ['Accord published no App Home for you.'])];
  }

  // ---- buttons and modals --------------------------------------------------------------------

  private payloadUser(): Json {
    return { id: this.user.id, username: this.user.name, name: this.user.name, team_id: this.user.teamId };
  }

  private basePayload(type: string): Json {
    return {
      type,
      token: 'legacy-verification-token',
      api_app_id: 'A0ACCORD',
      team: { id: VENDOR_TEAM, domain: 'vendor' },
      user: this.payloadUser(),
      trigger_id: newTriggerId(),
      is_enterprise_install: false,
    };
  }

  private containerOf(source: ButtonSource, responseUrl: string): Json {
    const channel = (id: string) => ({ id, name: this.names.channel(id) ?? id });
    if (source.kind === 'view') {
      return { container: { type: 'view', view_id: source.viewId }, view: { ...source.view, id: source.viewId, team_id: VENDOR_TEAM, state: { values: {} } } };
    }
    if (source.kind === 'ephemeral') {
      return { container: { type: 'message', message_ts: nowTs(), channel_id: source.channel, is_ephemeral: true }, channel: channel(source.channel), response_url: responseUrl };
    }
    const current = this.standIn.messages.find((m) => m.channel === source.channel && m.ts === source.ts);
    const message = { type: 'message', user: current?.user, ts: source.ts, text: current?.text ?? '', blocks: current?.blocks ?? [], ...(current?.threadTs ? { thread_ts: current.threadTs } : {}) };
    return { container: { type: 'message', message_ts: source.ts, channel_id: source.channel, is_ephemeral: false }, channel: channel(source.channel), message, response_url: responseUrl };
  }

  private async press(rest: string): Promise<string[]> {
    const n = /^\(?(\d+)\)?$/.exec(rest)?.[1];
    const target = n ? this.buttons.get(Number(n)) : undefined;
    if (!target) return [`There is no button ${rest ? `(${preview(rest)})` : 'number'}; buttons show as (n) in Accord's messages. Type: press <n>`];
    const { driver } = this.started();
    const { ref, source } = target;
    const responseUrl = this.standIn.newResponseUrl();
    const channel = source.kind === 'view' ? this.channel : source.channel;
    if (source.kind === 'message' && !this.standIn.canSee(this.user.id, channel)) {
      const name = this.standIn.channels.get(channel)?.name ?? channel;
      return [`(only you) Slack: ${this.user.name} cannot see #${name}, so there is no button (${n}) for them to press.`, `${INDENT}"channels" lists the channels and who is in them.`];
    }
    const postOnly = this.standIn.interactionRefusal(this.user.teamId, channel);
    if (postOnly !== undefined) return clickNotDeliveredLines(postOnly);
    this.origins.set(responseIdOf(responseUrl), { userId: this.user.id, channel, message: source.kind === 'message' ? source.number : undefined });
    const action = {
      type: 'button',
      action_id: ref.actionId,
      block_id: ref.blockId,
      text: { type: 'plain_text', text: ref.label },
      action_ts: nowTs(),
      ...(ref.value !== undefined ? { value: ref.value } : {}),
      ...(ref.url ? { url: ref.url } : {}),
    };
    const res = await driver.interaction({ ...this.basePayload('block_actions'), ...this.containerOf(source, responseUrl), actions: [action], state: { values: {} } });
    const pressed = `You pressed “${ref.label}”${ref.url ? ` (Slack also opens ${ref.url})` : ''}.`;
    const refused = res.status === 200 ? [] : [`Accord did not acknowledge the button (HTTP ${res.status}).`];
    const after = await this.settleAndFlush();
    return [pressed, ...refused, ...(after.length > 0 || refused.length > 0 ? after : ['(nothing visible happened)'])];
  }

  private async submit(rest: string): Promise<string[]> {
    const modal = this.modal;
    if (!modal) return ['No modal is open. Modals open when a button or command asks for details.'];
    const given = parseAssignments(rest);
    if (typeof given === 'string') return [given];
    const inputs = modalInputs(modal.view, this.names);
    const values = buildStateValues(inputs, given, this.resolver);
    if (typeof values === 'string') return [values];
    const { driver } = this.started();
    const view = {
      ...modal.view,
      id: modal.id,
      team_id: VENDOR_TEAM,
      state: { values },
      hash: `hash-${modal.id}`,
      root_view_id: modal.id,
      previous_view_id: null,
      app_id: 'A0ACCORD',
      bot_id: 'B0ACCORD',
    };
    const res = await driver.interaction({ ...this.basePayload('view_submission'), view, response_urls: [] });
    const answer = this.submissionLines(res, inputs);
    return [...answer, ...(await this.settleAndFlush())];
  }

  private submissionLines(res: SignedResponse, inputs: readonly ModalInput[]): string[] {
    if (res.status !== 200) return [`Accord did not take the submission (HTTP ${res.status}); the modal stays open.`];
    const body = res.json ?? {};
    const modal = this.modal;
    const next = jsonOf(body, 'view');
    if (body.response_action === 'errors') {
      const errors = Object.entries(jsonOf(body, 'errors') ?? {}).map(([blockId, error]) => `${INDENT}${inputs.find((i) => i.blockId === blockId)?.label ?? blockId}: ${textOf(error)}`);
      return ['Accord kept the modal open:', ...errors];
    }
    if ((body.response_action === 'update' || body.response_action === 'push') && next && modal) return this.modalLines(modal.id, next, 'now shows');
    if (modal) this.standIn.closeView(modal.id);
    this.modal = undefined;
    return ['(the modal closed)'];
  }

  private buttonSink(source: ButtonSource): NumberButton {
    return (ref) => {
      this.lastButton += 1;
      this.buttons.set(this.lastButton, { ref, source });
      return this.lastButton;
    };
  }

  // ---- the clock -----------------------------------------------------------------------------

  private async nextDueAt(limit: number): Promise<number | undefined> {
    const db = this.started().accord.database.db;
    const [row] = await queryRows<{ due_at: string | Date }>(db, sql`select due_at from jobs where status = 'pending' and due_at <= ${isoOf(new Date(limit))}::timestamptz order by due_at limit 1`);
    return row ? new Date(row.due_at).getTime() : undefined;
  }

  /** Moves through each due job's time in turn, so what Accord posts carries the time it fell due. */
  private async advance(rest: string): Promise<string[]> {
    const ms = parseDuration(rest);
    if (ms === undefined) return [`“${preview(rest)}” is not a duration. Type e.g. advance 30m, advance 2h, advance 1d or advance 1h30m.`];
    const target = this.clock.now().getTime() + ms;
    const out: string[] = [];
    for (let step = 0; step < MAX_CLOCK_STEPS; step += 1) {
      const due = await this.nextDueAt(target);
      if (due === undefined || due <= this.clock.now().getTime()) break;
      this.clock.advance(due - this.clock.now().getTime());
      out.push(...this.stamped(await this.settleAndFlush()));
    }
    this.clock.advance(target - this.clock.now().getTime());
    out.push(...this.stamped(await this.settleAndFlush()));
    const summary = `Time is now ${formatTime(this.clock.now())} (${formatDuration(ms)} later)`;
    return [...out, out.length > 0 ? `${summary}.` : `${summary}; nothing was due.`];
  }

  private stamped(lines: string[]): string[] {
    return lines.length > 0 ? [`── ${formatTime(this.clock.now())} ──`, ...lines] : [];
  }

  private time(rest: string): string[] {
    if (!rest) return [`It is ${formatTime(this.clock.now())} in the sandbox.`];
    const at = parseStartTime(rest);
    if (!at) return [`“${preview(rest)}” is not a time. Type e.g. time 2026-03-02T09:00:00Z.`];
    if (this.touched) return [`The start time can only be set before anything else happens; it is ${formatTime(this.clock.now())}.`];
    this.clock.set(at);
    return [`The sandbox starts at ${formatTime(at)}.`];
  }

  private quit(): string[] {
    this.done = true;
    return ['Bye.'];
  }

  // ---- what Slack shows ----------------------------------------------------------------------

  private listen(): void {
    const snapshot = (m: StandInMessage): StandInMessage => ({ ...m });
    this.standIn.on('message', (m: StandInMessage) => this.pending.push({ kind: 'message', message: snapshot(m), edited: false }));
    this.standIn.on('update', (m: StandInMessage) => this.pending.push({ kind: 'message', message: snapshot(m), edited: true }));
    this.standIn.on('ephemeral', (e: { channel: string; user: string; text: string; blocks?: unknown[] }) => {
      this.pending.push({ kind: 'ephemeral', channel: e.channel, user: e.user, content: { text: e.text, ...(e.blocks ? { blocks: e.blocks } : {}) } });
    });
    this.standIn.on('response', (r: RecordedResponse) => this.pending.push({ kind: 'response', id: r.id, body: r.body }));
    this.standIn.on('invitation', (i: StandInInvitation) => this.pending.push({ kind: 'invitation', invitation: { ...i } }));
    this.standIn.on('call', (method: string, args: Json, answer: { body: Json }) => this.onCall(method, args, answer.body));
  }

  private onCall(method: string, args: Json, body: Json): void {
    if (body.ok !== true) return;
    const view = jsonOf(body, 'view');
    if (method === 'views.publish' && view) this.pending.push({ kind: 'home', userId: textOf(args.user_id), view });
    if (method === 'views.open' && view) this.pending.push({ kind: 'modal', id: textOf(view.id), view });
    if (method === 'views.update' && view) {
      // A modal opened loading and filled in before anything was shown reads as one modal opening.
      const id = textOf(view.id);
      const waiting = this.pending.find((h): h is Extract<Happening, { kind: 'modal' }> => h.kind === 'modal' && h.id === id);
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
    const lines = renderMessage(m, this.names, this.buttonSink({ kind: 'message', channel: m.channel, ts: m.ts, number: n }));
    return framed(`${this.header(n, m.channel, m.threadTs, author)}: `, lines);
  }

  private ephemeralLines(userId: string, channel: string, content: Content): string[] {
    // Someone else's ephemeral says where it appeared: the typist's own is where they typed.
    const who = userId === this.user.id ? 'you' : `@${this.names.user(userId) ?? userId} in ${this.where(channel)}`;
    return framed(`(only ${who}) `, renderMessage(content, this.names, this.buttonSink({ kind: 'ephemeral', channel, content })));
  }

  /** An answer on a response_url or in an acknowledgement, shown as Slack would show it. */
  private replyLines(body: Json, origin: Origin | undefined): string[] {
    const content: Content = { text: textOf(body.text), ...(Array.isArray(body.blocks) ? { blocks: body.blocks as unknown[] } : {}) };
    const userId = origin?.userId ?? this.user.id;
    const channel = origin?.channel ?? this.channel;
    if (truthy(body.delete_original)) return this.deleteOriginal(origin, userId);
    if (truthy(body.replace_original) && origin?.message !== undefined) return this.replaceOriginal(origin.message, content) ?? this.ephemeralLines(userId, channel, content);
    if (!content.text && !content.blocks) return [];
    if (body.response_type === 'in_channel') {
      const n = this.numberFor(channel, undefined, undefined);
      return framed(`${this.header(n, channel, undefined, 'Accord')}: `, renderMessage(content, this.names, this.buttonSink({ kind: 'ephemeral', channel, content })));
    }
    return this.ephemeralLines(userId, channel, content);
  }

  private standInMessage(n: number): StandInMessage | undefined {
    const printed = this.printed.get(n);
    return printed?.ts ? this.standIn.messages.find((m) => m.channel === printed.channel && m.ts === printed.ts) : undefined;
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
    if (!message || origin?.message === undefined) return [`(only ${userId === this.user.id ? 'you' : `@${this.names.user(userId) ?? userId}`}) (Accord removed its message)`];
    this.standIn.messages.splice(this.standIn.messages.indexOf(message), 1);
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
    if (userId !== this.user.id) return [`(Accord refreshed the App Home of @${name}; "as ${name}" then "home" shows it)`];
    const lines = renderView(view, this.names, this.buttonSink({ kind: 'view', viewId: `home-${userId}`, view }));
    return [`App Home of @${name}:`, ...indented(lines)];
  }

  private modalLines(id: string, view: Json, what: 'opened' | 'now shows'): string[] {
    this.modal = { id, view };
    const lines = renderView(view, this.names, this.buttonSink({ kind: 'view', viewId: id, view }));
    const title = viewTitle(view, this.names);
    return [what === 'opened' ? `Modal “${title}” opened:` : `The modal now shows “${title}”:`, ...indented(lines)];
  }
}
