import type { App } from '@slack/bolt';
import type { RequestServices } from '../../pipeline';
import { registerAppHomeOpened } from './app-home-opened';
import { registerMentions } from './mentions';
import { registerSharedChannelEvents } from './shared-channel';
import { registerThreadReplies } from './thread-replies';

export function registerEventListeners(app: App, services: RequestServices): void {
  registerAppHomeOpened(app, services);
  registerThreadReplies(app, services);
  registerMentions(app, services);
  registerSharedChannelEvents(app, services);
}
