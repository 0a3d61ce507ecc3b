import { forbidden } from '../errors';
import { formerPartnerNotice, guestRefusals, permissionRefusals } from '../messages/access';
import type { Actor, Role } from './context';

/**
 * docs/product.md §2, one entry per row of the table. `partner` access is conditional: the resource
 * says which partners a project involves, or whom an escalation targets, and the rule checks the
 * actor's own partners against it. Refusals say who may do it and never name another partner.
 */
export interface Resource {
  /** Partners taking part in the project concerned. */
  projectPartnerIds?: readonly number[];
  /** The party an escalation targets. */
  target?: { kind: 'vendor' } | { kind: 'partner'; partnerId: number };
  /** The partner whose score or statement is asked for. */
  partnerId?: number;
  /** The partner a record (a risk) counts for; null when it counts for no partner. */
  recordPartnerId?: number | null;
  /** The person a record is being given to: the actor themselves, or the partners they are a member of. */
  recordOwner?: { self: boolean; partnerIds: readonly number[] };
}

type Check = (actor: Actor, resource: Resource) => boolean;

const memberOfAny = (actor: Actor, ids: readonly number[] | undefined) =>
  actor.partners.some((p) => ids?.includes(p.partnerId) ?? false);

/** Whether a partner member is of the partner an escalation targets (or would target). */
export const speaksForTarget = (actor: Actor, target: Resource['target']): boolean =>
  target?.kind === 'partner' && actor.partners.some((p) => p.partnerId === target.partnerId);

/** Escalations are acted on by their target: the vendor team when it targets the vendor, else that partner's members. */
const targetOnly = {
  vendor: ((_a, r) => r.target?.kind === 'vendor') as Check,
  partner: ((a, r) => speaksForTarget(a, r.target)) as Check,
};

const ownPartner = (a: Actor, id: number | null | undefined) =>
  id === null || id === undefined || a.partners.some((p) => p.partnerId === id);

export const permissionRules = {
  manageAdmins: { admin: true, vendor: false, partner: false, refusal: permissionRefusals.manageAdmins },
  reinstateVendorMember: {
    admin: true,
    vendor: false,
    partner: false,
    refusal: permissionRefusals.reinstateVendorMember,
  },
  manageNetwork: {
    admin: true,
    vendor: false,
    partner: false,
    refusal: permissionRefusals.manageNetwork,
  },
  settle: { admin: true, vendor: false, partner: false, refusal: permissionRefusals.settle },
  manageProjects: { admin: true, vendor: true, partner: false, refusal: permissionRefusals.manageProjects },
  raiseEscalation: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: permissionRefusals.raiseEscalation,
  },
  acknowledgeEscalation: {
    admin: true,
    ...targetOnly,
    refusal: permissionRefusals.acknowledgeEscalation,
  },
  // Pulling in the next level is the target's call: another partner of the project must not be
  // able to page a partner's chain, or the vendor's, on an escalation it does not own.
  escalateEscalation: {
    admin: true,
    ...targetOnly,
    refusal: permissionRefusals.escalateEscalation,
  },
  contribute: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: permissionRefusals.contribute,
  },
  // One partner's risks count in its score: another partner of the project must not re-own,
  // re-rate or close them, nor record new ones in its name.
  changeRisk: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds) && ownPartner(a, r.recordPartnerId)) as Check,
    refusal: permissionRefusals.changeRisk,
  },
  recordRiskFor: {
    admin: true,
    vendor: true,
    partner: ((a, r) =>
      memberOfAny(a, r.projectPartnerIds) &&
      (r.recordOwner?.self === true || (r.recordOwner?.partnerIds.some((id) => ownPartner(a, id)) ?? false))) as Check,
    refusal: permissionRefusals.recordRiskFor,
  },
  seePartner: {
    admin: true,
    vendor: true,
    partner: ((a, r) => r.partnerId !== undefined && a.partners.some((p) => p.partnerId === r.partnerId)) as Check,
    refusal: permissionRefusals.seePartner,
  },
  seeProject: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: permissionRefusals.seeProject,
  },
} as const satisfies Record<
  string,
  { admin: boolean | Check; vendor: boolean | Check; partner: boolean | Check; refusal: string }
>;

export type PermissionAction = keyof typeof permissionRules;

export function can(actor: Actor, action: PermissionAction, resource: Resource = {}): boolean {
  if (actor.role === 'guest') return false;
  const rule: boolean | Check = permissionRules[action][actor.role satisfies Exclude<Role, 'guest'>];
  return typeof rule === 'function' ? rule(actor, resource) : rule;
}

export function requirePermission(actor: Actor, action: PermissionAction, resource: Resource = {}): void {
  if (!can(actor, action, resource)) {
    const rule = permissionRules[action];
    if (actor.role !== 'guest') throw forbidden(rule.refusal);
    if (actor.guestReason) throw forbidden(guestRefusals.vendorGuest(rule.refusal, actor.guestReason));
    if (actor.formerPartners && actor.formerPartners.length > 0)
      throw forbidden(formerPartnerNotice(actor.formerPartners));
    throw forbidden(guestRefusals.unknown(rule.refusal));
  }
}
