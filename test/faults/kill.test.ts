import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, like } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client';
import { checkinRuns, escalationEvents, escalations, jobs, projects, slackOutbox } from '../../src/db/schema';
import { SlackDriver, type DriverUser } from '../../src/sandbox/slack-driver';
import { SlackStandIn, type StandInMessage } from '../../src/sandbox/stand-in';
import { openTestDatabase } from '../../src/testkit/databases';
import {
  PROCESS_TEST_TIMEOUT,
  REPLY_TIMEOUT,
  runningPort,
  startAccordProcess,
  waitFor,
  type AccordProcess,
} from '../../src/testkit/process';
import { accordEnv, BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';

/**
 * The real process (`node --import tsx src/main.ts`, PostgreSQL, its own heartbeat and wall
 * clock), killed with SIGKILL in the middle of each kind of work and started again on the same
 * database: an outbox delivery whose answer never came back, an escalation level being notified,
 * a check-in occurrence being posted. Afterwards each is in Slack exactly once.
 *
 * The kill is made to land inside the work rather than near it: a delivery is killed once the
 * stand-in has received the call (and is still holding its answer back); a job is killed while
 * its transaction is waiting for a table lock the test holds, i.e. after it has written some of
 * its rows and before it could commit.
 */

type Run = AccordProcess;
const start = startAccordProcess;

/** A command's reply; generous, as a process just started on a busy machine can be slow to answer. */
const reply = (slack: SlackDriver, user: DriverUser, command: string, text: string, channel?: string) =>
  slack.commandReply(user, command, text, channel, REPLY_TIMEOUT);

/**
 * How long the stand-in holds back its answer to the post the kill lands in: long enough that the
 * kill, on however busy a machine, comes first; the test then waits for the post to land.
 */
const HELD_ANSWER_MS = 5000;

/** SIGKILL, and make sure nothing of the process is left. */
async function killHard(run: Run): Promise<void> {
  run.child.kill('SIGKILL');
  await run.exited;
  expect(run.child.signalCode).toBe('SIGKILL');
  expect(() => process.kill(run.child.pid ?? -1, 0)).toThrow();
}

async function stopGently(run: Run): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

/**
 * Sits between Accord and the stand-in and tells the test the moment a call has arrived, before
 * Slack has answered it. A call whose caller dies is still carried through to the stand-in, as
 * Slack would carry out a request whose answer nobody is left to read.
 */
class SlackTap {
  private server: Server | undefined;
  private port = 0;
  private waiters: Array<{
    match: (method: string, args: URLSearchParams) => boolean;
    resolve: (args: URLSearchParams) => void;
  }> = [];

  constructor(private readonly upstream: string) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The arguments of the next matching call, as soon as its request has arrived. */
  next(match: (method: string, args: URLSearchParams) => boolean): Promise<URLSearchParams> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = (req.url ?? '').split('?')[0]?.replace(/^\/api\//, '') ?? '';
      const args = new URLSearchParams(
        String(req.headers['content-type']).includes('json') ? '' : body.toString('utf8'),
      );
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(method, args)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(args);
      }
      res.on('error', () => undefined);
      const forward = request(
        new URL(req.url ?? '/', this.upstream),
        { method: req.method, headers: req.headers },
        (answer) => {
          if (res.destroyed) {
            answer.resume();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  }
}

/** Holds `statement` (a LOCK TABLE) in an open transaction of its own until released. */
async function holdLock(url: string, statement: string): Promise<{ release(): Promise<void> }> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  let locked: () => void = () => undefined;
  const holding = new Promise<void>((r) => (locked = r));
  const done = sql.begin(async (tx) => {
    await tx.unsafe(statement);
    locked();
    await released;
  });
  await Promise.race([holding, done]);
  return {
    async release() {
      release();
      await done;
      await sql.end({ timeout: 2 });
    },
  };
}

const outboxIdOf = (metadata: unknown): number => {
  const meta = (typeof metadata === 'string' ? JSON.parse(metadata) : metadata) as
    { event_payload?: { outbox_id?: unknown } } | undefined;
  return Number(meta?.event_payload?.outbox_id ?? Number.NaN);
};

let standIn: SlackStandIn;
let tap: SlackTap;

beforeAll(async () => {
  standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
  await standIn.start();
  tap = new SlackTap(standIn.apiUrl);
  await tap.start();
});
afterAll(async () => {
  await tap?.stop();
  await standIn?.stop();
});

const env = (database: Record<string, string>) => accordEnv(tap.apiUrl, database);

async function boot(environment: Record<string, string>, runs: Run[]): Promise<{ run: Run; slack: SlackDriver }> {
  const run = start(environment);
  runs.push(run);
  const port = await runningPort(run);
  return {
    run,
    slack: new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, standIn }),
  };
}

const withId = (channel: string, outboxId: number) =>
  standIn.messagesIn(channel).filter((m) => m.metadata?.event_payload.outbox_id === outboxId);
// Outbox ids start again in each test's database; the stand-in is shared, so a channel goes with them.
const postCalls = (channel: string, outboxId: number) =>
  standIn
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === channel && outboxIdOf(c.args.metadata) === outboxId);
const top = (channel: string) => standIn.messagesIn(channel).filter((m) => !m.threadTs);
const threadOf = (channel: string, parent: StandInMessage | undefined) =>
  standIn.messagesIn(channel).filter((m) => parent !== undefined && m.threadTs === parent.ts);

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  'kill -9 in the middle of work, then a restart (PostgreSQL)',
  () => {
    /** A fresh database, the processes started on it, and a raw connection for what the test checks. */
    async function scene(slug: string) {
      const database: Database & { url?: string } = await openTestDatabase('postgres');
      const url = database.url ?? '';
      const sql = postgres(url, { max: 2, onnotice: () => undefined });
      const environment = env({ DATABASE_URL: url });
      const runs: Run[] = [];
      const locks: Array<{ release(): Promise<void> }> = [];
      const db = database.db;
      return {
        db,
        sql,
        url,
        boot: () => boot(environment, runs),
        async lock(statement: string) {
          const held = await holdLock(url, statement);
          locks.push(held);
          return held;
        },
        /** A project of partner acme (lead pat), owned by victor; its channel id. */
        async project(slack: SlackDriver) {
          expect(await reply(slack, people.alice, '/accord', 'partner add acme "Acme" team=T0PARTNER')).toContain(
            ':white_check_mark:',
          );
          expect(await reply(slack, people.alice, '/accord', 'partner member add acme <@U0PAT> lead')).toContain(
            ':white_check_mark:',
          );
          expect(
            await reply(slack, people.victor, '/accord', `project create ${slug} "Kill ${slug}" partners=acme`),
          ).toContain(':white_check_mark:');
          return waitFor(
            'the project channel',
            async () => (await db.select().from(projects).where(eq(projects.slug, slug)))[0]?.channelId,
          );
        },
        /** Waits until a job has run to the end. */
        async done(key: string) {
          await waitFor(`job ${key} to be done`, async () =>
            (await db.select().from(jobs).where(eq(jobs.key, key)))[0]?.status === 'done' ? true : undefined,
          );
        },
        /** Waits until the outbox has nothing left to deliver. */
        async quiet() {
          await waitFor('the outbox to empty', async () =>
            (await sql`select count(*)::int as n from slack_outbox where status in ('pending', 'sending')`)[0]?.n === 0
              ? true
              : undefined,
          );
        },
        /** The backend of a transaction that is waiting for a lock, running `prefix`…. */
        waiting(prefix: string) {
          return waitFor(`a transaction waiting at ${prefix}`, async () => {
            const [row] = await sql<
              Array<{ pid: number }>
            >`select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like ${`${prefix}%`}`;
            return row?.pid;
          });
        },
        /** Waits until the killed process's orphaned backend has gone (its transaction rolled back). */
        async gone(pid: number) {
          await waitFor('the killed backend to end', async () =>
            (await sql`select 1 from pg_stat_activity where pid = ${pid}`).length === 0 ? true : undefined,
          );
        },
        async close() {
          for (const run of runs)
            if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
          await Promise.all(runs.map((r) => r.exited));
          for (const held of locks) await held.release().catch(() => undefined);
          await sql.end({ timeout: 2 });
          await database.close();
        },
      };
    }

    it(
      'an outbox delivery killed after Slack received it is not posted again',
      async () => {
        const s = await scene('kill-outbox');
        try {
          const { run: first, slack } = await s.boot();
          const channel = await s.project(slack);
          await s.quiet();
          // Slack takes the next post but holds its answer back; the kill comes while it waits.
          standIn.inject('chat.postMessage', { delayMs: HELD_ANSWER_MS });
          const arrived = tap.next((method, args) => method === 'chat.postMessage' && args.get('channel') === channel);
          // Only the acknowledgement is awaited: the kill follows the post's arrival at once, whenever
          // the command's reply would have come.
          expect((await slack.command(people.victor, '/accord', 'checkin run sync', channel)).status).toBe(200);
          const outboxId = outboxIdOf((await arrived).get('metadata'));
          await killHard(first);

          // Killed inside the delivery: claimed and sent, not answered, not recorded.
          const [claimed] = await s.db.select().from(slackOutbox).where(eq(slackOutbox.id, outboxId));
          expect(claimed).toMatchObject({ status: 'sending', attempts: 1, method: 'chat.postMessage' });
          expect(withId(channel, outboxId)).toEqual([]);

          const { run: second } = await s.boot();
          // Slack carries out the request that no one is left to hear the answer to.
          const [posted] = await waitFor('the slow post to land', () =>
            withId(channel, outboxId).length > 0 ? withId(channel, outboxId) : undefined,
          );
          expect(postCalls(channel, outboxId)).toHaveLength(1);
          // The dead process's claim is leased for 60 s, during which no replica takes the row over;
          // rather than wait that out, the lease is made to run out now.
          const historyBefore = standIn.callsTo('conversations.history').length;
          expect(
            await s.sql`update slack_outbox set lease_until = now() - interval '1 second' where id = ${outboxId} and status = 'sending' returning id`,
          ).toHaveLength(1);
          const sent = await waitFor('the new process to settle the row', async () => {
            const [row] = await s.db.select().from(slackOutbox).where(eq(slackOutbox.id, outboxId));
            return row?.status === 'sent' ? row : undefined;
          });
          // It looked for its earlier post, found it and recorded it instead of posting again.
          expect(withId(channel, outboxId)).toHaveLength(1);
          expect(postCalls(channel, outboxId)).toHaveLength(1);
          expect(top(channel).filter((m) => m.text.startsWith('Project sync '))).toHaveLength(1);
          expect(sent).toMatchObject({ attempts: 2, result: { channel, ts: posted?.ts } });
          expect(standIn.callsTo('conversations.history').length).toBeGreaterThan(historyBefore);
          await stopGently(second);
        } finally {
          await s.close();
        }
      },
      PROCESS_TEST_TIMEOUT,
    );

    it(
      'an escalation level notification killed mid-transaction is notified once after the restart',
      async () => {
        const s = await scene('kill-level');
        try {
          const { run: first, slack } = await s.boot();
          const channel = await s.project(slack);
          // Ten seconds to acknowledge: the warning after 7.5 s, level 2 after 10 s, time enough on a
          // busy machine to take the lock below before level 2 is due.
          expect(await reply(slack, people.alice, '/accord', 'sla set sev4 ack=10s resolve=1h step=1m')).toContain(
            ':white_check_mark:',
          );
          // The escalation is looked for in the database rather than in the reply, so that the lock
          // below is taken as soon as it exists, however late the reply would come.
          expect((await slack.command(people.victor, '/escalate', 'sev4 Calls drop', channel)).status).toBe(200);
          const id = await waitFor(
            'the escalation',
            async () => (await s.db.select().from(escalations).where(eq(escalations.title, 'Calls drop')))[0]?.id,
          );
          // Level 2's timer writes the escalation row (its new level) first; hold it there. The
          // warning only reads that row, so it goes through.
          const held = await s.lock('lock table escalations in share mode');
          const pid = await s.waiting('update "escalations"');
          await waitFor('the warning to be delivered', () =>
            standIn.messagesIn(channel).find((m) => m.text.includes('75% of the time to acknowledge')),
          );
          await killHard(first);
          await held.release();
          await s.gone(pid);

          // Nothing of the interrupted notification was kept.
          const jobKey = `esc:${id}:0:ack:1`;
          expect((await s.db.select().from(escalations).where(eq(escalations.id, id)))[0]?.level).toBe(1);
          expect((await s.db.select().from(jobs).where(eq(jobs.key, jobKey)))[0]?.status).toBe('pending');
          const notice = `:rotating_light: *ESC-${id}* escalated to level 2 (<@U0VICTOR>).`;
          expect(standIn.messagesIn(channel).filter((m) => m.text === notice)).toEqual([]);

          const { run: second } = await s.boot();
          await waitFor('the level 2 notice', () => standIn.messagesIn(channel).find((m) => m.text === notice));
          // Once its job has finished and the outbox is empty, nothing more can come of it: still exactly once each.
          await s.done(jobKey);
          await s.quiet();
          const opener = top(channel).filter((m) => m.text.startsWith(`ESC-${id} `));
          expect(opener).toHaveLength(1);
          expect(top(channel).filter((m) => m.text === notice)).toHaveLength(1);
          const thread = threadOf(channel, opener[0]).map((m) => m.text);
          expect(thread.filter((t) => t.includes('75% of the time to acknowledge'))).toHaveLength(1);
          expect(thread.filter((t) => t.includes('Escalating to level 2: <@U0VICTOR>'))).toHaveLength(1);
          const notified = await s.db
            .select()
            .from(escalationEvents)
            .where(and(eq(escalationEvents.escalationId, id), eq(escalationEvents.kind, 'notified')))
            .orderBy(asc(escalationEvents.id));
          expect(notified.map((e) => e.data.level)).toEqual([1, 2]);
          expect((await s.db.select().from(escalations).where(eq(escalations.id, id)))[0]?.level).toBe(2);
          const timers = await s.db
            .select()
            .from(jobs)
            .where(like(jobs.key, `esc:${id}:0:ack%`));
          expect(timers.map((j) => [j.key, j.status]).sort()).toEqual([
            [`esc:${id}:0:ack:1`, 'done'],
            [`esc:${id}:0:ack:2`, 'pending'],
            [`esc:${id}:0:ackwarn`, 'done'],
          ]);
          await stopGently(second);
        } finally {
          await s.close();
        }
      },
      PROCESS_TEST_TIMEOUT,
    );

    it(
      'a check-in occurrence killed while being posted is posted once after the restart',
      async () => {
        const s = await scene('kill-checkin');
        try {
          const { run: first, slack } = await s.boot();
          const channel = await s.project(slack);
          await s.quiet();
          // Until the audit lock below is in place, the occurrence is held at its run row, whatever
          // the machine's load (scheduling a check-in writes no run).
          const early = await s.lock('lock table checkin_runs in share mode');
          // An occurrence twenty seconds from now (six-field cron, seconds first): the schedule has to
          // be made before then, on however busy a machine, or its next occurrence would be tomorrow's.
          const at = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
          const cron = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
          const scheduled = await reply(
            slack,
            people.victor,
            '/accord',
            `checkin schedule sync "${cron}" tz=UTC remind=1h close=2h`,
            channel,
          );
          const scheduleId = Number(/Check-in schedule (\d+):/.exec(scheduled)?.[1]);
          expect(scheduleId, scheduled).toBeGreaterThan(0);
          const occurrenceKey = `checkin:${scheduleId}:0:${at.toISOString()}`;
          expect((await s.db.select().from(jobs).where(eq(jobs.key, occurrenceKey)))[0]?.status).toBe('pending');
          // The run's audit record comes last, after its row, its message and its timers: hold it there.
          const held = await s.lock('lock table audit_events in share mode');
          await early.release();
          const pid = await s.waiting('insert into "audit_events"');
          await killHard(first);
          await held.release();
          await s.gone(pid);

          // The interrupted post left nothing behind: no run, no message, the occurrence still due.
          expect(await s.db.select().from(checkinRuns).where(eq(checkinRuns.scheduleId, scheduleId))).toEqual([]);
          expect((await s.db.select().from(jobs).where(eq(jobs.key, occurrenceKey)))[0]?.status).toBe('pending');
          expect(
            await s.sql`select id from slack_outbox where method = 'chat.postMessage' and payload->>'channel' = ${channel} and status <> 'sent'`,
          ).toHaveLength(0);

          const { run: second } = await s.boot();
          const title = `Project sync ${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 16)} UTC`;
          await waitFor('the check-in', () => top(channel).find((m) => m.text === title));
          // Once the occurrence's job has finished and the outbox is empty, nothing more can come of it.
          await s.done(occurrenceKey);
          await s.quiet();
          const runs = await s.db.select().from(checkinRuns).where(eq(checkinRuns.scheduleId, scheduleId));
          expect(runs).toHaveLength(1);
          expect(runs[0]).toMatchObject({ late: false, status: 'open' });
          expect(top(channel).filter((m) => m.text === title)).toHaveLength(1);
          const outboxId = runs[0]?.messageOutboxId ?? 0;
          expect(withId(channel, outboxId)).toHaveLength(1);
          expect(postCalls(channel, outboxId)).toHaveLength(1);
          const queued = await s.db.select().from(jobs).where(like(jobs.key, `checkin%`)).orderBy(asc(jobs.dueAt));
          const next = new Date(at.getTime() + 86_400_000);
          expect(queued.map((j) => [j.key, j.status])).toEqual([
            [occurrenceKey, 'done'],
            [`checkin-run:${runs[0]?.id}:remind`, 'pending'],
            [`checkin-run:${runs[0]?.id}:close`, 'pending'],
            [`checkin:${scheduleId}:0:${next.toISOString()}`, 'pending'],
          ]);
          await stopGently(second);
        } finally {
          await s.close();
        }
      },
      PROCESS_TEST_TIMEOUT,
    );
  },
);

/**
 * The same outbox case on PGlite in a data directory, Accord's single-process set-up. PGlite is
 * one process's database, so the test reads and changes it only while no Accord is running.
 * PGlite's first start (initdb and every migration in WASM) alone takes 10–20 s, a minute on a
 * busy machine, so this runs where the PostgreSQL cases do not, keeping the file short either way.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
  'kill -9 in the middle of an outbox delivery, then a restart (PGlite on disk)',
  () => {
    it(
      'recovers the database and does not post the message again',
      async () => {
        const dataDir = mkdtempSync(join(tmpdir(), 'accord-kill-'));
        const runs: Run[] = [];
        const inspect = async <T>(look: (db: Database['db']) => Promise<T>): Promise<T> => {
          const database = openDatabase({ kind: 'pglite', dataDir });
          try {
            return await look(database.db);
          } finally {
            await database.close();
          }
        };
        try {
          const environment = env({ ACCORD_DATA_DIR: dataDir });
          const { run: first, slack } = await boot(environment, runs);
          expect(await reply(slack, people.alice, '/accord', 'partner add acme "Acme" team=T0PARTNER')).toContain(
            ':white_check_mark:',
          );
          expect(
            await reply(slack, people.victor, '/accord', 'project create kill-pglite "Kill on PGlite" partners=acme'),
          ).toContain(':white_check_mark:');
          const channel = await waitFor(
            'the project channel',
            () => [...standIn.channels.values()].find((c) => c.name === 'accord-kill-pglite')?.id,
          );
          await waitFor('the welcome message', () =>
            top(channel).find((m) => m.text.startsWith('Welcome to Kill on PGlite')),
          );
          standIn.inject('chat.postMessage', { delayMs: HELD_ANSWER_MS });
          const arrived = tap.next((method, args) => method === 'chat.postMessage' && args.get('channel') === channel);
          // Only the acknowledgement is awaited: the kill follows the post's arrival at once, whenever
          // the command's reply would have come.
          expect((await slack.command(people.victor, '/accord', 'checkin run sync', channel)).status).toBe(200);
          const outboxId = outboxIdOf((await arrived).get('metadata'));
          await killHard(first);
          expect(withId(channel, outboxId)).toEqual([]);
          const [posted] = await waitFor('the slow post to land', () =>
            withId(channel, outboxId).length > 0 ? withId(channel, outboxId) : undefined,
          );

          // The database the killed process left: the row claimed and unanswered. Its 60 s lease is
          // made to run out rather than waited out.
          await inspect(async (db) => {
            const [claimed] = await db.select().from(slackOutbox).where(eq(slackOutbox.id, outboxId));
            expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
            await db
              .update(slackOutbox)
              .set({ leaseUntil: new Date(Date.now() - 1000) })
              .where(eq(slackOutbox.id, outboxId));
          });

          const historyBefore = standIn.callsTo('conversations.history').length;
          const { run: second } = await boot(environment, runs);
          // It looks for its earlier post and records it (or, were it to post again, a second call).
          await waitFor('the new process to settle the row', () =>
            second.output().includes('outbox message was already in Slack') || postCalls(channel, outboxId).length > 1
              ? true
              : undefined,
          );
          await stopGently(second);
          expect(withId(channel, outboxId)).toHaveLength(1);
          expect(postCalls(channel, outboxId)).toHaveLength(1);
          expect(standIn.callsTo('conversations.history').length).toBeGreaterThan(historyBefore);
          const sent = await inspect(
            async (db) => (await db.select().from(slackOutbox).where(eq(slackOutbox.id, outboxId)))[0],
          );
          expect(sent).toMatchObject({ status: 'sent', attempts: 2, result: { channel, ts: posted?.ts } });
        } finally {
          for (const run of runs)
            if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
          await Promise.all(runs.map((r) => r.exited));
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
      PROCESS_TEST_TIMEOUT,
    );
  },
);
