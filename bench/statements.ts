/**
 * What Accord sends to the database: statements recorded through the harness's `onQuery`, counted
 * per command, and checked with EXPLAIN for sequential scans of large tables.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { queryRows } from '../src/db/rows';
import type { Harness } from '../src/testkit/harness';
import { people } from '../src/testkit/world';
import { seqScannedTables } from './goals';

export interface Statement {
  query: string;
  params: readonly unknown[];
}

/** A recorder for the harness's `onQuery`: what was sent since a mark. */
export function statementLog() {
  const sent: Statement[] = [];
  let recording = true;
  return {
    onQuery: (query: string, params: readonly unknown[]) => {
      if (recording) sent.push({ query, params });
    },
    /** Bulk loading sends huge parameter lists that nobody needs kept. */
    pause: () => (recording = false),
    resume: () => (recording = true),
    mark: () => sent.length,
    since: (mark: number) => sent.slice(mark),
  };
}

/** `$1`, `$2` … of a logged statement bound again to the values it was sent with. */
function bound(s: Statement): SQL {
  const parts = s.query.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${s.params[Number(part) - 1]}`)),
    sql.raw(''),
  );
}

/** A table this big read from start to end on a hot path is a cost that grows with the data. */
const LARGE_TABLE_ROWS = 5000;

/**
 * Tables read by sequential scan in the plans of `statements` (each distinct text once), among
 * those holding more than LARGE_TABLE_ROWS rows by the planner's estimate. The bench's own
 * statements open with a comment (BENCH_OWN in bench/escalations.ts) and are left out here.
 */
export async function seqScansOf(db: Db, statements: readonly Statement[]): Promise<string[]> {
  const distinct = new Map<string, Statement>();
  for (const s of statements)
    if (/^\s*(select|insert|update|delete|with)\b/i.test(s.query) && !distinct.has(s.query)) distinct.set(s.query, s);
  const sizes = new Map(
    (
      await queryRows<{ relname: string; n: number | string }>(
        db,
        sql`select relname, reltuples as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`,
      )
    ).map((r) => [r.relname, Number(r.n)]),
  );
  const found = new Set<string>();
  for (const s of distinct.values()) {
    let plan: string;
    try {
      const rows = await queryRows<Record<string, string>>(db, sql`explain ${bound(s)}`);
      plan = rows.map((r) => Object.values(r).join(' ')).join('\n');
    } catch {
      // A statement whose parameters the planner cannot type on its own; it is left out.
      continue;
    }
    for (const table of seqScannedTables(plan))
      if ((sizes.get(table) ?? 0) > LARGE_TABLE_ROWS) found.add(`${table} in “${s.query.slice(0, 60)}…”`);
  }
  return [...found];
}

/** What the job runner and the outbox send while looking for work (they run beside the request). */
const polling =
  /^(select pg_advisory_xact_lock|with heads as|select "id", "kind", "key", .* from "jobs" where \("jobs"\."status" = \$1 and "jobs"\."due_at" <= \$2\))/;

/**
 * The request's own statements: from claiming the delivery to the escalation's audit record, its
 * last write before the commit, leaving out the background loops' look-ups in between.
 */
export function commandPart(sent: readonly Statement[]): Statement[] {
  const first = sent.findIndex((s) => s.query.startsWith('insert into "processed_slack_events"'));
  const last = sent.findLastIndex((s) => s.query.startsWith('insert into "audit_events"'));
  if (first < 0 || last < first) return [];
  return sent.slice(first, last + 1).filter((s) => !polling.test(s.query));
}

/**
 * `/escalate` typed `n` times, one after another, each until its work is done (reply, channel
 * message, project card): statements and CPU of this process per command (the stand-in's share
 * included). Waiting for the work ends with a round of the job runner and the outbox that finds
 * nothing to do; what such an idle round sends is measured alone and not counted as the command's.
 */
export async function escalateCost(
  h: Harness,
  log: ReturnType<typeof statementLog>,
  channel: string,
  n: number,
  tag: string,
): Promise<{ statements: number; command: number; cpuMs: number; sent: Statement[]; idleRound: number }> {
  const idleMark = log.mark();
  await h.settle();
  const idleRound = log.since(idleMark).length;
  const mark = log.mark();
  const cpu = process.cpuUsage();
  let command = 0;
  for (let i = 0; i < n; i += 1) {
    const from = log.mark();
    const reply = await h.ask(people.victor, `sev3 ${tag} ${i}`, '/escalate', channel);
    if (!reply.includes(':rotating_light:')) throw new Error(`/escalate answered: ${reply}`);
    command += commandPart(log.since(from)).length;
  }
  const d = process.cpuUsage(cpu);
  const sent = log.since(mark);
  return {
    statements: sent.length / n - idleRound,
    command: command / n,
    cpuMs: (d.user + d.system) / 1000 / n,
    sent,
    idleRound,
  };
}
