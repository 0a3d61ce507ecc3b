import { formatLocal } from '../domain/time-zone';
import type { CreatedProject } from '../services/projects/create-project';
import type { ProjectSummary } from '../services/projects/list-projects';
import type { ProjectDetails } from '../services/projects/show-project';
import { escapeText, mentionChannel, mentionUser } from './mrkdwn';
import { raciLines } from './raci';
import { invitationLabel } from './slack-connect';
import type { Reply } from './types';

const mentions = (ids: readonly string[]) => ids.map(mentionUser).join(', ');

/** Why a project was not created, found or given to someone. */
export const projectRefusals = {
  nameLength: () => 'The project name must be 1–100 characters.',
  customerLength: () => 'The customer name must be at most 100 characters.',
  unknownTimeZone: (typed: string) =>
    `\`tz=${escapeText(typed)}\` is not a time zone I know; use an IANA name such as \`Europe/Riga\` or \`America/New_York\`.`,
  notACustomerStage: (typed: string) =>
    `\`stage=${escapeText(typed)}\` is not a customer stage; use acquisition, development, maturity, decline or churn.`,
  noPartners: () => 'Name at least one partner: `partners=<slug>[,<slug>…]`.',
  slugTaken: (slug: string) =>
    `A project \`${slug}\` already exists; pick another slug, or see it with \`/accord project show ${slug}\`.`,
  channelTaken: (channelId: string, slug: string) =>
    `${mentionChannel(channelId)} is already the channel of project \`${slug}\`; each project needs its own channel.`,
  channelNameTaken: (channelName: string) =>
    `A channel named #${channelName} already exists (it may be archived). Run the command again with \`channel=#${channelName}\` to use it, or pick another project slug.`,
  channelNotCreated: (channelName: string, error: string) =>
    `Slack would not create #${channelName}: it answered \`${error}\`. Nothing was recorded; try again, or create the channel yourself and pass \`channel=#…\`.`,
  createdAMomentAgo: (slug: string, channelId: string) =>
    `A project \`${slug}\` or one using ${mentionChannel(channelId)} was created a moment ago; see \`/accord project list\`.`,
  /** The channel exists in Slack but nothing else does: say so, and how to finish. */
  recordFailed: (channelId: string, detail: string | undefined) =>
    `I created ${mentionChannel(channelId)} but could not record the project, so nobody was invited yet.${detail === undefined ? '' : ` ${detail}`} Run the command again with \`channel=${mentionChannel(channelId)}\` to finish, or archive the channel.`,
  privateChannel: (channelId: string) =>
    `${mentionChannel(channelId)} is private and I am not in it. Type \`/invite @Accord\` there first, then run the command again.`,
  archivedChannel: (channelId: string) =>
    `${mentionChannel(channelId)} is archived. Unarchive it or use another channel.`,
  unseenChannel: (channelId: string) =>
    `I cannot see ${mentionChannel(channelId)}. If it is private, type \`/invite @Accord\` there first.`,
  channelRefused: (channelId: string, error: string) =>
    `Slack would not let me use ${mentionChannel(channelId)}: it answered \`${error}\`. Nothing was recorded.`,
  noSuchProject: (slug: string) =>
    `There is no project \`${slug}\`. \`/accord project list\` shows the ones you can see.`,
  notAProjectChannel: () =>
    'This channel is not a project channel: name the project with `project=<slug>`, or type the command in the project’s channel.',
  /** Said for any button value that is not the card of the channel it was pressed in: nothing about another project (or whether it exists) is revealed. */
  notThisCard: () =>
    'That button does not belong to this channel’s project card, so nothing was done. Use the buttons on the card pinned in the project’s channel.',
  /**
   * People who do not belong to the project: the same words whether someone is an outsider or
   * another partner's person, so nothing about another partner shows; an unknown team is said
   * plainly, as it is not the same fix.
   */
  notOfProject(outside: readonly string[], unknownTeam: readonly string[], what: string): string {
    const lines: string[] = [];
    if (outside.length > 0) {
      lines.push(
        `${mentions(outside)} ${outside.length > 1 ? 'are' : 'is'} not part of this project: ${what} can go only to people of the vendor team or members of the project’s partners.`,
      );
    }
    if (unknownTeam.length > 0) {
      lines.push(
        `Slack will not tell me which workspace ${mentions(unknownTeam)} ${unknownTeam.length > 1 ? 'are' : 'is'} in, so I cannot tell that they belong to this project. If they work for one of its partners, a vendor admin can add them with \`/accord partner member add <slug> @user\` first.`,
      );
    }
    return lines.join('\n');
  },
};

/** Project commands put the wrong way (the registry adds the usage line). */
export const projectUsageRefusals = {
  nameInQuotes: () => 'Give the project’s name in quotes, e.g. `"Riga contact centre"`',
  partnersMissing: () => 'Name the partners: `partners=<slug>[,<slug>…]`.',
  notASlug: (echoed: string) => `\`${echoed}\` is not a partner slug.`,
  noPartners: () => 'Name at least one partner: `partners=<slug>[,<slug>…]`.',
  notAChannel: (echoed: string) =>
    `\`channel=${echoed}\` is not a channel: pick it with # so Slack links it, e.g. \`channel=#acme-rollout\`.`,
  twoProjects: (positional: string, named: string) =>
    `Name one project: \`${positional}\` or \`project=${named}\`, not both.`,
};

export const projectReplies = {
  created(r: CreatedProject): Reply {
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
  list(rows: readonly ProjectSummary[], partnerAsking: boolean): Reply {
    if (rows.length === 0)
      return {
        text: partnerAsking
          ? 'Your partner takes part in no projects yet.'
          : 'No projects yet. Create one with `/accord project create`.',
      };
    const lines = rows.map(
      (r) =>
        `• *${escapeText(r.project.name)}* \`${r.project.slug}\` in ${mentionChannel(r.project.channelId)} — ${r.partnerNames.map(escapeText).join(', ')}; ${r.project.stage} stage`,
    );
    return { text: `*Projects (${rows.length})*\n${lines.join('\n')}` };
  },
  show({ project, partners, activities, invitations }: ProjectDetails): Reply {
    const invitation = (partnerId: number) => {
      const found = invitations.get(partnerId);
      const label = found ? invitationLabel(found) : '';
      return label ? `, ${label}` : '';
    };
    const lines = [
      `*${escapeText(project.name)}* \`${project.slug}\`${project.customer ? ` for ${escapeText(project.customer)}` : ''} in ${mentionChannel(project.channelId)}`,
      `Partners: ${partners.map((p) => `${escapeText(p.name)} (\`${p.slug}\`${p.status === 'exited' ? ', exited' : ''}${invitation(p.id)})`).join(', ')} · Owner: ${mentionUser(project.ownerUserId)} · Stage: ${project.stage} · Time zone: ${project.timeZone}`,
      `Created ${formatLocal(project.createdAt, project.timeZone)}`,
      activities.length === 0
        ? 'No RACI yet: `/accord raci template` fills the stage’s duties.'
        : `*RACI*\n${raciLines(activities, partners)}`,
    ];
    return { text: lines.join('\n') };
  },
};
