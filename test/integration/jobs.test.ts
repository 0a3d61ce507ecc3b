import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { Database } from '../../src/db/client';
import { auditEvents, jobs, slackOutbox } from '../../src/db/schema';
import {
  JobRunner,
  cancelJobs,
  nextDueJob,
  retryDelayMs,
  scheduleJob,
  type JobHandler,
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
  const runner = (handlers: Record<string, JobHandler> = { record }) =>
    new JobRunner({ db: database.db, clock, log: silentLogger, handlers });

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
