import type { App } from '@slack/bolt';
import type { RequestServices } from '../../pipeline';
import { registerCheckinViews } from './checkin-views';
import { registerEscalationViews } from './escalation-views';
import { registerRiskViews } from './risk-views';

export function registerViewListeners(app: App, services: RequestServices): void {
  registerEscalationViews(app, services);
  registerCheckinViews(app, services);
  registerRiskViews(app, services);
}
