import type { App } from '@slack/bolt';
import type { RequestServices } from '../../pipeline';
import { registerChangeDecision } from './change-decision';
import { registerCheckinButtons } from './checkin-buttons';
import { registerRecommendationButtons } from './recommendation-buttons';
import { registerEscalationButtons } from './escalation-buttons';
import { registerEscalationFormButton } from './escalation-form-button';
import { registerProjectCardButtons } from './project-card';

export function registerActionListeners(app: App, services: RequestServices): void {
  registerChangeDecision(app, services);
  registerEscalationButtons(app, services);
  registerEscalationFormButton(app, services);
  registerCheckinButtons(app, services);
  registerRecommendationButtons(app, services);
  registerProjectCardButtons(app, services);
}
