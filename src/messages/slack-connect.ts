import type { InvitationState } from '../db/schema';
import { escapeText, mentionUser } from './mrkdwn';

/**
 * What Accord says about Slack Connect invitations: in the project channel, to the project owner
 * (mentioned), and in `project show`. Nothing here names an invitee's email address, which is the
 * partner's own business, since other partners of the project read the channel too.
 */

export const MAX_REINVITES = 2;
export const REINVITE_AFTER_DAYS = 7;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '?');

/** `project show`: the state of each partner's invitation. */
export function invitationLabel(link: {
  invitationState: InvitationState | null;
  invitedAt: Date | null;
  invitationChangedAt: Date | null;
  reinvites: number;
}): string {
  switch (link.invitationState) {
    case null:
      return '';
    case 'invited':
      return `Slack Connect: invited ${day(link.invitedAt)}${link.reinvites > 0 ? `, sent again ${link.reinvites}×` : ''}, not yet accepted`;
    case 'accepted':
      return `Slack Connect: accepted ${day(link.invitationChangedAt)}, waiting for approval`;
    case 'connected':
      return `Slack Connect: connected ${day(link.invitationChangedAt)}`;
    case 'declined':
      return `Slack Connect: declined ${day(link.invitationChangedAt)}`;
    case 'unshared':
      return `Slack Connect: unshared ${day(link.invitationChangedAt)}`;
  }
}

/**
 * The partner's own part of the welcome, once its organisation is in the channel. Slack offers an
 * app's slash commands only inside the organisations where the app is installed, so this tells
 * the partner's people what does reach Accord from theirs.
 */
export function partnerWelcomeText(project: { name: string }, partnerName: string): string {
  return [
    `:wave: *Welcome, ${escapeText(partnerName)}!* Your organisation is now connected to this channel for *${escapeText(project.name)}*.`,
    'From your own Slack, reach Accord by mentioning it, e.g. `@Accord escalate sev2 <what happened>`, `@Accord risk add "<title>"`, `@Accord score`, `@Accord help`; by the buttons on its messages; and by replying in the thread of an escalation (`ack`, `resolved: <summary>`) or a check-in.',
    "Slash commands such as `/escalate` are offered only to the vendor's own organisation.",
  ].join('\n');
}

export const invitationAwaitingApprovalText = (ownerId: string, partnerName: string) =>
  `${mentionUser(ownerId)} ${escapeText(partnerName)} accepted the Slack Connect invitation to this channel; it connects once a Slack admin approves it (Slack admin settings → Slack Connect → Invitations).`;

export const invitationDeclinedText = (ownerId: string, partnerName: string) =>
  `${mentionUser(ownerId)} ${escapeText(partnerName)} declined the Slack Connect invitation to this channel, so its people are not in it. Check the contact with \`/accord partner show\`, then share the channel again from Slack (channel name → Share channel); Accord notices when it connects.`;

export function invitationStalledText(ownerId: string, partnerName: string, round: number): string {
  return `${mentionUser(ownerId)} ${escapeText(partnerName)} has not accepted the Slack Connect invitation to this channel after ${REINVITE_AFTER_DAYS * round} days, so I sent it again (${round} of at most ${MAX_REINVITES}). If it does not arrive, ask their Slack admin whether Slack Connect invitations from other organisations are allowed.`;
}

export const invitationGaveUpText = (ownerId: string, partnerName: string) =>
  `${mentionUser(ownerId)} ${escapeText(partnerName)} has not accepted the Slack Connect invitation to this channel after ${MAX_REINVITES + 1} invitations over ${REINVITE_AFTER_DAYS * (MAX_REINVITES + 1)} days; I will not send more. Check the contact with \`/accord partner show\` and ask them directly, or share the channel from Slack (channel name → Share channel).`;

export function unsharedText(ownerId: string, partnerName: string): string {
  return `${mentionUser(ownerId)} ${escapeText(partnerName)}'s organisation no longer shares this channel, so its people cannot follow the project here. To connect them again, share the channel from Slack (channel name → Share channel); Accord notices when it connects.`;
}
