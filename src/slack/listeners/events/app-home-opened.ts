import type { App } from '@slack/bolt';
import { refreshHome } from '../../../services/home/refresh-home';
import { runRequest, toBolt, type RequestServices } from '../../pipeline';

export function registerAppHomeOpened(app: App, services: RequestServices): void {
  app.event('app_home_opened', async ({ event }) => {
    // Only the Home tab has a view to publish; the Messages tab needs nothing.
    if (event.tab !== 'home') return;
    // Nobody is waiting on a reply here: a failure is logged with a reference like every other.
    await runRequest(
      services,
      {
        who: { userId: event.user, userTeam: undefined },
        channelId: undefined,
        context: { event: 'app_home_opened', userId: event.user },
      },
      { verb: (ctx) => refreshHome({ ctx }) },
      toBolt,
    );
  });
}
