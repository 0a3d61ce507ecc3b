import type { Logger } from '../logger';
import type { SlackDirectory } from '../services/context';
import type { SlackCaller } from './web-api';

const TTL_MS = 10 * 60_000;

/**
 * users.info behind a small cache. It fails for some Slack Connect users (`user_not_found`,
 * missing scopes on the other org): that is an answer ("unknown"), never a crash.
 */
export function createSlackDirectory(slack: SlackCaller, log: Logger, now: () => number = Date.now): SlackDirectory {
  const cache = new Map<string, { team: string | undefined; at: number }>();
  return {
    async teamOf(userId) {
      const hit = cache.get(userId);
      if (hit && now() - hit.at < TTL_MS) return hit.team;
      let team: string | undefined;
      try {
        const res = await slack.call('users.info', { user: userId });
        const user = res.user as { team_id?: unknown } | undefined;
        team = typeof user?.team_id === 'string' ? user.team_id : undefined;
      } catch (err) {
        log.info('users.info gave no answer for user; treating the team as unknown', { userId, err });
      }
      // A failed lookup is remembered briefly only, so a Slack hiccup is not cached for minutes.
      cache.set(userId, { team, at: team === undefined ? now() - TTL_MS + 30_000 : now() });
      return team;
    },
  };
}
