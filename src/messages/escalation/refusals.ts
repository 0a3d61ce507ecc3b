import { escalationLabel } from './message';
import { escapeText, mentionUser } from '../mrkdwn';

/** Who last moved an escalation on, named when a change is refused because of it. */
export type EscalationSettledBy = { status: 'acknowledged' | 'resolved' | 'cancelled'; userId: string } | undefined;

// Why a request about an escalation or its SLA was refused: the texts of the errors the services
// throw and of the commands' argument checks.
export const escalationRefusals = {
  notFound: (id: number) => `There is no ${escalationLabel(id)}.`,
  /** The state machine refused the change; `error` is the domain's reason. */
  notAllowed: (id: number, error: string, settled: EscalationSettledBy) =>
    `${escalationLabel(id)}: ${error}${settled ? ` (${settled.status} by ${mentionUser(settled.userId)})` : ''}`,
  summaryMissing: () => 'Say how it was resolved, e.g. `resolved: restarted the SIP trunk`.',
  summaryTooLong: (max: number) => `Keep the summary under ${max} characters.`,
  cancelReasonMissing: () => 'Give the reason, e.g. `/accord escalation cancel ESC-12 "raised twice"`.',
  cancelForbidden: (id: number) =>
    `Only the person who raised ${escalationLabel(id)} and the vendor team can cancel it.`,
  escalatedMomentAgo: (id: number, level: number) =>
    `${escalationLabel(id)} was escalated to level ${level} a moment ago.`,
  nothingToUpgrade: (id: number) =>
    `${escalationLabel(id)} was opened at the severity asked for; there is nothing to upgrade.`,
  titleLength: () => 'Say what happened in 1–250 characters, e.g. `/escalate sev2 Calls to the IVR drop after 30 s`.',
  partnerAndProject: () => 'Give `partner=` or `project=`, not both.',
  quotaRange: () => 'The quota is a whole number of escalations per month, 0–1000 (0 removes it).',
};

/** The argument checks of `/escalate`, `/accord escalation …` and `/accord sla …`. */
export const escalationUsage = {
  refMissing: () => 'Name the escalation, e.g. `ESC-12`.',
  /** `echoed` is the token as echoToken shows it. */
  notARef: (echoed: string) => `\`${echoed}\` is not an escalation number; they look like \`ESC-12\`.`,
  notADuration: (key: string, text: string) =>
    `\`${key}=${escapeText(text.slice(0, 20))}\` is not a duration; write e.g. \`15m\`, \`4h\`, \`2d\` or \`1h30m\`.`,
  /** `severities` lists the choices; `echoed` is what was given instead, when anything was. */
  severityFirst: (severities: readonly string[], echoed: string | undefined) =>
    `Start with the severity: ${severities.map((s) => `\`${s}\``).join(', ')}${echoed !== undefined ? ` (not \`${echoed}\`)` : ''}.`,
  titleMissing: () => 'Say what happened after the severity.',
  whatHappened: () => 'Say what happened.',
  /** The label requireText puts before its complaint. */
  resolveSummaryLabel: 'Say how it was resolved, in quotes',
  cancelReasonLabel: 'Give the reason, in quotes',
  notRounds: (text: string) => `\`repeat=${escapeText(text.slice(0, 10))}\` is not a number of rounds (1–10).`,
  nothingToSet: () => 'Give at least one of ack=, resolve=, levels=, step=, repeat=, hours=.',
  quotaNumber: () => 'Give the monthly number, e.g. `sev1=2`.',
};
