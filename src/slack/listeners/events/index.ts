import type { App } from '@slack/bolt';
import type { RequestServices } from '../../commands/execute';
import { registerAppHomeOpened } from './app-home-opened';

export function registerEventListeners(app: App, services: RequestServices): void {
  registerAppHomeOpened(app, services);
}
