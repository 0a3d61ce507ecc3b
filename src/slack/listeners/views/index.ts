import type { App } from '@slack/bolt';
import type { RequestServices } from '../../commands/execute';
import { registerEscalationViews } from './escalation-views';

export function registerViewListeners(app: App, services: RequestServices): void {
  registerEscalationViews(app, services);
}
