/**
 * The goals the bench reports against, and how a run's figures meet them. Pure: the scenarios
 * hand in named figures (`postgres:timers.p99Ms`, …), this file decides MET / MISSED / not run and
 * whether a cost stays flat as the data grows. Tested in test/unit/bench-goals.test.ts.
 */

export type Verdict = 'MET' | 'MISSED' | 'not run';

/** Named numbers a run measured, keyed `driver:name` (e.g. `postgres:fanout.seconds`). */
export type Figures = ReadonlyMap<string, number>;

export interface Goal {
  /** What is measured, as the issue's table names it. */
  figure: string;
  /** The goal, in words. */
  goal: string;
  /** The scenario that measures it (`npm run bench -- <scenario>`). */
  scenario: string;
  /** The measured value, or undefined when the run did not measure it. */
  value: (f: Figures) => number | undefined;
  met: (v: number) => boolean;
  show: (v: number, f: Figures) => string;
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const times = (v: number) => `${v.toFixed(1)}×`;
const get = (f: Figures, key: string) => f.get(key);

/** Every figure of `keys`, or undefined if one is missing (a goal needing two scenarios is not run without both). */
function all(f: Figures, keys: readonly string[]): number[] | undefined {
  const values = keys.map((k) => f.get(k));
  return values.every((v): v is number => v !== undefined) ? values : undefined;
}

export const goals: readonly Goal[] = [
  {
    figure: '`/escalate` ack p99 at 300/s vs bare Bolt in the same run (PostgreSQL)',
    goal: '≤ 1.5×',
    scenario: 'ack',
    value: (f) => get(f, 'postgres:ack.escalate.300.ratio'),
    met: (v) => v <= 1.5,
    show: (v, f) =>
      `${times(v)} (${ms(get(f, 'postgres:ack.escalate.300.accordP99') ?? NaN)} / ${ms(get(f, 'postgres:ack.escalate.300.bareP99') ?? NaN)})`,
  },
  {
    figure: '…and the work after the ack: outbox and replies drained after the 300/s phase',
    goal: '≤ 5 s',
    scenario: 'ack',
    value: (f) => get(f, 'postgres:ack.escalate.300.drainS'),
    met: (v) => v <= 5,
    show: (v) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : 'not drained'),
  },
  {
    figure: 'CPU per `/escalate`, its whole work (Accord process at 100/s)',
    goal: '≤ 3 ms',
    scenario: 'ack',
    value: (f) => get(f, 'postgres:ack.escalate.100.cpuMs'),
    met: (v) => v <= 3,
    show: ms,
  },
  {
    figure: 'statements per `/escalate`, its whole work (command, reply, channel message)',
    goal: '≤ 12',
    scenario: 'escalate',
    value: (f) => get(f, 'postgres:escalate.statements') ?? get(f, 'pglite:escalate.statements'),
    met: (v) => v <= 12,
    show: (v, f) => {
      const own = get(f, 'postgres:escalate.commandStatements') ?? get(f, 'pglite:escalate.commandStatements');
      return `${v.toFixed(0)}${own === undefined ? '' : ` (the request ${own.toFixed(0)}, delivering its messages and the rounds of the background loops the rest)`}`;
    },
  },
  {
    figure: 'timers: 10,000 open escalations falling due over 40 s, p99 lateness (PostgreSQL)',
    goal: '< 1 s',
    scenario: 'timers',
    value: (f) => get(f, 'postgres:timers.p99Ms'),
    met: (v) => v < 1000,
    show: ms,
  },
  {
    figure: '…all of them done, exactly once',
    goal: '0 not done or doubled',
    scenario: 'timers',
    value: (f) => get(f, 'postgres:timers.notOnce'),
    met: (v) => v === 0,
    show: (v) => String(v),
  },
  {
    figure: 'job engine throughput vs `pgbench` (TPC-B, 4 clients) on the same PostgreSQL',
    goal: '≥ 50% of its tps',
    scenario: 'timers + pgbench',
    value: (f) => {
      const v = all(f, ['postgres:jobs.perSecond', 'postgres:pgbench.tps']);
      return v ? (v[0] ?? 0) / Math.max(1, v[1] ?? 0) : undefined;
    },
    met: (v) => v >= 0.5,
    show: (v, f) =>
      `${Math.round(v * 100)}% (${Math.round(get(f, 'postgres:jobs.perSecond') ?? 0)} jobs/s, ${Math.round(get(f, 'postgres:pgbench.tps') ?? 0)} tps)`,
  },
  {
    figure: 'check-in fan-out: 10,000 due in the same minute, 100 msg/s workspace limit (PostgreSQL)',
    goal: '≤ 110% of the bound (110 s)',
    scenario: 'fanout',
    // Against the bound of the run (projects ÷ workspace rate), so a run with other BENCH_FANOUT_* is judged fairly.
    value: (f) => {
      const v = all(f, ['postgres:fanout.seconds', 'postgres:fanout.boundSeconds']);
      return v ? (v[0] ?? 0) / Math.max(0.001, v[1] ?? 0) : undefined;
    },
    met: (v) => v <= 1.1,
    show: (v, f) =>
      `${(get(f, 'postgres:fanout.seconds') ?? 0).toFixed(0)} s of ${(get(f, 'postgres:fanout.boundSeconds') ?? 0).toFixed(0)} s (${Math.round(v * 100)}%; ${get(f, 'postgres:fanout.projects') ?? '?'} projects, ${get(f, 'postgres:fanout.rateLimited') ?? '?'} × HTTP 429)`,
  },
  {
    figure: '…0 lost or doubled',
    goal: '0',
    scenario: 'fanout',
    value: (f) => get(f, 'postgres:fanout.lostOrDoubled'),
    met: (v) => v === 0,
    show: (v) => String(v),
  },
  {
    figure: 'scores for 500 partners × 12 months, per call (PostgreSQL)',
    goal: '< 0.5 s',
    scenario: 'scores',
    value: (f) => get(f, 'postgres:scores.ms'),
    met: (v) => v < 500,
    show: (v, f) => `${ms(v)} (median, ${get(f, 'postgres:scores.partners') ?? '?'} partners)`,
  },
  {
    figure: 'PGlite (the embedded default) `/escalate` ack p99, 20 concurrent clients',
    goal: '< 100 ms',
    scenario: 'escalate',
    value: (f) => get(f, 'pglite:escalate.ackP99'),
    met: (v) => v < 100,
    show: ms,
  },
  {
    figure: 'PGlite `/escalate` ack p99 at 30/s vs bare Bolt in the same run',
    goal: '≤ 2×',
    scenario: 'ack',
    value: (f) => get(f, 'pglite:ack.escalate.30.ratio'),
    met: (v) => v <= 2,
    show: (v, f) =>
      `${times(v)} (${ms(get(f, 'pglite:ack.escalate.30.accordP99') ?? NaN)} / ${ms(get(f, 'pglite:ack.escalate.30.bareP99') ?? NaN)})`,
  },
];

export interface GoalResult {
  goal: Goal;
  verdict: Verdict;
  measured: string;
}

export function judge(f: Figures): GoalResult[] {
  return goals.map((goal) => {
    const v = goal.value(f);
    if (v === undefined || Number.isNaN(v)) return { goal, verdict: 'not run', measured: '—' };
    return { goal, verdict: goal.met(v) ? 'MET' : 'MISSED', measured: goal.show(v, f) };
  });
}

export function goalsTable(f: Figures): string {
  return [
    '| figure | measured | goal | verdict |',
    '|---|---|---|---|',
    ...judge(f).map(
      (r) =>
        `| ${r.goal.figure} | ${r.measured} | ${r.goal.goal} | ${r.verdict === 'not run' ? `not run (\`${r.goal.scenario}\`)` : r.verdict} |`,
    ),
  ].join('\n');
}

// ---- how cost grows ----------------------------------------------------------------------------

export interface ScalePoint {
  /** Rows of the data the cost is measured against (escalations, open timers, partners). */
  size: number;
  /** The cost of one operation at that size. */
  cost: number;
}

export interface ScaleSeries {
  what: string;
  unit: string;
  points: ScalePoint[];
  /**
   * How much the cost may grow from the smallest to the largest size and still count as flat:
   * `factor` times the first, plus `plus` in the unit (measurement noise on a shared machine).
   */
  tolerance: { factor: number; plus: number };
  /** Sequential scans on large tables seen in the plans of this operation at the largest size. */
  seqScans?: string[];
}

export type FlatVerdict = 'flat' | 'GROWS' | 'not run';

export function flatness(s: ScaleSeries): FlatVerdict {
  const sorted = [...s.points].filter((p) => Number.isFinite(p.cost)).sort((a, b) => a.size - b.size);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || sorted.length < 2) return 'not run';
  if ((s.seqScans?.length ?? 0) > 0) return 'GROWS';
  return last.cost <= first.cost * s.tolerance.factor + s.tolerance.plus ? 'flat' : 'GROWS';
}

const fmtCost = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function scalingTable(series: readonly ScaleSeries[]): string {
  return [
    '| operation | cost at each size | verdict |',
    '|---|---|---|',
    ...series.map((s) => {
      const points = [...s.points]
        .sort((a, b) => a.size - b.size)
        .map((p) => `${p.size.toLocaleString('en-US')}: ${fmtCost(p.cost)} ${s.unit}`)
        .join('; ');
      const scans = s.seqScans?.length ? ` (sequential scan: ${s.seqScans.join(', ')})` : '';
      const verdict = flatness(s);
      return `| ${s.what} | ${points || '—'} | ${verdict}${scans}${verdict === 'flat' || verdict === 'GROWS' ? ` (flat: ≤ ${s.tolerance.factor}× + ${s.tolerance.plus} ${s.unit})` : ''} |`;
    }),
  ].join('\n');
}

/** Table names in an EXPLAIN plan's `Seq Scan on <table>` lines. */
export function seqScannedTables(plan: string): string[] {
  return [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] ?? '').filter(Boolean);
}
