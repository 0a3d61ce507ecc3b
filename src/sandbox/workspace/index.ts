/**
 * The sandbox: Accord in a simulated Slack workspace (npm run sandbox). workspace.ts reads a line
 * and hands it to a command (./commands, one file per family of commands); session.ts runs Accord,
 * the Slack stand-in and the clock; transcript.ts turns what reached Slack into what the person
 * sees; modal-state.ts fills in a modal's form; lines.ts and people.ts hold the sandbox's words and
 * people.
 */
export { SandboxWorkspace, type SandboxOptions } from './workspace';
export { SANDBOX_BOT_TOKEN, SANDBOX_SIGNING_SECRET, sandboxConfig, sandboxUsers, type SandboxUser } from './people';
export {
  appHomeNotShownLines,
  clickNotDeliveredLines,
  formatTime,
  helpLines,
  notAMemberLines,
  slashCommandNotDeliveredLines,
} from './lines';
export { parseAssignments, parseStartTime } from './parse';
export { buildStateValues } from './modal-state';
