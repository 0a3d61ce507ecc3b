import { forbidden } from '../errors';
import { escapeText } from '../messages/mrkdwn';
import type { Actor, Role, VendorGuestReason } from './context';

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

const memberOfAny = (actor: Actor, ids: readonly number[] | undefined) => actor.partners.some((p) => ids?.includes(p.partnerId) ?? false);

/** Whether a partner member is of the partner an escalation targets (or would target). */
export const speaksForTarget = (actor: Actor, target: Resource['target']): boolean => target?.kind === 'partner' && actor.partners.some((p) => p.partnerId === target.partnerId);

/** Escalations are acted on by their target: the vendor team when it targets the vendor, else that partner's members. */
const targetOnly = {
  vendor: ((_a, r) => r.target?.kind === 'vendor') as Check,
  partner: ((a, r) => speaksForTarget(a, r.target)) as Check,
};

const ownPartner = (a: Actor, id: number | null | undefined) => id === null || id === undefined || a.partners.some((p) => p.partnerId === id);

export const permissionRules = {
  manageAdmins: { admin: true, vendor: false, partner: false, refusal: 'Only vendor admins can manage Accord admins.' },
  reinstateVendorMember: { admin: true, vendor: false, partner: false, refusal: 'Only vendor admins can make a former partner member a vendor member again.' },
  manageNetwork: {
    admin: true,
    vendor: false,
    partner: false,
    refusal: 'Only vendor admins can manage partners, their stages, violations, certifications and exits.',
  },
  settle: { admin: true, vendor: false, partner: false, refusal: 'Only vendor admins can manage contracts, usage, deductions, adjustments and settlements.' },
  manageProjects: { admin: true, vendor: true, partner: false, refusal: 'Only vendor admins and vendor members can create projects, set RACI and schedule check-ins.' },
  raiseEscalation: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: 'Escalations can be raised by the vendor team and by members of the partners in this project.',
  },
  acknowledgeEscalation: {
    admin: true,
    ...targetOnly,
    refusal: 'Only the escalation’s target (its partner’s members, or the vendor team when it targets the vendor) and vendor admins can acknowledge or resolve it.',
  },
  // Pulling in the next level is the target's call: another partner of the project must not be
  // able to page a partner's chain, or the vendor's, on an escalation it does not own.
  escalateEscalation: {
    admin: true,
    ...targetOnly,
    refusal: 'Only the escalation’s target (its partner’s members, or the vendor team when it targets the vendor) and vendor admins can escalate it now.',
  },
  contribute: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: 'Check-ins, risks and change proposals are for the vendor team and the members of the partners in this project.',
  },
  // One partner's risks count in its score: another partner of the project must not re-own,
  // re-rate or close them, nor record new ones in its name.
  changeRisk: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds) && ownPartner(a, r.recordPartnerId)) as Check,
    refusal: 'That risk is another partner’s: only its own people and the vendor team can change or close it.',
  },
  recordRiskFor: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds) && (r.recordOwner?.self === true || (r.recordOwner?.partnerIds.some((id) => ownPartner(a, id)) ?? false))) as Check,
    refusal: 'Partner members can record risks for themselves and their own partner’s people only; the vendor team can give a risk to anyone in the project.',
  },
  seePartner: {
    admin: true,
    vendor: true,
    partner: ((a, r) => r.partnerId !== undefined && a.partners.some((p) => p.partnerId === r.partnerId)) as Check,
    refusal: 'Partner members can see their own partner’s score and statement only.',
  },
  seeProject: {
    admin: true,
    vendor: true,
    partner: ((a, r) => memberOfAny(a, r.projectPartnerIds)) as Check,
    refusal: 'Partner members can see the projects their partner takes part in only.',
  },
} as const satisfies Record<string, { admin: boolean | Check; vendor: boolean | Check; partner: boolean | Check; refusal: string }>;

export type PermissionAction = keyof typeof permissionRules;

export function can(actor: Actor, action: PermissionAction, resource: Resource = {}): boolean {
  if (actor.role === 'guest') return false;
  const rule: boolean | Check = permissionRules[action][actor.role satisfies Exclude<Role, 'guest'>];
  return typeof rule === 'function' ? rule(actor, resource) : rule;
}

/** Names as a sentence's subject: `A`, `A and B`, `A, B and C`. */
const listed = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`);

/**
 * What a former member of exited partners is told instead of any refusal: why Accord no longer
 * knows them, and nothing about what they asked for.
 */
export function formerPartnerNotice(names: readonly string[]): string {
  const many = names.length > 1;
  return `${listed(names.map(escapeText))} ${many ? 'have' : 'has'} left the vendor's partner programme, so ${many ? 'their' : 'its'} people no longer have access to Accord. If you should still have access, ask your contact at the vendor.`;
}

/**
 * What a person of the vendor's own workspace who is a guest is told after a refusal: why they are
 * not a vendor member and what would change it. It names no partner, not even their former one.
 */
export const vendorGuestNotice: Record<VendorGuestReason, string> = {
  'slack-guest': "Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member: ask a vendor admin to add you to your partner.",
  'left-partner':
    'You are no longer a partner member, and Accord makes a former partner member a vendor member again only when a vendor admin says so: ask one to run `/accord vendor reinstate` for you.',
  unconfirmed: 'Slack did not confirm your account just now, so Accord could not check your access: try again in a minute.',
};

export function requirePermission(actor: Actor, action: PermissionAction, resource: Resource = {}): void {
  if (!can(actor, action, resource)) {
    const rule = permissionRules[action];
    if (actor.role !== 'guest') throw forbidden(rule.refusal);
    if (actor.guestReason) throw forbidden(`${rule.refusal} ${vendorGuestNotice[actor.guestReason]}`);
    if (actor.formerPartners && actor.formerPartners.length > 0) throw forbidden(formerPartnerNotice(actor.formerPartners));
    throw forbidden(`${rule.refusal} Accord does not know you yet: ask a vendor admin to add you to your partner.`);
  }
}
