import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccord, type Accord } from '../../src/accord';
import { ManualClock } from '../../src/clock';
import type { Database, Db } from '../../src/db/client';
import * as schema from '../../src/db/schema';
import { checkinRuns, escalationEvents, jobs, projects, slackOutbox } from '../../src/db/schema';
import { silentLogger } from '../../src/logger';
import { SlackDriver, type DriverUser } from '../../src/sandbox/slack-driver';
import { SlackStandIn, type StandInMessage } from '../../src/sandbox/stand-in';
import { openTestDatabase } from '../../src/testkit/databases';
import { testConfig } from '../../src/testkit/harness';
import { BOT_TOKEN, people, PINNED_START, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';

/**
 * Two and three replicas of Accord on one PostgreSQL database and one Slack stand-in, each with
 * its production heartbeat (node-cron scheduler, job and outbox pumps) running, and all of them
 * also settling at the same moment after every step of the clock. Check-in occurrences,
 * reminders and summaries and every escalation level fall due together; the stand-in must have
 * received each exactly once.
 */

const PROJECTS = ['north', 'south', 'east'] as const;
const ESCALATIONS_PER_PROJECT = 2;
// Raised at 09:55 with ack 1m, step 1m, resolve 5m and one round of lead → owner → admins: the
// warning, level 2, level 3, the resolve warning, the breach with level 2 again, then level 3.
const RAISED_AT = '2026-03-02T09:55:00Z';
const STEPS = [
  '2026-03-02T09:55:45Z', // 75% of the time to acknowledge
  '2026-03-02T09:56:00Z', // level 2
  '2026-03-02T09:57:00Z', // level 3
  '2026-03-02T09:58:45Z', // 75% of the time to resolve
  '2026-03-02T10:00:00Z', // breach and level 2, and every check-in occurrence
  '2026-03-02T10:01:00Z', // level 3 after the breach
  '2026-03-02T11:00:00Z', // check-in reminders
  '2026-03-02T12:00:00Z', // check-in summaries
];

// A busy machine can take a while over a command; the reply still comes.
const REPLY_TIMEOUT_MS = 20_000;

const metadataId = (m: StandInMessage) => Number(m.metadata?.event_payload.outbox_id ?? Number.NaN);
const outboxIdOfCall = (args: Record<string, unknown>): number => {
  const raw = args.metadata;
  const meta = (typeof raw === 'string' ? JSON.parse(raw) : raw) as
    { event_payload?: { outbox_id?: unknown } } | undefined;
  return Number(meta?.event_payload?.outbox_id ?? Number.NaN);
};

/**
 * A replica's own connection pool on the shared database. Production's pool (openDatabase) may
 * grow to 20 connections; three of those next to the other test files could exhaust a CI
 * server's 100, so the replicas here get a smaller one. Claims, locks and transactions are the
 * production ones; a replica only waits a little longer for a free connection.
 */
function replicaDatabase(url: string): Database {
  const client = postgres(url, { max: 5, onnotice: () => undefined });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: 'postgres',
    migrate: async () => undefined,
    ping: async () => true,
    close: () => client.end({ timeout: 5 }),
  };
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL)).each([2, 3])(
  '%i replicas on one PostgreSQL database',
  (count) => {
    let standIn: SlackStandIn;
    let database: Database;
    const clock = new ManualClock(PINNED_START);
    const replicas: Accord[] = [];
    const drivers: SlackDriver[] = [];
    const channels = new Map<string, string>();
    const jobsRun: number[] = [];
    const rowsDelivered: number[] = [];
    const db = () => database.db;

    /** Every replica settles at once, twice over, while their heartbeats run too. */
    const settleAll = async () => {
      await Promise.all(replicas.flatMap((r) => [r.settle(), r.settle()]));
      await Promise.all(replicas.map((r) => r.settle()));
    };
    /** A command sent to one replica (they take turns), then everything it caused settled. */
    const ask = async (replica: number, user: DriverUser, text: string, command = '/accord', channel = 'C0GENERAL') => {
      const reply = await (drivers[replica] as SlackDriver).commandReply(
        user,
        command,
        text,
        channel,
        REPLY_TIMEOUT_MS,
      );
      await settleAll();
      return reply;
    };

    beforeAll(async () => {
      standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
      await standIn.start();
      standIn.addChannel({ id: 'C0GENERAL', name: 'general' });
      // Created and migrated here; the test reads it through this pool, the replicas through theirs.
      database = await openTestDatabase('postgres');
      const url = (database as { url?: string }).url ?? '';
      for (let i = 0; i < count; i += 1) {
        // Production's scheduler: node-cron's heartbeat, the job and outbox pumps, the look-ahead timer.
        const replica = createAccord({
          config: testConfig(standIn.apiUrl),
          clock,
          database: replicaDatabase(url),
          log: silentLogger,
          channelIntervalMs: 0,
          runScheduler: true,
          host: '127.0.0.1',
          // The test's few dozen jobs would fit one batch of 50, which one replica could take whole;
          // small batches let every replica take part, as a production backlog makes them.
          jobBatchSize: 3,
        });
        replicas.push(replica);
        const { port } = await replica.start();
        drivers.push(
          new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, standIn }),
        );
      }
      // Count each replica's work (its pumps and settle() both call through these).
      replicas.forEach((replica, i) => {
        jobsRun[i] = 0;
        rowsDelivered[i] = 0;
        const runDue = replica.jobs.runDue.bind(replica.jobs);
        replica.jobs.runDue = async () => {
          const n = await runDue();
          jobsRun[i] = (jobsRun[i] ?? 0) + n;
          return n;
        };
        const deliverDue = replica.outbox.deliverDue.bind(replica.outbox);
        replica.outbox.deliverDue = async () => {
          const n = await deliverDue();
          rowsDelivered[i] = (rowsDelivered[i] ?? 0) + n;
          return n;
        };
      });
    });
    afterAll(async () => {
      for (const replica of replicas) await replica.stop();
      await database?.close();
      await standIn?.stop();
    });

    it('notifies every check-in occurrence, reminder and summary and every escalation level exactly once', async () => {
      expect(await ask(0, people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER')).toContain(
        ':white_check_mark:',
      );
      expect(await ask(0, people.alice, 'partner member add acme <@U0PAT> lead')).toContain(':white_check_mark:');
      expect(await ask(0, people.alice, 'sla set sev4 ack=1m resolve=5m step=1m repeat=1')).toContain(
        ':white_check_mark:',
      );
      for (const slug of PROJECTS) {
        expect(await ask(0, people.victor, `project create ${slug} "Project ${slug}" partners=acme`)).toContain(
          ':white_check_mark:',
        );
        channels.set(slug, (await db().select().from(projects).where(eq(projects.slug, slug)))[0]?.channelId ?? '');
      }
      const scheduleIds: number[] = [];
      for (const slug of PROJECTS) {
        for (const kind of ['sync', 'risk']) {
          const reply = await ask(
            0,
            people.victor,
            `checkin schedule ${kind} "0 10 * * *" remind=1h close=2h`,
            '/accord',
            channels.get(slug),
          );
          scheduleIds.push(Number(/Check-in schedule (\d+):/.exec(reply)?.[1]));
        }
      }
      expect(scheduleIds.every((id) => id > 0)).toBe(true);

      clock.set(new Date(RAISED_AT));
      await settleAll();
      const escalationIds: Array<{ id: number; channel: string }> = [];
      for (const slug of PROJECTS) {
        for (let n = 0; n < ESCALATIONS_PER_PROJECT; n += 1) {
          const channel = channels.get(slug) ?? '';
          const reply = await ask(
            escalationIds.length % count,
            people.victor,
            `sev4 ${slug} trouble ${n}`,
            '/escalate',
            channel,
          );
          escalationIds.push({ id: Number(/ESC-(\d+)/.exec(reply)?.[1]), channel });
        }
      }
      expect(escalationIds.every((e) => e.id > 0)).toBe(true);

      for (const at of STEPS) {
        clock.set(new Date(at));
        await settleAll();
      }

      const top = (channel: string) => standIn.messagesIn(channel).filter((m) => !m.threadTs);
      const threadOf = (channel: string, parent: StandInMessage | undefined) =>
        standIn.messagesIn(channel).filter((m) => parent !== undefined && m.threadTs === parent.ts);

      for (const { id, channel } of escalationIds) {
        const label = `*ESC-${id}*`;
        const opener = top(channel).filter((m) => m.text.startsWith(`ESC-${id} `));
        expect(opener, `ESC-${id}`).toHaveLength(1);
        expect(
          top(channel)
            .filter((m) => m.text.includes(label))
            .map((m) => m.text),
        ).toEqual([
          `:rotating_light: ${label} escalated to level 2 (<@U0VICTOR>).`,
          `:rotating_light: ${label} escalated to level 3 (<@U0ALICE>).`,
          `:rotating_light: ${label} breached its SLA: not resolved within 5m (due 2026-03-02 10:00 UTC).`,
          `:rotating_light: ${label} escalated to level 2 (<@U0VICTOR>).`,
          `:rotating_light: ${label} escalated to level 3 (<@U0ALICE>).`,
        ]);
        const thread = threadOf(channel, opener[0]).map((m) => m.text);
        const waits = 'It waits for an acknowledgement from Acme Telecom (or a vendor admin): `ack` in this thread.';
        expect(thread, `ESC-${id}`).toEqual([
          ':hourglass_flowing_sand: 75% of the time to acknowledge has passed; <@U0PAT>, please acknowledge by 2026-03-02 09:56 UTC before it escalates.',
          `:rotating_light: Not acknowledged after 1m. Escalating to level 2: <@U0VICTOR>. ${waits}`,
          `:rotating_light: Not acknowledged after 2m. Escalating to level 3: <@U0ALICE>. ${waits}`,
          ':hourglass_flowing_sand: 75% of the time to resolve (5m) has passed; <@U0ALICE>, resolve it by 2026-03-02 10:00 UTC with `resolved: <summary>` or say what is blocking.',
          `:rotating_light: Not resolved within 5m. Escalating to level 2: <@U0VICTOR>. ${waits}`,
          `:rotating_light: Not resolved within 5m. Escalating to level 3: <@U0ALICE>. ${waits}`,
        ]);
        const events = await db()
          .select()
          .from(escalationEvents)
          .where(eq(escalationEvents.escalationId, id))
          .orderBy(asc(escalationEvents.id));
        expect(
          events.filter((e) => e.kind === 'notified').map((e) => e.data.level),
          `ESC-${id}`,
        ).toEqual([1, 2, 3, 2, 3]);
        expect(events.filter((e) => e.kind === 'warned').map((e) => e.data.deadline)).toEqual(['ack', 'resolve']);
        expect(events.filter((e) => e.kind === 'breached')).toHaveLength(1);
        const timers = await db()
          .select()
          .from(jobs)
          .where(like(jobs.key, `esc:${id}:%`));
        expect(timers.map((j) => [j.key, j.status]).sort()).toEqual(
          [`ack:1`, `ack:2`, `ackwarn`, `breach:0`, `breach:1`, `resolvewarn`].map((k) => [`esc:${id}:0:${k}`, 'done']),
        );
      }

      for (const scheduleId of scheduleIds) {
        const runs = await db().select().from(checkinRuns).where(eq(checkinRuns.scheduleId, scheduleId));
        expect(runs, `schedule ${scheduleId}`).toHaveLength(1);
        const run = runs[0];
        expect(run?.occurrence.toISOString()).toBe('2026-03-02T10:00:00.000Z');
        expect(run?.status).toBe('closed');
        const [row] = await db()
          .select()
          .from(slackOutbox)
          .where(eq(slackOutbox.id, run?.messageOutboxId ?? 0));
        const channel = String(row?.payload.channel);
        const message = top(channel).find((m) => m.ts === row?.result?.ts);
        const title = String(row?.payload.text);
        expect(
          top(channel).filter((m) => m.text === title || m.text === `${title} (closed)`),
          title,
        ).toHaveLength(1);
        const thread = threadOf(channel, message).map((m) => m.text);
        expect(
          thread.filter((t) => t.startsWith(':bell: Still waiting for <@U0PAT>')),
          `run ${run?.id}`,
        ).toHaveLength(1);
        expect(
          thread.filter((t) => t.startsWith(':memo: *')),
          `run ${run?.id}`,
        ).toHaveLength(1);
        expect(thread).toHaveLength(2);
        const timers = await db()
          .select()
          .from(jobs)
          .where(
            inArray(jobs.key, [
              `checkin:${scheduleId}:0:2026-03-02T10:00:00.000Z`,
              `checkin-run:${run?.id}:remind`,
              `checkin-run:${run?.id}:close`,
            ]),
          );
        expect(timers.map((j) => j.status)).toEqual(['done', 'done', 'done']);
        const next = await db()
          .select()
          .from(jobs)
          .where(and(like(jobs.key, `checkin:${scheduleId}:%`), eq(jobs.status, 'pending')));
        expect(next.map((j) => j.dueAt.toISOString())).toEqual(['2026-03-03T10:00:00.000Z']);
      }

      // Every message Accord meant to post is in Slack exactly once, from exactly one call.
      const posts = await db().select().from(slackOutbox).where(eq(slackOutbox.method, 'chat.postMessage'));
      expect(posts.filter((p) => p.status !== 'sent')).toEqual([]);
      const inSlack = new Map<number, number>();
      for (const m of standIn.messages)
        if (m.metadata) inSlack.set(metadataId(m), (inSlack.get(metadataId(m)) ?? 0) + 1);
      const calls = new Map<number, number>();
      for (const c of standIn.callsTo('chat.postMessage'))
        calls.set(outboxIdOfCall(c.args), (calls.get(outboxIdOfCall(c.args)) ?? 0) + 1);
      expect(
        posts
          .filter((p) => inSlack.get(p.id) !== 1 || calls.get(p.id) !== 1)
          .map((p) => [p.id, inSlack.get(p.id), calls.get(p.id)]),
      ).toEqual([]);
      expect(standIn.callsTo('chat.postMessage')).toHaveLength(posts.length);
      // Nothing is left over or given up on, and the work really was shared between the replicas.
      expect(
        await db()
          .select()
          .from(jobs)
          .where(inArray(jobs.status, ['failed'])),
      ).toEqual([]);
      expect(
        await db()
          .select()
          .from(slackOutbox)
          .where(inArray(slackOutbox.status, ['pending', 'sending', 'failed'])),
      ).toEqual([]);
      expect(jobsRun.filter((n) => n > 0).length, `jobs run per replica: ${jobsRun.join(', ')}`).toBeGreaterThanOrEqual(
        2,
      );
      expect(
        rowsDelivered.filter((n) => n > 0).length,
        `outbox rows per replica: ${rowsDelivered.join(', ')}`,
      ).toBeGreaterThanOrEqual(2);
    }, 120_000);
  },
);
