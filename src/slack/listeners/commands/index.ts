import type { App } from '@slack/bolt';
import type { RequestServices } from '../../pipeline';
import { slashCommands } from '../../commands/types';
import { registerSlashCommand } from './slash-command';

export function registerCommandListeners(app: App, services: RequestServices): void {
  for (const command of slashCommands) registerSlashCommand(app, command, services);
}
