import { sql } from 'drizzle-orm';
import { systemClock } from '../src/clock';
import { queryRows } from '../src/db/rows';
import { startHarness } from '../test/support/harness';
import { openEscalations, setUpProject } from './escalations';

const driver = (process.argv[2] ?? 'postgres') as 'postgres' | 'pglite';
const h = await startHarness({ driver, accord: { clock: systemClock, runScheduler: false } });
const db = h.accord.database.db;
const target = await setUpProject(h, 'scratch');
const r = await openEscalations(h, target, 10000, 't');
await db.execute(sql`update jobs set due_at = now() + ((payload->>'escalationId')::int - ${r.from}) * interval '4 ms' - interval '8 s' where key like 'esc:%:0:ack:1'`);
const explain = async (label: string, q: ReturnType<typeof sql>) => {
  const rows = await queryRows<Record<string, string>>(db, sql`explain (analyze, buffers) ${q}`);
  console.log('---', label); for (const row of rows) console.log(Object.values(row)[0]);
};
const claim = sql`select id from jobs where status = 'pending' and due_at <= now() order by due_at, id limit 1 for update skip locked`;
await explain('claim before', claim);
for (let i = 0; i < 500; i++) await h.accord.jobs.runOne();
await explain('claim after 500', claim);
await explain('outbox head', sql`select distinct on (lane) id, lane from slack_outbox where status in ('pending','sending') order by lane, id`);
await h.stop();
