/**
 * `npm run bench`: measurements, never assertions. Prints a table and writes bench/results.md.
 * Runs on PGlite, and on PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 *
 * `npm run bench -- --help` lists the scenarios, what each needs and how long it takes.
 *
 * Choosing what runs (all of it takes about an hour with PostgreSQL):
 *   BENCH_SCENARIOS  comma-separated, default all: commands, outbox, escalate, timers, scores, fanout, pgbench,
 *                    scaling, memory, ack
 *                    (also `npm run bench -- escalate,timers`)
 *   BENCH_DRIVERS    comma-separated subset of pglite, postgres
 *   BENCH_TIMERS     open escalations in the timer scenario, all falling due (default 10000 on PostgreSQL, 500 on
 * PGlite)
 *   BENCH_TIMER_SPREAD_S  seconds over which their timers fall due (default 40; 20 on PGlite)
 *   BENCH_TIMER_GRACE_S   how long to wait after the last was due (default 20)
 *   BENCH_PACED      then this many more, due at a rate the runner keeps up with (default 500; 0 on PGlite)
 *   BENCH_PACED_SPREAD_S  seconds over which those fall due (default 20)
 *   BENCH_BACKLOG    then this many more, all due at once (default 500; 300 on PGlite; 0: none)
 *   BENCH_SCORE_PARTNERS  partners with a year of evidence in the score scenario (default 500; 100 on PGlite)
 *   BENCH_FANOUT_PROJECTS  projects whose check-ins fall due in the same minute (default 10000 on PostgreSQL, 1000 on
 * PGlite)
 *   BENCH_FANOUT_RATE      the workspace-wide posting limit the stand-in enforces, messages/s (default 100)
 *   BENCH_MEMORY_ESCALATIONS  open escalations in the memory scenario (default 10000; PostgreSQL only)
 *   BENCH_SCORE_REQUESTS  `/score` requests of each kind, 10 at a time (default 100; 50 on PGlite)
 *   BENCH_ACK_RATES    ack scenario: fixed request rates, each in turn (default 100,300 on PostgreSQL, 30 on PGlite);
 *   BENCH_ACK_SECONDS  seconds at each rate (default 30); BENCH_ACK_COMMANDS  subset of help,score,escalate
 *                      (default all on PostgreSQL, escalate on PGlite);
 *                      BENCH_ACK_PROFILE=<dir>  CPU profiles of each phase from both app processes (slows them)
 *   BENCH_PGBENCH_SECONDS  how long pgbench runs (default 20; scale 10, 4 clients, 2 threads)
 *   BENCH_SCALE        scaling scenario sizes: `full` (default on PostgreSQL: 1k/10k/100k escalations, 1k/10k/50k
 *                      open timers, 100/500/2,000 partners) or `small` (1k/10k, 1k/5k, 100/500; always on PGlite)
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/clock';
import { OutboxWorker } from '../src/outbound/outbox-worker';
import { silentLogger } from '../src/logger';
import { SlackStandIn } from '../src/sandbox/stand-in';
import { createOutboxGateway } from '../src/outbound/outbox';
import { createWebApi } from '../src/outbound/web-api';
import { openTestDatabase, type Driver } from '../src/testkit/databases';
import { startHarness } from '../src/testkit/harness';
import { BOT_TOKEN, people } from '../src/testkit/world';
import { escalateLatency, timerLateness, type Measured, type TimerOptions } from './escalations';
import { scoreScaling, scoreTimes } from './scores';
import { ackLatency } from './ack';
import { fanOut } from './fanout';
import { goalsTable, scalingTable, type ScaleSeries } from './goals';
import { memoryUse } from './memory';
import { pgbench } from './pgbench';
import { escalateScaling, timerScaling, type ScalingOptions } from './scaling';

interface Row {
  scenario: string;
  driver: Driver;
  n: number;
  p50: number;
  p99: number;
  max: number;
  extra: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function summarise(scenario: string, driver: Driver, samples: number[], extra = ''): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    scenario,
    driver,
    n: samples.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    extra,
  };
}

/** `concurrency` clients each sending requests back to back until `total` are done. */
async function load(
  total: number,
  concurrency: number,
  send: () => Promise<void>,
): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started += 1;
        const t = performance.now();
        await send();
        samples.push(performance.now() - t);
      }
    }),
  );
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

async function commandLatency(driver: Driver): Promise<Row[]> {
  const h = await startHarness({ driver });
  try {
    const rows: Row[] = [];
    const help = await load(400, 20, async () => {
      const res = await h.slack.command(people.victor, '/accord', 'help');
      if (res.status !== 200) throw new Error(`help answered ${res.status}`);
    });
    rows.push(
      summarise(
        '/accord help: ack (reply inside the ack)',
        driver,
        help.samples,
        `${Math.round(help.samples.length / help.seconds)} req/s`,
      ),
    );
    const whoami = await load(400, 20, async () => {
      const res = await h.slack.command(people.victor, '/accord', 'whoami');
      if (res.status !== 200) throw new Error(`whoami answered ${res.status}`);
    });
    rows.push(
      summarise(
        '/accord whoami: ack',
        driver,
        whoami.samples,
        `${Math.round(whoami.samples.length / whoami.seconds)} req/s`,
      ),
    );
    const replies = await load(200, 20, async () => {
      await h.slack.commandReply(people.victor, '/accord', 'whoami');
    });
    rows.push(
      summarise(
        '/accord whoami: until the reply arrives',
        driver,
        replies.samples,
        `${Math.round(replies.samples.length / replies.seconds)} req/s`,
      ),
    );
    return rows;
  } finally {
    await h.stop();
  }
}

async function outboxThroughput(driver: Driver): Promise<Row> {
  const database = await openTestDatabase(driver);
  const standIn = new SlackStandIn({ botToken: BOT_TOKEN, users: Object.values(people) });
  await standIn.start();
  try {
    const channels = Array.from({ length: 50 }, (_, i) => standIn.addChannel({ name: `bench-${i}` }).id);
    const clock = new ManualClock(Date.now());
    const gateway = createOutboxGateway(clock);
    const total = 1000;
    for (let i = 0; i < total; i += 1)
      await gateway.postMessage(database.db, channels[i % channels.length] ?? '', { text: `message ${i}` });
    const worker = new OutboxWorker({
      db: database.db,
      slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger }),
      clock,
      log: silentLogger,
      channelIntervalMs: 0,
    });
    const rounds: number[] = [];
    const t0 = performance.now();
    while (standIn.messages.length < total) {
      const t = performance.now();
      await worker.deliverDue();
      rounds.push(performance.now() - t);
    }
    const seconds = (performance.now() - t0) / 1000;
    return summarise(
      'outbox: 1000 messages over 50 channels, per round (pacing off)',
      driver,
      rounds,
      `${Math.round(total / seconds)} msg/s`,
    );
  } finally {
    await standIn.stop();
    await database.close();
  }
}

/** What each scenario measures, needs and takes (on the development machine: 2 CPUs, PostgreSQL 15 on it, bench/results.md). */
const scenarioList = [
  {
    name: 'commands',
    needs: '',
    takes: 'under a minute',
    measures: '/accord help and whoami: ack and reply latency, 20 clients at a time',
  },
  { name: 'outbox', needs: '', takes: 'under a minute', measures: 'outbox delivery: 1,000 messages over 50 channels' },
  {
    name: 'escalate',
    needs: '',
    takes: 'about a minute',
    measures: '/escalate: ack, and until its message is in the channel (400 of them)',
  },
  {
    name: 'timers',
    needs: '',
    takes: '2–3 min (1 on PGlite)',
    measures: 'SLA timer lateness with 10,000 open escalations (500 on PGlite)',
  },
  {
    name: 'scores',
    needs: '',
    takes: 'about a minute',
    measures: 'scores of 500 partners × 12 months (100 on PGlite), and /score until its reply',
  },
  {
    name: 'fanout',
    needs: '',
    takes: 'about 4 min (2 on PGlite)',
    measures: "10,000 check-ins due in one minute (1,000 on PGlite) against Slack's posting limits",
  },
  {
    name: 'pgbench',
    needs: 'PostgreSQL',
    takes: 'under a minute',
    measures: "the database's own limit: pgbench TPC-B with 4 clients, beside the job engine's jobs/s (timers)",
  },
  {
    name: 'scaling',
    needs: '',
    takes: 'about 15 min (5 small)',
    measures:
      '/escalate CPU and statements at 1k/10k/100k escalations, timers at 1k/10k/50k open, scores at 100/500/2,000 partners',
  },
  {
    name: 'memory',
    needs: 'PostgreSQL',
    takes: 'about 3 min',
    measures: 'resident memory of the Accord process, idle and with 10,000 open escalations; builds dist/ first',
  },
  {
    name: 'ack',
    needs: '',
    takes: 'about 12 min (2 on PGlite)',
    measures: 'acknowledgement latency at 100 and 300 requests/s (30 on PGlite) against a bare Bolt app',
  },
] as const;
type ScenarioName = (typeof scenarioList)[number]['name'];
const scenarioNames: readonly ScenarioName[] = scenarioList.map((s) => s.name);
const postgresOnly = scenarioList.filter((s) => s.needs === 'PostgreSQL').map((s) => s.name);

const USAGE =
  'Usage: npm run bench [-- SCENARIO[,SCENARIO…]]   (or BENCH_SCENARIOS=SCENARIO,…; default: all of them)\n       npm run bench -- --help';

function helpText(): string {
  const width = Math.max(...scenarioList.map((s) => s.name.length));
  const needsWidth = 'PostgreSQL'.length;
  const takesWidth = Math.max(...scenarioList.map((s) => s.takes.length));
  return [
    USAGE,
    '',
    'Measures Accord and prints the goals (MET / MISSED / not run), how cost grows, and a table of every',
    'measurement; nothing is asserted. Every run rewrites bench/results.md with',
    'the table of the scenarios it ran, replacing what the file held (commit it or restore it with git).',
    '',
    'Each scenario runs on PGlite, and again on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL',
    'names a server (BENCH_DRIVERS=pglite or postgres picks one). Rough durations per database, on',
    'a machine with 2 CPUs shared with PostgreSQL:',
    '',
    `  ${'scenario'.padEnd(width)}  ${'needs'.padEnd(needsWidth)}  ${'takes'.padEnd(takesWidth)}  measures`,
    ...scenarioList.map(
      (s) =>
        `  ${s.name.padEnd(width)}  ${(s.needs || '-').padEnd(needsWidth)}  ${s.takes.padEnd(takesWidth)}  ${s.measures}`,
    ),
    '',
    `All of them take about an hour with PostgreSQL. Without it, ${postgresOnly.join(' and ')} are left out of a full run`,
    'and refused when asked for by name. The knobs (BENCH_* variables) are described at the top of bench/run.ts.',
  ].join('\n');
}

/** A refusal of the command line or the BENCH_* variables: said in one message, before anything runs. */
class Refusal extends Error {}

function chosen<T extends string>(text: string | undefined, all: readonly T[], what: string, hint: string): T[] {
  if (!text) return [...all];
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(all as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Refusal(`Unknown ${what}: ${unknown.join(', ')}. Choose from ${all.join(', ')}${hint}.`);
  if (names.length === 0) throw new Refusal(`No ${what} named in “${text}”. Choose from ${all.join(', ')}${hint}.`);
  return names as T[];
}

/** The command line: --help, or at most one comma-separated list of scenarios. */
function parseArgs(argv: readonly string[]): { help: true } | { help: false; scenarios: string | undefined } {
  const args = argv.filter((a) => a !== '--');
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) return { help: true };
  if (args.length > 1 || args.some((a) => a.startsWith('-')))
    throw new Refusal(`I don't understand the arguments “${args.join(' ')}”.\n${USAGE}`);
  return { help: false, scenarios: args[0] };
}

const timerDefaults: Record<Driver, TimerOptions> = {
  postgres: { count: 10_000, spreadMs: 40_000, graceMs: 20_000, paced: 500, pacedSpreadMs: 20_000, backlog: 500 },
  // PGlite answers one query at a time inside this process; the target is about PostgreSQL, and
  // a full-size run would take minutes, so it gets a lighter load.
  pglite: { count: 500, spreadMs: 20_000, graceMs: 20_000, paced: 0, pacedSpreadMs: 20_000, backlog: 300 },
};

const numberFrom = (text: string | undefined, fallback: number) =>
  text === undefined || text === '' ? fallback : Number(text);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(helpText());
    return;
  }
  // The machine may be shared; how busy it was says how far to trust the numbers.
  const loadBefore = loadavg()[0] ?? 0;
  const available: Driver[] =
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const drivers = chosen(
    process.env.BENCH_DRIVERS,
    available,
    'database',
    ' (PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL)',
  );
  const named = args.scenarios ?? process.env.BENCH_SCENARIOS;
  const scenarios = new Set<ScenarioName>(
    chosen(named, scenarioNames, 'scenario', ' (npm run bench -- --help says what each measures)'),
  );
  const unmet = named ? postgresOnly.filter((name) => scenarios.has(name)) : [];
  if (unmet.length > 0 && !drivers.includes('postgres'))
    throw new Refusal(
      `${unmet.join(' and ')} ${unmet.length === 1 ? 'needs' : 'need'} PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server the bench may create databases on.`,
    );
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const timers = (driver: Driver): TimerOptions => {
    const d = timerDefaults[driver];
    return {
      count: numberFrom(process.env.BENCH_TIMERS, d.count),
      spreadMs: numberFrom(process.env.BENCH_TIMER_SPREAD_S, d.spreadMs / 1000) * 1000,
      graceMs: numberFrom(process.env.BENCH_TIMER_GRACE_S, d.graceMs / 1000) * 1000,
      paced: numberFrom(process.env.BENCH_PACED, d.paced),
      pacedSpreadMs: numberFrom(process.env.BENCH_PACED_SPREAD_S, d.pacedSpreadMs / 1000) * 1000,
      backlog: numberFrom(process.env.BENCH_BACKLOG, d.backlog),
    };
  };
  const rows: Row[] = [];
  const notes: string[] = [];
  const figures = new Map<string, number>();
  const scaling: ScaleSeries[] = [];
  const add = (driver: Driver, measured: Measured[]) => {
    for (const m of measured) for (const [k, v] of Object.entries(m.figures ?? {})) figures.set(`${driver}:${k}`, v);
    rows.push(...measured.map((m) => summarise(m.scenario, driver, m.samples, m.extra)));
  };
  const scale = (driver: Driver): ScalingOptions =>
    driver === 'postgres' && process.env.BENCH_SCALE !== 'small'
      ? {
          escalations: [1000, 10_000, 100_000],
          openTimers: [1000, 10_000, 50_000],
          partners: [100, 500, 2000],
          commands: 20,
          // 50/s: well inside what the runner does (bench/results.md), so lateness shows the cost
          // of a job at each size, not a queue of them.
          firing: 1000,
          spreadMs: 20_000,
        }
      : {
          escalations: [1000, 10_000],
          openTimers: [1000, 5000],
          partners: [100, 500],
          commands: 20,
          firing: 500,
          spreadMs: 10_000,
        };
  for (const driver of drivers) {
    if (scenarios.has('commands')) rows.push(...(await commandLatency(driver)));
    if (scenarios.has('outbox')) rows.push(await outboxThroughput(driver));
    if (scenarios.has('escalate')) add(driver, await escalateLatency(driver));
    if (scenarios.has('timers')) {
      const r = await timerLateness(driver, timers(driver));
      add(driver, r.rows);
      notes.push(...r.notes);
    }
    if (scenarios.has('fanout')) {
      const r = await fanOut(driver, {
        projects: numberFrom(process.env.BENCH_FANOUT_PROJECTS, driver === 'postgres' ? 10_000 : 1000),
        workspacePerSecond: numberFrom(process.env.BENCH_FANOUT_RATE, 100),
        graceMs: 30_000,
      });
      add(driver, r.rows);
      notes.push(...r.notes);
    }
    if (scenarios.has('pgbench') && driver === 'postgres') {
      const url = process.env.TEST_DATABASE_URL;
      if (url) {
        const r = await pgbench(url, {
          scale: 10,
          clients: 4,
          threads: 2,
          seconds: numberFrom(process.env.BENCH_PGBENCH_SECONDS, 20),
        });
        add(driver, r.rows);
        notes.push(...r.notes);
      }
    }
    if (scenarios.has('scaling')) {
      scaling.push(...(await escalateScaling(driver, scale(driver))));
      const r = await timerScaling(driver, scale(driver));
      scaling.push(r.series);
      notes.push(...r.notes);
      const scored = await scoreScaling(scale(driver).partners, driver);
      scaling.push({
        what: `scores for a year, per partner (${driver})`,
        unit: 'ms',
        points: scored.map((p) => ({ size: p.partners, cost: p.msPerPartner })),
        tolerance: { factor: 1.5, plus: 0.5 },
        seqScans: scored.some((p) => p.seqScan) ? ['escalations in the evidence queries'] : [],
      });
    }
    if (scenarios.has('memory') && driver === 'postgres') {
      for (const entry of ['bundle', 'tsx'] as const) {
        const r = await memoryUse({
          escalations: numberFrom(process.env.BENCH_MEMORY_ESCALATIONS, 10_000),
          fire: 2000,
          entry,
        });
        notes.push(...r.notes);
      }
    }
    if (scenarios.has('scores')) {
      const r = await scoreTimes(driver, {
        partners: numberFrom(process.env.BENCH_SCORE_PARTNERS, driver === 'postgres' ? 500 : 100),
        repeats: 5,
        requests: numberFrom(process.env.BENCH_SCORE_REQUESTS, driver === 'postgres' ? 100 : 50),
        concurrency: 10,
      });
      add(driver, r.rows);
      notes.push(...r.notes);
    }
    if (scenarios.has('ack')) {
      const r = await ackLatency(driver, {
        rates: (process.env.BENCH_ACK_RATES || (driver === 'postgres' ? '100,300' : '30')).split(',').map(Number),
        seconds: numberFrom(process.env.BENCH_ACK_SECONDS, 30),
        commands: process.env.BENCH_ACK_COMMANDS
          ? process.env.BENCH_ACK_COMMANDS.split(',').map((c) => c.trim())
          : driver === 'postgres'
            ? undefined
            : ['escalate'],
      });
      add(driver, r.rows);
      notes.push(...r.notes);
    }
  }
  const fmt = (ms: number) => ms.toFixed(1);
  const table = [
    '| scenario | database | n | p50 ms | p99 ms | max ms | throughput / notes |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.scenario} | ${r.driver} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.extra} |`,
    ),
  ].join('\n');
  const header = `# Accord benchmarks\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch} (${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end), Node ${process.version}, against the local Slack stand-in over loopback (20 concurrent clients for the commands); scenarios: ${[...scenarios].join(', ')}.\n\n`;
  const footer = notes.length > 0 ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : '';
  // The goals first: what the run says about each, then how cost grows, then every measurement.
  const summary =
    `## Goals\n\n${goalsTable(figures)}\n\n` +
    (scaling.length > 0 ? `## How cost grows with the data\n\n${scalingTable(scaling)}\n\n` : '') +
    '## Measurements\n\n';
  console.log(summary + table + footer);
  writeFileSync(new URL('./results.md', import.meta.url), `${header}${summary}${table}${footer}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Refusal ? err.message : err);
  process.exit(1);
});
