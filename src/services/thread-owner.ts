import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { queryRows } from '../db/rows';

export type ThreadOwner = { kind: 'escalation'; id: number } | { kind: 'checkin'; id: number };

/**
 * Which Accord record a Slack thread belongs to, from the ts of its parent message (one indexed
 * lookup through the outbox row that posted it). Threads under anything else are not Accord's.
 */
export async function findThreadOwner(
  db: DbOrTx,
  channelId: string,
  threadTs: string,
): Promise<ThreadOwner | undefined> {
  const [row] = await queryRows<{ kind: string; id: number | string }>(
    db,
    sql`select case when e.id is not null then 'escalation' else 'checkin' end as kind, coalesce(e.id, r.id) as id
        from slack_outbox o
        left join escalations e on e.message_outbox_id = o.id
        left join checkin_runs r on r.message_outbox_id = o.id
        where (o.result->>'ts') = ${threadTs} and (o.result->>'channel') = ${channelId} and (e.id is not null or r.id is not null)
        limit 1`,
  );
  if (!row) return undefined;
  return { kind: row.kind === 'escalation' ? 'escalation' : 'checkin', id: Number(row.id) };
}
