/**
 * Score scenario of `npm run bench` (see bench/run.ts): a year of evidence for a network of
 * partners, written in bulk, then how long `scoresFor` takes for all partners and all twelve
 * months, and how long `/score` takes from the signed command to the reply at its response_url.
 */
import { and, eq, getTableColumns, getTableName, gte, inArray, lt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { performance } from 'node:perf_hooks';
import type { Db } from '../src/db/client';
import { queryRows } from '../src/db/rows';
import {
  checkinAnswers,
  checkinMisses,
  checkinRuns,
  escalations,
  kpiReadings,
  kpiTargets,
  partnerMembers,
  partners,
  partnerViolations,
  projectPartners,
  projects,
  ratings,
  riskOverdueFlags,
  risks,
} from '../src/db/schema';
import { questionSet, riskAreas } from '../src/domain/checkins/questions';
import {
  defaultPolicies,
  effectivePolicy,
  escalationDeadlines,
  type SlaPolicy,
} from '../src/domain/escalations/policy';

import { addWorkingTime } from '../src/domain/working-time';
import type { RecordedResponse } from '../src/sandbox/stand-in';
import { escalationCountsQuery, undatedEscalations } from '../src/services/scores/evidence';
import { scoresFor } from '../src/services/scores/scores';
import { openTestDatabase, type Driver } from '../src/testkit/databases';
import { startHarness } from '../src/testkit/harness';
import { people, PINNED_START } from '../src/testkit/world';
import { isQueuedReply } from '../src/messages/replies';
import type { Measured } from './escalations';
import { formatPeriod, periodRange, previousPeriods, type Period } from '../src/domain/period';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Rows per INSERT (one JSON parameter each). */
const BATCH = 5000;

/** The last month with evidence; the year runs March 2025–February 2026. */
const LAST_MONTH: Period = { kind: 'month', year: 2026, month: 2 };
export const benchMonths: Period[] = [...previousPeriods(LAST_MONTH, 11), LAST_MONTH];
/** "Now" for every score: the harness's pinned clock, two days into March 2026. */
const NOW = PINNED_START;

const PROJECTS = 10;
const ESCALATIONS_PER_MONTH = 5;
const RATINGS_PER_MONTH = 3;
const SYNC_RUNS_PER_MONTH = 2;
const MEMBERS_PER_PARTNER = 2;
const KPIS = [
  {
    metric: 'service_level',
    op: '>=' as const,
    value: 80,
    unit: '%' as const,
    reading: (q: number, r: () => number) => 60 + 40 * q * (0.8 + 0.4 * r()),
  },
  {
    metric: 'aht',
    op: '<=' as const,
    value: 300,
    unit: 's' as const,
    reading: (q: number, r: () => number) => 480 - 220 * q * (0.8 + 0.4 * r()),
  },
  {
    metric: 'fcr',
    op: '>=' as const,
    value: 70,
    unit: '%' as const,
    reading: (q: number, r: () => number) => 50 + 35 * q * (0.8 + 0.4 * r()),
  },
];
const SEVERITIES = [
  { severity: 'sev1' as const, share: 0.05 },
  { severity: 'sev2' as const, share: 0.2 },
  { severity: 'sev3' as const, share: 0.5 },
  { severity: 'sev4' as const, share: 0.25 },
];
const TIME_ZONES = ['UTC', 'Europe/Riga', 'America/New_York', 'Asia/Singapore'];

/** A small seeded generator, so every run writes the same data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Rows written as one JSON document per batch (`json_populate_recordset`), several times faster
 * than a multi-row VALUES with a parameter per field; columns left out get their defaults.
 * Answers the `returning` columns (by their SQL names) of every row written.
 */
async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: Array<T['$inferInsert']>,
  returning: string[] = [],
): Promise<Array<Record<string, unknown>>> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const name = sql.identifier(getTableName(table));
  const out: Array<Record<string, unknown>> = [];
  await insertAll(rows, async (chunk) => {
    const keys = [...new Set(chunk.flatMap((r) => Object.keys(r as object)))];
    const names = keys.map((k) => columns[k]?.name ?? k);
    const json = chunk.map((r) =>
      Object.fromEntries(keys.map((k, i) => [names[i], (r as Record<string, unknown>)[k] ?? null])),
    );
    const identifiers = (xs: string[]) =>
      sql.join(
        xs.map((x) => sql.identifier(x)),
        sql`, `,
      );
    const list = identifiers(names);
    const back = returning.length > 0 ? sql` returning ${identifiers(returning)}` : sql``;
    out.push(
      ...(await queryRows<Record<string, unknown>>(
        db,
        sql`insert into ${name} (${list}) select ${list} from json_populate_recordset(null::${name}, ${JSON.stringify(json)}::json)${back}`,
      )),
    );
  });
  return out;
}

export interface ScoreData {
  partnerIds: number[];
  slugs: string[];
  /** Rows written per table, for the notes. */
  counts: Record<string, number>;
  seconds: number;
}

/**
 * A year of evidence for `partnerCount` active partners spread over ten shared projects: per
 * partner and month about five escalations aimed at it (most acknowledged and resolved within
 * their frozen SLA, some late, a few cancelled or still open), three ratings, three KPI readings
 * against the default targets, four check-in expectations (two members, two sync check-ins) with
 * answers and misses, a risk due for review (some flagged overdue by a risk check-in), and now and
 * then a violation. Each partner has its own reliability, so the scores spread out.
 */
export async function seedScoreEvidence(db: Db, partnerCount: number): Promise<ScoreData> {
  const t0 = performance.now();
  const rnd = mulberry32(20260302);
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const created = new Date('2025-01-15T10:00:00Z');
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);

  const projectRows = await db
    .insert(projects)
    .values(
      Array.from({ length: PROJECTS }, (_, i) => ({
        slug: `score-bench-${i}`,
        name: `Score bench ${i}`,
        customer: `Customer ${i}`,
        channelId: `CSCOREBENCH${i}`,
        timeZone: TIME_ZONES[i % TIME_ZONES.length] ?? 'UTC',
        ownerUserId: people.victor.id,
        createdAt: created,
      })),
    )
    .returning({ id: projects.id, timeZone: projects.timeZone });
  count('projects', projectRows.length);
  // Every third project runs its SLAs on business hours, so both deadline computations are exercised.
  const businessHours = (projectIndex: number) => projectIndex % 3 === 0;

  const slugs = Array.from({ length: partnerCount }, (_, i) => `sp${String(i + 1).padStart(4, '0')}`);
  const partnerIds: number[] = [];
  await insertAll(slugs, async (chunk) => {
    const rows = await db
      .insert(partners)
      .values(
        chunk.map((slug) => ({
          slug,
          name: `Score Partner ${slug.slice(2)}`,
          tier: pick(['registered', 'silver', 'gold', 'platinum'] as const),
          createdBy: people.alice.id,
          createdAt: created,
        })),
      )
      .returning({ id: partners.id });
    partnerIds.push(...rows.map((r) => r.id));
  });
  count('partners', partnerIds.length);
  const members = (p: number) =>
    Array.from(
      { length: MEMBERS_PER_PARTNER },
      (_, m) => `U0SB${String(p).padStart(4, '0')}${String.fromCharCode(65 + m)}`,
    );
  const projectOf = (p: number) => p % PROJECTS;
  const memberRows = partnerIds.flatMap((id, p) =>
    members(p).map((userId, m) => ({
      partnerId: id,
      userId,
      lead: m === 0,
      addedBy: people.alice.id,
      addedAt: created,
    })),
  );
  await bulkInsert(db, partnerMembers, memberRows);
  count('partner_members', memberRows.length);
  const linkRows = partnerIds.map((id, p) => ({
    projectId: projectRows[projectOf(p)]?.id ?? 0,
    partnerId: id,
    position: Math.floor(p / PROJECTS) + 1,
  }));
  await bulkInsert(db, projectPartners, linkRows);

  const defaults = KPIS.map((k) => ({
    partnerId: null,
    metric: k.metric,
    op: k.op,
    value: k.value,
    unit: k.unit,
    updatedBy: people.alice.id,
    updatedAt: created,
  }));
  // A tenth of the partners have a stricter service level of their own.
  const own = partnerIds
    .filter((_, p) => p % 10 === 0)
    .map((id) => ({
      partnerId: id,
      metric: 'service_level',
      op: '>=' as const,
      value: 85,
      unit: '%' as const,
      updatedBy: people.alice.id,
      updatedAt: created,
    }));
  await db.insert(kpiTargets).values([...defaults, ...own]);
  count('kpi_targets', defaults.length + own.length);

  // How reliable each partner is: 0.55–0.98.
  const quality = partnerIds.map(() => between(0.55, 0.98));

  // Check-in runs: two sync check-ins per project and month expecting every member of its
  // partners, and one risk check-in (the one that flags overdue reviews) expecting nobody.
  const runSpecs: Array<{ project: number; month: number; kind: 'sync' | 'risk'; occurrence: Date }> = [];
  benchMonths.forEach((period, month) => {
    const { start } = periodRange(period, 'UTC');
    for (let project = 0; project < PROJECTS; project += 1) {
      for (let k = 0; k < SYNC_RUNS_PER_MONTH; k += 1)
        runSpecs.push({
          project,
          month,
          kind: 'sync',
          occurrence: new Date(start.getTime() + (6 + 14 * k) * DAY + 9 * HOUR),
        });
      runSpecs.push({ project, month, kind: 'risk', occurrence: new Date(start.getTime() + 14 * DAY + 10 * HOUR) });
    }
  });
  const partnersOfProject = (project: number) => partnerIds.map((_, p) => p).filter((p) => projectOf(p) === project);
  const syncQuestions = questionSet('sync');
  const riskQuestions = questionSet('risk');
  const runIds: number[] = [];
  await insertAll(runSpecs, async (chunk) => {
    const rows = await db
      .insert(checkinRuns)
      .values(
        chunk.map((r) => ({
          projectId: projectRows[r.project]?.id ?? 0,
          kind: r.kind,
          occurrence: r.occurrence,
          postedAt: r.occurrence,
          questions: r.kind === 'sync' ? syncQuestions : riskQuestions,
          expected: r.kind === 'sync' ? partnersOfProject(r.project).flatMap(members) : [],
          remindAt: new Date(r.occurrence.getTime() + 4 * HOUR),
          closeAt: new Date(r.occurrence.getTime() + DAY),
          status: 'closed' as const,
          createdBy: 'system',
        })),
      )
      .returning({ id: checkinRuns.id });
    runIds.push(...rows.map((r) => r.id));
  });
  count('checkin_runs', runIds.length);
  const answers: Array<typeof checkinAnswers.$inferInsert> = [];
  const misses: Array<typeof checkinMisses.$inferInsert> = [];
  const riskRunOf = new Map<string, { id: number; at: Date }>();
  runSpecs.forEach((r, i) => {
    const runId = runIds[i] ?? 0;
    if (r.kind === 'risk') {
      riskRunOf.set(`${r.project}:${r.month}`, { id: runId, at: r.occurrence });
      return;
    }
    for (const p of partnersOfProject(r.project)) {
      for (const userId of members(p)) {
        if (rnd() < (quality[p] ?? 0.8)) {
          const at = new Date(r.occurrence.getTime() + between(0.2, 20) * HOUR);
          answers.push({
            runId,
            userId,
            values: {
              status: pick(['on_track', 'at_risk', 'off_track']),
              progress: 'Migrated the second site.',
              next_steps: 'Cut over next week.',
            },
            via: 'form',
            answeredAt: at,
            updatedAt: at,
          });
        } else {
          misses.push({ runId, userId, partnerId: partnerIds[p] ?? 0, at: new Date(r.occurrence.getTime() + DAY) });
        }
      }
    }
  });
  await bulkInsert(db, checkinAnswers, answers);
  await bulkInsert(db, checkinMisses, misses);
  count('checkin_answers', answers.length);
  count('checkin_misses', misses.length);

  const escalationRows: Array<typeof escalations.$inferInsert> = [];
  const ratingRows: Array<typeof ratings.$inferInsert> = [];
  const readingRows: Array<typeof kpiReadings.$inferInsert> = [];
  const riskRows: Array<typeof risks.$inferInsert> = [];
  const riskFlagPlans: Array<{ p: number; month: number; reviewOn: string; overdue: boolean }> = [];
  const violationRows: Array<typeof partnerViolations.$inferInsert> = [];
  const policies = new Map<string, SlaPolicy>();
  const policyFor = (severity: keyof typeof defaultPolicies, business: boolean) => {
    const key = `${severity}:${business}`;
    let policy = policies.get(key);
    if (!policy) {
      policy = business
        ? effectivePolicy(severity, { hours: 'business' })
        : { ...defaultPolicies[severity], levels: [...defaultPolicies[severity].levels] };
      policies.set(key, policy);
    }
    return policy;
  };
  const severityOf = () => {
    let x = rnd();
    for (const s of SEVERITIES) {
      x -= s.share;
      if (x < 0) return s.severity;
    }
    return 'sev3' as const;
  };

  benchMonths.forEach((period, month) => {
    const { start, end } = periodRange(period, 'UTC');
    const span = end.getTime() - start.getTime();
    const inMonth = () => new Date(start.getTime() + rnd() * span);
    partnerIds.forEach((partnerId, p) => {
      const q = quality[p] ?? 0.8;
      const project = projectOf(p);
      const projectId = projectRows[project]?.id ?? 0;
      const [lead] = members(p);
      // Escalations: 3–7 a month, about five.
      const n = ESCALATIONS_PER_MONTH - 2 + Math.floor(rnd() * 5);
      for (let k = 0; k < n; k += 1) {
        const severity = severityOf();
        const policy = policyFor(severity, businessHours(project));
        const openedAt = inMonth();
        const opened = openedAt.getTime();
        const ackAt = opened + (rnd() < q ? between(0.05, 0.9) : between(1.2, 4)) * policy.ackMs;
        const resolveAt = Math.max(
          ackAt + MINUTE,
          opened + (rnd() < q ? between(0.1, 0.9) : between(1.1, 3)) * policy.resolveMs,
        );
        const now = NOW.getTime();
        const cancelled = rnd() < 0.03;
        const acked = !cancelled && ackAt <= now;
        const resolved = acked && resolveAt <= now;
        escalationRows.push({
          projectId,
          severity,
          title: `Bench escalation ${month}-${p}-${k}`,
          targetPartnerId: partnerId,
          status: cancelled ? 'cancelled' : resolved ? 'resolved' : acked ? 'acknowledged' : 'open',
          policy,
          notifiedAt: openedAt,
          openedBy: people.victor.id,
          openedAt,
          // As /escalate writes them: the scores compare against these.
          ...escalationDeadlines(openedAt, policy, projectRows[project]?.timeZone ?? 'UTC'),
          acknowledgedBy: acked ? lead : null,
          acknowledgedAt: acked ? new Date(ackAt) : null,
          resolvedBy: resolved ? lead : null,
          resolvedAt: resolved ? new Date(resolveAt) : null,
          resolution: resolved ? 'Restored service.' : null,
          cancelledBy: cancelled ? people.victor.id : null,
          cancelledAt: cancelled ? new Date(opened + HOUR) : null,
          cancelReason: cancelled ? 'Raised by mistake.' : null,
          breachedAt:
            !cancelled && resolveAt > opened + policy.resolveMs && opened + policy.resolveMs <= now
              ? new Date(opened + policy.resolveMs)
              : null,
        });
      }
      for (let k = 0; k < RATINGS_PER_MONTH; k += 1) {
        const rating = Math.max(1, Math.min(5, Math.round(1 + 4 * q + between(-1.2, 0.8))));
        ratingRows.push({
          partnerId,
          rating,
          comment: k === 0 ? 'Bench rating.' : null,
          ratedBy: people.victor.id,
          ratedAt: inMonth(),
        });
      }
      const recordedAt = new Date(end.getTime() + between(1, 4) * DAY);
      for (const k of KPIS) {
        readingRows.push({
          partnerId,
          period: formatPeriod(period),
          metric: k.metric,
          value: Math.round(k.reading(q, rnd) * 10) / 10,
          unit: k.unit,
          recordedBy: people.victor.id,
          recordedAt: recordedAt < NOW ? recordedAt : NOW,
        });
      }
      const reviewOn = new Date(start.getTime() + Math.floor(rnd() * 26) * DAY).toISOString().slice(0, 10);
      riskRows.push({
        projectId,
        title: `Bench risk ${month}-${p}`,
        category: pick(riskAreas),
        likelihood: 1 + Math.floor(rnd() * 5),
        impact: 1 + Math.floor(rnd() * 5),
        ownerUserId: lead,
        partnerId,
        reviewOn,
        mitigation: 'Second supplier on standby.',
        createdBy: people.victor.id,
        createdAt: start,
        updatedBy: people.victor.id,
        updatedAt: start,
      });
      riskFlagPlans.push({ p, month, reviewOn, overdue: rnd() > q });
      const v = rnd();
      if (v < 0.01)
        violationRows.push({
          partnerId,
          severity: 'major',
          description: 'Data handling breach.',
          recordedBy: people.alice.id,
          recordedAt: inMonth(),
        });
      else if (v < 0.09)
        violationRows.push({
          partnerId,
          severity: 'minor',
          description: 'Missed a change window.',
          recordedBy: people.alice.id,
          recordedAt: inMonth(),
        });
    });
  });
  await bulkInsert(db, escalations, escalationRows);
  await bulkInsert(db, ratings, ratingRows);
  await bulkInsert(db, kpiReadings, readingRows);
  await bulkInsert(db, partnerViolations, violationRows);
  count('escalations', escalationRows.length);
  count('ratings', ratingRows.length);
  count('kpi_readings', readingRows.length);
  count('partner_violations', violationRows.length);

  const riskIdOf = new Map(
    (await bulkInsert(db, risks, riskRows, ['id', 'title'])).map((r) => [String(r.title), Number(r.id)]),
  );
  const riskIds = riskRows.map((r) => riskIdOf.get(r.title) ?? 0);
  count('risks', riskIdOf.size);
  // An overdue review is flagged by the next risk check-in after its date (this month's if the
  // date came before it, else next month's; the year's last ones may go unflagged).
  const flags: Array<typeof riskOverdueFlags.$inferInsert> = [];
  riskFlagPlans.forEach((plan, i) => {
    if (!plan.overdue) return;
    const project = projectOf(plan.p);
    const thisMonth = riskRunOf.get(`${project}:${plan.month}`);
    const run =
      thisMonth && thisMonth.at.toISOString().slice(0, 10) > plan.reviewOn
        ? thisMonth
        : riskRunOf.get(`${project}:${plan.month + 1}`);
    if (!run) return;
    flags.push({
      riskId: riskIds[i] ?? 0,
      runId: run.id,
      reviewOn: plan.reviewOn,
      partnerId: partnerIds[plan.p] ?? 0,
      at: run.at,
    });
  });
  await bulkInsert(db, riskOverdueFlags, flags);
  count('risk_overdue_flags', flags.length);
  // As autovacuum would have done long before anyone asked for a year of scores.
  await db.execute(sql`analyze`);
  return { partnerIds, slugs, counts, seconds: (performance.now() - t0) / 1000 };
}

export interface ScoreOptions {
  /** Partners seeded (all active). */
  partners: number;
  /** Repeats of the full computation (after one warm-up). */
  repeats: number;
  /** `/score` requests of each kind, and how many clients send them side by side. */
  requests: number;
  concurrency: number;
}

/** `concurrency` clients sending `send(i)` back to back until `total` are done; how many seconds it took. */
async function load(total: number, concurrency: number, send: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next;
        next += 1;
        await send(i);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

/**
 * Seeds a year of evidence into a running Accord's database, then:
 * - `scoresFor` for every partner and all twelve months, `repeats` times after a warm-up (the
 *   goal: under half a second on PostgreSQL), and each month's part of it;
 * - `/score <partner> period=2026-02` (the month and the five before it) and `/score period=2026-02`
 *   (the table of every active partner), signed requests from a vendor user, timed from sending
 *   the command until the reply is recorded at its response_url.
 */
export async function scoreTimes(driver: Driver, o: ScoreOptions): Promise<{ rows: Measured[]; notes: string[] }> {
  const h = await startHarness({ driver });
  try {
    const db = h.accord.database.db;
    const data = await seedScoreEvidence(db, o.partners);
    const rows: Measured[] = [];
    const notes = [
      `${driver}: score data for ${o.partners} partners × ${benchMonths.length} months (${formatPeriod(benchMonths[0] ?? LAST_MONTH)}–${formatPeriod(LAST_MONTH)}) written in ${data.seconds.toFixed(1)} s: ` +
        `${Object.entries(data.counts)
          .map(([table, n]) => `${n} ${table}`)
          .join(', ')}.`,
    ];

    const totals: number[] = [];
    const perMonth: number[] = [];
    let scored = 0;
    for (let round = 0; round <= o.repeats; round += 1) {
      const t = performance.now();
      const result = await scoresFor(db, data.partnerIds, benchMonths, 'UTC', NOW);
      const ms = performance.now() - t;
      if (round > 0) totals.push(ms);
      scored = result.reduce((n, m) => n + [...m.values()].filter((s) => s.score.y !== null).length, 0);
    }
    // Each month alone, once: the size of one `/score` table (every partner, one month).
    for (const period of benchMonths) {
      const tm = performance.now();
      await scoresFor(db, data.partnerIds, [period], 'UTC', NOW);
      perMonth.push(performance.now() - tm);
    }
    const cells = o.partners * benchMonths.length;
    const target = driver === 'postgres' ? '; goal < 500 ms' : '';
    rows.push({
      scenario: `scoresFor: ${o.partners} partners × ${benchMonths.length} months, total per call`,
      samples: totals,
      figures: {
        'scores.ms': [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)] ?? 0,
        'scores.partners': o.partners,
      },
      extra: `${o.repeats} calls after a warm-up; ${scored}/${cells} partner-months with a score${target}`,
    });
    rows.push({
      scenario: `…scoresFor with one month of ${o.partners} partners`,
      samples: perMonth,
      extra: `each of the ${benchMonths.length} months once`,
    });

    // For comparison, over the whole year at once, the per-row work the scores did before the
    // deadlines were stored (and still do for a row without them): reading every escalation row
    // of the period, and working out its two SLA deadlines.
    const { start } = periodRange(benchMonths[0] ?? LAST_MONTH, 'UTC');
    const { end } = periodRange(LAST_MONTH, 'UTC');
    const readYear = () =>
      db
        .select({ e: escalations, tz: projects.timeZone })
        .from(escalations)
        .innerJoin(projects, eq(projects.id, escalations.projectId))
        .where(
          and(
            inArray(escalations.targetPartnerId, data.partnerIds),
            gte(escalations.openedAt, start),
            lt(escalations.openedAt, end),
            sql`${escalations.status} <> 'cancelled'`,
          ),
        );
    const reads: number[] = [];
    const deadlines: number[] = [];
    let year: Awaited<ReturnType<typeof readYear>> = [];
    for (let round = 0; round < 3; round += 1) {
      const t = performance.now();
      year = await readYear();
      reads.push(performance.now() - t);
      const td = performance.now();
      for (const { e, tz } of year) {
        addWorkingTime(e.openedAt, e.policy.ackMs, e.policy.hours, tz);
        addWorkingTime(e.openedAt, e.policy.resolveMs, e.policy.hours, tz);
      }
      deadlines.push(performance.now() - td);
    }
    const business = year.filter((r) => r.e.policy.hours === 'business').length;
    rows.push({
      scenario: `…no longer part of it: the year's ${year.length} escalations read as full rows (one query)`,
      samples: reads,
      extra: '3 reads',
    });
    rows.push({
      scenario: `…no longer part of it: their ack and resolve deadlines (addWorkingTime × 2 each; ${business} on business hours)`,
      samples: deadlines,
      extra: `3 rounds; ≈ ${((deadlines.reduce((a, b) => a + b, 0) / deadlines.length / (business * 2)) * 1000).toFixed(0)} µs per business-hours deadline`,
    });

    // The moment each reply is recorded, so waitForResponses's 10 ms polling does not blur the numbers.
    const arrived = new Map<string, number>();
    const onResponse = (r: RecordedResponse) => {
      if (!arrived.has(r.id)) arrived.set(r.id, performance.now());
    };
    h.standIn.on('response', onResponse);
    const ask = async (text: string, check: (reply: string) => boolean): Promise<number> => {
      const t = performance.now();
      const res = await h.slack.command(people.victor, '/score', text);
      if (res.status !== 200) throw new Error(`/score ${text} answered ${res.status}`);
      let reply: string;
      let at: number;
      // An acknowledgement that only says the request waits behind others is not the answer.
      if (res.json && typeof res.json.text === 'string' && !isQueuedReply(res.json.text)) {
        reply = res.json.text;
        at = performance.now();
      } else {
        const [first] = await h.slack.waitForResponses(res.responseUrl, 1, 60_000);
        reply = typeof first?.body.text === 'string' ? first.body.text : JSON.stringify(first?.body);
        at = arrived.get(res.responseUrl.split('/').pop() ?? '') ?? performance.now();
      }
      if (!check(reply)) throw new Error(`/score ${text} answered: ${reply.slice(0, 300)}`);
      return at - t;
    };
    const oneText = (i: number) => `${data.slugs[(i * 37) % data.slugs.length] ?? ''} period=2026-02`;
    const isOne = (reply: string) => reply.includes('Trend: 2025-09 ') && reply.includes('Score: ');
    const isTable = (reply: string) =>
      reply.startsWith('*Partner scores for 2026-02*') && reply.split('\n').length === o.partners + 1;
    await ask(oneText(0), isOne);
    await ask('period=2026-02', isTable);

    const timed = async (text: (i: number) => string, check: (reply: string) => boolean) => {
      const samples: number[] = [];
      const seconds = await load(o.requests, o.concurrency, async (i) => {
        samples.push(await ask(text(i), check));
      });
      return { samples, rate: `${(o.requests / seconds).toFixed(1)} req/s` };
    };
    const one = await timed(oneText, isOne);
    rows.push({
      scenario: `/score <partner> period=2026-02 (6-month trend), ${o.partners} partners: until the reply at response_url`,
      samples: one.samples,
      extra: `${one.rate}, ${o.concurrency} concurrent clients`,
    });
    const table = await timed(() => 'period=2026-02', isTable);
    rows.push({
      scenario: `/score period=2026-02 (table of all ${o.partners} partners): until the reply at response_url`,
      samples: table.samples,
      extra: `${table.rate}, ${o.concurrency} concurrent clients`,
    });
    h.standIn.off('response', onResponse);
    return { rows, notes };
  } finally {
    await h.stop();
  }
}

export interface ScoreScalingRow {
  partners: number;
  /** Median of the timed `scoresFor` calls: every partner, all twelve months. */
  ms: number;
  msPerPartner: number;
  /** Whether PostgreSQL's plan of either escalation query of the evidence reads escalations sequentially. */
  seqScan: boolean;
  /** The plans, one line per node, for the report. */
  plans: string[];
}

/**
 * How the cost of a year of scores grows with the network: for each size, a fresh database with
 * `seedScoreEvidence`, then `scoresFor` for every partner and month (`repeats` times after a
 * warm-up), and EXPLAIN of the evidence's escalation queries for the last month. Flat
 * msPerPartner and no sequential scan on escalations is the goal.
 */
export async function scoreScaling(
  sizes: readonly number[] = [100, 500, 2000],
  driver: Driver = 'postgres',
  repeats = 3,
): Promise<ScoreScalingRow[]> {
  const out: ScoreScalingRow[] = [];
  for (const size of sizes) {
    const database = await openTestDatabase(driver);
    try {
      const db = database.db;
      const data = await seedScoreEvidence(db, size);
      const samples: number[] = [];
      for (let round = 0; round <= repeats; round += 1) {
        const t = performance.now();
        await scoresFor(db, data.partnerIds, benchMonths, 'UTC', NOW);
        if (round > 0) samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const ms = samples[Math.floor(samples.length / 2)] ?? 0;
      const { start, end } = periodRange(LAST_MONTH, 'UTC');
      const plans: string[] = [];
      for (const query of [
        escalationCountsQuery(data.partnerIds, start, end, NOW),
        undatedEscalations(db, data.partnerIds, start, end).getSQL(),
      ]) {
        const rows = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`);
        // The partner ids are listed in the plan; shortened, or the report drowns in them.
        plans.push(
          rows
            .map((r) => r['QUERY PLAN'].replace(/'\{[\d,]{40,}\}'/g, `'{…${data.partnerIds.length} ids}'`))
            .join('\n'),
        );
      }
      out.push({
        partners: size,
        ms: Math.round(ms * 10) / 10,
        msPerPartner: Math.round((ms / size) * 1000) / 1000,
        seqScan: plans.some((p) => /Seq Scan on escalations/.test(p)),
        plans,
      });
    } finally {
      await database.close();
    }
  }
  return out;
}
