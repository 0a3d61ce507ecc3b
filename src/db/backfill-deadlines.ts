import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { escalationDeadlines } from '../domain/escalations/policy';
import type { Db } from './client';
import { queryRows } from './rows';
import { escalations, projects } from './schema';

/** Rows per round: one read and one UPDATE each, small enough not to hold many row locks for long. */
const BATCH = 1000;

/**
 * Fills in the ack and resolve deadlines of escalations written before those columns existed, from
 * the same domain rule the verbs now use when they write a policy. Run at every start, after the
 * migrations; once the rows are filled it is one probe of an empty partial index.
 *
 * Why at start-up rather than in the migration or at the first score: the deadlines depend on
 * business hours in the project's zone (src/domain/working-time.ts), which SQL cannot compute
 * without a second copy of those rules; and filling them in when a score is asked for would turn
 * `/score` and the home tab, which only read, into writers taking row locks that the escalation
 * verbs also take. The scores still count a row without deadlines the old way (evidence.ts), so a
 * row written meanwhile by a replica of the previous version is scored right, and filled at the
 * next start.
 *
 * Answers how many rows were filled.
 */
export async function backfillEscalationDeadlines(db: Db): Promise<number> {
  let filled = 0;
  // Keyset over ids, so a row that cannot be filled (it changed under us) never makes the loop spin.
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        id: escalations.id,
        openedAt: escalations.openedAt,
        policy: escalations.policy,
        generation: escalations.generation,
        tz: projects.timeZone,
      })
      .from(escalations)
      .innerJoin(projects, eq(projects.id, escalations.projectId))
      .where(and(gt(escalations.id, after), or(isNull(escalations.ackDeadline), isNull(escalations.resolveDeadline))))
      .orderBy(asc(escalations.id))
      .limit(BATCH);
    if (rows.length === 0) return filled;
    after = rows.at(-1)?.id ?? after;
    const values = rows.map((r) => {
      const d = escalationDeadlines(r.openedAt, r.policy, r.tz);
      return { id: r.id, g: r.generation, ack: d.ackDeadline.toISOString(), res: d.resolveDeadline.toISOString() };
    });
    // The generation guards against an upgrade that changed the policy since the read: its writer
    // set the deadlines itself (or, on an older replica, left them for the next start).
    const updated = await queryRows<{ id: number }>(
      db,
      sql`update escalations e set ack_deadline = v.ack, resolve_deadline = v.res
          from json_to_recordset(${JSON.stringify(values)}::json) as v(id integer, g integer, ack timestamptz, res timestamptz)
          where e.id = v.id and e.generation = v.g and (e.ack_deadline is null or e.resolve_deadline is null)
          returning e.id`,
    );
    filled += updated.length;
  }
}
