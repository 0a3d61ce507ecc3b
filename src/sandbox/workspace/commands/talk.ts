import type { Json } from '../../render';
import { mentionWordsFor } from '../../slack-driver';
import { NotAMember, type StandInMessage } from '../../stand-in';
import { notAMemberLines, slashCommandNotDeliveredLines } from '../lines';
import { VENDOR_TEAM } from '../people';
import type { Session } from '../session';
import type { Origin } from '../transcript';
import { responseIdOf } from './ids';

/** Slash commands, @Accord mentions, say and reply: what a person types into Slack's composer. */

const SLASH_COMMANDS = ['/accord', '/escalate', '/score'];

/** Typed `@vera` and `#general` become the mention markup Slack sends, with Slack's escaping. */
function encodeForSlack(s: Session, text: string, withLabels: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .replace(/(^|[\s"“(=,])@([A-Za-z0-9_-]+)/g, (whole, before: string, name: string) => {
      // Slack writes a mention of the app as its bot user's id, like anyone else's.
      if (name.toLowerCase() === 'accord') return `${before}<@${s.standIn.botUserId}>`;
      const user = s.findUser(name);
      return user ? `${before}<@${user.id}${withLabels ? `|${user.name}` : ''}>` : whole;
    })
    .replace(/(^|[\s"“(=,])#([a-z0-9_-]+)/g, (whole, before: string, name: string) => {
      const id = s.findChannel(name);
      return id ? `${before}<#${id}|${name}>` : whole;
    });
}

export async function slash(s: Session, input: string): Promise<string[]> {
  const [, command = '', text = ''] = /^(\S+)\s*([\s\S]*)$/.exec(input) ?? [];
  if (!SLASH_COMMANDS.includes(command.toLowerCase()))
    return [`Accord has three slash commands: ${SLASH_COMMANDS.join(', ')}.`];
  // Nothing reaches Accord, so the start time may still be set afterwards.
  const refusal = s.standIn.slashCommandRefusal(s.user.teamId, command.toLowerCase());
  if (refusal !== undefined) return slashCommandNotDeliveredLines(refusal, s.user, mentionWordsFor(command, text));
  const { driver } = s.started();
  const res = await driver.command(
    { id: s.user.id, teamId: s.user.teamId },
    command.toLowerCase(),
    encodeForSlack(s, text, true),
    s.channel,
  );
  const origin: Origin = { userId: s.user.id, channel: s.channel, message: undefined };
  s.transcript.origins.set(responseIdOf(res.responseUrl), origin);
  const ack =
    res.status !== 200
      ? [`Accord answered HTTP ${res.status} to ${command}.`]
      : res.json
        ? s.transcript.replyLines(res.json, origin)
        : [];
  return [...ack, ...(await s.settleAndFlush())];
}

function messageEvent(s: Session, m: StandInMessage): Json {
  return {
    type: 'message',
    channel: m.channel,
    user: m.user,
    text: m.text,
    ts: m.ts,
    event_ts: m.ts,
    team: s.user.teamId,
    user_team: s.user.teamId,
    channel_type: m.channel.startsWith('D') ? 'im' : 'channel',
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  };
}

/**
 * A message by the current user. One that mentions Accord reaches it twice, as it does from
 * Slack: as the channel's message event and as an app_mention (the same text, ts and user_team).
 */
async function postAsUser(s: Session, text: string, channel: string, threadTs: string | undefined): Promise<string[]> {
  const { driver } = s.started();
  let message: StandInMessage;
  try {
    message = s.standIn.postAsUser(s.user.id, channel, encodeForSlack(s, text, false), threadTs);
  } catch (err) {
    if (err instanceof NotAMember)
      return notAMemberLines(s.user, `#${err.channel.name}`, s.user.teamId === VENDOR_TEAM);
    throw err;
  }
  const event = messageEvent(s, message);
  const res = await driver.event(event);
  const refused = res.status === 200 ? [] : [`Accord answered HTTP ${res.status} to the message event.`];
  if (message.text.includes(`<@${s.standIn.botUserId}>`)) {
    const { channel_type: _channelType, ...mention } = event;
    const mentioned = await driver.event({ ...mention, type: 'app_mention' });
    if (mentioned.status !== 200) refused.push(`Accord answered HTTP ${mentioned.status} to the app_mention event.`);
  }
  return [...(await s.settleAndFlush()), ...refused];
}

/** `@Accord help` typed on its own line: said in the current channel, so Slack sends the mention. */
export function mention(s: Session, input: string): Promise<string[]> {
  return postAsUser(s, input, s.channel, undefined);
}

export function say(s: Session, rest: string): Promise<string[]> | string[] {
  if (!rest) return ['Say what? Type: say <text>'];
  return postAsUser(s, rest, s.channel, undefined);
}

export function reply(s: Session, rest: string): Promise<string[]> | string[] {
  const [, n = '', text = ''] = /^\[?(\d+)\]?\s+([\s\S]+)$/.exec(rest) ?? [];
  const target = s.transcript.printed.get(Number(n));
  if (!n || !text.trim()) return ['Type: reply <n> <text>, where [n] is the number of a message above.'];
  if (!target) return [`There is no message [${n}].`];
  const parentTs = target.threadTs ?? target.ts;
  if (!parentTs) return [`Message [${n}] was a reply to a command and cannot have a thread in the sandbox.`];
  return postAsUser(s, text, target.channel, parentTs);
}
