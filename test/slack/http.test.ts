import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people, SIGNING_SECRET } from '../../src/testkit/world';

describe.each(drivers)('HTTP endpoint and signatures (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ driver });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('reports health with the database status', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: 'up',
      driver: driver === 'pglite' ? 'pglite' : 'postgres',
    });
  });

  it('answers /accord help in the acknowledgement itself', async () => {
    const res = await h.slack.command(people.victor, '/accord', 'help');
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(String(res.json?.text)).toContain('/accord admin add @user');
    expect(String(res.json?.text)).toContain('/accord whoami');
  });

  it('refuses unsigned requests', async () => {
    const body = h.slack.commandBody(people.victor, '/accord', 'help', 'C0GENERAL', h.standIn.newResponseUrl());
    const res = await h.slack.post(body, 'application/x-www-form-urlencoded', { unsigned: true });
    expect(res.status).toBe(401);
  });

  it('refuses a request signed with another secret', async () => {
    const res = await h.slack.command(people.victor, '/accord', 'help', 'C0GENERAL', {
      secret: `${SIGNING_SECRET}-forged`,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request stamped more than 5 minutes ago', async () => {
    const res = await h.slack.command(people.victor, '/accord', 'help', 'C0GENERAL', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request stamped more than 5 minutes in the future', async () => {
    const res = await h.slack.command(people.victor, '/accord', 'help', 'C0GENERAL', {
      timestamp: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(res.status).toBe(401);
  });

  it('accepts a request stamped within the 5-minute window on either side', async () => {
    for (const skew of [-4 * 60, 4 * 60]) {
      const res = await h.slack.command(people.victor, '/accord', 'help', 'C0GENERAL', {
        timestamp: Math.floor(Date.now() / 1000) + skew,
      });
      expect(res.status).toBe(200);
    }
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${h.baseUrl}/nope`)).status).toBe(404);
  });
});
