import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { drivers } from '../../src/testkit/databases';
import { startHarness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

describe.each(drivers)('health and shutdown (%s)', (driver) => {
  it('reports 503 while the database is unreachable and recovers without a restart', async () => {
    const h = await startHarness({ driver });
    try {
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
      if (driver === 'postgres') {
        const url = new URL((h.accord.database as { url?: string }).url ?? '');
        const name = url.pathname.slice(1);
        const admin = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => undefined });
        await admin.unsafe(`alter database ${name} allow_connections false`);
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
        const down = await fetch(`${h.baseUrl}/healthz`);
        expect(down.status).toBe(503);
        expect(await down.json()).toMatchObject({ database: 'down' });
        await admin.unsafe(`alter database ${name} allow_connections true`);
        await admin.end();
        expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
        expect(await h.ask(people.victor, 'whoami')).toContain('vendor member');
      } else {
        await h.accord.database.close();
        const down = await fetch(`${h.baseUrl}/healthz`);
        expect(down.status).toBe(503);
        expect(await down.json()).toMatchObject({ database: 'down' });
      }
    } finally {
      await h.stop();
    }
  });

  it('answers an unexpected failure with a reference id that is in the log', async () => {
    const lines: string[] = [];
    const h = await startHarness({ driver, log: createLogger('error', (line) => lines.push(line)) });
    try {
      // Break the database under the running app: every request's first look-up now fails. (A closed
      // PGlite is not this: its worker answers as a database that cannot be reached.)
      await h.accord.database.db.execute(sql`drop table admins cascade`);
      const reply = await h.slack.commandReply(people.victor, '/accord', 'whoami');
      const ref = /reference: `([A-Z0-9]{8})`/.exec(reply)?.[1];
      expect(reply).toContain('something went wrong');
      expect(ref).toBeDefined();
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.referenceId === ref);
      expect(logged).toMatchObject({
        level: 'error',
        msg: 'unexpected error while handling a request',
        subcommand: 'whoami',
        userId: people.victor.id,
      });
    } finally {
      await h.stop();
    }
  });

  it('finishes work in flight on shutdown, then refuses new requests', async () => {
    const h = await startHarness({ driver });
    // Slow the DM down so the command is still being worked on when shutdown begins.
    h.standIn.inject('users.info', { delayMs: 300 });
    const res = await h.slack.command(people.alice, '/accord', 'admin add <@U0VERA>');
    expect(res.status).toBe(200);
    const stopping = h.accord.stop();
    const replies = await h.slack.waitForResponses(res.responseUrl, 1);
    await stopping;
    expect(String(replies[0]?.body.text)).toContain('is now an Accord admin');
    await expect(fetch(`${h.baseUrl}/healthz`)).rejects.toThrow();
    await h.standIn.stop();
  });
});
