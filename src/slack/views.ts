import type { Logger } from '../logger';
import type { SlackViews } from '../services/context';
import type { SlackCaller } from './web-api';

/**
 * Modals open on a trigger_id that Slack honours for three seconds only, so they cannot wait in
 * the outbox: they are opened directly, and a failure is reported to the person at once.
 */
export function createSlackViews(slack: SlackCaller, log: Logger): SlackViews {
  return {
    async open(triggerId, view) {
      try {
        await slack.call('views.open', { trigger_id: triggerId, view });
        return true;
      } catch (err) {
        log.warn('views.open failed', { err });
        return false;
      }
    },
  };
}
