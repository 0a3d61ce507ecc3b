import type { Logger } from '../logger';

import type { SlackCaller } from './web-api';
import type { OpenView, SlackViews } from '../services/ports';

function openViewOf(response: Record<string, unknown>): OpenView | undefined {
  const view = response.view as { id?: unknown; hash?: unknown } | undefined;
  if (typeof view?.id !== 'string') return undefined;
  return { id: view.id, hash: typeof view.hash === 'string' ? view.hash : undefined };
}

/**
 * Modals open on a trigger_id that Slack honours for three seconds only, so they cannot wait in
 * the outbox: they are opened directly, and a failure is reported to the person at once. The
 * update passes the hash views.open returned, so a stale update cannot overwrite a newer one
 * (https://api.slack.com/methods/views.update: `hash_conflict`).
 */
export function createSlackViews(slack: SlackCaller, log: Logger): SlackViews {
  return {
    async openLoading(triggerId, view) {
      try {
        return openViewOf(await slack.call('views.open', { trigger_id: triggerId, view }));
      } catch (err) {
        log.warn('views.open failed', { err });
        return undefined;
      }
    },
    async update(open, view) {
      try {
        await slack.call('views.update', { view_id: open.id, ...(open.hash ? { hash: open.hash } : {}), view });
        return true;
      } catch (err) {
        log.warn('views.update failed', { err });
        return false;
      }
    },
  };
}
