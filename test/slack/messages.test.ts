import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRequests, escalations, partners, projects, raciActivities } from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

/** Typos answered with what was meant, and syntax errors with the command's own usage. */
describe.each(drivers)('messages for a new user’s mistakes (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const db = () => h.accord.database.db;
  const ask = (text: string, command = '/accord') => h.ask(people.victor, text, command, channel);

  beforeAll(async () => {
    h = await startHarness({ driver });
    expect(await h.ask(people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER')).toContain(':white_check_mark:');
    expect(await h.ask(people.alice, 'partner add globex "Globex"')).toContain(':white_check_mark:');
    await h.ask(people.victor, 'project create rollout "Rollout" partners=acme');
    await h.ask(people.victor, 'project create backoffice "Back office" partners=globex');
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    expect(await ask('raci set "Order handling" R=acme A=acme')).toContain('Added *Order handling*');
    // Slack sends `&`, `<` and `>` escaped.
    expect(await ask('raci set "R&amp;D &lt;core&gt;" R=acme A=vendor')).toContain('Added');
    expect(await h.ask(people.victor, 'raci set "Billing review" R=globex A=vendor project=backoffice')).toContain(
      'Added *Billing review*',
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('suggests the command meant by a mistyped first word', async () => {
    expect(await ask('partnr list')).toBe(
      ':warning: Unknown command `partnr`. Did you mean `partner`?\nUsage: `/accord help [topic]`',
    );
    expect(await ask('escalaton list')).toContain('Did you mean `escalation`?');
    // Too far from any command: the list of commands, as before.
    expect(await ask('frobnicate')).toContain("I don't know `/accord frobnicate`. Commands:");
  });

  it('suggests the subcommand meant by a mistyped second or third word, with its usage', async () => {
    expect(await ask('partner lst')).toBe(
      ':warning: Unknown command `partner lst`. Did you mean `partner list`?\nUsage: `/accord partner list`',
    );
    expect(await ask('partner membr add acme <@U0PAT>')).toContain(
      'Did you mean `partner member add`?\nUsage: `/accord partner member add <slug> @user [lead] [confirm]`',
    );
    expect(await ask('sla shw')).toContain('Did you mean `sla show`?');
    expect(await ask('partner')).toContain('`/accord partner` needs one more word');
  });

  it('suggests the help topic meant', async () => {
    const reply = await ask('help escalaton');
    expect(reply).toContain('There is no help topic `escalaton`. Did you mean `escalations`? Topics: `basics`');
    expect(reply).toContain('Usage: `/accord help [topic]`');
  });

  it('suggests the project’s own activity for raci remove, and removes nothing', async () => {
    const reply = await ask('raci remove "Order handlng"');
    expect(reply).toBe(
      ':warning: There is no activity “Order handlng” in `rollout`. Did you mean “Order handling”? `/accord raci show` lists them.',
    );
    expect(await db().select().from(raciActivities)).toHaveLength(3);
    expect(await ask('raci remove "R&amp;D &lt;cor&gt;"')).toContain('Did you mean “R&amp;D &lt;core&gt;”?');
    const long = await ask(`raci remove "${'Order handling '.repeat(100)}"`);
    expect(long).toContain('There is no activity “Order handling Order');
    expect(long.length).toBeLessThan(300);
  });

  it('never suggests another project’s activity', async () => {
    const reply = await ask('raci remove "Billing reviw"');
    expect(reply).toContain('There is no activity “Billing reviw” in `rollout`.');
    expect(reply).not.toContain('Did you mean');
    expect(reply).not.toMatch(/Billing review|backoffice|globex/i);
  });

  it('suggests the activity for /escalate and change propose, and opens nothing', async () => {
    expect(await ask('sev2 Orders stuck activity="order handlng"', '/escalate')).toContain(
      'There is no activity “order handlng” in `rollout`. Did you mean “Order handling”?',
    );
    expect(await ask('change propose "New IVR" activity="Ordr handling"')).toContain('Did you mean “Order handling”?');
    expect(await db().select().from(escalations)).toHaveLength(0);
    expect(await db().select().from(changeRequests)).toHaveLength(0);
  });

  it('answers an unclosed quote with the command’s own usage, and changes nothing', async () => {
    expect(await h.ask(people.alice, 'partner add initech "Initech')).toBe(
      ':warning: Unclosed quote starting at “Initech”.\nUsage: `/accord partner add <slug> "<Name>" [tier=registered|silver|gold|platinum] [team=<SlackTeamId>]`',
    );
    expect(await db().select().from(partners).where(eq(partners.slug, 'initech'))).toHaveLength(0);
    expect(await ask('sev2 "Orders stuck', '/escalate')).toContain(
      'Usage: `/escalate sev1|sev2|sev3|sev4 <what happened>',
    );
    expect(await ask('raci set "Billing R=acme')).toContain('Usage: `/accord raci set "<activity>"');
    expect(await ask('change propose "Later" activity="Order handling')).toContain(
      'Usage: `/accord change propose "<title>"',
    );
    expect(await ask('partner "Acme')).toContain('Usage: `/accord help partners`');
    expect(await ask('"Acme')).toContain('Usage: `/accord help`');
  });
});
