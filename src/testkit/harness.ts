import { createAccord, type Accord, type AccordOptions } from '../accord';
import { ManualClock } from '../clock';
import { parseConfig, type Config } from '../config';
import type { Database } from '../db/client';
import { silentLogger, type Logger } from '../logger';
import { mentionWordsFor, SlackDriver, type DriverUser } from '../sandbox/slack-driver';
import { SlackStandIn } from '../sandbox/stand-in';
import type { StandInUser } from '../sandbox/stand-in/types';
import { openTestDatabase, type Driver } from './databases';
import {
  accordEnv,
  APP_TOKEN,
  BOT_TOKEN,
  CONNECT_CHANNEL,
  GENERAL,
  people,
  PINNED_START,
  SIGNING_SECRET,
  type ChannelSpec,
  VENDOR_TEAM,
  worldChannels,
} from './world';

export function testConfig(apiUrl: string, overrides: Record<string, string> = {}): Config {
  return parseConfig(accordEnv(apiUrl, overrides));
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
  /** People of the test beyond the world's `people` (e.g. quinn, gus, or someone made with `person`). */
  users?: StandInUser[];
  /** Channels beyond the world's (general and the Slack Connect one). */
  channels?: ChannelSpec[];
  /** Set up the stand-in before Accord starts (e.g. the Socket Mode URL). */
  beforeStart?: (standIn: SlackStandIn) => void;
  /** Wraps the test database before Accord gets it (e.g. to watch when Accord queries it). */
  wrapDatabase?: (database: Database) => Database;
  /** Told of every statement Accord sends, with its parameters (statement counts and plans in the bench). */
  onQuery?: (query: string, params: readonly unknown[]) => void;
}

/** Starts the real Accord (HTTP mode, real Bolt) against a fresh database and a Slack stand-in. */
export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const standIn = new SlackStandIn({
    teamId: VENDOR_TEAM,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    users: [...Object.values(people), ...(o.users ?? [])],
  });
  await standIn.start();
  for (const channel of [...worldChannels(), ...(o.channels ?? [])]) standIn.addChannel(channel);
  o.beforeStart?.(standIn);
  const clock = o.clock ?? new ManualClock(PINNED_START);
  const opened = await openTestDatabase(o.driver, o.onQuery ? { onQuery: o.onQuery } : {});
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
        const reply = await slack.commandReply(user, command, text, channel ?? GENERAL);
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
      if (reply === undefined)
        throw new Error(`Accord gave ${user.id} no answer to @Accord ${mentionWordsFor(command, text)}`);
      return reply;
    },
    settle: () => accord.settle(),
    async stop() {
      await accord.stop();
      await standIn.stop();
    },
  };
}
