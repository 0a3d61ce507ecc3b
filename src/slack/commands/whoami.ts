import { escapeText, mentionUser } from '../../messages/mrkdwn';
import { parseNoArguments } from './arg-helpers';
import { defineSubcommand } from './types';
import type { Actor, VendorGuestReason } from '../../services/context';
import { formerPartnerNotice } from '../../services/permissions';

const USAGE = '/accord whoami';

const guestWhoami: Record<VendorGuestReason, string> = {
  'slack-guest': "Slack lists you as a guest of the vendor's workspace, so Accord does not treat you as a vendor member. If you work for a partner, ask a vendor admin to add you to it.",
  'left-partner': 'You were a partner member, and Accord does not make a former partner member a vendor member by itself: ask a vendor admin to run `/accord vendor reinstate` for you.',
  unconfirmed: 'Slack did not confirm your account just now, so Accord could not check your access. Try again in a minute.',
};

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
      if (actor.formerPartners && actor.formerPartners.length > 0) return `${who}: ${formerPartnerNotice(actor.formerPartners)}`;
      return `${who}: not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.`;
  }
}

export const whoamiSubcommand = defineSubcommand({
  name: 'whoami',
  topic: 'basics',
  usage: USAGE,
  summary: 'how Accord sees you: admin, vendor member, partner member or guest',
  parse: ({ args }) => parseNoArguments(args, 'whoami'),
  run: async (ctx) => ({ text: describeActor(ctx.actor) }),
});
