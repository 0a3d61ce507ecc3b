import { escapeText, mentionUser } from './mrkdwn';
import type { Actor, VendorGuestReason } from '../services/context';

/**
 * docs/product.md §2: what a refusal says for each action, naming who may do it and never another
 * partner. src/services/permissions.ts pairs each with its rule.
 */
export const permissionRefusals = {
  manageAdmins: 'Only vendor admins can manage Accord admins.',
  reinstateVendorMember: 'Only vendor admins can make a former partner member a vendor member again.',
  manageNetwork: 'Only vendor admins can manage partners, their stages, violations, certifications and exits.',
  settle: 'Only vendor admins can manage contracts, usage, deductions, adjustments and settlements.',
  manageProjects: 'Only vendor admins and vendor members can create projects, set RACI and schedule check-ins.',
  raiseEscalation: 'Escalations can be raised by the vendor team and by members of the partners in this project.',
  acknowledgeEscalation:
    'Only the escalation’s target (its partner’s members, or the vendor team when it targets the vendor) and vendor admins can acknowledge or resolve it.',
  escalateEscalation:
    'Only the escalation’s target (its partner’s members, or the vendor team when it targets the vendor) and vendor admins can escalate it now.',
  contribute:
    'Check-ins, risks and change proposals are for the vendor team and the members of the partners in this project.',
  changeRisk: 'That risk is another partner’s: only its own people and the vendor team can change or close it.',
  recordRiskFor:
    'Partner members can record risks for themselves and their own partner’s people only; the vendor team can give a risk to anyone in the project.',
  seePartner: 'Partner members can see their own partner’s score and statement only.',
  seeProject: 'Partner members can see the projects their partner takes part in only.',
} as const;

/** Names as a sentence's subject: `A`, `A and B`, `A, B and C`. */
const listed = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;

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
  'slack-guest':
    "Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member: ask a vendor admin to add you to your partner.",
  'left-partner':
    'You are no longer a partner member, and Accord makes a former partner member a vendor member again only when a vendor admin says so: ask one to run `/accord vendor reinstate` for you.',
  unconfirmed:
    'Slack did not confirm your account just now, so Accord could not check your access: try again in a minute.',
};

/** A refusal as a guest reads it: the refusal, then why Accord does not know them. */
export const guestRefusals = {
  vendorGuest: (refusal: string, reason: VendorGuestReason) => `${refusal} ${vendorGuestNotice[reason]}`,
  unknown: (refusal: string) =>
    `${refusal} Accord does not know you yet: ask a vendor admin to add you to your partner.`,
};

const guestWhoami: Record<VendorGuestReason, string> = {
  'slack-guest':
    "Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member. If you work for a partner, ask a vendor admin to add you to it.",
  'left-partner':
    'You were a partner member, and Accord does not make a former partner member a vendor member by itself: ask a vendor admin to run `/accord vendor reinstate` for you.',
  unconfirmed:
    'Slack did not confirm your account just now, so Accord could not check your access. Try again in a minute.',
};

/** `/accord whoami`: how Accord sees the asker. */
export function describeActor(actor: Actor): string {
  const who = mentionUser(actor.userId);
  switch (actor.role) {
    case 'admin':
      return `${who}: vendor admin${actor.adminSource === 'config' ? ' (from the ACCORD_ADMIN_USER_IDS setting)' : ''}.`;
    case 'vendor':
      return `${who}: vendor member. You can create projects, set RACI and schedule check-ins.`;
    case 'partner':
      return `${who}: member of ${actor.partners.map((p) => `${escapeText(p.name)}${p.lead ? ' (lead)' : ''}`).join(', ')}.`;
    case 'guest':
      if (actor.guestReason) return `${who}: guest. ${guestWhoami[actor.guestReason]}`;
      if (actor.formerPartners && actor.formerPartners.length > 0)
        return `${who}: ${formerPartnerNotice(actor.formerPartners)}`;
      return `${who}: not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.`;
  }
}
