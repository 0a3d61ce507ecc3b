import type { KnownBlock } from '@slack/types';
import type { Actor } from '../services/context';
import type { SlackView } from './types';
import type { HomeContent } from '../services/home/home-content';
import { formatPoints, formatScore } from '../domain/scores/score';
import { formatLocal } from '../domain/time-zone';
import { actionIds } from './ids';
import { context, escapeText, mentionChannel, section, truncate, SECTION_TEXT_LIMIT } from './mrkdwn';

const roleLine: Record<Actor['role'], string> = {
  admin: 'You are a *vendor admin*: you manage partners, SLA policies, scores, settlement and admins.',
  vendor: 'You are a *vendor member*: you create projects, set RACI and schedule check-ins.',
  partner: 'You are a *partner member*: you raise and answer escalations and check-ins in your projects.',
  guest: 'You are not part of the vendor team or any partner yet. Ask a vendor admin to add you to your partner.',
};

const list = (title: string, lines: string[], none: string) =>
  section(`*${title}*\n${lines.length > 0 ? lines.join('\n') : `_${none}_`}`);

/**
 * One block per check-in, its **Answer** button the same as on the check-in's own message (the
 * listener needs only the run id), so it can be answered without finding the channel. Shown only
 * when something waits: most people have nothing to answer most of the time.
 */
function waitingBlocks(waiting: HomeContent['waiting']): KnownBlock[] {
  if (waiting.length === 0) return [];
  return [
    section('*Waiting for your answer*'),
    ...waiting.map((w): KnownBlock => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `• \`${w.projectSlug}\` ${w.kind} check-in — closes ${formatLocal(w.closeAt, w.timeZone)}`,
          SECTION_TEXT_LIMIT,
        ),
      },
      accessory: {
        type: 'button',
        action_id: actionIds.checkinAnswer,
        text: { type: 'plain_text', text: 'Answer' },
        style: 'primary',
        value: String(w.runId),
      },
    })),
  ];
}

/**
 * App Home: who you are to Accord, what needs you, and where to start. It spans projects, so each
 * project's times are in that project's zone, labelled, as its channel messages show them.
 */
export function buildHomeView(actor: Actor, renderedAt: Date, content?: HomeContent): SlackView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Accord' } },
    section(roleLine[actor.role]),
    ...(actor.partners.length > 0
      ? [
          section(
            `Your partner: ${actor.partners.map((p) => `*${escapeText(p.name)}*${p.lead ? ' (lead)' : ''}`).join(', ')}`,
          ),
        ]
      : []),
    { type: 'divider' },
    ...(content && actor.role !== 'guest'
      ? [
          ...waitingBlocks(content.waiting),
          list(
            'Open escalations',
            content.escalations.map(
              (e) =>
                `• *ESC-${e.id}* ${e.severity} — ${escapeText(e.title)} (${e.status}) in ${mentionChannel(e.channelId)}`,
            ),
            'none',
          ),
          list(
            'Your RACI roles',
            content.roles.map((r) => `• \`${r.projectSlug}\` *${escapeText(r.activity)}*: ${r.roles.join(', ')}`),
            'none yet',
          ),
          list(
            'Next check-ins',
            content.checkins.map((c) => `• \`${c.projectSlug}\` ${c.kind} — ${formatLocal(c.next, c.timeZone)}`),
            'none scheduled',
          ),
          list(
            actor.role === 'partner'
              ? `Your partner’s score (${content.period})`
              : `Partner scores (${content.period})`,
            content.scores.map(
              (s) =>
                `• *${escapeText(s.name)}* — ${formatScore(s.score.y)}${s.score.y === null ? '' : `/100 · coefficient ${formatPoints(s.score.p)}%`}`,
            ),
            'no partners yet',
          ),
          { type: 'divider' } as KnownBlock,
        ]
      : []),
    // Slash commands reach Accord only from the vendor's own organisation; a partner in its own
    // organisation mentions Accord in a project channel instead.
    section(
      '*Start here*\n• `/accord help` — everything Accord can do\n• `/accord whoami` — how Accord sees you\n• From another organisation, in a project channel: `@Accord help`, `@Accord whoami`',
    ),
    // Not any one project's moment, so in Accord's zone, the one its periods and scores use.
    context(`Updated ${formatLocal(renderedAt, content?.timeZone ?? 'UTC')}`),
  ];
  return { type: 'home', blocks };
}
