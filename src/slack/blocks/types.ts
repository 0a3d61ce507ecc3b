import type { KnownBlock, View } from '@slack/types';

/** A message as services hand it to the gateway: fallback text plus optional blocks. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export type SlackView = View;
