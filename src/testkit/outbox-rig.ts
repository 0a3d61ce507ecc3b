import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ManualClock } from '../clock';
import type { Database } from '../db/client';
import { auditEvents, slackOutbox, slackPacing } from '../db/schema';
import { silentLogger } from '../logger';
import { createOutboxGateway } from '../outbound/outbox';
import { OutboxWorker } from '../outbound/outbox-worker';
import { createWebApi } from '../outbound/web-api';
import { SlackStandIn } from '../sandbox/stand-in';
import { openTestDatabase, type Driver } from './databases';
import { BOT_TOKEN, people, PINNED_START } from './world';

/**
 * The outbox on its own: a database, the Slack stand-in with two channels (C0ONE, C0TWO), a clock
 * and the gateway that queues; each test starts with an empty outbox, no pacing, no audit and a
 * stand-in without messages, calls, files or faults. Workers are made per test (`workerFor`).
 */
export interface OutboxRig {
  readonly database: Database;
  readonly standIn: SlackStandIn;
  readonly clock: ManualClock;
  readonly gateway: ReturnType<typeof createOutboxGateway>;
  workerFor(o?: Partial<ConstructorParameters<typeof OutboxWorker>[0]>): OutboxWorker;
  /** Every outbox row, oldest first. */
  rows(): Promise<Array<typeof slackOutbox.$inferSelect>>;
  /** Runs the worker until nothing is due. */
  drain(worker: OutboxWorker): Promise<void>;
}

export function useOutboxRig(driver: Driver): OutboxRig {
  let database: Database | undefined;
  let standIn: SlackStandIn | undefined;
  let clock = new ManualClock(PINNED_START);
  let gateway = createOutboxGateway(clock);
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the outbox rig is used outside its tests');
    return v;
  };
  beforeAll(async () => {
    database = await openTestDatabase(driver);
    standIn = new SlackStandIn({ botToken: BOT_TOKEN, users: Object.values(people) });
    await standIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
    await database?.close();
  });
  beforeEach(async () => {
    const db = need(database).db;
    await db.delete(slackOutbox);
    await db.delete(slackPacing);
    await db.delete(auditEvents);
    const s = need(standIn);
    s.clearMessages();
    s.ephemerals.length = 0;
    s.calls.length = 0;
    s.files.clear();
    s.clearFaults();
    for (const id of [...s.channels.keys()]) s.channels.delete(id);
    s.addChannel({ id: 'C0ONE', name: 'one' });
    s.addChannel({ id: 'C0TWO', name: 'two' });
    clock = new ManualClock(PINNED_START);
    gateway = createOutboxGateway(clock);
  });
  afterEach(() => standIn?.clearFaults());
  return {
    get database() {
      return need(database);
    },
    get standIn() {
      return need(standIn);
    },
    get clock() {
      return clock;
    },
    get gateway() {
      return gateway;
    },
    workerFor: (o = {}) =>
      new OutboxWorker({
        db: need(database).db,
        slack: createWebApi({ token: BOT_TOKEN, apiUrl: need(standIn).apiUrl, log: silentLogger, timeoutMs: 500 }),
        clock,
        log: silentLogger,
        channelIntervalMs: 1000,
        // The workspace's rate is off unless a test is about it: with the clock standing still it
        // would hold back every post after the first few.
        methodRates: {},
        ...o,
      }),
    rows: () => need(database).db.select().from(slackOutbox).orderBy(slackOutbox.id),
    async drain(worker) {
      while ((await worker.deliverDue()) > 0);
    },
  };
}
