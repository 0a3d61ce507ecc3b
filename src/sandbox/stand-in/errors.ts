import type { StandInChannel } from './types';

/** A user acted on a conversation Slack does not show them (not a member, and not a public channel of their team). */
export class CannotSee extends Error {
  constructor(
    readonly userId: string,
    readonly channelId: string,
  ) {
    super(
      `${userId} cannot see ${channelId}: Slack shows a channel's messages to its members, and a public channel to the teams it belongs to`,
    );
    this.name = 'CannotSee';
  }
}

/** A user tried to post in a conversation they are not a member of, which Slack's clients do not allow. */
export class NotAMember extends Error {
  constructor(
    readonly userId: string,
    readonly channel: StandInChannel,
  ) {
    super(
      `${userId} is not a member of #${channel.name} (${channel.id}), and only members post in a channel: join it, or accept its Slack Connect invitation first`,
    );
    this.name = 'NotAMember';
  }
}

/** A Web API method's refusal: the server answers `ok: false` with this `error`. */
export class SlackApiError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}
