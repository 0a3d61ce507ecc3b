import type { WebApiMethod } from '../args';

/** auth.test: who the bot token belongs to. */
export const auth: Readonly<Record<string, WebApiMethod>> = {
  'auth.test': (s) => ({
    url: 'https://vendor.example.slack.com/',
    team: 'Vendor',
    team_id: s.teamId,
    user: 'accord',
    user_id: s.botUserId,
    bot_id: 'B0ACCORD',
  }),
};
