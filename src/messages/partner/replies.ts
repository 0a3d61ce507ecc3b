import type { PartnerRow } from '../../services/partners/find-partner';
import type { RoleChange } from '../../services/partners/add-member';
import type { ExitResult } from '../../services/partners/exit-partner';
import type { PartnerDetails } from '../../services/partners/show-partner';
import type { StandingAfterLeaving } from '../../services/partners/vendor-standing';
import { escapeText, mentionChannel, mentionUser } from '../mrkdwn';
import type { Reply } from '../types';

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '?');

/*
 * A partner's Slack team makes all its people members, but Slack does not let Accord list or count
 * another organisation's people (users.list covers the vendor's own workspace only), so they are
 * shown as the team, apart from the people added by hand, never as a number Accord cannot know.
 */
const teamMembers = (teamId: string, byHand: number) =>
  `everyone in Slack team ${teamId}${byHand > 0 ? ` + ${byHand} added by hand` : ''}`;

function memberLine(partner: PartnerRow, members: ReadonlyArray<{ userId: string; lead: boolean }>): string {
  const heading = partner.status === 'exited' ? '*Former members*' : '*Members*';
  const named = members.map((m) => `${mentionUser(m.userId)}${m.lead ? ' (lead)' : ''}`).join(', ');
  if (!partner.slackTeamId)
    return `${heading} (${members.length}): ${members.length === 0 ? 'none added by hand' : named}`;
  const team = `everyone in Slack team ${partner.slackTeamId} (Slack does not let Accord list another organisation's people)`;
  return `${heading}: ${team}${members.length === 0 ? '; none added by hand' : `, plus ${members.length} added by hand: ${named}`}`;
}

/** What joining the partner did to the person's own standing (roles: admins, then partner members, then the vendor team). */
function roleChangeNote(change: RoleChange, partnerName: string): string {
  if (change === 'vendor-member')
    return ` They are now a partner member of ${partnerName} instead of a vendor member: they see only its projects and can no longer create projects, set RACI or schedule check-ins.`;
  if (change === 'admin')
    return ` They stay a vendor admin, since admin rights come first; were those taken back, they would be a partner member of ${partnerName}, not a vendor member.`;
  return '';
}

/** What leaving a partner did to a person of the vendor's own workspace (they never fall back to vendor member). */
function leavingNote(standing: StandingAfterLeaving, who: string): string {
  if (standing === 'guest')
    return ` They are now a guest in Accord, not a vendor member: leaving a partner never widens anyone's access. \`/accord vendor reinstate\` ${who} makes them a vendor member again.`;
  if (standing === 'admin')
    return ' They stay a vendor admin; were those rights taken back, they would be a guest until `/accord vendor reinstate`.';
  return '';
}

/** The exiting partner's people of the vendor's own workspace, now guests. */
function exitGuestsNote(userIds: readonly string[]): string {
  if (userIds.length === 0) return '';
  const many = userIds.length > 1;
  return `\n${userIds.map(mentionUser).join(', ')} ${many ? 'are' : 'is'} of the vendor's own workspace and now ${many ? 'guests' : 'a guest'} in Accord, not ${many ? 'vendor members' : 'a vendor member'}. \`/accord vendor reinstate\` with a mention makes one a vendor member again.`;
}

type MemberOutcome =
  | { kind: 'confirm'; partner: PartnerRow }
  | { kind: 'added' | 'updated'; partner: PartnerRow; channels: number; roleChange: RoleChange };

export const partnerReplies = {
  added(partner: PartnerRow): Reply {
    const team = partner.slackTeamId
      ? ` Everyone in Slack team ${partner.slackTeamId} counts as its member.`
      : ' Add its people with `/accord partner member add`.';
    return {
      text: `:white_check_mark: Partner *${escapeText(partner.name)}* (\`${partner.slug}\`, ${partner.tier}) added in the access stage.${team}`,
    };
  },
  list(rows: ReadonlyArray<PartnerRow & { members: number }>): Reply {
    if (rows.length === 0) return { text: 'No partners yet. Add one with `/accord partner add <slug> "<Name>"`.' };
    const lines = rows.map((p) =>
      p.status === 'exited'
        ? `• ~${escapeText(p.name)}~ \`${p.slug}\` — exited ${day(p.exitedAt)}`
        : `• *${escapeText(p.name)}* \`${p.slug}\` — ${p.tier}, ${p.stage} stage, ${p.slackTeamId ? teamMembers(p.slackTeamId, p.members) : `${p.members} member${p.members === 1 ? '' : 's'}`}${p.exitReview ? ' — :warning: exit review' : ''}`,
    );
    return { text: `*Partners (${rows.length})*\n${lines.join('\n')}` };
  },
  show({ partner, members, violations, certifications, contacts }: PartnerDetails): Reply {
    const lines = [
      `*${escapeText(partner.name)}* \`${partner.slug}\` — ${partner.tier}, ${partner.stage} stage${partner.slackTeamId ? `, Slack team ${partner.slackTeamId}` : ''}`,
      partner.status === 'exited'
        ? `Exited ${day(partner.exitedAt)}: ${escapeText(partner.exitReason ?? '')} (handed over to ${partner.handoverTo?.startsWith('U') ? mentionUser(partner.handoverTo) : `\`${partner.handoverTo ?? '?'}\``})`
        : undefined,
      partner.exitReview ? ':warning: Marked for exit review after a major violation.' : undefined,
      memberLine(partner, members),
      `*Contacts* (${contacts.length})${contacts.length === 0 ? '' : `: ${contacts.map(escapeText).join(', ')}`}`,
      `*Violations* (${violations.length})${violations.map((v) => `\n• ${day(v.recordedAt)} ${v.severity}: ${escapeText(v.description)}`).join('')}`,
      `*Certifications* (${certifications.length})${certifications.map((c) => `\n• ${escapeText(c.name)}${c.expiresOn ? ` — expires ${c.expiresOn}` : ''}`).join('')}`,
    ];
    return { text: lines.filter((l) => l !== undefined).join('\n') };
  },
  memberAdded(r: MemberOutcome, input: { slug: string; userId: string; lead: boolean }): Reply {
    const who = mentionUser(input.userId);
    const name = escapeText(r.partner.name);
    if (r.kind === 'confirm') {
      return {
        text: `:warning: ${who} is in the vendor's own Slack workspace, so adding them to *${name}* would make them a partner member instead of a vendor member: they would see only ${name}'s projects and could no longer create projects, set RACI or schedule check-ins. Nothing was changed. To go ahead, repeat the command with \`confirm\` at the end.`,
      };
    }
    const role = input.lead ? 'a lead' : 'a member';
    if (r.kind === 'updated') return { text: `:white_check_mark: ${who} is now ${role} of \`${input.slug}\`.` };
    const invites =
      r.channels > 0 ? ` I am inviting them to its ${r.channels} project channel${r.channels === 1 ? '' : 's'}.` : '';
    return {
      text: `:white_check_mark: ${who} added to \`${input.slug}\` as ${role}.${roleChangeNote(r.roleChange, name)}${invites}`,
    };
  },
  memberRemoved(slug: string, userId: string, standing: StandingAfterLeaving): Reply {
    const who = mentionUser(userId);
    return { text: `:white_check_mark: ${who} is no longer a member of \`${slug}\`.${leavingNote(standing, who)}` };
  },
  contactAdded(r: { partner: PartnerRow; email: string; invitedTo: number }): Reply {
    const invited =
      r.invitedTo > 0
        ? ` I am inviting it to ${r.invitedTo} project channel${r.invitedTo === 1 ? '' : 's'} that had nobody to invite yet.`
        : '';
    return {
      text: `:white_check_mark: \`${escapeText(r.email)}\` is now a contact of \`${r.partner.slug}\`: Slack Connect invitations to its projects go there while Accord knows none of its people by id.${invited}`,
    };
  },
  contactRemoved: (r: { partner: PartnerRow; email: string }): Reply => ({
    text: `:white_check_mark: \`${escapeText(r.email)}\` is no longer a contact of \`${r.partner.slug}\`. Invitations already sent stay with Slack; an admin can cancel them in the channel's settings.`,
  }),
  stageSet: (slug: string, from: string, to: string): Reply => ({
    text: `:white_check_mark: \`${slug}\` moved from ${from} to ${to}.`,
  }),
  violationRecorded(input: { slug: string; severity: 'minor' | 'major' }, exitReview: boolean): Reply {
    const consequence =
      input.severity === 'major'
        ? ' The partner is now marked for exit review; decide with `/accord partner exit` or keep it.'
        : ' It takes 5 points off the partner’s score for this period.';
    return {
      text: `:white_check_mark: ${input.severity === 'major' ? 'Major' : 'Minor'} violation recorded for \`${input.slug}\`.${consequence}${exitReview && input.severity === 'minor' ? ' (The partner is under exit review.)' : ''}`,
    };
  },
  certificationRecorded(
    input: { slug: string; name: string; expires: string | undefined },
    reminders: readonly Date[],
  ): Reply {
    const when =
      reminders.length > 0 ? ` I will remind its leads and you on ${reminders.map((d) => day(d)).join(' and ')}.` : '';
    return {
      text: `:white_check_mark: “${escapeText(input.name.trim())}” recorded for \`${input.slug}\`${input.expires ? `, valid until ${input.expires}` : ''}.${when}`,
    };
  },
  exited(result: ExitResult): Reply {
    const moved =
      result.handedOver.length > 0
        ? `\n${result.handedOver.length} RACI role assignment${result.handedOver.length === 1 ? '' : 's'} handed over to ${result.handoverLabel}:\n${result.handedOver.map((h) => `• \`${h.project}\` *${escapeText(h.activity)}*: ${h.changes.join('; ')}`).join('\n')}`
        : '\nIt held no RACI roles.';
    const escalations =
      result.escalations.length > 0
        ? `\nIts open escalations ${result.escalations.map((id) => `ESC-${id}`).join(', ')} now target ${result.handoverLabel}.`
        : '';
    const risks =
      result.risks.length > 0
        ? `\nIts open risks ${result.risks.map((id) => `R-${id}`).join(', ')} are now owned by ${result.handoverLabel}.`
        : '';
    const access =
      result.stillShared.length > 0
        ? `\nIts members lost access to Accord. Its Slack organisation still shares ${result.stillShared.map(mentionChannel).join(', ')}: a Slack admin can stop sharing them (channel settings → Slack Connect).`
        : `\nIts members lost access to Accord${result.removedFrom > 0 ? ` and are being removed from ${result.removedFrom} project channel${result.removedFrom === 1 ? '' : 's'}` : ''}.`;
    return {
      text: `:white_check_mark: *${escapeText(result.partner.name)}* has exited; its history is kept.${moved}${escalations}${risks}${access}${exitGuestsNote(result.nowGuests)}`,
    };
  },
};
