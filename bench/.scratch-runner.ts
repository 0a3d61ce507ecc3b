import { sql } from 'drizzle-orm';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock';
import { startHarness } from '../test/support/harness';
import { openEscalations, setUpProject } from './escalations';

const driver = (process.argv[2] ?? 'postgres') as 'postgres' | 'pglite';
const h = await startHarness({ driver, accord: { clock: systemClock, runScheduler: false } });
const db = h.accord.database.db;
const target = await setUpProject(h, 'scratch');
const r = await openEscalations(h, target, Number(process.argv[3] ?? 10000), 't');
await db.execute(sql`update jobs set due_at = now() where key like 'esc:%:0:ack:1' and (payload->>'escalationId')::int <= ${r.from + 1999}`);
const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
const t = performance.now();
let n = 0;
const times: number[] = [];
while (n < 2000) { const a = performance.now(); const ran = await h.accord.jobs.runOne(); times.push(performance.now() - a); if (ran === 'none') break; n++; }
const s = (performance.now() - t) / 1000;
const { profile } = await session.post('Profiler.stop'); writeFileSync('/tmp/scratch/runner.cpuprofile', JSON.stringify(profile));
times.sort((a, b) => a - b);
console.log(driver, n, 'jobs in', s.toFixed(2), 's =', Math.round(n / s), 'jobs/s; p50', times[Math.floor(times.length/2)]?.toFixed(2), 'p99', times[Math.floor(times.length*0.99)]?.toFixed(2));
await h.stop();
