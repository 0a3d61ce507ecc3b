import { escapeText, mentionUser } from '../blocks/text';
import { parseNoArguments } from './arg-helpers';
import { defineSubcommand } from './types';
import type { Actor } from '../../services/context';
import { formerPartnerNotice } from '../../services/permissions';

const USAGE = '/accord whoami';

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
      if (actor.formerPartners && actor.formerPartners.length > 0) return `${who}: ${formerPartnerNotice(actor.formerPartners)}`;
      return `${who}: not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.`;
  }
}

export const whoamiSubcommand = defineSubcommand({
  name: 'whoami',
  topic: 'basics',
  usage: USAGE,
  summary: 'how Accord sees you: admin, vendor member, partner member or guest',
  parse: ({ args }) => parseNoArguments(args, 'whoami', USAGE),
  run: async (ctx) => ({ text: describeActor(ctx.actor) }),
});
