import type { KnownBlock, View } from '@slack/types';

/** A message as services hand it to the gateway: fallback text plus optional blocks. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export type SlackView = View;

/** What the person who typed the command sees (ephemeral unless `inChannel`). */
export interface Reply {
  text: string;
  blocks?: KnownBlock[];
  inChannel?: boolean;
  /**
   * True when the answer holds nothing but Accord's own grammar (help, a usage error, a form to
   * open) and may be posted where others read it. Any other answer is private to the asker: where
   * Slack will not show it to them alone (an `@Accord` mention whose ephemeral is refused), it is
   * withheld rather than posted visibly, so one partner's data never reaches another.
   */
  shareable?: boolean;
}
