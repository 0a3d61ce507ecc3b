import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import type { Database } from '../../src/db/client';
import { silentLogger } from '../../src/logger';
import { createOutboxGateway } from '../../src/outbound/outbox';
import { claimDue } from '../../src/outbound/outbox-claim';
import { openTestDatabase } from '../../src/testkit/databases';
import { waitFor } from '../../src/testkit/process';
import { PINNED_START } from '../../src/testkit/world';

/**
 * Two outbox workers claiming at the same moment on PostgreSQL. Their claims are made to overlap
 * for certain rather than by chance: a table lock held by the test lets both read the lane heads
 * but holds back the claiming UPDATE, and is released only once both claims are waiting, so
 * without the claim lock both would read the same heads and both take them.
 */
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('outbox claims side by side (PostgreSQL)', () => {
  let database: Database & { url?: string };
  let watcher: postgres.Sql;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    watcher = postgres(database.url ?? '', { max: 1, onnotice: () => undefined });
  });
  afterAll(async () => {
    await watcher?.end({ timeout: 2 });
    await database?.close();
  });

  it('never gives the head of a lane to two workers, even when their claims run at the same moment', async () => {
    const clock = new ManualClock(PINNED_START);
    const gateway = createOutboxGateway(clock);
    for (const channel of ['C0ONE', 'C0TWO', 'C0THREE'])
      for (const n of [1, 2]) await gateway.postMessage(database.db, channel, { text: `${channel}-${n}` });

    const holder = postgres(database.url ?? '', { max: 1, onnotice: () => undefined });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    // EXCLUSIVE lets the claims' reads through and stops their UPDATE.
    const held = holder.begin(async (tx) => {
      await tx`lock table slack_outbox in exclusive mode`;
      locked();
      await released;
    });
    try {
      await holding;
      // One row per lane, as with per-channel pacing: the lane heads are what both claims want.
      const options = {
        db: database.db,
        log: silentLogger,
        leaseMs: 60_000,
        batchSize: 10,
        perLane: 1,
        channelPaced: false,
        methodRates: {},
      };
      const claims = [claimDue(options, clock.now()), claimDue(options, clock.now())].map((c) => c.then((r) => r.rows));
      await waitFor('both claims to be waiting on a lock', async () => {
        const [row] = await watcher<Array<{ n: number }>>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
            and (query like 'update "slack_outbox"%' or query like 'select pg_advisory_xact_lock%')`;
        return (row?.n ?? 0) >= 2 ? true : undefined;
      });
      release();
      await held;
      const [a = [], b = []] = await Promise.all(claims);
      const idsOf = (rows: typeof a) => rows.map((r) => r.id);
      // One claim took the three heads; the other found them leased and took nothing.
      expect([...idsOf(a), ...idsOf(b)].sort((x, y) => x - y)).toHaveLength(3);
      expect(new Set([...idsOf(a), ...idsOf(b)]).size).toBe(3);
      expect([...a, ...b].map((r) => (r.payload as { text?: string }).text).sort()).toEqual([
        'C0ONE-1',
        'C0THREE-1',
        'C0TWO-1',
      ]);
      expect([...a, ...b].every((r) => r.attempts === 1)).toBe(true);
    } finally {
      release();
      await held.catch(() => undefined);
      await holder.end({ timeout: 2 });
    }
  });
});
