import type { Logger } from '../logger';

import type { SlackCaller } from './web-api';
import type { SlackAccount, SlackDirectory } from '../services/ports';

const TTL_MS = 10 * 60_000;

function accountFrom(user: unknown): SlackAccount | undefined {
  if (typeof user !== 'object' || user === null) return undefined;
  const u = user as { team_id?: unknown; is_restricted?: unknown; is_ultra_restricted?: unknown; locale?: unknown };
  if (typeof u.team_id !== 'string') return undefined;
  return {
    teamId: u.team_id,
    restricted: u.is_restricted === true,
    ultraRestricted: u.is_ultra_restricted === true,
    ...(typeof u.locale === 'string' ? { locale: u.locale } : {}),
  };
}

/**
 * users.info behind a small cache. It fails for some Slack Connect users (`user_not_found`,
 * missing scopes on the other org): that is an answer ("unknown"), never a crash. The guest flags
 * are kept with the team, and so is the locale (asked for with include_locale), so resolving who
 * someone is and what language they read costs one lookup per user and TTL.
 */
export function createSlackDirectory(slack: SlackCaller, log: Logger, now: () => number = Date.now): SlackDirectory {
  const cache = new Map<string, { account: SlackAccount | undefined; at: number }>();
  async function accountOf(userId: string): Promise<SlackAccount | undefined> {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < TTL_MS) return hit.account;
    let account: SlackAccount | undefined;
    try {
      const res = await slack.call('users.info', { user: userId, include_locale: true });
      account = accountFrom(res.user);
    } catch (err) {
      log.info('users.info gave no answer for user; treating the team as unknown', { userId, err });
    }
    // A failed lookup is remembered briefly only, so a Slack hiccup is not cached for minutes.
    cache.set(userId, { account, at: account === undefined ? now() - TTL_MS + 30_000 : now() });
    return account;
  }
  return {
    accountOf,
    async teamOf(userId) {
      return (await accountOf(userId))?.teamId;
    },
  };
}
