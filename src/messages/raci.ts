import { describeRaci, type RaciAssignment } from '../domain/raci/assignment';
import { escapeText, mentionUser, truncate } from './mrkdwn';
import type { Reply, SlackMessage } from './types';

interface RaciActivityRow extends RaciAssignment {
  name: string;
}

/** Partner slug → name, so messages show names. */
const namesOf = (partners: ReadonlyArray<{ slug: string; name: string }>): Record<string, string> =>
  Object.fromEntries(partners.map((p) => [p.slug, p.name]));

const assignment = (a: RaciActivityRow): RaciAssignment => ({
  responsible: a.responsible,
  accountable: a.accountable,
  consulted: a.consulted,
  informed: a.informed,
});

/** One line per activity: its name and who holds each role. */
export const raciLines = (
  activities: readonly RaciActivityRow[],
  partners: ReadonlyArray<{ slug: string; name: string }>,
) => {
  const names = namesOf(partners);
  return activities.map((a) => `• *${escapeText(a.name)}* — ${describeRaci(assignment(a), names)}`).join('\n');
};

export const raciRefusals = {
  notProjectPartners: (outside: readonly string[], active: readonly string[]) => {
    const list = active.length > 0 ? active.map((s) => `\`${s}\``).join(', ') : 'none';
    return `${outside.map((s) => `\`${s}\``).join(', ')} ${outside.length > 1 ? 'are not partners' : 'is not a partner'} in this project (its partners: ${list}). Name people with @, a partner of the project, or \`vendor\`.`;
  },
  noSuchActivity: (name: string, projectSlug: string, near: string | undefined) => {
    const didYouMean = near === undefined ? '' : ` Did you mean “${escapeText(near)}”?`;
    return `There is no activity “${escapeText(truncate(name.trim(), 80))}” in \`${projectSlug}\`.${didYouMean} \`/accord raci show\` lists them.`;
  },
  noRoles: () => 'Give at least one role: R=, A=, C= or I=.',
  nothingChanged: (activity: string) => `Nothing changed: *${escapeText(activity)}* already has exactly those roles.`,
  setAtTheSameMoment: (activity: string) =>
    `Someone set *${escapeText(activity)}* at the same moment; run \`/accord raci show\` and try again.`,
  notACustomerStage: (typed: string) =>
    `\`${typed}\` is not a customer stage; use acquisition, development, maturity, decline or churn.`,
};

/** RACI commands put the wrong way (the registry adds the usage line). */
export const raciUsageRefusals = {
  activityInQuotesExample: () => 'Name the activity in quotes, e.g. `"Order handling"`',
  activityInQuotes: () => 'Name the activity in quotes',
  badParties: (role: string, error: string) => `${role}=: ${error}`,
  noRoles: raciRefusals.noRoles,
};

/** Announcements in the project's channel. */
export const raciNotices = {
  set: (byUserId: string, activity: string, changed: boolean, changes: readonly string[]): SlackMessage => ({
    text: `:clipboard: ${mentionUser(byUserId)} ${changed ? 'changed' : 'set'} the RACI of *${escapeText(activity)}*:\n${changes.map((c) => `• ${c}`).join('\n')}`,
  }),
  removed: (
    byUserId: string,
    activity: string,
    before: RaciAssignment,
    partners: ReadonlyArray<{ slug: string; name: string }>,
  ): SlackMessage => ({
    text: `:clipboard: ${mentionUser(byUserId)} removed the activity *${escapeText(activity)}* (was ${describeRaci(before, namesOf(partners))}).`,
  }),
  templateApplied: (
    byUserId: string,
    stage: string,
    added: readonly string[],
    partnerNames: readonly string[],
  ): SlackMessage => {
    const who = partnerNames.length > 0 ? partnerNames.join(', ') : 'the vendor';
    return {
      text: `:clipboard: ${mentionUser(byUserId)} filled in the *${stage}* stage duties: ${added.join(', ')}. Responsible: ${escapeText(who)}; Accountable: vendor. \`/accord raci show\` shows them all.`,
    };
  },
};

export const raciReplies = {
  set: (r: { created: boolean; activity: string; projectSlug: string; changes: readonly string[] }): Reply => ({
    text: `:white_check_mark: ${r.created ? 'Added' : 'Updated'} *${escapeText(r.activity)}* in \`${r.projectSlug}\`:\n${r.changes.map((c) => `• ${c}`).join('\n')}\nAnnounced in the project channel.`,
  }),
  show(
    project: { slug: string; name: string; stage: string },
    activities: readonly RaciActivityRow[],
    partners: ReadonlyArray<{ slug: string; name: string }>,
  ): Reply {
    if (activities.length === 0)
      return {
        text: `\`${project.slug}\` has no RACI yet. \`/accord raci template\` fills the duties of its ${project.stage} stage.`,
      };
    return { text: `*RACI of ${escapeText(project.name)}*\n${raciLines(activities, partners)}` };
  },
  removed: (activity: string): Reply => ({
    text: `:white_check_mark: Removed *${escapeText(activity)}*; announced in the project channel.`,
  }),
  template(r: { stage: string; added: readonly string[]; kept: readonly string[] }): Reply {
    const added =
      r.added.length > 0 ? `Added ${r.added.length}: ${r.added.map(escapeText).join(', ')}.` : 'Nothing to add.';
    const kept = r.kept.length > 0 ? ` Kept as they were: ${r.kept.map(escapeText).join(', ')}.` : '';
    return { text: `:white_check_mark: *${r.stage}* stage duties. ${added}${kept}` };
  },
};
