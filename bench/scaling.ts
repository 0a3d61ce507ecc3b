/**
 * How cost grows with the data (`npm run bench -- scaling`): `/escalate`'s CPU and statements with
 * 1k, 10k and 100k escalations in the database, and SLA timer lateness with 1k, 10k and 50k open;
 * at each size every statement the operation sent is EXPLAINed, and a sequential scan of a table
 * holding more than a few thousand rows is reported (bench/goals.ts judges the series flat or not).
 */
import { eq, sql } from 'drizzle-orm';
import { projects } from '../src/db/schema';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock';
import type { Db } from '../src/db/client';
import type { Driver } from '../src/testkit/databases';
import { startHarness, type Harness } from '../src/testkit/harness';
import { people } from '../src/testkit/world';
import {
  BENCH_OWN,
  fireStaggered,
  openEscalations,
  percentile,
  recordCompletions,
  setUpProject,
  type Range,
} from './escalations';
import type { ScaleSeries } from './goals';
import { escalateCost, seqScansOf, statementLog } from './statements';

/** Another project shared with the partner `setUpProject` made, typed as an admin would. */
async function otherProject(
  h: Harness,
  slug: string,
  partnerId: number,
): Promise<{ projectId: number; channel: string; partnerId: number }> {
  const reply = await h.ask(people.alice, `project create ${slug} "Bench ${slug}" partners=acme`);
  if (!reply.includes(':white_check_mark:')) throw new Error(`project create ${slug} answered: ${reply}`);
  const [project] = await h.accord.database.db.select().from(projects).where(eq(projects.slug, slug));
  if (!project) throw new Error(`no project ${slug}`);
  return { projectId: project.id, channel: project.channelId, partnerId };
}

async function analyse(db: Db): Promise<void> {
  await db.execute(sql`analyze`);
}

export interface ScalingOptions {
  escalations: number[];
  openTimers: number[];
  /** Partners with a year of evidence, for the score series (bench/scores.ts scoreScaling). */
  partners: number[];
  /** Commands per size for the `/escalate` cost. */
  commands: number;
  /** Timers that fall due at each size, over `spreadMs`. */
  firing: number;
  spreadMs: number;
}

export async function escalateScaling(driver: Driver, o: ScalingOptions): Promise<ScaleSeries[]> {
  const log = statementLog();
  const h = await startHarness({ driver, onQuery: log.onQuery });
  try {
    const db = h.accord.database.db;
    const target = await setUpProject(h, 'scale');
    // The network's escalations are elsewhere: in a project of their own, as the data of many
    // projects would be, so the measured project's card counts its own few, not all of them.
    const elsewhere = await otherProject(h, 'scale-elsewhere', target.partnerId);
    await escalateCost(h, log, target.channel, 3, 'warm-up');
    const cpu: ScaleSeries = {
      what: `\`/escalate\` CPU (${driver}, in-process)`,
      unit: 'ms',
      points: [],
      tolerance: { factor: 1.5, plus: 1 },
    };
    const statements: ScaleSeries = {
      what: `\`/escalate\` statements (${driver})`,
      unit: 'statements',
      points: [],
      tolerance: { factor: 1, plus: 1 },
    };
    let open = 0;
    for (const size of [...o.escalations].sort((a, b) => a - b)) {
      log.pause();
      if (size > open) await openEscalations({ db, standIn: h.standIn }, elsewhere, size - open, `scale ${size}`);
      log.resume();
      open = Math.max(open, size);
      await analyse(db);
      const cost = await escalateCost(h, log, target.channel, o.commands, `at ${size}`);
      cpu.points.push({ size, cost: cost.cpuMs });
      statements.points.push({ size, cost: cost.statements });
      if (size === Math.max(...o.escalations)) {
        const scans = await seqScansOf(db, cost.sent);
        cpu.seqScans = scans;
        statements.seqScans = scans;
      }
    }
    return [cpu, statements];
  } finally {
    await h.stop();
  }
}

/** Timers of the warm-up: enough to compile the hot paths and fill the pools before the first size. */
const WARM_UP = 300;

/**
 * Fires a few hundred timers first, unmeasured, then closes their escalations (cancelled, timers
 * too): otherwise the first size pays for the first compile and the first connections, and its
 * lateness says nothing about how cost grows.
 */
async function warmUp(db: Db, h: Harness, target: Parameters<typeof openEscalations>[1], problems: string[]) {
  const range = await openEscalations({ db, standIn: h.standIn }, target, WARM_UP, 'warm-up');
  await fireStaggered(db, range, 5000, 20_000, problems);
  await db.execute(
    sql`${BENCH_OWN}update escalations set status = 'cancelled' where id between ${range.from} and ${range.to}`,
  );
  await db.execute(
    sql`${BENCH_OWN}update jobs set status = 'cancelled', finished_at = now() where status = 'pending' and (payload->>'escalationId')::bigint between ${range.from} and ${range.to}`,
  );
}

export async function timerScaling(
  driver: Driver,
  o: ScalingOptions,
): Promise<{ series: ScaleSeries; notes: string[] }> {
  const log = statementLog();
  const problems: string[] = [];
  const h = await startHarness({
    driver,
    onQuery: log.onQuery,
    accord: { clock: systemClock, runScheduler: true },
  });
  try {
    const db = h.accord.database.db;
    const target = await setUpProject(h, 'scale-timers');
    await recordCompletions(db);
    const series: ScaleSeries = {
      what: `timer lateness p99, ${o.firing} due over ${Math.round(o.spreadMs / 1000)} s (${driver})`,
      unit: 'ms',
      points: [],
      tolerance: { factor: 1.5, plus: 100 },
    };
    const notes: string[] = [];
    await warmUp(db, h, target, problems);
    let open = 0;
    for (const size of [...o.openTimers].sort((a, b) => a - b)) {
      const t0 = performance.now();
      let range: Range = { from: 0, to: -1 };
      log.pause();
      if (size > open) range = await openEscalations({ db, standIn: h.standIn }, target, size - open, `timers ${size}`);
      log.resume();
      open = Math.max(open, size);
      await analyse(db);
      const firing = Math.min(o.firing, range.to - range.from + 1);
      if (firing <= 0) continue;
      const mark = log.mark();
      const fired = await fireStaggered(
        db,
        { from: range.to - firing + 1, to: range.to },
        o.spreadMs,
        20_000,
        problems,
      );
      const late = [...fired.committed, ...fired.unfinished];
      series.points.push({ size, cost: percentile(late, 99) });
      notes.push(
        `${driver}: scaling, ${size} open escalations (${size * 4} timers; loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s): ${fired.once.once}/${firing} fired exactly once, ${fired.unfinished.length} not done in time, ${fired.once.twice} more than once.`,
      );
      if (size === Math.max(...o.openTimers)) series.seqScans = await seqScansOf(db, log.since(mark));
    }
    notes.push(...problems.map((p) => `${driver}: scaling: ${p.slice(0, 300)}`));
    return { series, notes };
  } finally {
    await h.stop();
  }
}
