import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, partnerMembers } from '../../src/db/schema';
import { AccordError } from '../../src/errors';
import { addPartnerMember } from '../../src/services/partners/add-member';
import { addPartner } from '../../src/services/partners/add-partner';
import { drivers } from '../../src/testkit/databases';
import { useVerbKit } from '../../src/testkit/verbs';
import { people, person, quinn, VENDOR_TEAM } from '../../src/testkit/world';

/** The partner verbs called directly: who may, what is stored and audited, and what is refused. */
describe.each(drivers)('partner verbs (%s)', (driver) => {
  const kit = useVerbKit(driver);
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => 'no refusal',
      (e: unknown) => (e instanceof AccordError ? `${e.code}: ${e.message}` : String(e)),
    );
  const globex = { slug: 'globex', name: 'Globex', tier: 'gold' as const, slackTeamId: 'T0GLOBEX' };

  it('an admin adds a partner: stored as given, audited once', () =>
    kit.run(async (w) => {
      const row = await addPartner({ ctx: await w.verbContext(people.alice), input: globex });
      expect(row).toMatchObject({
        slug: 'globex',
        name: 'Globex',
        tier: 'gold',
        slackTeamId: 'T0GLOBEX',
        status: 'active',
        createdBy: people.alice.id,
      });
      const audits = await w.tx.select().from(auditEvents).where(eq(auditEvents.action, 'partner.added'));
      expect(audits.map((a) => a.entityId)).toEqual([String(row.id)]);
    }));

  it.each([
    [
      'a vendor member',
      people.victor,
      'FORBIDDEN: Only vendor admins can manage partners, their stages, violations, certifications and exits.',
    ],
    [
      'a partner member',
      people.pat,
      'FORBIDDEN: Only vendor admins can manage partners, their stages, violations, certifications and exits.',
    ],
  ])('%s may not add a partner, and nothing is stored', (_who, who, refusal) =>
    kit.run(async (w) => {
      await w.givenPartner();
      expect(await failure(addPartner({ ctx: await w.verbContext(who), input: globex }))).toBe(refusal);
      expect(await w.tx.select().from(auditEvents).where(eq(auditEvents.action, 'partner.added'))).toHaveLength(1);
    }),
  );

  it.each([
    [{ ...globex, slug: 'Globex' }, 'VALIDATION: Slugs are lower case: use `globex` instead of `Globex`.'],
    [
      { ...globex, slug: 'vendor' },
      'VALIDATION: `vendor` cannot be a partner slug: it has its own meaning in RACI assignments. Pick another.',
    ],
    [{ ...globex, name: ' ' }, 'VALIDATION: The partner name must be 1–100 characters.'],
    [
      { ...globex, slackTeamId: VENDOR_TEAM },
      'VALIDATION: That is the vendor’s own Slack team; give the partner’s team id (it starts with T).',
    ],
    [{ ...globex, slug: 'acme' }, 'CONFLICT: A partner `acme` already exists; pick another slug.'],
    [
      { ...globex, slackTeamId: 'T0PARTNER' },
      'CONFLICT: Slack team T0PARTNER is already registered for partner `acme`.',
    ],
  ])('refuses %j with a specific reason', (input, refusal) =>
    kit.run(async (w) => {
      await w.givenPartner();
      expect(await failure(addPartner({ ctx: await w.verbContext(people.alice), input }))).toBe(refusal);
    }),
  );

  it('a person of the vendor’s own team becomes a partner member only when confirmed', () =>
    kit.run(async (w) => {
      await w.givenPartner();
      w.meet(quinn);
      const ctx = await w.verbContext(people.alice);
      const asked = await addPartnerMember({
        ctx,
        input: { slug: 'acme', userId: quinn.id, lead: false, confirm: false },
      });
      expect(asked.kind).toBe('confirm');
      expect(await w.tx.select().from(partnerMembers).where(eq(partnerMembers.userId, quinn.id))).toEqual([]);
      const added = await addPartnerMember({
        ctx,
        input: { slug: 'acme', userId: quinn.id, lead: true, confirm: true },
      });
      expect(added).toMatchObject({ kind: 'added', roleChange: 'vendor-member' });
      expect((await w.verbContext(quinn)).actor).toMatchObject({
        role: 'partner',
        partners: [{ slug: 'acme', lead: true }],
      });
    }));

  it('someone of the partner’s own Slack team is its member without being added', () =>
    kit.run(async (w) => {
      await w.givenPartner({ lead: null });
      const ann = person('ann', 'T0PARTNER');
      expect((await w.verbContext(ann)).actor).toMatchObject({
        role: 'partner',
        partners: [{ slug: 'acme', lead: false }],
      });
    }));
});
