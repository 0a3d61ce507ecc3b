import { asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { Database, Tx } from '../../src/db/client';
import { queryRows } from '../../src/db/rows';
import { auditEvents, jobs, slackOutbox } from '../../src/db/schema';
import {
  JobRunner,
  cancelJobs,
  nextDueJob,
  retryDelayMs,
  scheduleJob,
  type JobHandler,
  type JobRunnerOptions,
} from '../../src/jobs/job-queue';
import { jobTimers } from '../../src/jobs/timers';
import { silentLogger } from '../../src/logger';
import { createOutboxGateway } from '../../src/outbound/outbox';
import { drivers, openTestDatabase } from '../../src/testkit/databases';
import { PINNED_START } from '../../src/testkit/world';

const minutes = (n: number) => n * 60_000;

describe.each(drivers)('durable jobs (%s)', (driver) => {
  let database: Database & { url?: string };
  let clock: ManualClock;
  let ran: string[];
  const record: JobHandler = async ({ job }) => {
    ran.push(job.key);
  };
  const runner = (handlers: Record<string, JobHandler> = { record }, options: Partial<JobRunnerOptions> = {}) =>
    new JobRunner({ db: database.db, clock, log: silentLogger, handlers, ...options });
  /** `count` jobs of `kind` due now, one millisecond apart so that their order is known: j0, j1, …. */
  const dueNow = async (kind: string, count: number) => {
    const now = clock.now();
    for (let i = 0; i < count; i += 1)
      await scheduleJob(database.db, now, { kind, key: `j${i}`, dueAt: new Date(now.getTime() - count + i) });
  };
  /** The top-level transaction a job runs in (the same inside any of its savepoints). */
  const transactionOf = async (tx: Tx) =>
    (await queryRows<{ id: string }>(tx, sql`select txid_current()::text as id`))[0]?.id ?? '';
  const statusByKey = async () =>
    Object.fromEntries(
      (await database.db.select().from(jobs).orderBy(asc(jobs.id))).map((j) => [j.key, [j.status, j.attempts]]),
    );

  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(jobs);
    await database.db.delete(slackOutbox);
    await database.db.delete(auditEvents);
    clock = new ManualClock(PINNED_START);
    ran = [];
  });

  it('runs a job when it falls due and not before', async () => {
    await scheduleJob(database.db, clock.now(), {
      kind: 'record',
      key: 'a',
      dueAt: new Date(clock.now().getTime() + minutes(15)),
    });
    const r = runner();
    clock.advance(minutes(15) - 1);
    expect(await r.runDue()).toBe(0);
    clock.advance(1);
    expect(await r.runDue()).toBe(1);
    expect(ran).toEqual(['a']);
    expect(await r.runDue()).toBe(0);
    const [row] = await database.db.select().from(jobs);
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('treats the key as an idempotency key, for ever', async () => {
    const now = clock.now();
    expect(await scheduleJob(database.db, now, { kind: 'record', key: 'k', dueAt: now })).toBe(true);
    expect(await scheduleJob(database.db, now, { kind: 'record', key: 'k', dueAt: now })).toBe(false);
    await runner().runDue();
    expect(await scheduleJob(database.db, now, { kind: 'record', key: 'k', dueAt: now })).toBe(false);
    await runner().runDue();
    expect(ran).toEqual(['k']);
  });

  it('runs overdue jobs at once after a restart, oldest first', async () => {
    const start = clock.now();
    for (const [key, offset] of [
      ['late-2', 20],
      ['late-1', 10],
      ['future', 120],
    ] as const) {
      await scheduleJob(database.db, start, {
        kind: 'record',
        key,
        dueAt: new Date(start.getTime() + minutes(offset)),
      });
    }
    // Nothing runs while every replica is down; then a fresh runner starts an hour later.
    clock.advance(minutes(60));
    expect(await runner().runDue()).toBe(2);
    expect(ran).toEqual(['late-1', 'late-2']);
  });

  it("commits a job's effects and its completion together, or neither", async () => {
    const gateway = createOutboxGateway(clock);
    let fail = true;
    const announce: JobHandler = async ({ tx }) => {
      await gateway.postMessage(tx, 'C0ONE', { text: 'level 2 notified' });
      if (fail) throw new Error('database hiccup');
    };
    await scheduleJob(database.db, clock.now(), { kind: 'announce', key: 'x', dueAt: clock.now() });
    const r = runner({ announce });
    expect(await r.runOne()).toBe('failed');
    expect(await database.db.select().from(slackOutbox)).toHaveLength(0);
    const [afterFailure] = await database.db.select().from(jobs);
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lastError: 'database hiccup' });
    expect(afterFailure?.dueAt.getTime()).toBe(clock.now().getTime() + retryDelayMs(1));
    fail = false;
    clock.advance(retryDelayMs(1));
    expect(await r.runOne()).toBe('ran');
    expect(await database.db.select().from(slackOutbox)).toHaveLength(1);
  });

  it('gives up after the maximum attempts and records the failure', async () => {
    const broken: JobHandler = async () => {
      throw new Error('always broken');
    };
    await scheduleJob(database.db, clock.now(), { kind: 'broken', key: 'b', dueAt: clock.now(), maxAttempts: 3 });
    const r = runner({ broken });
    for (let i = 1; i <= 3; i += 1) {
      expect(await r.runOne()).toBe('failed');
      clock.advance(retryDelayMs(i));
    }
    expect(await r.runOne()).toBe('none');
    const [row] = await database.db.select().from(jobs);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'always broken' });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'job.failed'));
    expect(audit).toHaveLength(1);
  });

  it('fails a job of an unknown kind instead of dropping it silently', async () => {
    await scheduleJob(database.db, clock.now(), { kind: 'mystery', key: 'm', dueAt: clock.now(), maxAttempts: 1 });
    expect(await runner().runOne()).toBe('failed');
    const [row] = await database.db.select().from(jobs);
    expect(row).toMatchObject({ status: 'failed', lastError: 'no handler for job kind "mystery"' });
  });

  it('cancels pending jobs by key prefix, leaving others', async () => {
    const now = clock.now();
    for (const key of ['esc:1:level:1', 'esc:1:level:2', 'esc:10:level:1', 'esc:1%odd'])
      await scheduleJob(database.db, now, { kind: 'record', key, dueAt: now });
    expect(await cancelJobs(database.db, now, 'esc:1:')).toBe(2);
    await runner().runDue();
    expect(ran.sort()).toEqual(['esc:1%odd', 'esc:10:level:1']);
  });

  it('tells when the earliest pending job of a key prefix is due, skipping cancelled ones and other prefixes', async () => {
    const now = clock.now();
    const at = (m: number) => new Date(now.getTime() + minutes(m));
    await jobTimers.schedule(
      database.db,
      now,
      { kind: 'record', key: 'checkin:1:0:a', dueAt: at(30) },
      { kind: 'record', key: 'checkin:1:0:b', dueAt: at(20) },
      { kind: 'record', key: 'checkin:1:1:c', dueAt: at(5) },
      { kind: 'record', key: 'checkin:10:0:d', dueAt: at(1) },
    );
    expect(await nextDueJob(database.db, 'checkin:1:0:')).toEqual(at(20));
    await jobTimers.cancel(database.db, now, 'checkin:1:0:b');
    expect(await jobTimers.nextDue(database.db, 'checkin:1:0:')).toEqual(at(30));
    expect(await jobTimers.nextDue(database.db, 'checkin:1:0:_')).toBeUndefined();
    await jobTimers.cancel(database.db, now, 'checkin:1:');
    expect(await jobTimers.nextDue(database.db, 'checkin:1:')).toBeUndefined();
    expect(await jobTimers.nextDue(database.db, 'checkin:10:')).toEqual(at(1));
  });

  it('runs each job exactly once with several runners at once', async () => {
    const now = clock.now();
    for (let i = 0; i < 60; i += 1) await scheduleJob(database.db, now, { kind: 'record', key: `j${i}`, dueAt: now });
    const runners = [runner(), runner(), runner()];
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ran).toHaveLength(60);
    expect(new Set(ran).size).toBe(60);
  });

  it('claims due jobs in batches of batchSize and runs each batch in one transaction', async () => {
    await dueNow('inTx', 10);
    const batchOf = new Map<string, string>();
    const inTx: JobHandler = async ({ tx, job }) => {
      batchOf.set(job.key, await transactionOf(tx));
      ran.push(job.key);
    };
    expect(await runner({ inTx }, { batchSize: 4 }).runDue()).toBe(10);
    expect(ran).toEqual(Array.from({ length: 10 }, (_, i) => `j${i}`));
    const batches = [...new Set(batchOf.values())].map((id) => ran.filter((key) => batchOf.get(key) === id));
    expect(batches).toEqual([
      ['j0', 'j1', 'j2', 'j3'],
      ['j4', 'j5', 'j6', 'j7'],
      ['j8', 'j9'],
    ]);
    expect(Object.values(await statusByKey())).toEqual(Array.from({ length: 10 }, () => ['done', 1]));
  });

  it('a failing job in the middle of a batch rolls back only its own effects; the others commit', async () => {
    const gateway = createOutboxGateway(clock);
    await dueNow('announce', 5);
    const batchOf = new Map<string, string>();
    const announce: JobHandler = async ({ tx, job }) => {
      batchOf.set(job.key, await transactionOf(tx));
      await gateway.postMessage(tx, 'C0ONE', { text: `from ${job.key}` });
      ran.push(job.key);
      if (job.key === 'j2') throw new Error('j2 breaks after writing');
    };
    expect(await runner({ announce }, { batchSize: 10 }).runDue()).toBe(5);
    expect(new Set(batchOf.values()).size).toBe(1);
    expect(ran).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
    const texts = (await database.db.select().from(slackOutbox).orderBy(asc(slackOutbox.id))).map(
      (m) => (m.payload as { text?: string }).text,
    );
    expect(texts).toEqual(['from j0', 'from j1', 'from j3', 'from j4']);
    expect(await statusByKey()).toEqual({
      j0: ['done', 1],
      j1: ['done', 1],
      j2: ['pending', 1],
      j3: ['done', 1],
      j4: ['done', 1],
    });
    const [broken] = await database.db.select().from(jobs).where(eq(jobs.key, 'j2'));
    expect(broken).toMatchObject({ lastError: 'j2 breaks after writing' });
    expect(broken?.dueAt.getTime()).toBe(clock.now().getTime() + retryDelayMs(1));
  });

  it('a job whose SQL error aborts its savepoint, caught by the handler or not, fails alone and records its failure in the batch', async () => {
    const gateway = createOutboxGateway(clock);
    await dueNow('sqlError', 5);
    const sqlError: JobHandler = async ({ tx, job }) => {
      await gateway.postMessage(tx, 'C0ONE', { text: `from ${job.key}` });
      ran.push(job.key);
      const bad = () => tx.execute(sql`select * from no_such_table`);
      // j1 lets the error through; j3 catches it and carries on as if nothing had happened, which
      // must not commit its half-done work nor leave the batch's transaction aborted.
      if (job.key === 'j1') await bad();
      if (job.key === 'j3') await bad().catch(() => undefined);
    };
    // j3 gives up at once, so its failure writes an audit event too, in the same transaction.
    await database.db.update(jobs).set({ maxAttempts: 1 }).where(eq(jobs.key, 'j3'));
    expect(await runner({ sqlError }, { batchSize: 10 }).runDue()).toBe(5);
    expect(ran).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
    const texts = (await database.db.select().from(slackOutbox).orderBy(asc(slackOutbox.id))).map(
      (m) => (m.payload as { text?: string }).text,
    );
    expect(texts).toEqual(['from j0', 'from j2', 'from j4']);
    expect(await statusByKey()).toEqual({
      j0: ['done', 1],
      j1: ['pending', 1],
      j2: ['done', 1],
      j3: ['failed', 1],
      j4: ['done', 1],
    });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'job.failed'));
    expect(audit.map((a) => (a.data as { key?: string }).key)).toEqual(['j3']);
  });

  it('starts no job once a batch has used its time budget; the rest run in the next batch', async () => {
    await dueNow('slow', 6);
    let elapsed = 0;
    const batchOf = new Map<string, string>();
    // Each job "takes" 100 ms of the runner's clock: with a 250 ms budget a batch starts three.
    const slow: JobHandler = async ({ tx, job }) => {
      batchOf.set(job.key, await transactionOf(tx));
      ran.push(job.key);
      elapsed += 100;
    };
    const r = runner({ slow }, { batchSize: 50, batchBudgetMs: 250, elapsedMs: () => elapsed });
    expect(await r.runDue()).toBe(6);
    const batches = [...new Set(batchOf.values())].map((id) => ran.filter((key) => batchOf.get(key) === id));
    expect(batches).toEqual([
      ['j0', 'j1', 'j2'],
      ['j3', 'j4', 'j5'],
    ]);
    expect(Object.values(await statusByKey())).toEqual(Array.from({ length: 6 }, () => ['done', 1]));
  });

  it('runs every job exactly once with two runners claiming batches side by side', async () => {
    const gateway = createOutboxGateway(clock);
    await dueNow('announce', 120);
    const announce: JobHandler = async ({ tx, job }) => {
      await gateway.postMessage(tx, 'C0ONE', { text: job.key });
      ran.push(job.key);
    };
    const options = { batchSize: 7, concurrency: 2 };
    const [a, b] = await Promise.all([runner({ announce }, options).runDue(), runner({ announce }, options).runDue()]);
    expect((a ?? 0) + (b ?? 0)).toBe(120);
    expect(ran).toHaveLength(120);
    expect(new Set(ran).size).toBe(120);
    expect(await database.db.select().from(slackOutbox)).toHaveLength(120);
    expect(new Set(Object.values(await statusByKey()).map((s) => s.join()))).toEqual(new Set(['done,1']));
  });

  it.runIf(driver === 'postgres')(
    'a second runner takes the due jobs around a batch that is still running, without waiting for it',
    async () => {
      await dueNow('gate', 4);
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const gated: JobHandler = async ({ job }) => {
        if (job.key === 'j0') {
          entered();
          await gate;
        }
        ran.push(job.key);
      };
      // The first runner's batch holds j0 and j1 and waits inside j0 until the second has finished.
      const first = runner({ gate: gated }, { batchSize: 2 }).runDue();
      await inside;
      try {
        expect(await runner({ gate: gated }, { batchSize: 10 }).runDue()).toBe(2);
        expect(ran).toEqual(['j2', 'j3']);
      } finally {
        open();
      }
      expect(await first).toBe(2);
      expect(ran).toEqual(['j2', 'j3', 'j0', 'j1']);
    },
    20_000,
  );

  it.runIf(driver === 'postgres')(
    'a batch whose connection dies mid-way leaves nothing half done, and its jobs run once afterwards',
    async () => {
      const gateway = createOutboxGateway(clock);
      await dueNow('fragile', 4);
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let backend: (pid: number) => void = () => undefined;
      const inside = new Promise<number>((resolve) => (backend = resolve));
      let cut = true;
      const fragile: JobHandler = async ({ tx, job }) => {
        await gateway.postMessage(tx, 'C0ONE', { text: job.key });
        if (cut && job.key === 'j2') {
          backend(Number((await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]?.pid));
          await gate;
          await tx.execute(sql`select 1`);
        }
        ran.push(job.key);
      };
      const batch = runner({ fragile }, { batchSize: 10 }).runDue();
      const pid = await inside;
      // j0 and j1 are finished inside the batch, j2 is half way, j3 not started: the connection goes.
      const killer = postgres(database.url ?? '', { max: 1, onnotice: () => undefined });
      await killer`select pg_terminate_backend(${pid})`;
      await killer.end();
      open();
      await batch.catch(() => undefined);
      expect(await database.db.select().from(slackOutbox)).toEqual([]);
      const after = await database.db.select().from(jobs).orderBy(asc(jobs.id));
      // The finished and the unstarted jobs are due again at once; the one it died in is charged an
      // attempt, as it would have been had it run alone.
      expect(after.map((j) => [j.key, j.status, j.attempts])).toEqual([
        ['j0', 'pending', 0],
        ['j1', 'pending', 0],
        ['j2', 'pending', 1],
        ['j3', 'pending', 0],
      ]);
      cut = false;
      ran = [];
      expect(await runner({ fragile }).runDue()).toBe(3);
      clock.advance(retryDelayMs(1));
      expect(await runner({ fragile }).runDue()).toBe(1);
      expect(ran).toEqual(['j0', 'j1', 'j3', 'j2']);
      const texts = (await database.db.select().from(slackOutbox).orderBy(asc(slackOutbox.id))).map(
        (m) => (m.payload as { text?: string }).text,
      );
      expect(texts).toEqual(['j0', 'j1', 'j3', 'j2']);
      expect(await statusByKey()).toEqual({ j0: ['done', 1], j1: ['done', 1], j2: ['done', 2], j3: ['done', 1] });
    },
    20_000,
  );

  it.runIf(driver === 'postgres')(
    'skips a job another replica holds, and runs it at once when that replica dies',
    async () => {
      await scheduleJob(database.db, clock.now(), { kind: 'record', key: 'held', dueAt: clock.now() });
      const other = postgres(database.url ?? '', { max: 1, onnotice: () => undefined });
      const replica = await other.reserve();
      const [held] = await replica<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = held?.pid ?? 0;
      await replica`begin`;
      await replica`select id from jobs where key = 'held' for update`;
      const r = runner();
      expect(await r.runOne()).toBe('none');
      // The replica is killed mid-job: its transaction dies with its connection.
      const killer = postgres(database.url ?? '', { max: 1, onnotice: () => undefined });
      await killer`select pg_terminate_backend(${pid})`;
      await killer.end();
      expect(await r.runOne()).toBe('ran');
      expect(ran).toEqual(['held']);
      await other.end({ timeout: 1 }).catch(() => undefined);
    },
  );
});
