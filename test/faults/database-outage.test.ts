import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccord, type Accord } from '../../src/accord';
import { ManualClock } from '../../src/clock';
import { openDatabase, type Database } from '../../src/db/client';
import { escalations, jobs, projects, slackOutbox } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { SlackDriver, type DriverUser } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { testConfig } from '../../src/testkit/harness';
import { BOT_TOKEN, people, PINNED_START, quinn, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';

const adminUrl = process.env.TEST_DATABASE_URL;

/**
 * A TCP proxy in front of PostgreSQL. `down()` is what a server restart looks like to a client:
 * every open connection is cut and new ones are refused until `up()`.
 */
class FlakyProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Connections the proxy accepted, i.e. how often the pool (re)connected. */
  accepted = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      this.accepted += 1;
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!adminUrl)('PostgreSQL restarted under load (through a TCP proxy)', () => {
  const name = `accord_t_${randomBytes(6).toString('hex')}`;
  const target = new URL(adminUrl ?? 'postgres://localhost');
  const proxy = new FlakyProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const logLines: string[] = [];
  // The instance's one clock is moved by hand: timers fall due, and leases run out, when the
  // test says so.
  const clock = new ManualClock(PINNED_START);
  let standIn: SlackStandIn;
  let accord: Accord;
  let direct: Database;
  let slack: SlackDriver;
  let baseUrl: string;
  let channel: string;
  let loading = false;
  let load: Promise<void> = Promise.resolve();

  const urlFor = (port: number) => {
    const u = new URL(adminUrl ?? '');
    u.port = String(port);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const ask = (user: DriverUser, text: string, command = '/accord', where = 'C0GENERAL') =>
    slack.commandReply(user, command, text, where, 15_000);
  const health = async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const escalationId = (reply: string) => {
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    expect(id, reply).toBeGreaterThan(0);
    return id;
  };
  const outboxIdOf = async (escalation: number) =>
    (await direct.db.select().from(escalations).where(eq(escalations.id, escalation)))[0]?.messageOutboxId ?? 0;
  const topLevel = (escalation: number) =>
    standIn.messagesIn(channel).filter((m) => !m.threadTs && m.text.startsWith(`ESC-${escalation} `));
  const ackWarnings = (escalation: number) => {
    const parent = topLevel(escalation)[0];
    return standIn
      .messagesIn(channel)
      .filter(
        (m) => parent !== undefined && m.threadTs === parent.ts && m.text.includes('75% of the time to acknowledge'),
      );
  };

  beforeAll(async () => {
    const admin = postgres(adminUrl ?? '', { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    await admin.end({ timeout: 2 });
    direct = openDatabase({ kind: 'postgres', url: urlFor(Number(target.port || 5432)) });
    await proxy.up();
    standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: [...Object.values(people), quinn] });
    await standIn.start();
    standIn.addChannel({ id: 'C0GENERAL', name: 'general' });
    // Accord opens its own pool through the proxy, from DATABASE_URL, as in production; the
    // node-cron heartbeat runs, so nothing but its own loops drives it once the outage starts.
    accord = createAccord({
      config: testConfig(standIn.apiUrl, { DATABASE_URL: urlFor(proxy.port) }),
      clock,
      log: createLogger('warn', (line) => logLines.push(line)),
      channelIntervalMs: 0,
      runScheduler: true,
      host: '127.0.0.1',
    });
    expect(accord.database.kind).toBe('postgres');
    const { port } = await accord.start();
    baseUrl = `http://127.0.0.1:${port}`;
    slack = new SlackDriver({ appUrl: `${baseUrl}/slack/events`, signingSecret: SIGNING_SECRET, standIn });
    expect(await ask(people.alice, 'partner add globex "Globex"')).toContain(':white_check_mark:');
    expect(await ask(people.alice, 'partner member add globex <@U0QUINN> lead confirm')).toContain(
      ':white_check_mark:',
    );
    expect(await ask(people.victor, 'project create rollout "Rollout" partners=globex tz=Europe/Riga')).toContain(
      ':white_check_mark:',
    );
    await accord.settle();
    channel = (await direct.db.select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    expect(channel).not.toBe('');
  });

  afterAll(async () => {
    loading = false;
    await load;
    await accord?.stop();
    await standIn?.stop();
    await proxy.down();
    await direct?.close();
    const admin = postgres(adminUrl ?? '', { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 2 });
  });

  it('reports unhealthy while PostgreSQL is away, answers commands, then recovers by itself and delivers queued work exactly once', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { database: 'up', driver: 'postgres' } });

    // Work from before the outage: one escalation fully delivered, one whose message is on its
    // way to Slack when the connections drop, and one queued behind it in the same channel.
    const e1 = escalationId(await ask(people.victor, 'sev1 Before the outage', '/escalate', channel));
    await accord.settle();
    expect(topLevel(e1)).toHaveLength(1);
    standIn.inject('chat.postMessage', { delayMs: 2500 });
    const e2 = escalationId(await ask(people.victor, 'sev1 In flight during the outage', '/escalate', channel));
    const e3 = escalationId(await ask(people.victor, 'sev1 Queued behind it', '/escalate', channel));
    const e2Row = await outboxIdOf(e2);
    await waitFor(
      'the message of ESC-2 to be on its way to Slack',
      async () =>
        (await direct.db.select().from(slackOutbox).where(eq(slackOutbox.id, e2Row)))[0]?.status === 'sending'
          ? true
          : undefined,
      5000,
    );

    // Load: commands keep arriving from three people for the whole test. A command that spans
    // a change of phase counts as sent during the outage (either answer is right for it).
    const replies: Array<{ phase: 'before' | 'down' | 'after'; text: string }> = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    loading = true;
    load = (async () => {
      const users = [people.victor, people.vera, people.alice];
      for (let i = 0; loading; i += 1) {
        const sentIn = phase;
        const text = await ask(users[i % users.length] ?? people.vera, 'whoami').catch(
          (err: unknown) => `no reply: ${String(err)}`,
        );
        replies.push({ phase: sentIn === phase ? sentIn : 'down', text });
        await sleep(100);
      }
    })();
    await sleep(300);

    const acceptedBefore = proxy.accepted;
    phase = 'down';
    await proxy.down();
    const downAt = Date.now();
    // The ack warnings of all three escalations fall due while the database is away.
    clock.advance(12 * 60_000);

    const unhealthy = await waitFor(
      '/healthz to report the database down',
      async () => {
        const h = await health();
        return h.status === 503 ? h : undefined;
      },
      5000,
      100,
    );
    expect(unhealthy.body).toMatchObject({ status: 'degraded', database: 'down', driver: 'postgres' });
    const duringOutage = await ask(people.victor, 'sev2 Raised during the outage', '/escalate', channel);
    expect(duringOutage).toBe(
      ":hourglass_flowing_sand: Accord can't reach its database right now, so nothing was changed. Please try again in a minute.",
    );
    // Keep it down until the delayed post has reached Slack and recording that has failed.
    await waitFor('the delayed post to reach Slack', () => (topLevel(e2).length > 0 ? true : undefined), 5000);
    const landedAt = Date.now();
    await sleep(Math.max(0, downAt + 4000 - Date.now(), landedAt + 2500 - Date.now()));
    expect((await health()).status).toBe(503);

    await proxy.up();
    const upAt = Date.now();
    const healthy = await waitFor(
      '/healthz to be 200 again',
      async () => {
        const h = await health();
        return h.status === 200 ? h : undefined;
      },
      10_000,
      100,
    );
    const recoveredInMs = Date.now() - upAt;
    expect(healthy.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(recoveredInMs).toBeLessThan(5000);
    expect(proxy.accepted).toBeGreaterThan(acceptedBefore);
    phase = 'after';

    const e4 = escalationId(await ask(people.victor, 'sev3 Raised after the outage', '/escalate', channel));
    expect(await ask(people.vera, 'whoami')).toContain('vendor member');

    // The message that was in flight was leased for 60 s of the clock, which the 12 minutes moved
    // above have outlasted; nothing needs help: the heartbeat takes it over within seconds.
    const outboxRows = () => direct.db.select().from(slackOutbox);
    await waitFor(
      'the outbox to drain',
      async () => ((await outboxRows()).every((r) => r.status === 'sent' || r.status === 'failed') ? true : undefined),
      5000,
      100,
    );
    await waitFor(
      'the ack warnings to go out',
      () => ([e1, e2, e3].every((e) => ackWarnings(e).length > 0) ? true : undefined),
      5000,
      100,
    );
    expect(Date.now() - upAt, 'ms from the database being back to the backlog delivered').toBeLessThan(6000);
    // The backlog can be delivered before the load has had a command both sent and answered after
    // the outage; the load goes on until it has.
    await waitFor(
      'a command of the load sent and answered after the outage',
      () => (replies.some((r) => r.phase === 'after') ? true : undefined),
      10_000,
      50,
    );
    loading = false;
    await load;

    // Exactly once: each outbox row is in Slack at most once, and every row was sent.
    const rows = await outboxRows();
    expect(rows.filter((r) => r.status !== 'sent').map((r) => [r.id, r.method, r.status, r.lastError])).toEqual([]);
    const posted = standIn.messages.map((m) => Number(m.metadata?.event_payload.outbox_id)).filter((id) => id > 0);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.filter((id, i) => posted.indexOf(id) !== i)).toEqual([]);
    for (const e of [e1, e2, e3, e4]) expect(topLevel(e), `ESC-${e}`).toHaveLength(1);
    for (const e of [e1, e2, e3]) expect(ackWarnings(e), `ack warning of ESC-${e}`).toHaveLength(1);
    // The in-flight message was found in Slack on the retry instead of being posted again.
    const e2Final = rows.find((r) => r.id === e2Row);
    expect(e2Final).toMatchObject({ status: 'sent', attempts: 2, result: { ts: topLevel(e2)[0]?.ts } });
    const timers = await direct.db
      .select()
      .from(jobs)
      .where(
        inArray(
          jobs.key,
          [e1, e2, e3].map((e) => `esc:${e}:0:ackwarn`),
        ),
      );
    expect(timers.map((j) => [j.key, j.status, j.attempts]).sort()).toEqual(
      [e1, e2, e3].map((e) => [`esc:${e}:0:ackwarn`, 'done', 1]).sort(),
    );
    // Nothing was recorded for the command refused during the outage.
    expect(await direct.db.select().from(escalations).where(eq(escalations.title, 'Raised during the outage'))).toEqual(
      [],
    );

    // Every command got an answer: the right one before and after, a clear refusal while down.
    expect(replies.filter((r) => r.phase === 'down').length).toBeGreaterThan(0);
    for (const r of replies) {
      if (r.phase === 'down')
        expect(r.text, 'a command during the outage').toMatch(/nothing was changed|vendor member|vendor admin/);
      else expect(r.text).toMatch(/vendor member|vendor admin/);
    }
    expect(replies.some((r) => r.phase === 'down' && r.text.includes("can't reach its database right now"))).toBe(true);
    expect(replies.filter((r) => r.phase === 'after').length).toBeGreaterThan(0);
    // The loops met the outage and carried on.
    expect(logLines.some((l) => l.includes('round failed; retrying on the next tick'))).toBe(true);
    expect(await health()).toMatchObject({ status: 200 });
  }, 60_000);
});
