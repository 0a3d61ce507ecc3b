import { teamLabels, type SandboxUser } from './people';

/** The sandbox's own words: help, Slack's refusals as the transcript shows them, times, and layout helpers. */

export const INDENT = '    ';

export function helpLines(): string[] {
  return [
    'What you can type:',
    '  /accord help            a slash command as the current user in the current channel (also /escalate, /score);',
    "                          Slack delivers them only from the vendor's own people: partners type @Accord …",
    '  as <name>               act as another user; "users" lists them',
    '  in #<channel>           switch channel; "channels" lists them',
    '  @Accord <command>       mention Accord in the current channel: anything /accord takes, for everyone (also in say and reply)',
    '  say <text>              post a message in the current channel',
    '  reply <n> <text>        reply in the thread of message [n]',
    '  press <n>               press button (n)',
    '  submit field=value …    fill in and submit the open modal (values with spaces in "quotes")',
    '  home                    open your App Home',
    "  accept <partner>        the partner's organisation accepts its pending Slack Connect invitations",
    '  advance <duration>      move the clock, e.g. advance 30m, advance 2h, advance 1d, advance 1h30m',
    '  time [ISO]              show the simulated time; with a time, set the start (only before anything else)',
    '  # text                  a comment, shown in the transcript',
    '  help · quit',
  ];
}

/**
 * Slack's own answer to a slash command from someone of another organisation (it never reaches
 * Accord), and what they can type instead.
 */
export function slashCommandNotDeliveredLines(slackSays: string, user: SandboxUser, words: string): string[] {
  const team = teamLabels[user.teamId] ?? user.teamId;
  return [
    `(only you) Slackbot: ${slackSays}`,
    `${INDENT}(Slack did not send it to Accord: its slash commands work only in the vendor's own organisation, and ${user.name} is of ${team}'s.)`,
    `${INDENT}Use @Accord <command> instead, in a channel shared with you: @Accord ${words}`,
  ];
}

/** A click Slack keeps from Accord: the clicker's organisation has post-only access to the channel. */
export function clickNotDeliveredLines(slackSays: string): string[] {
  return [
    `(only you) Slackbot: ${slackSays}`,
    `${INDENT}(Slack did not send the click to Accord. Mentions still reach it: @Accord help)`,
  ];
}

/** Slack keeps a channel's composer from people who are not in it. */
export function notAMemberLines(user: SandboxUser, channel: string, ofTheVendor: boolean): string[] {
  const how = ofTheVendor
    ? `(A vendor admin or member adds them to it; project channels invite the vendor's people when they are created.)`
    : `(People of another organisation reach a channel by accepting its Slack Connect invitation: accept <partner>.)`;
  return [
    `(only you) Slack: ${user.name} is not in ${channel}, and only a channel's members can post in it.`,
    `${INDENT}${how} "channels" lists the channels and who is in them.`,
  ];
}

/** The Home tab Slack does not show to someone of another organisation. */
export function appHomeNotShownLines(slackSays: string): string[] {
  return [
    `(only you) Slack: ${slackSays}`,
    `${INDENT}(What Accord has for you is in the channels shared with you: the pinned project card's buttons, and @Accord help.)`,
  ];
}

export function formatTime(d: Date): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()] ?? '';
  const iso = d.toISOString();
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${day} ${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

export const preview = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

export function framed(prefix: string, lines: readonly string[]): string[] {
  const [first = '', ...rest] = lines;
  return [`${prefix}${first}`, ...rest.map((l) => (l ? `${INDENT}${l}` : ''))];
}

export const indented = (lines: readonly string[]) => lines.map((l) => (l ? `${INDENT}${l}` : ''));
