import type { App } from '@slack/bolt';
import type { RequestServices } from '../../commands/execute';
import { registerChangeDecision } from './change-decision';

export function registerActionListeners(app: App, services: RequestServices): void {
  registerChangeDecision(app, services);
}
