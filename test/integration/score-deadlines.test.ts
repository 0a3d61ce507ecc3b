import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../../src/db/client';
import { backfillEscalationDeadlines } from '../../src/db/backfill-deadlines';
import { escalations, partners, projects } from '../../src/db/schema';
import { defaultPolicies, effectivePolicy, escalationDeadlines } from '../../src/domain/escalations/policy';
import { periodRange, type Period } from '../../src/domain/period';
import { computeScore, type Evidence } from '../../src/domain/scores/score';
import { addWorkingTime } from '../../src/domain/working-time';
import { undatedEscalations } from '../../src/services/scores/evidence';
import { scoresFor } from '../../src/services/scores/scores';
import { drivers, openTestDatabase } from '../../src/testkit/databases';
import { people } from '../../src/testkit/world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A small seeded generator, so every run writes the same escalations. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The escalation evidence as scores computed it before the deadlines were stored: every row of
 * the period read, and both deadlines worked out from the frozen policy in the project's zone.
 */
async function escalationEvidenceBefore(
  db: DbOrTx,
  partnerIds: readonly number[],
  period: Period,
  tz: string,
  now: Date,
): Promise<Map<number, Evidence['escalations']>> {
  const out = new Map(partnerIds.map((id) => [id, { due: 0, ackedInSla: 0, resolveDue: 0, resolvedInSla: 0 }]));
  const { start, end } = periodRange(period, tz);
  const rows = await db
    .select({ e: escalations, tz: projects.timeZone })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .where(
      and(
        inArray(escalations.targetPartnerId, [...partnerIds]),
        gte(escalations.openedAt, start),
        lt(escalations.openedAt, end),
        sql`${escalations.status} <> 'cancelled'`,
      ),
    );
  const outcome = (openedAt: Date, doneAt: Date | null, ms: number, hours: '24x7' | 'business', zone: string) => {
    const deadline = addWorkingTime(openedAt, ms, hours, zone).getTime();
    if (doneAt) return doneAt.getTime() <= deadline ? 'within' : 'late';
    return deadline <= now.getTime() ? 'late' : 'not_due';
  };
  for (const { e, tz: zone } of rows) {
    const target = e.targetPartnerId === null ? undefined : out.get(e.targetPartnerId);
    if (!target) continue;
    const ack = outcome(e.openedAt, e.acknowledgedAt, e.policy.ackMs, e.policy.hours, zone);
    if (ack !== 'not_due') {
      target.due += 1;
      if (ack === 'within') target.ackedInSla += 1;
    }
    const resolve = outcome(e.openedAt, e.resolvedAt, e.policy.resolveMs, e.policy.hours, zone);
    if (resolve !== 'not_due') {
      target.resolveDue += 1;
      if (resolve === 'within') target.resolvedInSla += 1;
    }
  }
  return out;
}

const PERIODS: Period[] = [
  { kind: 'month', year: 2026, month: 1 },
  { kind: 'month', year: 2026, month: 2 },
  { kind: 'month', year: 2026, month: 3 },
  { kind: 'month', year: 2026, month: 4 },
  { kind: 'quarter', year: 2026, quarter: 1 },
];
const ZONES = ['UTC', 'Europe/Riga', 'America/New_York', 'Asia/Kathmandu'];

describe.each(drivers)('scores from stored deadlines (%s)', (driver) => {
  let database: Database;
  const partnerIds: number[] = [];
  /** Deadlines of some escalations, so a few are done, and a few "now"s fall, exactly at one. */
  const boundaries: Date[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const db = database.db;
    const created = new Date('2025-12-01T00:00:00Z');
    const projectRows = await db
      .insert(projects)
      .values(
        ZONES.map((timeZone, i) => ({
          slug: `deadline-${i}`,
          name: `Deadline ${i}`,
          customer: 'Customer',
          channelId: `CDEADLINE${i}`,
          timeZone,
          ownerUserId: people.victor.id,
          createdAt: created,
        })),
      )
      .returning({ id: projects.id, timeZone: projects.timeZone });
    const partnerRows = await db
      .insert(partners)
      .values(
        Array.from({ length: 6 }, (_, i) => ({
          slug: `deadline-p${i}`,
          name: `Deadline partner ${i}`,
          createdBy: people.alice.id,
          createdAt: created,
        })),
      )
      .returning({ id: partners.id });
    partnerIds.push(...partnerRows.map((p) => p.id));

    // Written as rows from before the deadline columns: without them. Openings from mid-January
    // to mid-April, across New York's and Riga's DST changes; done early, late, exactly at the
    // deadline, or not at all; some cancelled.
    const next = lcg(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const rows: Array<typeof escalations.$inferInsert> = [];
    const base = Date.UTC(2026, 0, 15);
    for (let i = 0; i < 800; i += 1) {
      const project = pick(projectRows);
      const severity = pick(['sev1', 'sev2', 'sev3', 'sev4'] as const);
      const business = next() < 0.6;
      const policy = business ? effectivePolicy(severity, { hours: 'business' }) : defaultPolicies[severity];
      const openedAt = new Date(base + Math.floor(next() * 90 * DAY) + Math.floor(next() * 1000));
      const d = escalationDeadlines(openedAt, policy, project.timeZone);
      const done = (deadline: Date, ms: number) => {
        const x = next();
        if (x < 0.25) return null;
        if (x < 0.35) return deadline;
        if (x < 0.45) return new Date(deadline.getTime() + 1);
        return new Date(openedAt.getTime() + Math.floor(next() * 3 * ms));
      };
      const acknowledgedAt = done(d.ackDeadline, policy.ackMs);
      const resolvedAt = acknowledgedAt ? done(d.resolveDeadline, policy.resolveMs) : null;
      if (i % 80 === 0) boundaries.push(d.ackDeadline, d.resolveDeadline);
      const cancelled = next() < 0.05;
      rows.push({
        projectId: project.id,
        severity,
        title: `Deadline ${i}`,
        targetPartnerId: pick(partnerIds),
        status: cancelled ? 'cancelled' : resolvedAt ? 'resolved' : acknowledgedAt ? 'acknowledged' : 'open',
        policy,
        notifiedAt: openedAt,
        openedBy: people.victor.id,
        openedAt,
        acknowledgedBy: acknowledgedAt ? people.pat.id : null,
        acknowledgedAt,
        resolvedBy: resolvedAt ? people.pat.id : null,
        resolvedAt,
        cancelledBy: cancelled ? people.victor.id : null,
        cancelledAt: cancelled ? new Date(openedAt.getTime() + MINUTE) : null,
      });
    }
    await db.insert(escalations).values(rows);
  });
  afterAll(async () => {
    await database.close();
  });

  const nows = () => [
    new Date('2026-02-10T12:00:00Z'),
    new Date('2026-03-31T23:59:59.999Z'),
    new Date('2026-06-01T00:00:00Z'),
    ...boundaries,
  ];

  /** Both ways for every period and "now": the same counts, hence the same scores. */
  async function expectSameAsBefore() {
    const db = database.db;
    for (const now of nows()) {
      const after = await scoresFor(db, partnerIds, PERIODS, 'UTC', now);
      for (const [i, period] of PERIODS.entries()) {
        const before = await escalationEvidenceBefore(db, partnerIds, period, 'UTC', now);
        for (const id of partnerIds) {
          const at = `partner ${id}, ${JSON.stringify(period)}, now ${now.toISOString()}`;
          const scored = after[i]?.get(id);
          const expected = before.get(id);
          expect(scored?.evidence.escalations, at).toEqual(expected);
          if (scored && expected)
            expect(scored.score, at).toEqual(computeScore({ ...scored.evidence, escalations: expected }));
        }
      }
    }
  }

  it('scores rows without stored deadlines as before', async () => {
    const undated = await undatedEscalations(database.db, partnerIds, new Date(0), new Date('2027-01-01'));
    expect(undated.length).toBeGreaterThan(700);
    await expectSameAsBefore();
  });

  it('fills in every deadline at start-up with the domain rule, and scores the stored ones as before', async () => {
    const db = database.db;
    expect(await backfillEscalationDeadlines(db)).toBe(800);
    const rows = await db
      .select({
        openedAt: escalations.openedAt,
        policy: escalations.policy,
        tz: projects.timeZone,
        ackDeadline: escalations.ackDeadline,
        resolveDeadline: escalations.resolveDeadline,
      })
      .from(escalations)
      .innerJoin(projects, eq(projects.id, escalations.projectId));
    for (const r of rows)
      expect({ ackDeadline: r.ackDeadline, resolveDeadline: r.resolveDeadline }).toEqual(
        escalationDeadlines(r.openedAt, r.policy, r.tz),
      );
    // Nothing left for the old path: the counts below come from the SQL comparisons alone.
    expect(await undatedEscalations(db, partnerIds, new Date(0), new Date('2027-01-01'))).toEqual([]);
    await expectSameAsBefore();
    // A second start finds nothing to do.
    expect(await backfillEscalationDeadlines(db)).toBe(0);
  });
});
