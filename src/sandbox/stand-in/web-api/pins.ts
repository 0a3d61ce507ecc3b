import { str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';
import { channelOf } from './lookups';

/** pins.add: a message of the channel, by its ts (https://api.slack.com/methods/pins.add). */
function pin(s: StandInStore, args: Args): Record<string, unknown> {
  const channel = channelOf(s, args);
  if (!channel.botIsMember) throw new SlackApiError('not_in_channel');
  const ts = str(args.timestamp);
  if (!ts) throw new SlackApiError('no_item_specified');
  if (!s.messageAt(channel.id, ts)) throw new SlackApiError('message_not_found');
  const pinned = s.pins.get(channel.id) ?? new Set<string>();
  if (pinned.has(ts)) throw new SlackApiError('already_pinned');
  pinned.add(ts);
  s.pins.set(channel.id, pinned);
  return {};
}

export const pins: Readonly<Record<string, WebApiMethod>> = {
  'pins.add': pin,
};
