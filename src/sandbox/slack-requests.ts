import { createHmac } from 'node:crypto';

/** What the driver sends and gets back, and the refusals that stand for Slack not sending something at all. */

export interface DriverUser {
  id: string;
  teamId: string;
}

export interface SignedResponse {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
}

export interface CommandResult extends SignedResponse {
  responseUrl: string;
}

export interface PostOptions {
  /** Seconds since the epoch to stamp the request with (default: now). */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
  /** Leave the signature headers out. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export interface CommandOptions extends PostOptions {
  /**
   * Send it although the user is of another team than the one Accord is installed in, which Slack
   * never does: for tests of what Accord makes of a request Slack should not have sent.
   */
  deliverFromAnyTeam?: boolean;
}

/** A slash command Slack would not deliver: `slackSays` is what Slack showed the user instead. */
export class SlashCommandNotDelivered extends Error {
  constructor(
    readonly command: string,
    readonly user: DriverUser,
    readonly slackSays: string,
  ) {
    super(
      `Slack does not deliver ${command} from ${user.id} of team ${user.teamId}, which is not the team Accord is installed in; it tells them: ${slackSays}`,
    );
  }
}

/** A click Slack does not send: the clicker's team has post-only access to the channel. */
export class InteractionNotDelivered extends Error {
  constructor(
    readonly user: DriverUser,
    readonly channel: string,
    readonly slackSays: string,
  ) {
    super(`Slack does not deliver a click from ${user.id} of team ${user.teamId} in ${channel}: ${slackSays}`);
  }
}

/** A message a person posted, as Slack delivered it to Accord. */
export interface Said {
  user: DriverUser;
  channel: string;
  ts: string;
  threadTs: string | undefined;
  /** How many ephemerals and messages the stand-in held before it, to find what answered it. */
  ephemeralsBefore: number;
  messagesBefore: number;
}

/**
 * The words after `@Accord` that do what a slash command does: `/escalate sev2 x` is
 * `escalate sev2 x`, `/score acme` is `score acme`, `/accord help` is `help`.
 */
export function mentionWordsFor(command: string, text: string): string {
  const name = command.replace(/^\//, '').toLowerCase();
  return (name === 'accord' ? text : `${name} ${text}`).trim();
}

export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A button of a message: where it is, which one, and the value Accord gave it. */
export interface ButtonClick {
  channel: string;
  ts: string;
  actionId: string;
  value?: string;
  blockId?: string;
}
