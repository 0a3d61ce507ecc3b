import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { backfillEscalationDeadlines } from '../../src/db/backfill-deadlines';
import { migrationsFolder, type Db } from '../../src/db/client';
import * as schema from '../../src/db/schema';

const MIGRATION = '0011_escalation-deadlines';

/** Runs one migration file the way drizzle does: statement by statement. */
async function apply(db: PGlite, tag: string): Promise<void> {
  for (const statement of readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8').split('--> statement-breakpoint'))
    if (statement.trim()) await db.exec(statement);
}

describe(`migration ${MIGRATION}: stored deadlines for escalations raised before they were kept`, () => {
  const pg = new PGlite();
  afterAll(async () => {
    await pg.close();
  });

  it('adds the columns empty, and the start-up backfill fills them from the frozen policy in the project’s zone', async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    const tags = journal.entries.map((e) => e.tag);
    expect(tags).toContain(MIGRATION);
    for (const tag of tags.slice(0, tags.indexOf(MIGRATION))) await apply(pg, tag);
    // Monday 2026-03-02 11:00 in Riga (09:00Z): a sev2 on business hours and a sev1 on 24x7.
    const business = {
      ackMs: 3_600_000,
      resolveMs: 86_400_000,
      levels: [{ kind: 'lead' }],
      stepMs: 3_600_000,
      repeat: 2,
      hours: 'business',
    };
    const allDay = { ...business, ackMs: 900_000, resolveMs: 14_400_000, stepMs: 900_000, hours: '24x7' };
    await pg.exec(`
      insert into projects (slug, name, customer, channel_id, time_zone, owner_user_id, created_at) values
        ('riga', 'Riga', 'Customer', 'CRIGA', 'Europe/Riga', 'U0VICTOR', '2026-01-01');
      insert into escalations (project_id, severity, title, policy, notified_at, opened_by, opened_at) values
        (1, 'sev2', 'Calls drop', '${JSON.stringify(business)}', '2026-03-02T09:00:00Z', 'U0VICTOR', '2026-03-02T09:00:00Z'),
        (1, 'sev1', 'Site down', '${JSON.stringify(allDay)}', '2026-03-02T09:00:00Z', 'U0VICTOR', '2026-03-02T09:00:00Z');
    `);
    await apply(pg, MIGRATION);
    const deadlines = async () =>
      (await pg.query('select id, ack_deadline, resolve_deadline from escalations order by id')).rows;
    expect(await deadlines()).toEqual([
      { id: 1, ack_deadline: null, resolve_deadline: null },
      { id: 2, ack_deadline: null, resolve_deadline: null },
    ]);
    expect(await backfillEscalationDeadlines(drizzle(pg, { schema }) as unknown as Db)).toBe(2);
    expect(await deadlines()).toEqual([
      // 1 working hour; 24 working hours: 7 on Monday, 9 on Tuesday, 8 on Wednesday (17:00 in Riga).
      { id: 1, ack_deadline: new Date('2026-03-02T10:00:00Z'), resolve_deadline: new Date('2026-03-04T15:00:00Z') },
      { id: 2, ack_deadline: new Date('2026-03-02T09:15:00Z'), resolve_deadline: new Date('2026-03-02T13:00:00Z') },
    ]);
  });
});
