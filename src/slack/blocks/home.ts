import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../services/context';
import type { SlackView } from './types';
import { context, section } from './text';

const roleLine: Record<Actor['role'], string> = {
  admin: 'You are a *vendor admin*: you manage partners, SLA policies, scores, settlement and admins.',
  vendor: 'You are a *vendor member*: you create projects, set RACI and schedule check-ins.',
  partner: 'You are a *partner member*: you raise and answer escalations and check-ins in your projects.',
  guest: 'You are not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.',
};

/** App Home: who you are to Accord and where to start. */
export function buildHomeView(actor: Actor, renderedAt: Date): SlackView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Accord' } },
    section(roleLine[actor.role]),
    ...(actor.partners.length > 0 ? [section(`Your partner: ${actor.partners.map((p) => `*${p.name}*${p.lead ? ' (lead)' : ''}`).join(', ')}`)] : []),
    { type: 'divider' },
    section('*Start here*\n• `/accord help` — everything Accord can do\n• `/accord whoami` — how Accord sees you'),
    context(`Updated ${renderedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`),
  ];
  return { type: 'home', blocks };
}
