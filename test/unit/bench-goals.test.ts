import { describe, expect, it } from 'vitest';
import {
  flatness,
  goals,
  goalsTable,
  judge,
  scalingTable,
  seqScannedTables,
  type ScaleSeries,
} from '../../bench/goals';
import { tpsOf } from '../../bench/pgbench';

const verdictOf = (figures: Record<string, number>, figure: string) =>
  judge(new Map(Object.entries(figures))).find((r) => r.goal.figure.startsWith(figure))?.verdict;

describe('the bench goals', () => {
  it('says "not run" for every goal when nothing was measured, naming the scenario to run', () => {
    const results = judge(new Map());
    expect(results.map((r) => r.verdict)).toEqual(goals.map(() => 'not run'));
    expect(goalsTable(new Map())).toContain('not run (`fanout`)');
  });

  it('judges each bound on the right side, including the bound itself', () => {
    expect(verdictOf({ 'postgres:ack.escalate.300.ratio': 1.5 }, '`/escalate` ack p99 at 300/s')).toBe('MET');
    expect(verdictOf({ 'postgres:ack.escalate.300.ratio': 1.51 }, '`/escalate` ack p99 at 300/s')).toBe('MISSED');
    expect(verdictOf({ 'postgres:timers.p99Ms': 999 }, 'timers:')).toBe('MET');
    expect(verdictOf({ 'postgres:timers.p99Ms': 1000 }, 'timers:')).toBe('MISSED');
    expect(verdictOf({ 'postgres:escalate.statements': 12 }, 'statements per')).toBe('MET');
    expect(verdictOf({ 'postgres:escalate.statements': 13 }, 'statements per')).toBe('MISSED');
    expect(verdictOf({ 'postgres:timers.notOnce': 1 }, '…all of them done')).toBe('MISSED');
    expect(verdictOf({ 'postgres:timers.notOnce': 0 }, '…all of them done')).toBe('MET');
  });

  it('never counts a work queue that did not drain as met', () => {
    expect(verdictOf({ 'postgres:ack.escalate.300.drainS': Infinity }, '…and the work after the ack')).toBe('MISSED');
    const table = goalsTable(new Map([['postgres:ack.escalate.300.drainS', Infinity]]));
    expect(table).toContain('not drained');
  });

  it('compares the job engine with pgbench only when both ran', () => {
    expect(verdictOf({ 'postgres:jobs.perSecond': 900 }, 'job engine')).toBe('not run');
    expect(verdictOf({ 'postgres:pgbench.tps': 2000 }, 'job engine')).toBe('not run');
    expect(verdictOf({ 'postgres:jobs.perSecond': 1000, 'postgres:pgbench.tps': 2000 }, 'job engine')).toBe('MET');
    expect(verdictOf({ 'postgres:jobs.perSecond': 999, 'postgres:pgbench.tps': 2000 }, 'job engine')).toBe('MISSED');
  });

  it("judges the fan-out against the run's own bound", () => {
    const at = (seconds: number, bound: number) =>
      verdictOf({ 'postgres:fanout.seconds': seconds, 'postgres:fanout.boundSeconds': bound }, 'check-in fan-out');
    expect(at(110, 100)).toBe('MET');
    expect(at(111, 100)).toBe('MISSED');
    expect(at(20, 10)).toBe('MISSED');
  });

  it('keeps PGlite and PostgreSQL figures apart', () => {
    expect(verdictOf({ 'postgres:escalate.ackP99': 50 }, 'PGlite (the embedded default)')).toBe('not run');
    expect(verdictOf({ 'pglite:escalate.ackP99': 50 }, 'PGlite (the embedded default)')).toBe('MET');
  });
});

describe('how cost grows', () => {
  const series = (costs: number[], seqScans?: string[]): ScaleSeries => ({
    what: 'x',
    unit: 'ms',
    points: costs.map((cost, i) => ({ size: 10 ** (i + 3), cost })),
    tolerance: { factor: 1.5, plus: 1 },
    ...(seqScans ? { seqScans } : {}),
  });

  it('is flat within the tolerance and grows beyond it, whatever the order of the points', () => {
    expect(flatness(series([4, 5, 7]))).toBe('flat');
    expect(flatness(series([4, 5, 7.01]))).toBe('GROWS');
    expect(
      flatness({
        ...series([]),
        points: [
          { size: 100_000, cost: 9 },
          { size: 1000, cost: 2 },
        ],
      }),
    ).toBe('GROWS');
  });

  it('is never flat with a sequential scan of a large table, and needs two sizes', () => {
    expect(flatness(series([4, 4, 4], ['jobs']))).toBe('GROWS');
    expect(flatness(series([4]))).toBe('not run');
    expect(scalingTable([series([4, 4, 4], ['jobs in “select …”'])])).toContain('sequential scan: jobs in');
  });

  it('finds the tables of sequential scans in a plan', () => {
    const plan = [
      'Update on jobs',
      '  ->  Seq Scan on jobs  (cost=0.00..1.01 rows=1)',
      '  ->  Index Scan using x on escalations',
    ].join('\n');
    expect(seqScannedTables(plan)).toEqual(['jobs']);
  });
});

describe('pgbench', () => {
  it("reads the tps from pgbench's report, not the one with connection time", () => {
    const report =
      'number of transactions actually processed: 40000\nlatency average = 2.0 ms\ntps = 1987.654321 (without initial connection time)\n';
    expect(tpsOf(report)).toBeCloseTo(1987.654321);
    expect(tpsOf('tps = 12 (including connections establishing)')).toBeUndefined();
  });
});
