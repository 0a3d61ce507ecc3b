import { describe, expect, it } from 'vitest';
import type { Party } from '../../../src/domain/raci/party';
import { AccordError } from '../../../src/errors';
import { mayDecide } from '../../../src/services/changes/decide-change';
import type { Actor } from '../../../src/services/context';
import {
  can,
  permissionRules,
  requirePermission,
  type PermissionAction,
  type Resource,
} from '../../../src/services/permissions';

const KESTREL = { partnerId: 11, slug: 'kestrel-logistics', name: 'Kestrel Logistics', lead: true };
const ZEPHYR = { partnerId: 22, slug: 'zephyr-telecom', name: 'Zephyr Telecom', lead: false };
const PARTNER_WORDS = /kestrel|zephyr/i;

const situations = ['vendorAdmin', 'vendorMember', 'concernedPartner', 'otherPartner', 'guest'] as const;
type Situation = (typeof situations)[number];

const actors: Record<Situation, Actor> = {
  vendorAdmin: {
    userId: 'U0ADMIN',
    teamId: 'T0VENDOR',
    role: 'admin',
    adminSource: 'config',
    partners: [],
    language: 'en',
  },
  vendorMember: {
    userId: 'U0MEMBER',
    teamId: 'T0VENDOR',
    role: 'vendor',
    adminSource: undefined,
    partners: [],
    language: 'en',
  },
  concernedPartner: {
    userId: 'U0KESTREL',
    teamId: 'T0KESTREL',
    role: 'partner',
    adminSource: undefined,
    partners: [KESTREL],
    language: 'en',
  },
  otherPartner: {
    userId: 'U0ZEPHYR',
    teamId: 'T0ZEPHYR',
    role: 'partner',
    adminSource: undefined,
    partners: [ZEPHYR],
    language: 'en',
  },
  guest: {
    userId: 'U0GUEST',
    teamId: 'T0ELSEWHERE',
    role: 'guest',
    adminSource: undefined,
    partners: [],
    language: 'en',
  },
};

/** Everything the resource can say, all of it about Kestrel: Kestrel's members are "concerned". */
const aboutKestrel: Resource = {
  projectPartnerIds: [KESTREL.partnerId],
  target: { kind: 'partner', partnerId: KESTREL.partnerId },
  partnerId: KESTREL.partnerId,
};
const targetingVendor: Resource = {
  projectPartnerIds: [KESTREL.partnerId],
  target: { kind: 'vendor' },
  partnerId: KESTREL.partnerId,
};

interface Row {
  action: PermissionAction;
  case: string;
  resource: Resource;
  expected: Record<Situation, boolean>;
  /** Who may do it, as the refusal must say. */
  who: RegExp;
}

const Y = true;
const N = false;
const row = (
  action: PermissionAction,
  kase: string,
  resource: Resource,
  who: RegExp,
  [vendorAdmin, vendorMember, concernedPartner, otherPartner, guest]: [boolean, boolean, boolean, boolean, boolean],
): Row => ({
  action,
  case: kase,
  resource,
  who,
  expected: { vendorAdmin, vendorMember, concernedPartner, otherPartner, guest },
});

// docs/product.md §2. Columns: [vendor admin, vendor member, member of the concerned partner, member of another
// partner, guest].
const table: Row[] = [
  row('manageAdmins', 'Accord admins', aboutKestrel, /vendor admins/, [Y, N, N, N, N]),
  row('reinstateVendorMember', 'make a former partner member a vendor member again', aboutKestrel, /vendor admins/, [
    Y,
    N,
    N,
    N,
    N,
  ]),
  row('manageNetwork', 'partners, stages, violations, exits', aboutKestrel, /vendor admins/, [Y, N, N, N, N]),
  row('settle', 'contracts, usage, deductions, adjustments, settlement', aboutKestrel, /vendor admins/, [
    Y,
    N,
    N,
    N,
    N,
  ]),
  row(
    'manageProjects',
    'create projects, set RACI, schedule check-ins',
    aboutKestrel,
    /vendor admins and vendor members/,
    [Y, Y, N, N, N],
  ),
  row(
    'raiseEscalation',
    'in a project of the partner',
    aboutKestrel,
    /vendor team and by members of the partners in this project/,
    [Y, Y, Y, N, N],
  ),
  row('acknowledgeEscalation', 'targeted at the partner', aboutKestrel, /target.*partner’s members.*vendor admins/, [
    Y,
    N,
    Y,
    N,
    N,
  ]),
  row(
    'acknowledgeEscalation',
    'targeted at the vendor',
    targetingVendor,
    /target.*vendor team when it targets the vendor.*vendor admins/,
    [Y, Y, N, N, N],
  ),
  row(
    'escalateEscalation',
    'targeted at the partner',
    aboutKestrel,
    /target.*partner’s members.*vendor admins.*escalate it now/,
    [Y, N, Y, N, N],
  ),
  row(
    'escalateEscalation',
    'targeted at the vendor',
    targetingVendor,
    /target.*vendor team when it targets the vendor.*escalate it now/,
    [Y, Y, N, N, N],
  ),
  row(
    'contribute',
    'check-ins and risks of a project of the partner',
    aboutKestrel,
    /vendor team and the members of the partners in this project/,
    [Y, Y, Y, N, N],
  ),
  row(
    'changeRisk',
    'a risk of the partner, in a project shared with another',
    { projectPartnerIds: [KESTREL.partnerId, ZEPHYR.partnerId], recordPartnerId: KESTREL.partnerId },
    /its own people and the vendor team/,
    [Y, Y, Y, N, N],
  ),
  row(
    'recordRiskFor',
    'a risk for a person of the partner, in a project shared with another',
    {
      projectPartnerIds: [KESTREL.partnerId, ZEPHYR.partnerId],
      recordOwner: { self: false, partnerIds: [KESTREL.partnerId] },
    },
    /themselves and their own partner’s people/,
    [Y, Y, Y, N, N],
  ),
  row('seePartner', 'the partner’s score and statement', aboutKestrel, /own partner/, [Y, Y, Y, N, N]),
  row(
    'seeProject',
    'RACI, risks, escalations of a project of the partner',
    aboutKestrel,
    /projects their partner takes part in/,
    [Y, Y, Y, N, N],
  ),
];

const cells = table.flatMap((r) =>
  situations.map((situation) => ({ ...r, situation, allowed: r.expected[situation] })),
);

function refusalOf(actor: Actor, action: PermissionAction, resource: Resource): AccordError {
  try {
    requirePermission(actor, action, resource);
  } catch (err) {
    if (err instanceof AccordError) return err;
    throw err;
  }
  throw new Error(`${actor.role} was not refused ${action}`);
}

describe('permissions (docs/product.md §2)', () => {
  it('lets another partner of a shared project raise escalations there but not escalate one aimed at its fellow partner', () => {
    const shared: Resource = {
      projectPartnerIds: [KESTREL.partnerId, ZEPHYR.partnerId],
      target: { kind: 'partner', partnerId: KESTREL.partnerId },
    };
    expect(can(actors.otherPartner, 'raiseEscalation', shared)).toBe(true);
    expect(can(actors.otherPartner, 'escalateEscalation', shared)).toBe(false);
    expect(can(actors.concernedPartner, 'escalateEscalation', shared)).toBe(true);
  });

  it('covers every action in permissionRules, and nothing else', () => {
    expect([...new Set(table.map((r) => r.action))].sort()).toEqual(Object.keys(permissionRules).sort());
  });

  it.each(cells.filter((c) => c.allowed))('$action ($case): $situation may', ({ action, resource, situation }) => {
    expect(can(actors[situation], action, resource)).toBe(true);
    expect(() => requirePermission(actors[situation], action, resource)).not.toThrow();
  });

  it.each(cells.filter((c) => !c.allowed))(
    '$action ($case): $situation may not, and is told who may without naming a partner',
    ({ action, resource, situation, who }) => {
      expect(can(actors[situation], action, resource)).toBe(false);
      const err = refusalOf(actors[situation], action, resource);
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(who);
      expect(err.message).not.toMatch(PARTNER_WORDS);
      const guestSuffix =
        situation === 'guest' ? ' Accord does not know you yet: ask a vendor admin to add you to your partner.' : '';
      expect(err.message).toBe(`${permissionRules[action].refusal}${guestSuffix}`);
    },
  );

  describe('partner access depends on the resource naming the partner', () => {
    const member = actors.concernedPartner;
    it.each([
      ['raiseEscalation', {}],
      ['contribute', { projectPartnerIds: [] }],
      ['seeProject', { projectPartnerIds: [ZEPHYR.partnerId] }],
      ['seePartner', {}],
      ['seePartner', { partnerId: ZEPHYR.partnerId }],
      ['acknowledgeEscalation', {}],
      ['acknowledgeEscalation', { target: { kind: 'partner', partnerId: ZEPHYR.partnerId } }],
      ['acknowledgeEscalation', { target: { kind: 'vendor' } }],
      ['changeRisk', { projectPartnerIds: [KESTREL.partnerId], recordPartnerId: ZEPHYR.partnerId }],
      ['changeRisk', { projectPartnerIds: [ZEPHYR.partnerId], recordPartnerId: null }],
      ['recordRiskFor', { projectPartnerIds: [KESTREL.partnerId] }],
      ['recordRiskFor', { projectPartnerIds: [KESTREL.partnerId], recordOwner: { self: false, partnerIds: [] } }],
      ['recordRiskFor', { projectPartnerIds: [ZEPHYR.partnerId], recordOwner: { self: true, partnerIds: [] } }],
    ] as Array<[PermissionAction, Resource]>)('%s with %j: no', (action, resource) => {
      expect(can(member, action, resource)).toBe(false);
    });

    it('a partner member may change a risk that counts for no partner, and record one for themselves', () => {
      expect(can(member, 'changeRisk', { projectPartnerIds: [KESTREL.partnerId], recordPartnerId: null })).toBe(true);
      expect(
        can(member, 'recordRiskFor', {
          projectPartnerIds: [KESTREL.partnerId, ZEPHYR.partnerId],
          recordOwner: { self: true, partnerIds: [KESTREL.partnerId] },
        }),
      ).toBe(true);
    });

    it('a member of two partners is concerned by a project of either', () => {
      const both: Actor = { ...member, partners: [KESTREL, ZEPHYR] };
      expect(can(both, 'seeProject', { projectPartnerIds: [ZEPHYR.partnerId] })).toBe(true);
      expect(can(both, 'contribute', { projectPartnerIds: [99, KESTREL.partnerId] })).toBe(true);
      expect(can(both, 'acknowledgeEscalation', { target: { kind: 'partner', partnerId: ZEPHYR.partnerId } })).toBe(
        true,
      );
      expect(can(both, 'seePartner', { partnerId: 99 })).toBe(false);
    });

    it('an escalation targeting another partner is not the vendor member’s to acknowledge', () => {
      expect(
        can(actors.vendorMember, 'acknowledgeEscalation', { target: { kind: 'partner', partnerId: ZEPHYR.partnerId } }),
      ).toBe(false);
      expect(can(actors.vendorMember, 'acknowledgeEscalation', {})).toBe(false);
    });

    it('a guest of the vendor’s workspace is refused like any guest, and told why without naming a partner', () => {
      const reasons = {
        'slack-guest': /Slack lists you as a guest/,
        'left-partner': /no longer a partner member.*`\/accord vendor reinstate`/,
        unconfirmed: /Slack did not confirm your account/,
      } as const;
      for (const [reason, why] of Object.entries(reasons) as Array<[keyof typeof reasons, RegExp]>) {
        const guest: Actor = {
          ...actors.guest,
          teamId: 'T0VENDOR',
          guestReason: reason,
          formerPartners: ['Kestrel Logistics'],
        };
        for (const action of Object.keys(permissionRules) as PermissionAction[]) {
          expect(can(guest, action, aboutKestrel)).toBe(false);
          const err = refusalOf(guest, action, aboutKestrel);
          expect(err.message.startsWith(permissionRules[action].refusal)).toBe(true);
          expect(err.message).toMatch(why);
          expect(err.message).not.toMatch(PARTNER_WORDS);
        }
      }
    });

    it('a guest who happens to carry memberships is still refused everything', () => {
      const guest: Actor = { ...actors.guest, partners: [KESTREL] };
      for (const action of Object.keys(permissionRules) as PermissionAction[])
        expect(can(guest, action, aboutKestrel)).toBe(false);
    });
  });
});

describe('mayDecide: who approves or rejects a change request', () => {
  const decider: Record<'user' | 'partner' | 'vendor', Party> = {
    user: { kind: 'user', userId: actors.concernedPartner.userId },
    partner: { kind: 'partner', slug: KESTREL.slug },
    vendor: { kind: 'vendor' },
  };
  // Columns as in the table above.
  const deciders: Array<[keyof typeof decider, string, [boolean, boolean, boolean, boolean, boolean]]> = [
    ['user', 'that person only', [N, N, Y, N, N]],
    ['partner', 'any member of that partner', [N, N, Y, N, N]],
    ['vendor', 'the vendor team', [Y, Y, N, N, N]],
  ];
  const decisionCells = deciders.flatMap(([kind, meaning, answers]) =>
    situations.map((situation, i) => ({ kind, meaning, situation, allowed: answers[i] })),
  );

  it.each(decisionCells)('decider $kind ($meaning): $situation → $allowed', ({ kind, situation, allowed }) => {
    expect(mayDecide(actors[situation], decider[kind])).toBe(allowed);
  });

  it('a user decider is matched by id, whatever the role', () => {
    expect(mayDecide(actors.vendorMember, { kind: 'user', userId: actors.vendorMember.userId })).toBe(true);
    expect(mayDecide(actors.vendorAdmin, { kind: 'user', userId: actors.vendorMember.userId })).toBe(false);
    expect(mayDecide(actors.guest, { kind: 'user', userId: actors.guest.userId })).toBe(false);
  });
});
