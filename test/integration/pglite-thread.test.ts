import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, type Database } from '../../src/db/client';
import { queryRows } from '../../src/db/rows';
import { PgliteThread } from '../../src/db/pglite-thread';
import { openTestDatabase } from '../../src/testkit/databases';

/*
 * PGlite runs in a worker thread (src/db/pglite-thread.ts), so its statements never hold the
 * event loop. These tests are PGlite's alone: PostgreSQL always ran elsewhere.
 */

const probe = sql.raw('create table thread_probe (k text primary key, n integer not null default 0)');

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected to fail');
}

const codeOf = (err: unknown) => (err as { cause?: { code?: unknown } }).cause?.code;

describe('PGlite in its worker thread', () => {
  let database: Database;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await database.db.execute(probe);
    // Answers at once, as Bolt's acknowledgement does: no database involved.
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });

  const clear = () => database.db.execute(sql`delete from thread_probe`);
  const keys = async () =>
    (await queryRows<{ k: string }>(database.db, sql`select k from thread_probe order by k`)).map((r) => r.k);

  const httpAck = () =>
    new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end('command=/escalate');
    });

  it('keeps the event loop turning while a statement runs: a timer, setImmediate and an HTTP ack finish before it does', async () => {
    const order: string[] = [];
    // A statement that keeps PGlite busy for a while; in the same thread it would hold the loop throughout.
    const busy = database.db.execute(sql`select pg_sleep(1.5)`).then(() => order.push('statement'));
    await Promise.all([
      new Promise<void>((resolve) => setImmediate(resolve)).then(() => order.push('immediate')),
      new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer')),
      httpAck().then((body) => order.push(`ack ${body}`)),
    ]);
    order.push('loop done');
    await busy;
    expect(order.slice(-2)).toEqual(['loop done', 'statement']);
    expect(order).toEqual(expect.arrayContaining(['immediate', 'timer', 'ack ok']));
  });

  it('keeps SQLSTATE codes and PostgreSQL fields on errors', async () => {
    await clear();
    await database.db.execute(sql`insert into thread_probe (k) values ('dup')`);
    const duplicate = await failure(database.db.execute(sql`insert into thread_probe (k) values ('dup')`));
    expect(codeOf(duplicate)).toBe('23505');
    expect((duplicate as { cause: { constraint?: unknown } }).cause.constraint).toBe('thread_probe_pkey');
    expect(codeOf(await failure(database.db.execute(sql`select * from no_such_table`)))).toBe('42P01');
    // Inside a transaction too, where it also rolls the transaction back.
    const inTx = await failure(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe (k) values ('kept out')`);
        await tx.execute(sql`insert into thread_probe (k) values ('dup')`);
      }),
    );
    expect(codeOf(inTx)).toBe('23505');
    expect(await keys()).toEqual(['dup']);
  });

  it('rolls a transaction back when its work throws, and a savepoint alone when a nested one does', async () => {
    await clear();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe (k) values ('rolled back')`);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into thread_probe (k) values ('outer')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into thread_probe (k) values ('inner')`);
          throw new Error('only the savepoint');
        }),
      ).rejects.toThrow('only the savepoint');
    });
    expect(await keys()).toEqual(['outer']);
  });

  it('runs a query sent outside an open transaction after it, never inside it', async () => {
    await clear();
    let outside: Promise<string[]> | undefined;
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into thread_probe (k) values ('uncommitted')`);
        outside = keys();
        // Give the outside query every chance to run early.
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.execute(sql`select 1`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toEqual([]);
  });

  it('serialises transactions started together: no update is lost', async () => {
    await clear();
    await database.db.execute(sql`insert into thread_probe (k, n) values ('counter', 0)`);
    const increment = () =>
      database.db.transaction(async (tx) => {
        const rows = await queryRows<{ n: number }>(tx, sql`select n from thread_probe where k = 'counter'`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await tx.execute(sql`update thread_probe set n = ${(rows[0]?.n ?? 0) + 1} where k = 'counter'`);
      });
    await Promise.all(Array.from({ length: 5 }, increment));
    expect(await queryRows(database.db, sql`select n from thread_probe where k = 'counter'`)).toEqual([{ n: 5 }]);
  });

  it('parses timestamps and the other types as PGlite does in one thread', async () => {
    const rows = await queryRows(
      database.db,
      sql`select 1::int as i, 5::int8 as b, true as t, '{"a":[1]}'::jsonb as j, '2026-01-02T03:04:05Z'::timestamptz as at, null::text as nothing`,
    );
    expect(rows).toEqual([{ i: 1, b: 5, t: true, j: { a: [1] }, at: '2026-01-02 03:04:05+00', nothing: null }]);
    const [row] = await database.db
      .select({ k: sql<string>`k` })
      .from(sql`thread_probe`)
      .where(eq(sql`k`, 'counter'));
    expect(row).toEqual({ k: 'counter' });
  });
});

describe('closing PGlite in its worker thread', () => {
  it('ends the thread; what was still asked fails as the database being unavailable', async () => {
    const thread = new PgliteThread(undefined);
    await thread.query('select 1');
    expect(thread.exited).toBe(false);
    const late = thread.query('select pg_sleep(0.3)').then(
      () => 'done',
      (err: unknown) => err,
    );
    await thread.close();
    expect(thread.exited).toBe(true);
    expect(isDatabaseUnavailable(await failure(thread.query('select 1')))).toBe(true);
    // The statement in flight either finished before the close or failed with it; it never hangs.
    const outcome = await late;
    expect(outcome === 'done' || isDatabaseUnavailable(outcome)).toBe(true);
  });

  it('answers ping false once closed', async () => {
    const database = await openTestDatabase('pglite');
    expect(await database.ping()).toBe(true);
    await database.close();
    expect(await database.ping()).toBe(false);
  });
});

describe('PGlite in its worker thread, as the only work of a process', () => {
  it('keeps the process alive while queries asked together are answered', async () => {
    // Nothing else holds this child's event loop: if the worker stayed unref'd while those queries
    // waited, the process would end before they were answered (exit code 13, nothing printed).
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const thread = join(root, 'src/db/pglite-thread.ts');
    const dir = mkdtempSync(join(tmpdir(), 'accord-pglite-'));
    const script = join(dir, 'queries.mts');
    writeFileSync(
      script,
      [
        `import { PgliteThread } from ${JSON.stringify(thread)};`,
        'const db = new PgliteThread(undefined);',
        // Once idle, the worker lets go of the process; then several queries are asked in one go.
        "await db.query('select 0 as n');",
        "const answers = await Promise.all([db.query('select 1 as n'), db.query('select 2 as n'), db.query('select 3 as n')]);",
        "console.log(answers.map((a) => (a.rows[0] as { n: number }).n).join(','));",
        'await db.close();',
      ].join('\n'),
    );
    try {
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', script], { cwd: root, timeout: 120_000 }, (err, out) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: out }),
        );
      });
      expect({ code, stdout: stdout.trim() }).toEqual({ code: 0, stdout: '1,2,3' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
