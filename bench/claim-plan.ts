/**
 * `npx tsx bench/claim-plan.ts [lanes…]` (PostgreSQL, TEST_DATABASE_URL): how the outbox claim
 * grows with the open outbox. For each lane count, that many channels with 5 due rows each, then
 * the claim's EXPLAIN (ANALYZE, BUFFERS) and the median time of 20 claims (50 lanes each, per-
 * channel pacing on). Measures only; prints, writes nothing.
 */
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { isoOf, queryRows } from '../src/db/rows';
import { slackOutbox, slackPacing } from '../src/db/schema';
import { silentLogger } from '../src/logger';
import { candidates, claimDue } from '../src/outbound/outbox-claim';
import { openTestDatabase } from '../src/testkit/databases';

const ROWS_PER_LANE = 5;

async function main(): Promise<void> {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const database = await openTestDatabase('postgres');
  const db = database.db;
  try {
    for (const lanes of counts.length > 0 ? counts : [1000, 10_000]) {
      await db.delete(slackOutbox);
      await db.delete(slackPacing);
      await db.execute(
        sql`insert into slack_outbox (lane, method, payload, next_attempt_at, created_at)
            select 'channel:C' || (g % ${lanes}), 'chat.postMessage', '{}'::jsonb, now() - interval '1 minute', now()
            from generate_series(1, ${lanes * ROWS_PER_LANE}) g`,
      );
      await db.execute(sql`analyze slack_outbox`);
      const at = isoOf(new Date());
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        db,
        sql`explain (analyze, buffers) ${candidates({ batchSize: 50, perLane: 10 }, at)}`,
      );
      console.log(`\n## ${lanes} lanes, ${lanes * ROWS_PER_LANE} open rows\n`);
      console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
      const times: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const t0 = performance.now();
        await claimDue(
          {
            db,
            log: silentLogger,
            leaseMs: 60_000,
            batchSize: 50,
            perLane: 10,
            channelPaced: true,
            methodRates: {},
          },
          new Date(),
        );
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `\nclaim of 50 lanes: median ${times[10]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms (20 claims)`,
      );
    }
  } finally {
    await database.close();
  }
}

void main();
