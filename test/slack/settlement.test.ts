import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts, partners, projects, settlementEntries, statements, usageRecords } from '../../src/db/schema';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { GENERAL, gus, people, quinn } from '../../src/testkit/world';
import { settlementSnapshot } from '../../src/testkit/snapshots';
import { givenPartner } from '../../src/testkit/given';

const SETTLE_REFUSAL =
  ':no_entry: Only vendor admins can manage contracts, usage, deductions, adjustments and settlements.';
const SEE_REFUSAL = ':no_entry: Partner members can see their own partner’s score and statement only.';
const CSV_HEADER = 'partner,period,score,coefficient,accrued,payable,deductions,adjustments,total';

describe.each(drivers)('settlement (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const admin = (text: string, channel = GENERAL) => h.ask(people.alice, text, '/accord', channel);
  const partnerId = async (slug: string) =>
    (await db().select().from(partners).where(eq(partners.slug, slug)))[0]?.id ?? 0;
  const statementOf = async (slug: string, period: string) =>
    (
      await db()
        .select()
        .from(statements)
        .where(and(eq(statements.partnerId, await partnerId(slug)), eq(statements.period, period)))
    )[0];
  const csvFiles = (channel = GENERAL) => h.standIn.filesIn(channel).filter((f) => f.filename.endsWith('.csv'));
  const lastCsv = (channel = GENERAL) => csvFiles(channel).at(-1);
  const snapshot = () => settlementSnapshot(h);

  beforeAll(async () => {
    h = await startHarness({
      driver,
      users: [quinn, gus],
      channels: [
        { id: 'C0FINANCE', name: 'finance' },
        { id: 'C0OUTSIDE', name: 'outside', botIsMember: false },
      ],
    });
    await givenPartner(h);
    await givenPartner(h, { slug: 'globex', name: 'Globex Corp', lead: quinn });
    for (const slug of ['hooli', 'initech', 'umbrella']) await givenPartner(h, { slug });
    await givenPartner(h, { slug: 'wayne', name: 'Wayne Enterprises' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('contracts', () => {
    it('sets a contract for each pricing model', async () => {
      expect(await admin('contract set acme per_minute rate=0.37 currency=usd')).toBe(
        ":white_check_mark: `acme`'s contract: per minute in USD · USD 0.37 per minute.",
      );
      expect(await admin('contract set globex commission currency=EUR')).toBe(
        ":white_check_mark: `globex`'s contract: commission in EUR · commission entered with `/accord settle <period> accrued=…`.",
      );
      expect(await admin('contract set hooli monthly fee=3,333.33 currency=USD')).toBe(
        ":white_check_mark: `hooli`'s contract: monthly fee in USD · USD 3,333.33 per month.",
      );
      expect(await admin('contract set initech per_hour rate=12.5 currency=USD')).toBe(
        ":white_check_mark: `initech`'s contract: per hour in USD · USD 12.50 per hour.",
      );
      expect(await admin('contract set umbrella hourly_plus_commission rate=22 currency=USD')).toBe(
        ":white_check_mark: `umbrella`'s contract: hourly + commission in USD · USD 22.00 per hour + commission entered with `/accord settle <period> accrued=…`.",
      );
      expect(
        (await db().select().from(contracts)).map((c) => [c.model, c.currency, c.rateCents, c.feeCents]).sort(),
      ).toEqual([
        ['commission', 'EUR', null, null],
        ['hourly_plus_commission', 'USD', 2200, null],
        ['monthly', 'USD', null, 333333],
        ['per_hour', 'USD', 1250, null],
        ['per_minute', 'USD', 37, null],
      ]);
    });

    it('keeps the currency when it is not given, and says what changed', async () => {
      expect(await admin('contract set initech per_hour rate=12.50')).toBe(
        ":white_check_mark: `initech`'s contract: per hour in USD · USD 12.50 per hour. It was per hour in USD · USD 12.50 per hour; statements built from now on use the new terms.",
      );
    });

    it.each([
      ['contract set wayne per_hour currency=USD', 'Give the rate per hour, e.g. `rate=12.50`.'],
      [
        'contract set wayne per_minute rate=0.40 fee=10 currency=USD',
        'A per_minute contract takes `rate=`, not `fee=`.',
      ],
      [
        'contract set wayne commission rate=1 currency=USD',
        'A commission contract takes no rate (its commission is entered when settling), not `rate=`.',
      ],
      [
        'contract set wayne monthly fee=1.005 currency=USD',
        '`1.005` has more than two decimals; amounts are kept to the cent.',
      ],
      [
        'contract set wayne monthly fee=1,00 currency=USD',
        '`1,00` is not an amount: commas separate thousands only, e.g. `1,000.50`.',
      ],
      [
        'contract set wayne monthly fee=100 currency=JPY',
        'JPY is not divided into cents; Accord keeps amounts in hundredths, so it settles in currencies such as USD, EUR or GBP.',
      ],
      [
        'contract set wayne flat fee=100 currency=USD',
        '`flat` is not a pricing model: use `commission`, `per_minute`, `per_hour`, `monthly`, `hourly_plus_commission`.',
      ],
    ])('refuses `%s` and changes nothing', async (text, message) => {
      const before = await snapshot();
      const reply = await admin(text);
      expect(reply.split('\n')[0]).toBe(`:warning: ${message}`);
      expect(reply).toContain('Usage: `/accord contract set <partner>');
      expect(await snapshot()).toEqual(before);
    });

    it('needs a currency for a first contract, and only admins set contracts', async () => {
      const before = await snapshot();
      expect(await admin('contract set wayne monthly fee=100')).toBe(
        ":warning: Give the contract's currency, e.g. `currency=USD`.",
      );
      expect(await h.ask(people.victor, 'contract set wayne monthly fee=100 currency=USD')).toBe(SETTLE_REFUSAL);
      expect(await h.ask(people.pat, 'contract set acme monthly fee=100 currency=USD')).toBe(SETTLE_REFUSAL);
      expect(await snapshot()).toEqual(before);
    });

    it('shows a contract to vendor users and to the partner’s own members only', async () => {
      expect(await h.ask(people.victor, 'contract show hooli')).toBe(
        '*Hooli* `hooli`: monthly fee in USD · USD 3,333.33 per month.',
      );
      expect(await h.ask(people.pat, 'contract show acme')).toBe(
        '*Acme Telecom* `acme`: per minute in USD · USD 0.37 per minute.',
      );
      expect(await h.ask(people.pat, 'contract show globex')).toBe(SEE_REFUSAL);
      expect(await h.ask(people.pat, 'contract show no-such-partner')).toBe(SEE_REFUSAL);
    });
  });

  describe('usage', () => {
    it('records minutes and hours exactly, in the current month by default', async () => {
      expect(await admin('usage record acme minutes=1,234.5')).toBe(
        ':white_check_mark: Recorded 1,234.5 min for `acme` in 2026-03.',
      );
      expect(await admin('usage record initech hours=37.5 "March on-call"')).toBe(
        ':white_check_mark: Recorded 37.5 h for `initech` in 2026-03.',
      );
      expect(await admin('usage record umbrella hours=10 period=2026-03')).toBe(
        ':white_check_mark: Recorded 10 h for `umbrella` in 2026-03.',
      );
      const rows = await db().select().from(usageRecords).orderBy(asc(usageRecords.id));
      expect(rows.map((r) => [r.month, r.seconds, r.unit, r.note])).toEqual([
        ['2026-03', 74070, 'minutes', null],
        ['2026-03', 135000, 'hours', 'March on-call'],
        ['2026-03', 36000, 'hours', null],
      ]);
    });

    it.each([
      [
        'usage record globex minutes=10',
        ':warning: `globex` is paid commission, so usage does not change what it earns; usage counts for per-minute, per-hour and hourly + commission contracts.',
      ],
      [
        'usage record hooli hours=1',
        ':warning: `hooli` is paid monthly fee, so usage does not change what it earns; usage counts for per-minute, per-hour and hourly + commission contracts.',
      ],
      [
        'usage record wayne hours=1',
        ':warning: `wayne` has no contract yet. Set one with `/accord contract set wayne <model> currency=<code> …`.',
      ],
      ['usage record acme minutes=1 hours=1', ':warning: Give `minutes=` or `hours=`, not both.'],
      ['usage record acme', ':warning: Give the usage, e.g. `minutes=1,250` or `hours=37.5`.'],
      [
        'usage record acme hours=0.0001',
        ':warning: `0.0001` hours is not a whole number of seconds; give fewer decimals.',
      ],
      [
        'usage record acme hours=-2',
        ':warning: `-2` hours is negative; usage cannot be taken back this way (record an adjustment instead).',
      ],
      [
        'usage record acme hours=2 period=2026-Q1',
        ':warning: Record it for a month (e.g. `period=2026-01`); a quarterly statement adds up its three months.',
      ],
    ])('refuses `%s` and changes nothing', async (text, message) => {
      const before = await snapshot();
      expect((await admin(text)).split('\n')[0]).toBe(message);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('settling a period', () => {
    it('builds a draft per partner from its model and the period’s real score, and uploads the CSV where it was asked', async () => {
      // acme's only evidence in March: a rating of 4 → satisfaction 75 → Y = 75 → P = 83.33…%.
      await admin('rate acme 4 "good, slow on tickets"');
      expect((await h.ask(people.alice, 'acme period=2026-03', '/score')).split('\n').slice(1, 3)).toEqual([
        'Score: 75/100',
        'Coefficient: 83.33%',
      ]);

      const reply = await admin('settle 2026-03 accrued=globex:1,000.50,umbrella:50.50', 'C0FINANCE');
      expect(reply.split('\n')).toEqual([
        '*Settlement 2026-03* · 5 partners (5 drafts) · EUR 1,000.50 to pay (accrued 1,000.50, held back for quality 0.00); USD 4,521.74 to pay (accrued 4,529.35, held back for quality 7.61)',
        '• `acme` _draft_ · accrued USD 456.77 · score 75.00 · P 83.33% · total *USD 449.16*',
        '• `globex` _draft_ · accrued EUR 1,000.50 · score — · P 100.00% · total *EUR 1,000.50*',
        '• `hooli` _draft_ · accrued USD 3,333.33 · score — · P 100.00% · total *USD 3,333.33*',
        '• `initech` _draft_ · accrued USD 468.75 · score — · P 100.00% · total *USD 468.75*',
        '• `umbrella` _draft_ · accrued USD 270.50 · score — · P 100.00% · total *USD 270.50*',
        'No contract, so not settled: `wayne`.',
        'The CSV is being uploaded here. Check it, then approve with `/accord settle approve 2026-03`.',
      ]);
      // acme: 1,234.5 min × 0.37 = 456.765 → 456.77; payable 456.77 × (0.9 + 0.1 × 75/90) = 449.157… → 449.16.
      expect(await statementOf('acme', '2026-03')).toMatchObject({
        status: 'draft',
        accruedCents: 45677,
        scoreHundredths: 7500,
        payableCents: 44916,
        totalCents: 44916,
        usageSeconds: 74070,
      });
      expect(await statementOf('umbrella', '2026-03')).toMatchObject({
        accruedCents: 27050,
        enteredCents: 5050,
        basis: '10 h × 22.00 per hour + commission 50.50',
      });

      const csv = lastCsv('C0FINANCE');
      expect(csv?.filename).toBe('accord-settlement-2026-03.csv');
      expect(csv?.content.split('\r\n')).toEqual([
        CSV_HEADER,
        'acme,2026-03,75.00,83.33,456.77,449.16,0.00,0.00,449.16',
        'globex,2026-03,,100.00,1000.50,1000.50,0.00,0.00,1000.50',
        'hooli,2026-03,,100.00,3333.33,3333.33,0.00,0.00,3333.33',
        'initech,2026-03,,100.00,468.75,468.75,0.00,0.00,468.75',
        'umbrella,2026-03,,100.00,270.50,270.50,0.00,0.00,270.50',
        '',
      ]);
      // The upload went through Slack's two-step external upload, and its message summarises the table.
      const methods = h.standIn.calls.map((c) => c.method).filter((m) => m.startsWith('files.'));
      expect(methods.slice(-2)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
      const shared = h.standIn.messagesIn('C0FINANCE').at(-1);
      expect(shared?.text).toBe(`${reply.split('\n')[0]}. Approve with \`/accord settle approve 2026-03\`.`);
    });

    it('replaces the draft when the period is settled again, with deductions and adjustments', async () => {
      expect(await admin('deduct acme 100 "SLA breach penalty, ESC-7"')).toBe(
        ':white_check_mark: Recorded a deduction of USD 100.00 for `acme` in 2026-03. 2026-03 has a draft: run `/accord settle 2026-03` again to include it.',
      );
      expect(await admin('adjust globex -0.50 "rounding correction"')).toBe(
        ':white_check_mark: Recorded an adjustment of −EUR 0.50 for `globex` in 2026-03. 2026-03 has a draft: run `/accord settle 2026-03` again to include it.',
      );
      const firstDraft = await statementOf('acme', '2026-03');
      h.clock.set(new Date('2026-03-02T10:00:00Z'));
      await admin('settle 2026-03', 'C0FINANCE');
      const rows = await db().select().from(statements).where(eq(statements.period, '2026-03'));
      expect(rows).toHaveLength(5);
      expect(await statementOf('acme', '2026-03')).toMatchObject({
        status: 'draft',
        deductionsCents: 10000,
        totalCents: 34916,
        builtAt: new Date('2026-03-02T10:00:00Z'),
      });
      expect((await statementOf('acme', '2026-03'))?.id).not.toBe(firstDraft?.id);
      // globex's entered commission was kept from the first run.
      expect(await statementOf('globex', '2026-03')).toMatchObject({
        enteredCents: 100050,
        adjustmentsCents: -50,
        totalCents: 100000,
      });
      expect(lastCsv('C0FINANCE')?.content).toContain('acme,2026-03,75.00,83.33,456.77,449.16,100.00,0.00,349.16');
      expect(lastCsv('C0FINANCE')?.content).toContain('globex,2026-03,,100.00,1000.50,1000.50,0.00,-0.50,1000.00');
      expect(csvFiles('C0FINANCE')).toHaveLength(2);
    });

    it('shows a draft to vendor users with how it was reached', async () => {
      expect((await h.ask(people.victor, 'statement 2026-03 acme')).split('\n')).toEqual([
        '*Acme Telecom · statement 2026-03* (_draft_, may still change)',
        'Accrued: USD 456.77 (1,234.5 min × 0.37 per minute)',
        'Score: 75.00/100 · coefficient 83.33%',
        'Payable: USD 449.16 (90% of accrued, plus the 10% quality holdback × 83.33%; USD 7.61 held back)',
        'Deduction (2026-03): −USD 100.00 — SLA breach penalty, ESC-7',
        'Deductions: −USD 100.00 · adjustments: +USD 0.00',
        '*Total: USD 349.16*',
      ]);
      expect(await h.ask(people.pat, 'statement 2026-03')).toBe(
        'The statement of `acme` for 2026-03 is not approved yet.',
      );
    });

    it.each([
      ['settle 2026-04', ':warning: 2026-04 has not started yet; a period can be settled once it has begun.'],
      ['settle march', ':warning: `march` is not a period: use a month like `2026-03` or a quarter like `2026-Q1`.'],
      [
        'settle 2026-03 accrued=acme:10',
        ':warning: `acme` is paid per minute: its accrued amount comes from its contract and usage, so `accrued=` does not apply to it.',
      ],
      [
        'settle 2026-03 accrued=hooli:10',
        ':warning: `hooli` is paid monthly fee: its accrued amount comes from its contract, so `accrued=` does not apply to it.',
      ],
      [
        'settle 2026-03 accrued=wayne:10',
        ':warning: `wayne` has no contract yet; set one with `/accord contract set wayne commission currency=<code>` first.',
      ],
      [
        'settle 2026-03 accrued=nobody:10',
        ':warning: There is no partner `nobody`. `/accord partner list` shows them all.',
      ],
      [
        'settle 2026-03 accrued=globex:1.001',
        ':warning: globex: `1.001` has more than two decimals; amounts are kept to the cent.',
      ],
      [
        'settle 2026-03 accrued=globex',
        ':warning: `globex` is not `<partner>:<amount>`; write e.g. `accrued=acme:1,000.50,globex:200`.',
      ],
      [
        'settle 2026-Q1',
        ':warning: `acme` 2026-03, `globex` 2026-03, `hooli` 2026-03, `initech` 2026-03, `umbrella` 2026-03 already have a statement for an overlapping period. Settle by month or by quarter, not both, so nothing is paid twice.',
      ],
    ])('refuses `%s` and changes nothing', async (text, message) => {
      const before = await snapshot();
      expect((await admin(text, 'C0FINANCE')).split('\n')[0]).toBe(message);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses vendor members and partners, and never uploads into a project channel', async () => {
      await h.ask(people.victor, 'project create rollout "Rollout" partners=acme tz=UTC');
      await h.slack.acceptInvitationsFor(people.pat);
      await h.settle();
      const channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
      const before = await snapshot();
      expect(await h.ask(people.victor, 'settle 2026-03')).toBe(SETTLE_REFUSAL);
      expect(await h.ask(people.pat, 'settle 2026-03')).toBe(SETTLE_REFUSAL);
      expect(await admin('settle 2026-03', channel)).toBe(
        ":warning: This is `rollout`'s channel, which its partners can read; settle in a vendor-only channel or in a DM with Accord, so one partner's figures are not shown to another.",
      );
      expect(await snapshot()).toEqual(before);
      expect(h.standIn.filesIn(channel)).toEqual([]);
    });

    it('tells the admin when Slack refuses the upload instead of dropping it', async () => {
      await admin('settle 2026-03', 'C0OUTSIDE');
      expect(h.standIn.filesIn('C0OUTSIDE')).toEqual([]);
      const dm = h.standIn.messages.filter((m) => m.text.includes('was not shared')).at(-1);
      expect(dm?.text).toContain('because I am not a member');
      expect(dm?.text).toContain('The file `accord-settlement-2026-03.csv` (Settlement 2026-03) was not shared.');
    });
  });

  describe('approval', () => {
    it('refuses a draft that is older than a change to its period', async () => {
      await admin('usage record initech hours=2.5');
      expect(await admin('settle approve 2026-03')).toBe(
        ':warning: `initech`: usage, entries or the contract for 2026-03 changed after the draft was built. Run `/accord settle 2026-03` again, check it, then approve.',
      );
      expect((await db().select().from(statements).where(eq(statements.status, 'approved'))).length).toBe(0);
    });

    it('approves and freezes, and tells each partner’s leads', async () => {
      await admin('settle 2026-03', 'C0FINANCE');
      h.clock.set(new Date('2026-03-31T12:00:00Z'));
      expect(await admin('settle approve 2026-03 acme globex')).toBe(
        ":lock: Approved 2 statements for 2026-03: `acme` USD 349.16, `globex` EUR 1,000.00. They are frozen; later changes go into the next period as adjustments, and each partner's leads have been told.",
      );
      expect(await statementOf('acme', '2026-03')).toMatchObject({
        status: 'approved',
        approvedBy: people.alice.id,
        approvedAt: new Date('2026-03-31T12:00:00Z'),
      });
      expect(await statementOf('hooli', '2026-03')).toMatchObject({ status: 'draft' });
      // Quinn (Globex, in the vendor's workspace) gets a DM. Pat is in Acme's own organisation,
      // where Slack refuses the DM: it reaches him as an ephemeral in Acme's project channel.
      expect(h.standIn.messagesIn('D0QUINN').map((m) => m.text)).toContain(
        'Your statement for 2026-03 is approved: EUR 1,000.00 to be paid. `/accord statement 2026-03` (from another organisation: `@Accord statement 2026-03` in your project channel) shows how it was reached.',
      );
      expect(h.standIn.messagesIn('D0PAT')).toEqual([]);
      const rollout = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId;
      expect(h.standIn.ephemerals.filter((e) => e.text.includes('Your statement for 2026-03'))).toEqual([
        {
          channel: rollout,
          user: people.pat.id,
          text: ':envelope_with_arrow: Slack would not let me send you this as a direct message, so here it is, visible only to you:\nYour statement for 2026-03 is approved: USD 349.16 to be paid. `/accord statement 2026-03` (from another organisation: `@Accord statement 2026-03` in your project channel) shows how it was reached.',
        },
      ]);
      expect(h.standIn.messages.filter((m) => m.text.includes('USD 349.16 to be paid'))).toEqual([]);
      expect(await admin('settle approve 2026-03')).toMatch(
        /^:lock: Approved 3 statements for 2026-03: `hooli` USD 3,333.33, `initech` USD 500.00, `umbrella` USD 270.50\./,
      );
      expect(await admin('settle approve 2026-03')).toBe(
        'Already approved: `acme`, `globex`, `hooli`, `initech`, `umbrella` for 2026-03. Later changes go into the next period as adjustments.',
      );
    });

    it('keeps approved statements as they are when the period is settled again, and refuses new commission for them', async () => {
      const frozen = await statementOf('acme', '2026-03');
      await admin('settle 2026-03', 'C0FINANCE');
      expect(await statementOf('acme', '2026-03')).toEqual(frozen);
      const before = await snapshot();
      expect(await admin('settle 2026-03 accrued=globex:5', 'C0FINANCE')).toBe(
        ':warning: `globex`\'s statement for 2026-03 is approved and frozen. Record the difference with `/accord adjust globex <amount> "reason" period=2026-03`: it goes into the next period.',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('carries a late change into the next period as an adjustment, valued with the frozen terms and coefficient', async () => {
      // 100 more minutes: accrued 1,334.5 × 0.37 = 493.765 → 493.77 (+37.00); payable 485.54 − 449.16 = +36.38.
      expect(await admin('usage record acme minutes=100 period=2026-03')).toBe(
        ':lock: 2026-03 is approved for `acme`, so 100 min goes into 2026-04 as an adjustment of +USD 36.38.',
      );
      expect(await admin('deduct globex 10 "late report" period=2026-03')).toBe(
        ':lock: 2026-03 is approved for `globex`, so a deduction of EUR 10.00 goes into 2026-04 as an adjustment of −EUR 10.00.',
      );
      const carried = await db()
        .select()
        .from(settlementEntries)
        .where(eq(settlementEntries.month, '2026-04'))
        .orderBy(asc(settlementEntries.id));
      expect(carried.map((e) => [e.kind, e.cents, e.originPeriod, e.reason])).toEqual([
        [
          'adjustment',
          3638,
          '2026-03',
          'usage for 2026-03 recorded after 2026-03 was approved: +100 min (+37.00 accrued)',
        ],
        ['adjustment', -1000, '2026-03', 'deduction for 2026-03 after 2026-03 was approved: late report'],
      ]);
      // The approved statements did not move.
      expect(await statementOf('acme', '2026-03')).toMatchObject({ totalCents: 34916, usageSeconds: 74070 });

      h.clock.set(new Date('2026-04-30T12:00:00Z'));
      await admin('settle 2026-04 accrued=globex:0', 'C0FINANCE');
      expect(await statementOf('acme', '2026-04')).toMatchObject({
        status: 'draft',
        accruedCents: 0,
        adjustmentsCents: 3638,
        totalCents: 3638,
      });
      expect(await statementOf('globex', '2026-04')).toMatchObject({ adjustmentsCents: -1000, totalCents: -1000 });
      expect(lastCsv('C0FINANCE')?.content).toContain('globex,2026-04,,100.00,0.00,0.00,0.00,-10.00,-10.00');
    });

    it('warns, per partner, when a commission partner is settled with no commission entered, and still builds its draft', async () => {
      h.clock.set(new Date('2026-05-02T12:00:00Z'));
      const warnings = (reply: string) => reply.split('\n').filter((l) => l.startsWith(':warning:'));
      const globexMissing =
        ':warning: No commission entered for `globex` (Globex Corp) in 2026-05, so its draft accrues EUR 0.00. Enter it with `/accord settle 2026-05 accrued=globex:<amount>`.';
      const umbrellaMissing =
        ':warning: No commission entered for `umbrella` (Umbrella) in 2026-05, so its draft has its hours only (commission USD 0.00). Enter it with `/accord settle 2026-05 accrued=umbrella:<amount>`.';
      const first = await admin('settle 2026-05', 'C0FINANCE');
      expect(warnings(first)).toEqual([globexMissing, umbrellaMissing]);
      // The drafts exist all the same, with a commission of 0, so the period's table is complete.
      expect(await statementOf('globex', '2026-05')).toMatchObject({
        status: 'draft',
        enteredCents: 0,
        accruedCents: 0,
      });
      expect(await statementOf('umbrella', '2026-05')).toMatchObject({ status: 'draft', enteredCents: 0 });
      expect(lastCsv('C0FINANCE')?.filename).toBe('accord-settlement-2026-05.csv');

      expect(warnings(await admin('settle 2026-05 accrued=globex:120', 'C0FINANCE'))).toEqual([umbrellaMissing]);
      // An amount entered earlier counts, and so does an explicit 0.
      expect(warnings(await admin('settle 2026-05 accrued=umbrella:0', 'C0FINANCE'))).toEqual([]);
      expect(await statementOf('globex', '2026-05')).toMatchObject({ enteredCents: 12000, accruedCents: 12000 });
    });
  });

  describe('who sees which statement', () => {
    it('lets a partner member see their own approved statement, and nobody else’s', async () => {
      const own = await h.ask(people.pat, 'statement 2026-03');
      expect(own.split('\n')[0]).toBe('*Acme Telecom · statement 2026-03* (approved)');
      expect(own).toContain('*Total: USD 349.16*');
      expect(await h.ask(people.pat, 'statement 2026-03 acme')).toBe(own);
      expect(await h.ask(people.pat, 'statement 2026-03 globex')).toBe(SEE_REFUSAL);
      expect(await h.ask(people.pat, 'statement 2026-03 no-such-partner')).toBe(SEE_REFUSAL);
      expect(await h.ask(quinn, 'statement 2026-03')).toContain('*Total: EUR 1,000.00*');
      expect(await h.ask(gus, 'statement 2026-03')).toMatch(
        /^:no_entry: Partner members can see their own partner’s score and statement only\./,
      );
    });

    it('shows vendor users the whole period, and any partner', async () => {
      const table = (await h.ask(people.victor, 'statement 2026-03')).split('\n');
      expect(table[0]).toMatch(/^\*Settlement 2026-03\* · 5 partners \(5 approved\)/);
      expect(table.slice(1).map((l) => /`([a-z]+)`/.exec(l)?.[1])).toEqual([
        'acme',
        'globex',
        'hooli',
        'initech',
        'umbrella',
      ]);
      expect(await h.ask(people.victor, 'statement 2026-03 globex')).toContain(
        'Adjustment (2026-03): −EUR 0.50 — rounding correction',
      );
      expect(await h.ask(people.victor, 'statement 2025-01')).toBe('There is no statement for 2025-01 yet.');
    });
  });
});
