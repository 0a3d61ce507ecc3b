import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admins, auditEvents } from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

describe.each(drivers)('/accord admin and whoami (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ driver });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('tells each person how Accord sees them', async () => {
    expect(await h.ask(people.alice, 'whoami')).toContain('vendor admin (from the ACCORD_ADMIN_USER_IDS setting)');
    expect(await h.ask(people.victor, 'whoami')).toContain('vendor member');
    expect(await h.ask(people.pat, 'whoami')).toContain('not part of the vendor team or any partner');
  });

  it('lets a configured admin add an admin, records it and tells the new admin by DM', async () => {
    const reply = await h.ask(people.alice, 'admin add <@U0VERA|vera>');
    expect(reply).toContain('<@U0VERA> is now an Accord admin');
    const rows = await h.accord.database.db.select().from(admins);
    expect(rows).toEqual([expect.objectContaining({ userId: 'U0VERA', addedBy: 'U0ALICE' })]);
    const audit = await h.accord.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'admin.added'));
    expect(audit).toEqual([expect.objectContaining({ actor: 'U0ALICE', entityId: 'U0VERA' })]);
    const dms = h.standIn.messagesIn('D0VERA');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain('made you an Accord admin');
    expect(await h.ask(people.vera, 'whoami')).toContain('vendor admin');
  });

  it('refuses to add the same admin twice, and changes nothing', async () => {
    const reply = await h.ask(people.alice, 'admin add <@U0VERA>');
    expect(reply).toContain('already an Accord admin');
    expect(await h.accord.database.db.select().from(admins)).toHaveLength(1);
    expect(h.standIn.messagesIn('D0VERA')).toHaveLength(1);
  });

  it('refuses a user of another workspace as admin', async () => {
    expect(await h.ask(people.alice, 'admin add <@U0PAT>')).toContain("not in the vendor's Slack workspace");
  });

  it('refuses admin management to vendor members and says who may do it', async () => {
    for (const text of ['admin add <@U0VICTOR>', 'admin remove <@U0VERA>', 'admin list']) {
      expect(await h.ask(people.victor, text)).toContain('Only vendor admins can manage Accord admins.');
    }
    expect(await h.accord.database.db.select().from(admins)).toHaveLength(1);
  });

  it('lists admins with where their rights come from', async () => {
    const reply = await h.ask(people.vera, 'admin list');
    expect(reply).toContain('<@U0ALICE> — from ACCORD_ADMIN_USER_IDS');
    expect(reply).toContain('<@U0VERA> — added by <@U0ALICE>');
  });

  it('will not remove a configured admin in Slack', async () => {
    expect(await h.ask(people.vera, 'admin remove <@U0ALICE>')).toContain('through the ACCORD_ADMIN_USER_IDS setting');
  });

  it('removes an admin added in Slack and records it', async () => {
    expect(await h.ask(people.alice, 'admin remove <@U0VERA>')).toContain('<@U0VERA> is no longer an Accord admin');
    expect(await h.accord.database.db.select().from(admins)).toHaveLength(0);
    expect(await h.ask(people.alice, 'admin remove <@U0VERA>')).toContain('is not an Accord admin');
    const audit = await h.accord.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'admin.removed'));
    expect(audit).toHaveLength(1);
  });

  it('answers bad arguments with the exact usage', async () => {
    expect(await h.ask(people.alice, 'admin add')).toContain('Usage: `/accord admin add @user`');
    expect(await h.ask(people.alice, 'admin add bob')).toContain('Usage: `/accord admin add @user`');
    expect(await h.ask(people.alice, 'admin add <@U0VERA> <@U0VICTOR>')).toContain('Give one user only.');
    expect(await h.ask(people.alice, 'admin add <@U0VERA> role=boss')).toContain("I don't know the option `role=`");
    expect(await h.ask(people.alice, 'admin')).toContain('needs one more word');
    expect(await h.ask(people.alice, 'frobnicate')).toContain("I don't know `/accord frobnicate`");
    expect(await h.ask(people.alice, 'help "unclosed')).toContain('Unclosed quote');
    expect(await h.ask(people.alice, 'help nosuchtopic')).toContain('There is no help topic `nosuchtopic`');
    expect(await h.accord.database.db.select().from(admins)).toHaveLength(0);
  });

  it('routes /escalate and /score to their /accord subcommands', async () => {
    expect(await h.ask(people.victor, 'sev1 Outage', '/escalate')).toContain('This channel is not a project channel');
    expect(await h.ask(people.victor, 'sev1 Outage', '/accord')).toContain("I don't know `/accord sev1 Outage`");
    expect(await h.ask(people.victor, '', '/score')).toBe('No active partners yet.');
  });
});
