import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../services/context';
import type { SlackView } from './types';
import type { HomeContent } from '../../services/home/home-content';
import { formatPoints, formatScore } from '../../domain/score';
import { formatLocal } from '../../domain/time-zone';
import { context, escapeText, mentionChannel, section } from './text';

const roleLine: Record<Actor['role'], string> = {
  admin: 'You are a *vendor admin*: you manage partners, SLA policies, scores, settlement and admins.',
  vendor: 'You are a *vendor member*: you create projects, set RACI and schedule check-ins.',
  partner: 'You are a *partner member*: you raise and answer escalations and check-ins in your projects.',
  guest: 'You are not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.',
};

const list = (title: string, lines: string[], none: string) => section(`*${title}*\n${lines.length > 0 ? lines.join('\n') : `_${none}_`}`);

/** App Home: who you are to Accord, what needs you, and where to start. */
export function buildHomeView(actor: Actor, renderedAt: Date, content?: HomeContent): SlackView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Accord' } },
    section(roleLine[actor.role]),
    ...(actor.partners.length > 0 ? [section(`Your partner: ${actor.partners.map((p) => `*${escapeText(p.name)}*${p.lead ? ' (lead)' : ''}`).join(', ')}`)] : []),
    { type: 'divider' },
    ...(content && actor.role !== 'guest'
      ? [
          list('Open escalations', content.escalations.map((e) => `• *ESC-${e.id}* ${e.severity} — ${escapeText(e.title)} (${e.status}) in ${mentionChannel(e.channelId)}`), 'none'),
          list('Your RACI roles', content.roles.map((r) => `• \`${r.projectSlug}\` *${escapeText(r.activity)}*: ${r.roles.join(', ')}`), 'none yet'),
          list('Next check-ins', content.checkins.map((c) => `• \`${c.projectSlug}\` ${c.kind} — ${formatLocal(c.next, c.timeZone)}`), 'none scheduled'),
          list(
            actor.role === 'partner' ? `Your partner’s score (${content.period})` : `Partner scores (${content.period})`,
            content.scores.map((s) => `• *${escapeText(s.name)}* — ${formatScore(s.score.y)}${s.score.y === null ? '' : `/100 · coefficient ${formatPoints(s.score.p)}%`}`),
            'no partners yet',
          ),
          { type: 'divider' } as KnownBlock,
        ]
      : []),
    section('*Start here*\n• `/accord help` — everything Accord can do\n• `/accord whoami` — how Accord sees you'),
    context(`Updated ${renderedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`),
  ];
  return { type: 'home', blocks };
}
