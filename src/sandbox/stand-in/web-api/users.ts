import { str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';

/** users.info, with Slack's guest flags, and the user's locale when asked for (include_locale). */

function userInfo(s: StandInStore, args: Args): Record<string, unknown> {
  const user = s.users.get(str(args.user) ?? '');
  if (!user || user.hiddenProfile) throw new SlackApiError('user_not_found');
  return {
    user: {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      real_name: user.realName ?? user.name,
      is_restricted: user.guest !== undefined,
      is_ultra_restricted: user.guest === 'ultra-restricted',
      profile: { real_name: user.realName ?? user.name, display_name: user.name },
      ...(String(args.include_locale) === 'true' ? { locale: user.locale ?? 'en-US' } : {}),
    },
  };
}

export const users: Readonly<Record<string, WebApiMethod>> = {
  'users.info': userInfo,
};
