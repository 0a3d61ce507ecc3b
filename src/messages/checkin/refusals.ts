import { escapeText } from '../mrkdwn';

// Why a request about a check-in or its schedule was refused: the texts of the errors the services
// throw and of the commands' argument checks.
export const checkinRefusals = {
  runGone: () => 'That check-in no longer exists.',
  closedForm: () => 'This check-in has closed; its summary is in the thread.',
  closedAnswer: () => 'This check-in has closed, so answers are no longer recorded; its summary is in the thread.',
  emptyReply: () => 'An empty reply is not an answer.',
  unknownTimeZone: (timeZone: string) =>
    `\`tz=${escapeText(timeZone.slice(0, 40))}\` is not a time zone I know; use an IANA name such as \`Europe/Riga\`.`,
  windowTooLong: () => 'A check-in stays open for at most 14 days (`close=`).',
  remindAfterClose: () => 'The reminder must come before the close: make `remind=` shorter than `close=`.',
  noSchedule: (id: number) => `There is no check-in schedule ${id}. \`/accord checkin list\` shows them.`,
  alreadyPaused: (id: number, paused: boolean) =>
    `Check-in schedule ${id} is already ${paused ? 'paused' : 'running'}.`,
  scheduleChanged: (id: number) => `Check-in schedule ${id} changed a moment ago; try again.`,
};

/** The argument checks of `/accord checkin …`; `examples` is the schedule examples line. */
export const checkinUsage = {
  scheduleMissing: (examples: string) => `Give the schedule after the kind.\n${examples}`,
  quotesOrNone: (examples: string) => `Put the whole schedule in one pair of quotes, or none.\n${examples}`,
  /** `echoed` is the token as echoToken shows it. */
  notPartOfSchedule: (echoed: string, examples: string) => `\`${echoed}\` cannot be part of a schedule.\n${examples}`,
  notADuration: (key: string, text: string) =>
    `\`${key}=${escapeText(text.slice(0, 20))}\` is not a duration; write e.g. \`2h\` or \`1d\`.`,
  scheduleIdMissing: () => 'Give the schedule number from `/accord checkin list`.',
  notAScheduleId: (echoed: string) => `\`${echoed}\` is not a schedule number; \`/accord checkin list\` shows them.`,
  projectWithScheduleId: () => 'A schedule number already names its project; leave out `project=`.',
};
