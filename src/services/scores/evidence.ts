import { and, eq, gte, inArray, isNull, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/rows';
import {
  escalations,
  kpiReadings,
  kpiTargets,
  partnerViolations,
  projects,
  ratings,
  riskOverdueFlags,
  risks,
} from '../../db/schema';
import type { Evidence } from '../../domain/scores/score';
import { localDate } from '../../domain/time-zone';
import { addWorkingTime, type Hours } from '../../domain/working-time';
import { formatPeriod, periodRange, type Period } from '../../domain/period';
import { kpiMet, type KpiUnit } from '../../domain/scores/kpi';

export const emptyEvidence = (): Evidence => ({
  escalations: { due: 0, ackedInSla: 0, resolveDue: 0, resolvedInSla: 0 },
  checkins: { expected: 0, answered: 0 },
  riskReviews: { due: 0, onTime: 0 },
  ratings: [],
  kpis: { targets: 0, met: 0 },
  violations: { minor: 0, major: 0 },
});

const DAY_MS = 86_400_000;
// Business hours give 45 working hours a week, so a working-time deadline falls at most
// 168/45 times its length after the start, plus the wait for the first working moment (a weekend).
const WALL_PER_WORKING = 168 / 45;
const LONGEST_WAIT_MS = 3 * DAY_MS;

/**
 * Whether a deadline of `durationMs` (working time in business hours) was met by `doneAt`; 'not_due'
 * while it has neither been met nor passed. Computing a business-hours deadline is the costly part
 * of a score, so the clear cases are settled from wall-clock time first: working time never runs
 * faster than wall time, and never slower than the bound above.
 */
export function slaOutcome(
  openedAt: Date,
  doneAt: Date | null,
  durationMs: number,
  hours: Hours,
  tz: string,
  now: Date,
): 'within' | 'late' | 'not_due' {
  const start = openedAt.getTime();
  if (doneAt && doneAt.getTime() - start <= durationMs) return 'within';
  if (hours === '24x7') return doneAt ? 'late' : start + durationMs <= now.getTime() ? 'late' : 'not_due';
  const latest = start + durationMs * WALL_PER_WORKING + LONGEST_WAIT_MS;
  if (!doneAt && now.getTime() >= latest) return 'late';
  const deadline = addWorkingTime(openedAt, durationMs, hours, tz).getTime();
  if (doneAt) return doneAt.getTime() <= deadline ? 'within' : 'late';
  return deadline <= now.getTime() ? 'late' : 'not_due';
}

/**
 * `column` is one of `ids`, the list sent as one array parameter: a network's scores name every
 * partner in each of a period's queries, and a parameter per id (an IN list) costs more to build,
 * send and parse than the query itself.
 */
function oneOf(column: SQL | AnyColumn, ids: readonly number[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::integer[])`;
}

interface EscalationCounts {
  partner_id: number;
  due: number | string;
  acked_in_sla: number | string;
  resolve_due: number | string;
  resolved_in_sla: number | string;
}

/**
 * The escalation counts of a period per partner, for the escalations whose deadlines are stored
 * (escalationDeadlines, written with the policy): the SLA outcomes are comparisons the database
 * counts, the same answers as slaOutcome without reading the rows. "Due" is done, or past its
 * deadline; "within" is done by the deadline. Exported so the benchmark can EXPLAIN it.
 */
export function escalationCountsQuery(partnerIds: readonly number[], start: Date, end: Date, now: Date): SQL {
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  return sql`select target_partner_id as partner_id,
      count(*) filter (where acknowledged_at is not null or ack_deadline <= ${at(now)}) as due,
      count(*) filter (where acknowledged_at <= ack_deadline) as acked_in_sla,
      count(*) filter (where resolved_at is not null or resolve_deadline <= ${at(now)}) as resolve_due,
      count(*) filter (where resolved_at <= resolve_deadline) as resolved_in_sla
    from escalations
    where ${oneOf(sql`target_partner_id`, partnerIds)} and opened_at >= ${at(start)} and opened_at < ${at(end)}
      and status <> 'cancelled' and ack_deadline is not null and resolve_deadline is not null
    group by target_partner_id`;
}

/**
 * Whether any escalation still lacks its deadlines: one probe of the partial index on them, so a
 * score of many periods asks once rather than per period.
 */
export async function hasUndatedEscalations(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: escalations.id })
    .from(escalations)
    .where(or(isNull(escalations.ackDeadline), isNull(escalations.resolveDeadline)))
    .limit(1);
  return row !== undefined;
}

/**
 * The escalations of a period without stored deadlines, with what judging them needs. Normally
 * none: the partial index on the missing deadlines finds that without reading the partners' rows.
 */
export function undatedEscalations(db: DbOrTx, partnerIds: readonly number[], start: Date, end: Date) {
  return db
    .select({
      e: {
        targetPartnerId: escalations.targetPartnerId,
        openedAt: escalations.openedAt,
        acknowledgedAt: escalations.acknowledgedAt,
        resolvedAt: escalations.resolvedAt,
        policy: escalations.policy,
      },
      tz: projects.timeZone,
    })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .where(
      and(
        or(isNull(escalations.ackDeadline), isNull(escalations.resolveDeadline)),
        oneOf(escalations.targetPartnerId, partnerIds),
        gte(escalations.openedAt, start),
        lt(escalations.openedAt, end),
        sql`${escalations.status} <> 'cancelled'`,
      ),
    );
}

/**
 * The evidence of one period for many partners at once, from the records the other features
 * keep: a handful of grouped queries per period, whatever the number of partners.
 *
 * - Escalations targeting the partner opened in the period (cancelled ones aside). One counts for
 *   acknowledgement once acknowledged or once its deadline has passed (`now`), and is within SLA
 *   when acknowledged by the deadline of its frozen policy (working time when business hours);
 *   the same for resolution.
 * - Check-ins closed in the period: answers by the partner's people who were expected, and the
 *   misses recorded for the partner.
 * - Risk reviews: the partner's risks whose review date falls in the period and has come; on time
 *   unless a risk check-in flagged it overdue.
 * - Ratings given in the period; KPI readings recorded for the period (for a quarter, also its
 *   months; the latest reading per metric counts) against the partner's targets, else the defaults.
 * - Violations recorded in the period.
 */
export async function gatherEvidence(
  db: DbOrTx,
  partnerIds: readonly number[],
  period: Period,
  tz: string,
  now: Date,
  /** False when the caller has found no escalation without deadlines (hasUndatedEscalations). */
  anyUndated = true,
): Promise<Map<number, Evidence>> {
  const out = new Map<number, Evidence>(partnerIds.map((id) => [id, emptyEvidence()]));
  if (partnerIds.length === 0) return out;
  const { start, end } = periodRange(period, tz);
  const ev = (id: number | null) => (id === null ? undefined : out.get(id));

  const escalationCounts = await queryRows<EscalationCounts>(db, escalationCountsQuery(partnerIds, start, end, now));
  for (const row of escalationCounts) {
    const target = ev(Number(row.partner_id));
    if (!target) continue;
    target.escalations.due += Number(row.due);
    target.escalations.ackedInSla += Number(row.acked_in_sla);
    target.escalations.resolveDue += Number(row.resolve_due);
    target.escalations.resolvedInSla += Number(row.resolved_in_sla);
  }
  // Rows still without deadlines (written before the columns, until the start-up backfill, or by
  // a replica of the previous version meanwhile) are judged as they always were. Normally none.
  const undated = anyUndated ? await undatedEscalations(db, partnerIds, start, end) : [];
  for (const { e, tz: projectTz } of undated) {
    const target = ev(e.targetPartnerId);
    if (!target) continue;
    const ack = slaOutcome(e.openedAt, e.acknowledgedAt, e.policy.ackMs, e.policy.hours, projectTz, now);
    if (ack !== 'not_due') {
      target.escalations.due += 1;
      if (ack === 'within') target.escalations.ackedInSla += 1;
    }
    const resolve = slaOutcome(e.openedAt, e.resolvedAt, e.policy.resolveMs, e.policy.hours, projectTz, now);
    if (resolve !== 'not_due') {
      target.escalations.resolveDue += 1;
      if (resolve === 'within') target.escalations.resolvedInSla += 1;
    }
  }

  const answered = await queryRows<{ partner_id: number; n: number | string }>(
    db,
    sql`select pm.partner_id, count(*) as n
        from checkin_answers a
        join checkin_runs r on r.id = a.run_id
        join partner_members pm on pm.user_id = a.user_id
        join project_partners pp on pp.project_id = r.project_id and pp.partner_id = pm.partner_id
        where r.status = 'closed' and r.close_at >= ${start.toISOString()}::timestamptz and r.close_at < ${end.toISOString()}::timestamptz
          and r.expected ? a.user_id and ${oneOf(sql`pm.partner_id`, partnerIds)}
        group by pm.partner_id`,
  );
  for (const row of answered) {
    const target = ev(Number(row.partner_id));
    if (target) {
      target.checkins.answered += Number(row.n);
      target.checkins.expected += Number(row.n);
    }
  }
  const missed = await queryRows<{ partner_id: number; n: number | string }>(
    db,
    sql`select m.partner_id, count(*) as n from checkin_misses m join checkin_runs r on r.id = m.run_id
        where r.close_at >= ${start.toISOString()}::timestamptz and r.close_at < ${end.toISOString()}::timestamptz and ${oneOf(sql`m.partner_id`, partnerIds)}
        group by m.partner_id`,
  );
  for (const row of missed) {
    const target = ev(Number(row.partner_id));
    if (target) target.checkins.expected += Number(row.n);
  }

  const first = localDate(start, tz);
  // A review whose date is still to come is not due yet, so it counts neither way.
  const last = localDate(new Date(Math.min(end.getTime() - 1, now.getTime())), tz);
  // A review is a risk and the date it was due. Flags keep the date they were raised for, so moving
  // a review date later never rewrites a period that has already seen it missed.
  const reviewRows = await db
    .select({ id: risks.id, partnerId: risks.partnerId, reviewOn: risks.reviewOn })
    .from(risks)
    .where(and(oneOf(risks.partnerId, partnerIds), gte(risks.reviewOn, first), sql`${risks.reviewOn} <= ${last}`));
  const flagRows = await db
    .select({ riskId: riskOverdueFlags.riskId, reviewOn: riskOverdueFlags.reviewOn, partnerId: risks.partnerId })
    .from(riskOverdueFlags)
    .innerJoin(risks, eq(risks.id, riskOverdueFlags.riskId))
    .where(
      and(
        oneOf(risks.partnerId, partnerIds),
        gte(riskOverdueFlags.reviewOn, first),
        sql`${riskOverdueFlags.reviewOn} <= ${last}`,
      ),
    );
  const reviews = new Map<string, { partnerId: number | null; late: boolean }>();
  for (const r of reviewRows) reviews.set(`${r.id}:${r.reviewOn}`, { partnerId: r.partnerId, late: false });
  for (const f of flagRows) reviews.set(`${f.riskId}:${f.reviewOn}`, { partnerId: f.partnerId, late: true });
  for (const r of reviews.values()) {
    const target = ev(r.partnerId);
    if (!target) continue;
    target.riskReviews.due += 1;
    if (!r.late) target.riskReviews.onTime += 1;
  }

  const ratingRows = await db
    .select({ partnerId: ratings.partnerId, rating: ratings.rating })
    .from(ratings)
    .where(and(oneOf(ratings.partnerId, partnerIds), gte(ratings.ratedAt, start), lt(ratings.ratedAt, end)));
  for (const r of ratingRows) ev(r.partnerId)?.ratings.push(r.rating);

  const periods = [
    formatPeriod(period),
    ...(period.kind === 'quarter'
      ? [0, 1, 2].map((i) => `${period.year}-${String((period.quarter - 1) * 3 + 1 + i).padStart(2, '0')}`)
      : []),
  ];
  const readings = await db
    .select()
    .from(kpiReadings)
    .where(and(oneOf(kpiReadings.partnerId, partnerIds), inArray(kpiReadings.period, periods)))
    .orderBy(kpiReadings.recordedAt, kpiReadings.id);
  const targets = await db
    .select()
    .from(kpiTargets)
    .where(or(isNull(kpiTargets.partnerId), oneOf(kpiTargets.partnerId, partnerIds)));
  // The latest reading per metric and unit: a reading in another unit never hides one that counts.
  const latest = new Map<string, { value: number; unit: KpiUnit }>();
  for (const r of readings)
    latest.set(`${r.partnerId}:${r.metric}:${r.unit}`, { value: Number(r.value), unit: r.unit });
  for (const partnerId of partnerIds) {
    const target = ev(partnerId);
    if (!target) continue;
    const own = new Map(targets.filter((t) => t.partnerId === partnerId).map((t) => [t.metric, t]));
    for (const t of targets) if (t.partnerId === null && !own.has(t.metric)) own.set(t.metric, t);
    for (const t of own.values()) {
      const reading = latest.get(`${partnerId}:${t.metric}:${t.unit}`);
      if (!reading) continue;
      const met = kpiMet({ metric: t.metric, op: t.op, value: Number(t.value), unit: t.unit }, reading);
      if (typeof met !== 'boolean') continue;
      target.kpis.targets += 1;
      if (met) target.kpis.met += 1;
    }
  }

  const violationRows = await db
    .select({ partnerId: partnerViolations.partnerId, severity: partnerViolations.severity })
    .from(partnerViolations)
    .where(
      and(
        oneOf(partnerViolations.partnerId, partnerIds),
        gte(partnerViolations.recordedAt, start),
        lt(partnerViolations.recordedAt, end),
      ),
    );
  for (const v of violationRows) {
    const target = ev(v.partnerId);
    if (target) target.violations[v.severity] += 1;
  }
  return out;
}
