import type { App } from '@slack/bolt';
import { refreshHome } from '../../../services/home/refresh-home';
import { buildContext, replyForError, type RequestServices } from '../../commands/execute';

export function registerAppHomeOpened(app: App, services: RequestServices): void {
  app.event('app_home_opened', async ({ event }) => {
    // Only the Home tab has a view to publish; the Messages tab needs nothing.
    if (event.tab !== 'home') return;
    try {
      const ctx = await buildContext(services, { userId: event.user, userTeam: undefined }, undefined);
      await refreshHome({ ctx });
      services.afterCommit();
    } catch (err) {
      // Nobody is waiting on a reply here; log with a reference like every other unexpected error.
      replyForError(err, services.log, { event: 'app_home_opened', userId: event.user });
      throw err;
    }
  });
}
