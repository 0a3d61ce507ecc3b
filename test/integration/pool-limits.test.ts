import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database } from '../../src/db/client';
import { queryRows } from '../../src/db/rows';
import { openTestDatabase } from '../../src/testkit/databases';

describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL pool session limits', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('sets statement_timeout and idle_in_transaction_session_timeout on every pooled connection', async () => {
    const rows = await Promise.all(
      Array.from({ length: 4 }, () =>
        queryRows<{ statement: string; idle: string }>(
          database.db,
          sql`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle, pg_sleep(0.05)`,
        ),
      ),
    );
    for (const [row] of rows) expect(row).toMatchObject({ statement: '30s', idle: '1min' });
  });
});
