import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { GENERAL, people } from '../../src/testkit/world';

/*
 * Slack gives up on an acknowledgement after 3 s. With PGlite in its own thread
 * (src/db/pglite-thread.ts), a statement keeping the database busy does not stop the app from
 * acknowledging: ordering, not timing, shows it.
 */
describe('acknowledging while PGlite works (pglite)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ driver: 'pglite' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('acknowledges /escalate before a statement already running in PGlite is done, and answers after it', async () => {
    const order: string[] = [];
    const busy = h.accord.database.db.execute(sql`select pg_sleep(2)`).then(() => order.push('statement done'));
    const res = await h.slack.command(people.victor, '/escalate', 'sev3 Calls drop', GENERAL);
    order.push(`acknowledged ${res.status}`);
    await busy;
    const [reply] = await h.slack.waitForResponses(res.responseUrl, 1, 30_000);
    order.push('replied');
    expect(order).toEqual(['acknowledged 200', 'statement done', 'replied']);
    expect(reply?.body.text).toBeDefined();
  });
});
