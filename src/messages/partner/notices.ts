import { escapeText, mentionUser } from '../mrkdwn';
import type { SlackMessage } from '../types';

/** Who takes over an exiting partner's work, as the announcements name them. */
export const handoverLabel = (to: { kind: 'partner'; name: string } | { kind: 'user'; userId: string }) =>
  to.kind === 'partner' ? escapeText(to.name) : mentionUser(to.userId);

/** In an escalation's thread: the partner it targeted has left, and who it targets now. */
export const escalationHandedOverNotice = (
  partnerName: string,
  escalationId: number,
  newTarget: string | undefined,
): SlackMessage => ({
  text: `:arrows_counterclockwise: ${escapeText(partnerName)} has left the partner network; ESC-${escalationId} now targets ${newTarget ?? 'the vendor team'}.`,
});

/** In a project's channel: the partner has left, who takes over, and the RACI roles that moved. */
export function partnerLeftProjectNotice(
  partnerName: string,
  label: string,
  moved: ReadonlyArray<{ activity: string; changes: readonly string[] }>,
): SlackMessage {
  // describeRaciChange already gives mrkdwn-safe text (mentions and escaped names).
  const lines = moved.map((m) => `• *${escapeText(m.activity)}*: ${m.changes.join('; ')}`);
  const summary = lines.length > 0 ? `\nIts RACI roles now belong to ${label}:\n${lines.join('\n')}` : '';
  return {
    text: `:wave: ${escapeText(partnerName)} has left the partner network; ${label} takes over its work on this project.${summary}`,
  };
}

/** To a partner's leads and the admin who recorded it: a certification expires soon. */
export const certificationExpiryNotice = (
  partner: { name: string; slug: string },
  cert: { name: string; expiresOn: string | null },
  days: number,
): SlackMessage => ({
  text: `:hourglass: ${escapeText(partner.name)}’s certification “${escapeText(cert.name)}” expires on ${cert.expiresOn} (in ${days} days). Renew it, then record the new one with \`/accord partner cert ${partner.slug} "…" expires=YYYY-MM-DD\`.`,
});
