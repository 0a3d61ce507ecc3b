import { splitList } from '../../domain/args/split-list';
import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { describeRaci, parsePartyList, raciRoles, type RaciInput } from '../../domain/raci';
import { formatLocal } from '../../domain/time-zone';
import { usageError } from '../../errors';
import { proposeChange } from '../../services/changes/propose-change';
import { createProject } from '../../services/projects/create-project';
import { listProjects } from '../../services/projects/list-projects';
import { showProject } from '../../services/projects/show-project';
import { applyRaciTemplate } from '../../services/raci/apply-template';
import { assignmentOf, partnerNames, type RaciRow } from '../../services/raci/raci-common';
import { removeRaci } from '../../services/raci/remove-raci';
import { setRaci } from '../../services/raci/set-raci';
import { invitationLabel } from '../../messages/slack-connect';
import { escapeText, mentionChannel, mentionUser } from '../../messages/mrkdwn';
import { echoToken, optionalNamed, parseNoArguments, refuseExtraPositional, refuseUnknownNamed, requireSlug, requireText } from './arg-helpers';
import { defineSubcommand } from './types';

const CREATE = '/accord project create <slug> "<Name>" partners=<slug>[,<slug>…] [customer="…"] [channel=#…] [tz=<IANA>] [stage=acquisition|development|maturity|decline|churn]';
const LIST = '/accord project list';
const SHOW = '/accord project show [<slug>|project=<slug>]';
const RACI_SET = '/accord raci set "<activity>" [R=<who>,…] [A=<who>] [C=<who>,…] [I=<who>,…] [project=<slug>]';
const RACI_SHOW = '/accord raci show [project=<slug>]';
const RACI_REMOVE = '/accord raci remove "<activity>" [project=<slug>]';
const RACI_TEMPLATE = '/accord raci template [acquisition|development|maturity|decline|churn] [project=<slug>]';
const PROPOSE = '/accord change propose "<title>" [when=YYYY-MM-DDTHH:MM] [activity="…"] [project=<slug>]';

/** `project=<slug>`: needed only outside the project's own channel. */
function projectOption(args: ParsedArgs): string | undefined {
  const token = args.named.project;
  return token === undefined ? undefined : requireSlug(token, 'project');
}

const raciLines = (activities: readonly RaciRow[], partners: Parameters<typeof partnerNames>[0]) => {
  const names = partnerNames(partners);
  return activities.map((a) => `• *${escapeText(a.name)}* — ${describeRaci(assignmentOf(a), names)}`).join('\n');
};

export const projectSubcommands = [
  defineSubcommand({
    name: 'project create',
    topic: 'projects',
    usage: CREATE,
    summary: 'a project with its shared channel, partners invited (Slack Connect) and a welcome',
    parse({ args }) {
      refuseUnknownNamed(args, ['partners', 'customer', 'channel', 'tz', 'stage']);
      const slug = requireSlug(args.positional[0], 'project', true);
      const name = requireText(args.positional[1], 'Give the project’s name in quotes, e.g. `"Riga contact centre"`');
      refuseExtraPositional(args, 2);
      const partnersText = optionalNamed(args, 'partners');
      if (partnersText === undefined) throw usageError('Name the partners: `partners=<slug>[,<slug>…]`.');
      const partnerSlugs = splitList(partnersText).map((t) => {
        if (t.kind !== 'word') throw usageError(`\`${echoToken(t)}\` is not a partner slug.`);
        return t.value.toLowerCase();
      });
      if (partnerSlugs.length === 0) throw usageError('Name at least one partner: `partners=<slug>[,<slug>…]`.');
      const channel = args.named.channel;
      if (channel !== undefined && channel.kind !== 'channel') {
        throw usageError(`\`channel=${echoToken(channel)}\` is not a channel: pick it with # so Slack links it, e.g. \`channel=#acme-rollout\`.`);
      }
      return {
        slug,
        name,
        partnerSlugs,
        customer: optionalNamed(args, 'customer'),
        channelId: channel?.id,
        timeZone: optionalNamed(args, 'tz'),
        stage: optionalNamed(args, 'stage')?.toLowerCase(),
      };
    },
    async run(ctx, input) {
      const r = await createProject({ ctx, input });
      const lines = [
        `:white_check_mark: Project *${escapeText(r.project.name)}* (\`${r.project.slug}\`) ${r.createdChannel ? 'created with' : 'set up in'} ${mentionChannel(r.project.channelId)}, with ${r.partners.map((p) => escapeText(p.name)).join(', ')}.`,
        `Inviting ${r.invited.map(mentionUser).join(', ')}${r.sharedWith.length > 0 ? `; Slack Connect invitation sent to the organisation of ${r.sharedWith.map((s) => `\`${s}\``).join(', ')}` : ''}${r.sharedByEmail.length > 0 ? `; Slack Connect invitation sent by email to the contact of ${r.sharedByEmail.map((s) => `\`${s}\``).join(', ')}` : ''}. If Slack refuses an invitation I will tell you by DM.`,
        r.sharedWith.length + r.sharedByEmail.length > 0
          ? 'Invitations stay pending until accepted (and approved, where an admin must); `/accord project show` says where each stands, and once a partner is connected I invite its other people and welcome them.'
          : undefined,
        ...r.notShared.map(
          (s) =>
            `:warning: \`${s}\` has its own Slack organisation but nobody Accord could address a Slack Connect invitation to. Add a contact email with \`/accord partner contact add ${s} name@example.com\` (the invitation then goes out), or share the channel from Slack.`,
        ),
      ];
      return { text: lines.filter((l) => l !== undefined).join('\n') };
    },
  }),
  defineSubcommand({
    name: 'project list',
    topic: 'projects',
    usage: LIST,
    summary: 'the projects you can see',
    parse: ({ args }) => parseNoArguments(args, 'project list'),
    async run(ctx) {
      const rows = await listProjects({ ctx });
      if (rows.length === 0) return { text: ctx.actor.role === 'partner' ? 'Your partner takes part in no projects yet.' : 'No projects yet. Create one with `/accord project create`.' };
      const lines = rows.map(
        (r) => `• *${escapeText(r.project.name)}* \`${r.project.slug}\` in ${mentionChannel(r.project.channelId)} — ${r.partnerNames.map(escapeText).join(', ')}; ${r.project.stage} stage`,
      );
      return { text: `*Projects (${rows.length})*\n${lines.join('\n')}` };
    },
  }),
  defineSubcommand({
    name: 'project show',
    topic: 'projects',
    usage: SHOW,
    summary: 'a project’s partners, owner and RACI (slug optional in its channel)',
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const positional = args.positional[0] ? requireSlug(args.positional[0], 'project') : undefined;
      refuseExtraPositional(args, 1);
      // `project=` too, as every other project command takes it and the not-a-project-channel advice names it.
      const named = projectOption(args);
      const [first] = args.positional;
      if (first && args.named.project && positional !== named) throw usageError(`Name one project: \`${echoToken(first)}\` or \`project=${echoToken(args.named.project)}\`, not both.`);
      return { slug: positional ?? named };
    },
    async run(ctx, { slug }) {
      const { project, partners, activities, invitations } = await showProject({ ctx, input: { slug } });
      const invitation = (partnerId: number) => {
        const found = invitations.get(partnerId);
        const label = found ? invitationLabel(found) : '';
        return label ? `, ${label}` : '';
      };
      const lines = [
        `*${escapeText(project.name)}* \`${project.slug}\`${project.customer ? ` for ${escapeText(project.customer)}` : ''} in ${mentionChannel(project.channelId)}`,
        `Partners: ${partners.map((p) => `${escapeText(p.name)} (\`${p.slug}\`${p.status === 'exited' ? ', exited' : ''}${invitation(p.id)})`).join(', ')} · Owner: ${mentionUser(project.ownerUserId)} · Stage: ${project.stage} · Time zone: ${project.timeZone}`,
        `Created ${formatLocal(project.createdAt, project.timeZone)}`,
        activities.length === 0 ? 'No RACI yet: `/accord raci template` fills the stage’s duties.' : `*RACI*\n${raciLines(activities, partners)}`,
      ];
      return { text: lines.join('\n') };
    },
  }),
  defineSubcommand({
    name: 'raci set',
    topic: 'projects',
    usage: RACI_SET,
    summary: 'who is Responsible, Accountable, Consulted, Informed for an activity',
    parse({ args }) {
      refuseUnknownNamed(args, ['r', 'a', 'c', 'i', 'project']);
      const activity = requireText(args.positional[0], 'Name the activity in quotes, e.g. `"Order handling"`');
      refuseExtraPositional(args, 1);
      const roles: RaciInput = {};
      for (const role of raciRoles) {
        const token = args.named[role.toLowerCase()];
        if (token === undefined) continue;
        const parties = parsePartyList(token);
        if ('error' in parties) throw usageError(`${role}=: ${parties.error}`);
        roles[role] = parties;
      }
      if (Object.keys(roles).length === 0) throw usageError('Give at least one role: R=, A=, C= or I=.');
      return { activity, roles, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await setRaci({ ctx, input: { ...input } });
      return {
        text: `:white_check_mark: ${r.created ? 'Added' : 'Updated'} *${escapeText(r.activity)}* in \`${r.projectSlug}\`:\n${r.changes.map((c) => `• ${c}`).join('\n')}\nAnnounced in the project channel.`,
      };
    },
  }),
  defineSubcommand({
    name: 'raci show',
    topic: 'projects',
    usage: RACI_SHOW,
    summary: 'the project’s RACI matrix',
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      refuseExtraPositional(args, 0);
      return { project: projectOption(args) };
    },
    async run(ctx, input) {
      const { project, partners, activities } = await showProject({ ctx, input: { slug: input.project } });
      if (activities.length === 0) return { text: `\`${project.slug}\` has no RACI yet. \`/accord raci template\` fills the duties of its ${project.stage} stage.` };
      return { text: `*RACI of ${escapeText(project.name)}*\n${raciLines(activities, partners)}` };
    },
  }),
  defineSubcommand({
    name: 'raci remove',
    topic: 'projects',
    usage: RACI_REMOVE,
    summary: 'remove an activity from the RACI',
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const activity = requireText(args.positional[0], 'Name the activity in quotes');
      refuseExtraPositional(args, 1);
      return { activity, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await removeRaci({ ctx, input: { ...input } });
      return { text: `:white_check_mark: Removed *${escapeText(r.activity)}*; announced in the project channel.` };
    },
  }),
  defineSubcommand({
    name: 'raci template',
    topic: 'projects',
    usage: RACI_TEMPLATE,
    summary: 'fill the partner duties of a customer life-cycle stage',
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const stage = args.positional[0] ? tokenText(args.positional[0]).toLowerCase() : undefined;
      refuseExtraPositional(args, 1);
      return { stage, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await applyRaciTemplate({ ctx, input: { ...input } });
      const added = r.added.length > 0 ? `Added ${r.added.length}: ${r.added.map(escapeText).join(', ')}.` : 'Nothing to add.';
      const kept = r.kept.length > 0 ? ` Kept as they were: ${r.kept.map(escapeText).join(', ')}.` : '';
      return { text: `:white_check_mark: *${r.stage}* stage duties. ${added}${kept}` };
    },
  }),
  defineSubcommand({
    name: 'change propose',
    topic: 'projects',
    usage: PROPOSE,
    summary: 'a change request for the Accountable party (or the project owner) to approve',
    parse({ args }) {
      refuseUnknownNamed(args, ['when', 'activity', 'project']);
      const title = requireText(args.positional[0], 'Give the change a title in quotes');
      refuseExtraPositional(args, 1);
      return { title, when: optionalNamed(args, 'when'), activity: optionalNamed(args, 'activity'), project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await proposeChange({ ctx, input: { ...input } });
      return { text: `:white_check_mark: *${r.label}* posted in the project channel for ${r.decider} to approve or reject.` };
    },
  }),
];
