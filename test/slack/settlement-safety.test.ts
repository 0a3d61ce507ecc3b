import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accruedEntries, partners, settlementEntries, statements, usageRecords } from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, people, quinn } from '../../src/testkit/world';
import { settlementSnapshot } from '../../src/testkit/snapshots';
import { givenPartner } from '../../src/testkit/given';

// quinn is of the vendor's workspace but a partner member added by hand; gus is of an unrelated organisation.
const WHERE_INSTEAD =
  'Settle in a DM with Accord, or in a channel whose members are all vendor admins or vendor members.';
const MAX = '1,000,000,000,000.00';

describe.each(drivers)('settlement safety (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const admin = (text: string, channel = 'C0FINANCE') => h.ask(people.alice, text, '/accord', channel);
  const partnerId = async (slug: string) =>
    (await db().select().from(partners).where(eq(partners.slug, slug)))[0]?.id ?? 0;
  const statementOf = async (slug: string, period: string) =>
    (
      await db()
        .select()
        .from(statements)
        .where(and(eq(statements.partnerId, await partnerId(slug)), eq(statements.period, period)))
    )[0];
  const csvIn = (channel: string) => h.standIn.filesIn(channel).filter((f) => f.filename.endsWith('.csv'));
  const snapshot = () => settlementSnapshot(h);

  beforeAll(async () => {
    h = await startHarness({
      driver,
      users: [quinn, gus],
      beforeStart: (s) => {
        const vendorOnly = new Set([people.alice.id, people.victor.id]);
        s.addChannel({ id: 'C0FINANCE', name: 'finance', members: new Set(vendorOnly) });
        s.addChannel({ id: 'G0FINANCE', name: 'finance-private', isPrivate: true, members: new Set(vendorOnly) });
        s.addChannel({
          id: 'G0GROUPDM',
          name: 'mpdm-alice--victor',
          isPrivate: true,
          isMpim: true,
          members: new Set(vendorOnly),
        });
        s.addChannel({ id: 'C0MIXED', name: 'mixed', members: new Set([people.alice.id, quinn.id]) });
        s.addChannel({
          id: 'C0CONNECT',
          name: 'connect',
          members: new Set([people.alice.id]),
          sharedWithTeams: new Set(['T0PARTNER']),
        });
        s.addChannel({ id: 'C0STRANGER', name: 'stranger', members: new Set([people.alice.id, gus.id]) });
        s.addChannel({ id: 'C0HIDDEN', name: 'hidden', members: new Set([people.alice.id, people.hidden.id]) });
        s.addChannel({
          id: 'G0SECRET',
          name: 'secret',
          isPrivate: true,
          botIsMember: false,
          members: new Set([people.alice.id]),
        });
      },
    });
    await givenPartner(h, { lead: null });
    await givenPartner(h, { slug: 'globex', name: 'Globex Corp', lead: quinn });
    await admin('contract set acme monthly fee=100 currency=USD');
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('where the CSV may be posted', () => {
    it.each([
      [
        'C0CONNECT',
        `:warning: This conversation is shared with another organisation through Slack Connect (or an invitation to share it is pending), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
      ],
      [
        'C0MIXED',
        `:warning: <@U0QUINN> is in this conversation but not vendor people (a partner member, or someone of another organisation or unknown to Accord), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
      ],
      [
        'C0STRANGER',
        `:warning: <@U0GUS> is in this conversation but not vendor people (a partner member, or someone of another organisation or unknown to Accord), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
      ],
      [
        'C0HIDDEN',
        `:warning: <@U0HIDDEN> is in this conversation but not vendor people (a partner member, or someone of another organisation or unknown to Accord), so the CSV with every partner's figures is not posted here and nothing was settled. ${WHERE_INSTEAD}`,
      ],
      [
        'G0SECRET',
        `:warning: I cannot see who is in this conversation (Slack answered \`channel_not_found\`), so nothing was settled or posted: the CSV lists every partner's figures. ${WHERE_INSTEAD}`,
      ],
      // A DM between two people: Accord is not in it, so Slack will not show it.
      [
        'D0SOMEONE',
        `:warning: I cannot see who is in this conversation (Slack answered \`channel_not_found\`), so nothing was settled or posted: the CSV lists every partner's figures. ${WHERE_INSTEAD}`,
      ],
    ])('refuses to settle in %s, builds nothing and posts nothing', async (channel, message) => {
      const before = await snapshot();
      expect(await admin('settle 2026-03', channel)).toBe(message);
      expect(await snapshot()).toEqual(before);
      expect(h.standIn.filesIn(channel)).toEqual([]);
    });

    it('refuses with a try-again message, and posts nothing, when Slack cannot say who is there', async () => {
      const before = await snapshot();
      h.standIn.inject('conversations.members', { status: 503 }, 3);
      expect(await admin('settle 2026-03')).toBe(
        ':warning: I could not check who is in this conversation (Slack did not answer in time), so nothing was settled or posted. Please try again in a minute.',
      );
      expect(await snapshot()).toEqual(before);
      expect(csvIn('C0FINANCE')).toEqual([]);
      h.standIn.clearFaults();
    });

    it('settles in a channel, a private channel and a group DM of vendor people only, asking Slack each time', async () => {
      for (const channel of ['C0FINANCE', 'G0FINANCE', 'G0GROUPDM']) {
        const calls = h.standIn.callsTo('conversations.members').length;
        expect((await admin('settle 2026-03', channel)).split('\n')[0]).toMatch(
          /^\*Settlement 2026-03\* · 1 partner \(1 draft\)/,
        );
        expect(csvIn(channel).map((f) => f.filename)).toEqual(['accord-settlement-2026-03.csv']);
        expect(h.standIn.callsTo('conversations.members').length).toBe(calls + 1);
      }
      // Nothing is cached: a partner member joining the channel makes the next settlement refuse.
      h.standIn.channels.get('C0FINANCE')?.members.add(quinn.id);
      expect(await admin('settle 2026-03')).toMatch(
        /^:warning: <@U0QUINN> is in this conversation but not vendor people/,
      );
      h.standIn.channels.get('C0FINANCE')?.members.delete(quinn.id);
    });

    it('settles in a DM with Accord, whose members are the admin and the bot', async () => {
      const dm = h.standIn.openDm(people.alice.id);
      expect((await admin('settle 2026-03', dm.id)).split('\n')[0]).toMatch(/^\*Settlement 2026-03\*/);
      expect(csvIn(dm.id).map((f) => f.filename)).toEqual(['accord-settlement-2026-03.csv']);
      const members = h.standIn.callsTo('conversations.members').at(-1);
      expect(members?.response.members).toEqual([people.alice.id, 'U0ACCORD']);
    });
  });

  describe('currencies', () => {
    it('keeps each entry in the currency it was recorded in', async () => {
      await admin('contract set globex commission currency=USD');
      await admin('deduct globex 10 "late report"');
      await admin('settle 2026-03 accrued=globex:500');
      const [entry] = await db().select().from(settlementEntries);
      expect(entry).toMatchObject({ kind: 'deduction', cents: 1000, currency: 'USD' });
      expect(
        (
          await db()
            .select()
            .from(accruedEntries)
            .where(eq(accruedEntries.partnerId, await partnerId('globex')))
        )[0],
      ).toMatchObject({ cents: 50000, currency: 'USD' });
    });

    it('refuses a currency change while entries in the old currency are unsettled, and changes nothing', async () => {
      const before = await snapshot();
      expect(await admin('contract set globex commission currency=EUR')).toBe(
        ':warning: `globex` has deductions, adjustments or entered commission in USD (2026-03) that no approved statement holds yet, so its currency cannot change to EUR: they would be paid as EUR. Settle and approve those periods first (`/accord settle <period>`, then `/accord settle approve <period>`), then change the currency.',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('allows the change once the period is approved, and then refuses to carry a late change in the old currency', async () => {
      await admin('settle 2026-03');
      expect(await admin('settle approve 2026-03')).toMatch(/^:lock: Approved 2 statements for 2026-03/);
      expect(await admin('contract set globex commission currency=EUR')).toMatch(
        /^:white_check_mark: `globex`'s contract: commission in EUR/,
      );
      const before = await snapshot();
      expect(await admin('deduct globex 5 "found later" period=2026-03')).toBe(
        ':warning: 2026-03 is approved for `globex` in USD, and its contract is now in EUR, so this change cannot be carried into a later period as it is. Record what it is worth in EUR with `/accord adjust globex <amount> "reason"`.',
      );
      expect(await snapshot()).toEqual(before);
      h.clock.set(new Date('2026-04-02T09:00:00Z'));
      await admin('deduct globex 5 "April penalty"');
      expect((await db().select().from(settlementEntries).orderBy(asc(settlementEntries.id))).at(-1)).toMatchObject({
        month: '2026-04',
        currency: 'EUR',
        cents: 500,
      });
    });
  });

  describe('limits', () => {
    it('refuses usage that would take a quarter beyond the limit when it is recorded', async () => {
      // 1,000,000,000.00 an hour: 1,000 hours is exactly the limit, one more hour is beyond it.
      await admin('partner add hooli "Hooli"');
      await admin('contract set hooli per_hour rate=1,000,000,000 currency=USD');
      expect(await admin('usage record hooli hours=600 period=2026-01')).toBe(
        ':white_check_mark: Recorded 600 h for `hooli` in 2026-01.',
      );
      expect(await admin('usage record hooli hours=400 period=2026-02')).toBe(
        ':white_check_mark: Recorded 400 h for `hooli` in 2026-02.',
      );
      const before = await snapshot();
      expect(await admin('usage record hooli hours=1 period=2026-03')).toBe(
        `:warning: With 1 h more, \`hooli\`'s accrued amount for 2026-Q1 would be USD 1,001,000,000,000.00, more than Accord can settle in one statement (at most ${MAX} per partner and period). Nothing was recorded.`,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a contract whose rate would take unsettled usage, or a quarter of its fee, beyond the limit', async () => {
      const before = await snapshot();
      expect(await admin('contract set hooli per_hour rate=1,000,000,000.01')).toBe(
        `:warning: With these terms, \`hooli\`'s accrued amount for 2026-Q1 would be USD 1,000,000,000,010.00, more than Accord can settle in one statement (at most ${MAX} per partner and period). Nothing was changed.`,
      );
      expect(await admin('contract set hooli monthly fee=400,000,000,000')).toBe(
        `:warning: With these terms, \`hooli\`'s accrued amount for a quarter would be USD 1,200,000,000,000.00, more than Accord can settle in one statement (at most ${MAX} per partner and period). Nothing was changed.`,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('refuses deductions that would add up beyond the limit', async () => {
      expect(await admin('deduct hooli 1,000,000,000,000 "write-off" period=2026-01')).toBe(
        ':white_check_mark: Recorded a deduction of USD 1,000,000,000,000.00 for `hooli` in 2026-01.',
      );
      const before = await snapshot();
      expect(await admin('deduct hooli 0.01 "one more cent" period=2026-02')).toBe(
        `:warning: With this deduction, \`hooli\`'s deductions for 2026-Q1 would add up to USD 1,000,000,000,000.01, more than Accord can settle in one statement (at most ${MAX} per partner and period). Nothing was recorded.`,
      );
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('one bad partner', () => {
    it('is listed with its error while the others settle', async () => {
      await admin('partner add initech "Initech"');
      await admin('partner add wayne "Wayne Enterprises"');
      await admin('contract set initech per_minute rate=1,000 currency=USD');
      await admin('contract set wayne monthly fee=250 currency=USD');
      // Entries from before the limit and the currency were checked, written as they were then.
      const now = h.clock.now();
      await db()
        .insert(usageRecords)
        .values({
          partnerId: await partnerId('initech'),
          month: '2026-04',
          seconds: 7_000_000_000_000,
          unit: 'minutes',
          note: null,
          recordedBy: people.alice.id,
          recordedAt: now,
        });
      await db()
        .insert(settlementEntries)
        .values({
          partnerId: await partnerId('wayne'),
          month: '2026-04',
          kind: 'adjustment',
          cents: 500,
          currency: 'GBP',
          reason: 'old bonus',
          originPeriod: null,
          createdBy: people.alice.id,
          createdAt: now,
        });

      const reply = (await admin('settle 2026-04')).split('\n');
      expect(reply[0]).toMatch(/^\*Settlement 2026-04\* · 3 partners \(3 drafts\)/);
      expect(reply).toContain(
        `:x: \`initech\` was not settled: its accrued amount for 2026-04 would be USD 116,666,666,666,666.67, more than Accord can settle in one statement (at most ${MAX} per partner and period). Check the usage, rate and entries recorded for it.`,
      );
      expect(reply).toContain(
        ':x: `wayne` was not settled: its deductions, adjustments or entered commission for 2026-04 include amounts in GBP, but its contract is in USD, and Accord never adds up two currencies. Set the contract to GBP with `/accord contract set wayne … currency=GBP` to settle them.',
      );
      expect(await statementOf('initech', '2026-04')).toBeUndefined();
      expect(await statementOf('wayne', '2026-04')).toBeUndefined();
      expect(await statementOf('acme', '2026-04')).toMatchObject({ status: 'draft', totalCents: 10000 });
      const csv = csvIn('C0FINANCE')
        .at(-1)
        ?.content.split('\r\n')
        .map((l) => l.split(',')[0]);
      expect(csv).toEqual(['partner', 'acme', 'globex', 'hooli', '']);
      expect(await admin('settle approve 2026-04')).toMatch(
        /^:lock: Approved 3 statements for 2026-04: `acme` USD 100.00, `globex` EUR /,
      );
    });
  });
});
