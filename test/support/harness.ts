import { createAccord, type Accord, type AccordOptions } from '../../src/accord';
import { ManualClock } from '../../src/clock';
import { parseConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db/client';
import { silentLogger, type Logger } from '../../src/logger';
import { mentionWordsFor, SlackDriver, type DriverUser } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { openTestDatabase, type Driver } from './databases';

export const SIGNING_SECRET = 'test-signing-secret-not-real';
export const BOT_TOKEN = 'xoxb-test-not-a-real-token';
export const VENDOR_TEAM = 'T0VENDOR';
export const PARTNER_TEAM = 'T0PARTNER';
/**
 * A channel the vendor shares by Slack Connect with the other organisations of the tests: where a
 * user of another team's `ask` goes when the test names no channel (C0GENERAL is the vendor's own).
 */
export const CONNECT_CHANNEL = 'C0CONNECT';
/** 2026-03-02 09:00 UTC, a Monday: tests pin the clock here unless they say otherwise. */
export const PINNED_START = new Date('2026-03-02T09:00:00Z');

export const people = {
  alice: { id: 'U0ALICE', teamId: VENDOR_TEAM, name: 'alice' }, // vendor admin (configuration)
  victor: { id: 'U0VICTOR', teamId: VENDOR_TEAM, name: 'victor' }, // vendor member
  vera: { id: 'U0VERA', teamId: VENDOR_TEAM, name: 'vera' }, // vendor member
  pat: { id: 'U0PAT', teamId: PARTNER_TEAM, name: 'pat' }, // user of a partner's workspace
  hidden: { id: 'U0HIDDEN', teamId: PARTNER_TEAM, name: 'hidden', hiddenProfile: true }, // users.info fails
} as const;

export function testConfig(apiUrl: string, overrides: Record<string, string> = {}): Config {
  return parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    ACCORD_ADMIN_USER_IDS: people.alice.id,
    ...overrides,
  });
}

export interface Harness {
  accord: Accord;
  standIn: SlackStandIn;
  slack: SlackDriver;
  clock: ManualClock;
  port: number;
  baseUrl: string;
  /**
   * A command's ephemeral reply text, after Accord has finished all work it caused. A user of the
   * vendor's team types the slash command (default `/accord`, in C0GENERAL). Slack does not deliver
   * slash commands from users of another team (partner members in their own organisation), so for
   * them `ask` posts `@Accord <the same command>` in the channel (default CONNECT_CHANNEL, which
   * they are made a member of), as message and app_mention events, and returns the answer Accord
   * gave them alone. A test of the slash-command path itself for such a user says so with
   * `slack.command(…, { deliverFromAnyTeam: true })`.
   */
  ask(user: DriverUser, text: string, command?: string, channel?: string): Promise<string>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  driver: Driver;
  clock?: ManualClock;
  env?: Record<string, string>;
  log?: Logger;
  accord?: Partial<AccordOptions>;
  /** Set up the stand-in before Accord starts (e.g. the Socket Mode URL). */
  beforeStart?: (standIn: SlackStandIn) => void;
  /** Wraps the test database before Accord gets it (e.g. to watch when Accord queries it). */
  wrapDatabase?: (database: Database) => Database;
}

/** Starts the real Accord (HTTP mode, real Bolt) against a fresh database and a Slack stand-in. */
export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, appToken: 'xapp-test-token', users: Object.values(people) });
  await standIn.start();
  standIn.addChannel({ id: 'C0GENERAL', name: 'general' });
  standIn.addChannel({ id: CONNECT_CHANNEL, name: 'vendor-partners', sharedWithTeams: new Set([PARTNER_TEAM]) });
  o.beforeStart?.(standIn);
  const clock = o.clock ?? new ManualClock(PINNED_START);
  const opened = await openTestDatabase(o.driver);
  const database = o.wrapDatabase ? o.wrapDatabase(opened) : opened;
  const accord = createAccord({
    config: testConfig(standIn.apiUrl, o.env),
    clock,
    database,
    log: o.log ?? silentLogger,
    channelIntervalMs: 0,
    runScheduler: false,
    host: '127.0.0.1',
    ...o.accord,
  });
  const { port } = await accord.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const slack = new SlackDriver({ appUrl: `${baseUrl}/slack/events`, signingSecret: SIGNING_SECRET, standIn });
  return {
    accord,
    standIn,
    slack,
    clock,
    port,
    baseUrl,
    async ask(user, text, command = '/accord', channel?: string) {
      if (slack.slashCommandRefusal(user, command) === undefined) {
        const reply = await slack.commandReply(user, command, text, channel ?? 'C0GENERAL');
        await accord.settle();
        return reply;
      }
      const where = channel ?? CONNECT_CHANNEL;
      if (where === CONNECT_CHANNEL) {
        const connect = standIn.channels.get(CONNECT_CHANNEL);
        connect?.members.add(user.id);
        connect?.sharedWithTeams.add(user.teamId);
      }
      const said = await slack.say(user, `<@${standIn.botUserId}> ${mentionWordsFor(command, text)}`, where);
      await accord.settle();
      const [reply] = slack.answersTo(said);
      if (reply === undefined) throw new Error(`Accord gave ${user.id} no answer to @Accord ${mentionWordsFor(command, text)}`);
      return reply;
    },
    settle: () => accord.settle(),
    async stop() {
      await accord.stop();
      await standIn.stop();
    },
  };
}
