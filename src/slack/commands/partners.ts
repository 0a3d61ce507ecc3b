import { partnerStages, partnerTiers, violationSeverities } from '../../db/schema';
import { tokenText, type ParsedArgs, type Token } from '../../domain/args/token';
import { usageError } from '../../errors';
import { addPartnerMember, removePartnerMember, type RoleChange } from '../../services/partners/add-member';
import type { StandingAfterLeaving } from '../../services/partners/vendor-standing';
import { addPartner } from '../../services/partners/add-partner';
import { addPartnerContact, removePartnerContact } from '../../services/partners/contacts';
import { exitPartner, type HandoverTarget } from '../../services/partners/exit-partner';
import type { PartnerRow } from '../../services/partners/find-partner';
import { listPartners } from '../../services/partners/list-partners';
import { recordCertification } from '../../services/partners/record-certification';
import { recordViolation } from '../../services/partners/record-violation';
import { setPartnerStage } from '../../services/partners/set-stage';
import { showPartner } from '../../services/partners/show-partner';
import { escapeText, mentionChannel, mentionUser } from '../../messages/mrkdwn';
import { echoToken, oneOf, optionalNamed, parseNoArguments, parseWith, refuseExtraPositional, refuseUnknownNamed, requireSlug, requireText, userToken } from './arg-helpers';
import { defineSubcommand } from './types';

const ADD = '/accord partner add <slug> "<Name>" [tier=registered|silver|gold|platinum] [team=<SlackTeamId>]';
const LIST = '/accord partner list';
const SHOW = '/accord partner show <slug>';
const MEMBER_ADD = '/accord partner member add <slug> @user [lead] [confirm]';
const MEMBER_REMOVE = '/accord partner member remove <slug> @user';
const STAGE = '/accord partner stage <slug> access|growth|maturity';
const VIOLATION = '/accord partner violation <slug> minor|major "<what happened>"';
const EXIT = '/accord partner exit <slug> reason="…" handover=<partner-slug>|@user';
const CONTACT_ADD = '/accord partner contact add <slug> <email>';
const CONTACT_REMOVE = '/accord partner contact remove <slug> <email>';
const CERT = '/accord partner cert <slug> "<certification>" [expires=YYYY-MM-DD]';

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

/** An email as typed: Slack sends it escaped as a `<mailto:…|…>` link, or as a plain word. */
function emailArgument(token: Token | undefined): string {
  if (!token) throw usageError('Give the email address, e.g. `pat@acme.example`.');
  if (token.kind === 'link') return token.url;
  if (token.kind === 'word' || token.kind === 'quoted') return token.value;
  throw usageError(`\`${echoToken(token)}\` is not an email address; write it as \`name@example.com\`.`);
}

function parseContact({ args }: { args: ParsedArgs }) {
  refuseUnknownNamed(args, []);
  const slug = requireSlug(args.positional[0], 'partner');
  const email = emailArgument(args.positional[1]);
  refuseExtraPositional(args, 2);
  return { slug, email };
}

/*
 * A partner's Slack team makes all its people members, but Slack does not let Accord list or count
 * another organisation's people (users.list covers the vendor's own workspace only), so they are
 * shown as the team, apart from the people added by hand, never as a number Accord cannot know.
 */
const teamMembers = (teamId: string, byHand: number) => `everyone in Slack team ${teamId}${byHand > 0 ? ` + ${byHand} added by hand` : ''}`;

function memberLine(partner: PartnerRow, members: ReadonlyArray<{ userId: string; lead: boolean }>): string {
  const heading = partner.status === 'exited' ? '*Former members*' : '*Members*';
  const named = members.map((m) => `${mentionUser(m.userId)}${m.lead ? ' (lead)' : ''}`).join(', ');
  if (!partner.slackTeamId) return `${heading} (${members.length}): ${members.length === 0 ? 'none added by hand' : named}`;
  const team = `everyone in Slack team ${partner.slackTeamId} (Slack does not let Accord list another organisation's people)`;
  return `${heading}: ${team}${members.length === 0 ? '; none added by hand' : `, plus ${members.length} added by hand: ${named}`}`;
}

/** What joining the partner did to the person's own standing (roles: admins, then partner members, then the vendor team). */
function roleChangeNote(change: RoleChange, partnerName: string): string {
  if (change === 'vendor-member')
    return ` They are now a partner member of ${partnerName} instead of a vendor member: they see only its projects and can no longer create projects, set RACI or schedule check-ins.`;
  if (change === 'admin') return ` They stay a vendor admin, since admin rights come first; were those taken back, they would be a partner member of ${partnerName}, not a vendor member.`;
  return '';
}
/** What leaving a partner did to a person of the vendor's own workspace (they never fall back to vendor member). */
function leavingNote(standing: StandingAfterLeaving, who: string): string {
  if (standing === 'guest')
    return ` They are now a guest in Accord, not a vendor member: leaving a partner never widens anyone's access. \`/accord vendor reinstate\` ${who} makes them a vendor member again.`;
  if (standing === 'admin') return ' They stay a vendor admin; were those rights taken back, they would be a guest until `/accord vendor reinstate`.';
  return '';
}

/** The exiting partner's people of the vendor's own workspace, now guests. */
function exitGuestsNote(userIds: readonly string[]): string {
  if (userIds.length === 0) return '';
  const many = userIds.length > 1;
  return `\n${userIds.map(mentionUser).join(', ')} ${many ? 'are' : 'is'} of the vendor's own workspace and now ${many ? 'guests' : 'a guest'} in Accord, not ${many ? 'vendor members' : 'a vendor member'}. \`/accord vendor reinstate\` with a mention makes one a vendor member again.`;
}
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : '?');

export const partnerSubcommands = [
  defineSubcommand({
    name: 'partner add',
    topic: 'partners',
    usage: ADD,
    summary: 'register a partner company (its Slack team makes its people members)',
    parse({ args }) {
      refuseUnknownNamed(args, ['tier', 'team']);
      const slug = requireSlug(args.positional[0], 'partner', true);
      const name = requireText(args.positional[1], 'Give the partner’s name in quotes, e.g. `"Acme Telecom"`');
      refuseExtraPositional(args, 2);
      const tier = oneOf(optionalNamed(args, 'tier') ?? 'registered', partnerTiers, 'tier');
      const team = optionalNamed(args, 'team')?.toUpperCase();
      if (team !== undefined && !TEAM_ID.test(team)) throw usageError(`\`team=${escapeText(team.slice(0, 20))}\` is not a Slack team id; they look like \`T0123ABCD\`.`);
      return { slug, name, tier, slackTeamId: team };
    },
    async run(ctx, input) {
      const partner = await addPartner({ ctx, input });
      const team = partner.slackTeamId ? ` Everyone in Slack team ${partner.slackTeamId} counts as its member.` : ' Add its people with `/accord partner member add`.';
      return { text: `:white_check_mark: Partner *${escapeText(partner.name)}* (\`${partner.slug}\`, ${partner.tier}) added in the access stage.${team}` };
    },
  }),
  defineSubcommand({
    name: 'partner list',
    topic: 'partners',
    usage: LIST,
    summary: 'all partners with tier, stage and members',
    parse: ({ args }) => parseNoArguments(args, 'partner list'),
    async run(ctx) {
      const rows = await listPartners({ ctx });
      if (rows.length === 0) return { text: 'No partners yet. Add one with `/accord partner add <slug> "<Name>"`.' };
      const lines = rows.map((p) =>
        p.status === 'exited'
          ? `• ~${escapeText(p.name)}~ \`${p.slug}\` — exited ${day(p.exitedAt)}`
          : `• *${escapeText(p.name)}* \`${p.slug}\` — ${p.tier}, ${p.stage} stage, ${p.slackTeamId ? teamMembers(p.slackTeamId, p.members) : `${p.members} member${p.members === 1 ? '' : 's'}`}${p.exitReview ? ' — :warning: exit review' : ''}`,
      );
      return { text: `*Partners (${rows.length})*\n${lines.join('\n')}` };
    },
  }),
  defineSubcommand({
    name: 'partner show',
    topic: 'partners',
    usage: SHOW,
    summary: 'a partner’s members, violations and certifications',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      return { slug };
    },
    async run(ctx, input) {
      const { partner, members, violations, certifications, contacts } = await showPartner({ ctx, input });
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
  }),
  defineSubcommand({
    name: 'partner member add',
    topic: 'partners',
    usage: MEMBER_ADD,
    summary: 'add someone to a partner (`lead` receives its escalations first)',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      if (!args.positional[1]) throw usageError('Mention the person to add, e.g. `@pat`.');
      const user = parseWith(userToken, args.positional[1]);
      refuseExtraPositional(args, 4);
      const flags = new Set<string>();
      for (const flag of args.positional.slice(2)) {
        const word = flag.kind === 'word' ? flag.value.toLowerCase() : undefined;
        if (word !== 'lead' && word !== 'confirm')
          throw usageError(`\`${echoToken(flag)}\` is not an option here; add \`lead\` to make them a lead, or \`confirm\` to add a person of the vendor's own workspace.`);
        if (flags.has(word)) throw usageError(`\`${word}\` given more than once.`);
        flags.add(word);
      }
      return { slug, userId: user.id, lead: flags.has('lead'), confirm: flags.has('confirm') };
    },
    async run(ctx, input) {
      const r = await addPartnerMember({ ctx, input });
      const who = mentionUser(input.userId);
      const name = escapeText(r.partner.name);
      if (r.kind === 'confirm') {
        return {
          text: `:warning: ${who} is in the vendor's own Slack workspace, so adding them to *${name}* would make them a partner member instead of a vendor member: they would see only ${name}'s projects and could no longer create projects, set RACI or schedule check-ins. Nothing was changed. To go ahead, repeat the command with \`confirm\` at the end.`,
        };
      }
      const role = input.lead ? 'a lead' : 'a member';
      if (r.kind === 'updated') return { text: `:white_check_mark: ${who} is now ${role} of \`${input.slug}\`.` };
      const invites = r.channels > 0 ? ` I am inviting them to its ${r.channels} project channel${r.channels === 1 ? '' : 's'}.` : '';
      return { text: `:white_check_mark: ${who} added to \`${input.slug}\` as ${role}.${roleChangeNote(r.roleChange, name)}${invites}` };
    },
  }),
  defineSubcommand({
    name: 'partner member remove',
    topic: 'partners',
    usage: MEMBER_REMOVE,
    summary: 'take someone out of a partner (a person of the vendor workspace becomes a guest, not a vendor member)',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      if (!args.positional[1]) throw usageError('Mention the person to remove, e.g. `@pat`.');
      const user = parseWith(userToken, args.positional[1]);
      refuseExtraPositional(args, 2);
      return { slug, userId: user.id };
    },
    async run(ctx, input) {
      const { standing } = await removePartnerMember({ ctx, input });
      const who = mentionUser(input.userId);
      return { text: `:white_check_mark: ${who} is no longer a member of \`${input.slug}\`.${leavingNote(standing, who)}` };
    },
  }),
  defineSubcommand({
    name: 'partner contact add',
    topic: 'partners',
    usage: CONTACT_ADD,
    summary: 'an email a Slack Connect invitation can go to, for an organisation Accord knows nobody of',
    parse: parseContact,
    async run(ctx, input) {
      const r = await addPartnerContact({ ctx, input });
      const invited = r.invitedTo > 0 ? ` I am inviting it to ${r.invitedTo} project channel${r.invitedTo === 1 ? '' : 's'} that had nobody to invite yet.` : '';
      return {
        text: `:white_check_mark: \`${escapeText(r.email)}\` is now a contact of \`${r.partner.slug}\`: Slack Connect invitations to its projects go there while Accord knows none of its people by id.${invited}`,
      };
    },
  }),
  defineSubcommand({
    name: 'partner contact remove',
    topic: 'partners',
    usage: CONTACT_REMOVE,
    summary: 'forget a partner’s contact email',
    parse: parseContact,
    async run(ctx, input) {
      const r = await removePartnerContact({ ctx, input });
      return {
        text: `:white_check_mark: \`${escapeText(r.email)}\` is no longer a contact of \`${r.partner.slug}\`. Invitations already sent stay with Slack; an admin can cancel them in the channel's settings.`,
      };
    },
  }),
  defineSubcommand({
    name: 'partner stage',
    topic: 'partners',
    usage: STAGE,
    summary: 'move a partner between access, growth and maturity',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      const stageToken = args.positional[1];
      const stage = oneOf(stageToken && tokenText(stageToken), partnerStages, 'stage');
      refuseExtraPositional(args, 2);
      return { slug, stage };
    },
    async run(ctx, input) {
      const { from } = await setPartnerStage({ ctx, input });
      return { text: `:white_check_mark: \`${input.slug}\` moved from ${from} to ${input.stage}.` };
    },
  }),
  defineSubcommand({
    name: 'partner violation',
    topic: 'partners',
    usage: VIOLATION,
    summary: 'record a minor (−5 points) or major (exit review) violation',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const slug = requireSlug(args.positional[0], 'partner');
      const sevToken = args.positional[1];
      const severity = oneOf(sevToken && tokenText(sevToken), violationSeverities, 'severity');
      const description = requireText(args.positional[2], 'Say what happened, in quotes');
      refuseExtraPositional(args, 3);
      return { slug, severity, description };
    },
    async run(ctx, input) {
      const { exitReview } = await recordViolation({ ctx, input });
      const consequence =
        input.severity === 'major' ? ' The partner is now marked for exit review; decide with `/accord partner exit` or keep it.' : ' It takes 5 points off the partner’s score for this period.';
      return {
        text: `:white_check_mark: ${input.severity === 'major' ? 'Major' : 'Minor'} violation recorded for \`${input.slug}\`.${consequence}${exitReview && input.severity === 'minor' ? ' (The partner is under exit review.)' : ''}`,
      };
    },
  }),
  defineSubcommand({
    name: 'partner cert',
    topic: 'partners',
    usage: CERT,
    summary: 'record a certification or training, with reminders before it expires',
    parse({ args }) {
      refuseUnknownNamed(args, ['expires']);
      const slug = requireSlug(args.positional[0], 'partner');
      const name = requireText(args.positional[1], 'Name the certification or training in quotes');
      refuseExtraPositional(args, 2);
      return { slug, name, expires: optionalNamed(args, 'expires') };
    },
    async run(ctx, input) {
      const { reminders } = await recordCertification({ ctx, input });
      const when = reminders.length > 0 ? ` I will remind its leads and you on ${reminders.map((d) => day(d)).join(' and ')}.` : '';
      return { text: `:white_check_mark: “${escapeText(input.name.trim())}” recorded for \`${input.slug}\`${input.expires ? `, valid until ${input.expires}` : ''}.${when}` };
    },
  }),
  defineSubcommand({
    name: 'partner exit',
    topic: 'partners',
    usage: EXIT,
    summary: 'a partner leaves: its work is handed over, its members lose access, history stays',
    parse({ args }) {
      refuseUnknownNamed(args, ['reason', 'handover']);
      const slug = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      const reason = optionalNamed(args, 'reason');
      if (reason === undefined || reason.trim() === '') throw usageError('Give the reason: `reason="…"`.');
      const token = args.named.handover;
      if (!token) throw usageError('Say who takes over its work: `handover=<partner-slug>` or `handover=@user`.');
      let handover: HandoverTarget;
      if (token.kind === 'user') handover = { kind: 'user', userId: token.id };
      else if (token.kind === 'word') handover = { kind: 'partner', slug: token.value.toLowerCase() };
      else throw usageError(`\`handover=${echoToken(token)}\` is neither a partner slug nor a @mention.`);
      return { slug, reason, handover };
    },
    async run(ctx, input) {
      const result = await exitPartner({ ctx, input });
      const moved =
        result.handedOver.length > 0
          ? `\n${result.handedOver.length} RACI role assignment${result.handedOver.length === 1 ? '' : 's'} handed over to ${result.handoverLabel}:\n${result.handedOver.map((h) => `• \`${h.project}\` *${escapeText(h.activity)}*: ${h.changes.join('; ')}`).join('\n')}`
          : '\nIt held no RACI roles.';
      const escalations = result.escalations.length > 0 ? `\nIts open escalations ${result.escalations.map((id) => `ESC-${id}`).join(', ')} now target ${result.handoverLabel}.` : '';
      const risks = result.risks.length > 0 ? `\nIts open risks ${result.risks.map((id) => `R-${id}`).join(', ')} are now owned by ${result.handoverLabel}.` : '';
      const access =
        result.stillShared.length > 0
          ? `\nIts members lost access to Accord. Its Slack organisation still shares ${result.stillShared.map(mentionChannel).join(', ')}: a Slack admin can stop sharing them (channel settings → Slack Connect).`
          : `\nIts members lost access to Accord${result.removedFrom > 0 ? ` and are being removed from ${result.removedFrom} project channel${result.removedFrom === 1 ? '' : 's'}` : ''}.`;
      return { text: `:white_check_mark: *${escapeText(result.partner.name)}* has exited; its history is kept.${moved}${escalations}${risks}${access}${exitGuestsNote(result.nowGuests)}` };
    },
  }),
];
