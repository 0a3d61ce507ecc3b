import { sql } from 'drizzle-orm';
import { createAccord, type Accord } from '../../accord';
import { ManualClock } from '../../clock';
import { openDatabase } from '../../db/client';
import { isoOf, queryRows } from '../../db/rows';
import { silentLogger, type Logger } from '../../logger';
import type { Names } from '../render';
import { SlackDriver } from '../slack-driver';
import { SlackStandIn } from '../stand-in';
import { formatTime } from './lines';
import type { IdResolver } from './modal-state';
import {
  GENERAL,
  SANDBOX_BOT_TOKEN,
  SANDBOX_SIGNING_SECRET,
  sandboxConfig,
  sandboxUsers,
  VENDOR_TEAM,
  type SandboxUser,
} from './people';
import { Transcript } from './transcript';

export interface SandboxOptions {
  /** Where Accord's own log goes; silent by default. */
  log?: Logger;
  /** Echo every input line (and comments, blank lines) into the transcript, as a script run does. */
  echo?: boolean;
  /** The simulated time at the start; default now, to the minute. */
  startAt?: Date;
}

/**
 * One sandbox run: the simulated clock, the Slack stand-in and the real Accord started against
 * it, who is typing and where, and the transcript. Commands act through it: they deliver what Slack
 * would send, then settle Accord and flush what it did into the transcript.
 */
export class Session {
  readonly clock: ManualClock;
  readonly standIn: SlackStandIn;
  private accord: Accord | undefined;
  private driver: SlackDriver | undefined;
  user: SandboxUser = sandboxUsers[0] as SandboxUser;
  channel = GENERAL;
  /** Set once anything reached Accord; from then on the start time is fixed. */
  touched = false;
  /** Set by `quit`. */
  done = false;

  readonly names: Names = {
    user: (id) => (id === this.standIn.botUserId ? 'Accord' : this.standIn.users.get(id)?.name),
    channel: (id) => this.standIn.channels.get(id)?.name,
  };

  readonly resolver: IdResolver = {
    user: (text) => this.findUser(text)?.id,
    channel: (text) => this.findChannel(text),
  };

  readonly transcript: Transcript;

  constructor(private readonly options: SandboxOptions = {}) {
    const start = options.startAt ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    this.clock = new ManualClock(start);
    this.standIn = new SlackStandIn({
      teamId: VENDOR_TEAM,
      botToken: SANDBOX_BOT_TOKEN,
      users: sandboxUsers.map(({ id, teamId, name, email }) => ({ id, teamId, name, ...(email ? { email } : {}) })),
      clock: this.clock,
    });
    this.transcript = new Transcript(this.standIn, this.names, () => ({ user: this.user, channel: this.channel }));
  }

  async start(): Promise<void> {
    await this.standIn.start();
    const vendorIds = sandboxUsers.filter((u) => u.teamId === VENDOR_TEAM).map((u) => u.id);
    this.standIn.addChannel({ id: GENERAL, name: 'general', members: new Set(vendorIds) });
    this.transcript.listen();
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
    this.driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SANDBOX_SIGNING_SECRET,
      standIn: this.standIn,
    });
    await accord.settle();
  }

  async stop(): Promise<void> {
    await this.accord?.stop();
    await this.standIn.stop();
  }

  // ---- people and places ---------------------------------------------------------------------

  findUser(text: string): SandboxUser | undefined {
    const wanted = text.replace(/^@/, '').toLowerCase();
    return sandboxUsers.find((u) => u.name === wanted || u.id.toLowerCase() === wanted);
  }

  findChannel(text: string): string | undefined {
    const wanted = text.replace(/^#/, '').toLowerCase();
    return [...this.standIn.channels.values()].find(
      (c) => !c.id.startsWith('D') && (c.name === wanted || c.id.toLowerCase() === wanted),
    )?.id;
  }

  // ---- delivering to Accord ------------------------------------------------------------------

  started(): { accord: Accord; driver: SlackDriver } {
    if (!this.accord || !this.driver) throw new Error('the sandbox has not been started');
    this.touched = true;
    return { accord: this.accord, driver: this.driver };
  }

  async settleAndFlush(): Promise<string[]> {
    return (await this.settleAndFlushWith(() => true)).out;
  }

  /** Lets Accord finish everything it started, then describes what arrived; `check` looks at it first. */
  async settleAndFlushWith(check: () => boolean): Promise<{ out: string[]; seen: boolean }> {
    await this.started().accord.settle();
    const seen = check();
    return { out: this.transcript.flush(), seen };
  }

  // ---- the clock -----------------------------------------------------------------------------

  async nextDueAt(limit: number): Promise<number | undefined> {
    const db = this.started().accord.database.db;
    const [row] = await queryRows<{ due_at: string | Date }>(
      db,
      sql`select due_at from jobs where status = 'pending' and due_at <= ${isoOf(new Date(limit))}::timestamptz order by due_at limit 1`,
    );
    return row ? new Date(row.due_at).getTime() : undefined;
  }

  stamped(lines: string[]): string[] {
    return lines.length > 0 ? [`── ${formatTime(this.clock.now())} ──`, ...lines] : [];
  }
}
