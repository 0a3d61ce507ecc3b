import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/client';

const MIGRATION = '0008_vendor-standing';

/** Runs one migration file the way drizzle does: statement by statement. */
async function apply(db: PGlite, tag: string): Promise<void> {
  for (const statement of readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8').split('--> statement-breakpoint'))
    if (statement.trim()) await db.exec(statement);
}

describe(`migration ${MIGRATION}: membership history for people who left a partner before it was kept`, () => {
  const db = new PGlite();
  afterAll(async () => {
    await db.close();
  });

  it('records the hand-added members of exited partners and the removals in the audit log, and nobody else', async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: Array<{ tag: string }>;
    };
    const tags = journal.entries.map((e) => e.tag);
    expect(tags).toContain(MIGRATION);
    for (const tag of tags.slice(0, tags.indexOf(MIGRATION))) await apply(db, tag);
    await db.exec(`
      insert into partners (slug, name, created_by, created_at, status, exited_at) values
        ('gone', 'Gone', 'U0ALICE', '2026-01-01', 'exited', '2026-02-01'), ('live', 'Live', 'U0ALICE', '2026-01-01', 'active', null);
      insert into partner_members (partner_id, user_id, added_by, added_at) values (1, 'U0EXITED', 'U0ALICE', '2026-01-02'), (2, 'U0STAYS', 'U0ALICE', '2026-01-02');
      insert into audit_events (at, actor, action, entity_type, entity_id, data) values
        ('2026-03-01', 'U0ALICE', 'partner_member.removed', 'partner', '2', '{"userId": "U0REMOVED"}'),
        ('2026-03-01', 'U0ALICE', 'partner_member.added', 'partner', '2', '{"userId": "U0STAYS"}');
    `);
    await apply(db, MIGRATION);
    const { rows } = await db.query(
      'select partner_id, user_id, reason, left_at, recorded_by, reinstated_at from partner_member_departures order by id',
    );
    expect(rows).toEqual([
      {
        partner_id: 1,
        user_id: 'U0EXITED',
        reason: 'exited',
        left_at: new Date('2026-02-01T00:00:00Z'),
        recorded_by: 'system',
        reinstated_at: null,
      },
      {
        partner_id: 2,
        user_id: 'U0REMOVED',
        reason: 'removed',
        left_at: new Date('2026-03-01T00:00:00Z'),
        recorded_by: 'U0ALICE',
        reinstated_at: null,
      },
    ]);
  });
});
