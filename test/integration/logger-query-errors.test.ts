import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, openTestDatabase } from '../../src/testkit/databases';
import { captureLog as capture, pathIn as at } from '../../src/testkit/log-capture';

describe.each(drivers)('logger on real query errors (%s)', (driver) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
    await database.db.execute(sql`create table log_probe (k text primary key)`);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function failure(query: Promise<unknown>): Promise<unknown> {
    try {
      await query;
    } catch (err) {
      return err;
    }
    throw new Error('the query was expected to fail');
  }

  it('logs the failed query and the SQLSTATE, never the parameters or the row values', async () => {
    await database.db.execute(sql`insert into log_probe (k) values (${'secret-key'})`);
    const duplicate = await failure(database.db.execute(sql`insert into log_probe (k) values (${'secret-key'})`));
    const missing = await failure(database.db.execute(sql`select * from no_such_table where k = ${'secret-value'}`));
    const { log, raw, lines } = capture();
    log.error('duplicate', { err: duplicate });
    log.error('missing', { err: missing });
    expect(raw.map((r) => r.line).join('\n')).not.toContain('secret');
    const [dup, miss] = lines();
    expect(at(dup, 'err', 'message')).toBe('Failed query: insert into log_probe (k) values ($1)');
    expect(at(dup, 'err', 'query')).toBe('insert into log_probe (k) values ($1)');
    expect(at(dup, 'err', 'params')).toBe('[Redacted]');
    expect(at(dup, 'err', 'cause', 'code')).toBe('23505');
    expect(String(at(dup, 'err', 'cause', 'message'))).toContain('duplicate key value violates unique constraint');
    expect(at(miss, 'err', 'cause', 'code')).toBe('42P01');
    expect(String(at(miss, 'err', 'stack'))).toMatch(
      /^Error: Failed query: select \* from no_such_table where k = \$1\n\s+at /,
    );
  });
});
