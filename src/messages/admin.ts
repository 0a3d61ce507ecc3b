import { escapeText, mentionUser } from './mrkdwn';
import type { Reply, SlackMessage } from './types';

/** One Accord admin as `/accord admin list` shows them. */
export interface AdminListEntry {
  userId: string;
  source: 'config' | 'slack';
  addedBy?: string;
  addedAt?: Date;
}

export const adminReplies = {
  added: (userId: string): Reply => ({ text: `:white_check_mark: ${mentionUser(userId)} is now an Accord admin.` }),
  removed: (userId: string): Reply => ({
    text: `:white_check_mark: ${mentionUser(userId)} is no longer an Accord admin.`,
  }),
  list(entries: readonly AdminListEntry[]): Reply {
    if (entries.length === 0)
      return { text: 'There are no Accord admins yet. Set ACCORD_ADMIN_USER_IDS to name the first ones.' };
    const lines = entries.map((a) =>
      a.source === 'config'
        ? `• ${mentionUser(a.userId)} — from ACCORD_ADMIN_USER_IDS`
        : `• ${mentionUser(a.userId)} — added by ${mentionUser(a.addedBy ?? '')} on ${a.addedAt?.toISOString().slice(0, 10) ?? '?'}`,
    );
    return { text: `*Accord admins (${entries.length})*\n${lines.join('\n')}` };
  },
  reinstated: (userId: string): Reply => ({
    text: `:white_check_mark: ${mentionUser(userId)} is a vendor member again: they can create projects, set RACI and schedule check-ins, and see every partner's scores and statements.`,
  }),
};

/** The direct message a new admin gets. */
export const madeAdminNotice = (byUserId: string): SlackMessage => ({
  text: `${mentionUser(byUserId)} made you an Accord admin. You can now manage partners, SLA policies, scores and settlement. Type \`/accord help admin\` to see how.`,
});

export const adminRefusals = {
  alreadyAdmin: (userId: string) => `${mentionUser(userId)} is already an Accord admin.`,
  teamUnknown: (userId: string) =>
    `Slack will not tell me which workspace ${mentionUser(userId)} is in, so I cannot make them an Accord admin: only people of the vendor's own Slack workspace can be. Check that Accord can read their profile, or add them to ACCORD_ADMIN_USER_IDS.`,
  notVendorTeam: (userId: string) =>
    `${mentionUser(userId)} is not in the vendor's Slack workspace; only vendor users can be Accord admins.`,
  notAdmin: (userId: string) => `${mentionUser(userId)} is not an Accord admin.`,
  fromSetting: (userId: string) =>
    `${mentionUser(userId)} is an admin through the ACCORD_ADMIN_USER_IDS setting; remove them there and restart Accord.`,
  lastAdmin: (userId: string) => `${mentionUser(userId)} is the last Accord admin; add another admin first.`,
};

/** `/accord vendor reinstate`: why someone cannot be made a vendor member again. */
export const reinstateRefusals = {
  nothingToDo: (userId: string) =>
    `${mentionUser(userId)} is not a former partner member waiting to be made a vendor member again, so there is nothing to change.`,
  accountUnseen: (userId: string) =>
    `Slack would not show me ${mentionUser(userId)}'s account just now, so I cannot tell whether they are in the vendor's workspace. Nothing was changed; try again in a minute.`,
  notVendorTeam: (userId: string) =>
    `${mentionUser(userId)} is not in the vendor's Slack workspace; only its people can be vendor members. Nothing was changed.`,
  slackGuest: (userId: string) =>
    `Slack lists ${mentionUser(userId)} as a guest of the vendor's workspace, and Accord never makes Slack guests vendor members. Nothing was changed. If they work for a partner, add them to it with \`/accord partner member add\`.`,
  stillMember: (userId: string, partner: { slug: string; name: string }) =>
    `${mentionUser(userId)} is still a member of *${escapeText(partner.name)}*; take them out first with \`/accord partner member remove ${partner.slug}\` and their mention. Nothing was changed.`,
};
