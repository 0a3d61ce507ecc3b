import { ArgsSyntaxError } from '../../domain/args/errors';
import type { Token } from '../../domain/args/token';
import { parseArgs } from '../../domain/args/tokenize';
import { closest, typoDistance } from '../../domain/suggest';
import { AccordError, usageError, withUsage } from '../../errors';
import {
  didYouMeanCommand,
  needsOneMoreWord,
  noSuchCommand,
  unreadableArguments,
} from '../../messages/command-replies';
import { adminSubcommands } from './admin';
import { checkinSubcommands } from './checkins';
import { scoreSubcommands } from './scores';
import { settlementSubcommands } from './settlement';
import { escalationSubcommands } from './escalations';
import { createHelpSubcommand, renderHelp } from './help';
import { partnerSubcommands } from './partners';
import { projectSubcommands } from './projects';
import { en, type Translator } from '../../messages/i18n/translator';
import type { Reply, SlackView } from '../../messages/types';
import type { ServiceContext } from '../../services/context';
import type { CommandInput, SlashCommand, Subcommand } from './types';
import { languageSubcommand, partnerSetSubcommand, projectSetSubcommand } from './language';
import { whoamiSubcommand } from './whoami';

export const subcommands: readonly Subcommand[] = [
  createHelpSubcommand(() => subcommands),
  whoamiSubcommand,
  languageSubcommand,
  ...partnerSubcommands,
  partnerSetSubcommand,
  ...projectSubcommands,
  projectSetSubcommand,
  ...escalationSubcommands,
  ...checkinSubcommands,
  ...scoreSubcommands,
  ...settlementSubcommands,
  ...adminSubcommands,
];

/** `/escalate …` and `/score …` are shorthands for `/accord escalate …` and `/accord score …`. */
function fullText(command: SlashCommand, text: string): string {
  return command === '/accord' ? text : `${command.slice(1)} ${text}`;
}

const wordOf = (t: Token | undefined) => (t?.kind === 'word' ? t.value.toLowerCase() : undefined);

/** A `run` is a step of the request pipeline as it stands: its verb, and the usage line its USAGE refusals end with. */
export type PreparedCommand =
  | {
      kind: 'run';
      sub: Subcommand;
      parsed: unknown;
      verb: (ctx: ServiceContext) => Promise<Reply>;
      usage: string;
      context: { subcommand: string };
    }
  | { kind: 'reply'; text: string }
  | { kind: 'modal'; view: SlackView };

/**
 * Routes and parses a slash command without touching the database, so a typo is answered in the
 * acknowledgement itself. Throws AccordError (USAGE) for anything the user has to fix.
 */
export function prepareCommand(
  command: SlashCommand,
  text: string,
  channelId: string | undefined,
  t: Translator = en,
): PreparedCommand {
  let args;
  // Text PostgreSQL refuses (NUL, lone surrogates) was already cleaned where the request came in (app.ts).
  const full = fullText(command, text);
  try {
    args = parseArgs(full);
  } catch (err) {
    if (err instanceof ArgsSyntaxError) throw usageError(unreadableArguments(err.message), usageBefore(full, err.at));
    throw err;
  }
  if (args.positional.length === 0 && Object.keys(args.named).length === 0) {
    return { kind: 'reply', text: renderHelp(subcommands, undefined, t).text };
  }
  const words = args.positional.map(wordOf);
  const best = route(words);
  if (!best) throw unknownCommand(words, command, text);
  const bestLength = best.name.split(' ').length;
  const input: CommandInput = { args: { ...args, positional: args.positional.slice(bestLength) }, channelId, t };
  let prepared;
  try {
    prepared = best.prepare(input);
  } catch (err) {
    throw withUsage(err, best.usage);
  }
  return prepared.kind === 'run'
    ? {
        kind: 'run',
        sub: best,
        parsed: prepared.parsed,
        verb: prepared.verb,
        usage: best.usage,
        context: { subcommand: best.name },
      }
    : prepared;
}

/**
 * The usage line of a subcommand, for a surface that does its work another way (a form does what
 * `/escalate` does): its USAGE refusals end with the same line.
 */
export function usageOf(name: string): string {
  const sub = subcommands.find((s) => s.name === name);
  if (!sub) throw new Error(`no subcommand ${name}`);
  return sub.usage;
}

/**
 * `@Accord <anything /accord takes>`: the text of a message that mentions the bot, with every
 * mention of the bot taken out wherever it stands (`<@BOT>`, or `<@BOT|name>`), routed and parsed
 * exactly as `/accord` would. `@Accord escalate …` and `@Accord score …` are the `/escalate` and
 * `/score` shortcuts, as they already are `/accord escalate …` and `/accord score …`.
 */
export function prepareMention(
  text: string,
  botUserId: string,
  channelId: string | undefined,
  t: Translator = en,
): PreparedCommand {
  return prepareCommand('/accord', textAfterMention(text, botUserId), channelId, t);
}

export function textAfterMention(text: string, botUserId: string): string {
  // Slack user ids are letters and digits; anything else would not be an id of Slack's.
  const id = botUserId.replace(/[^A-Za-z0-9]/g, '');
  if (!id) return text.trim();
  return text
    .split(new RegExp(`<@${id}(?:\\|[^>]*)?>`, 'g'))
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}

/** The subcommand whose words start `words`, the longest when several do. */
function route(words: readonly (string | undefined)[]): Subcommand | undefined {
  let best: Subcommand | undefined;
  let bestLength = 0;
  for (const sub of subcommands) {
    const parts = sub.name.split(' ');
    if (parts.length > bestLength && parts.every((p, i) => words[i] === p)) {
      best = sub;
      bestLength = parts.length;
    }
  }
  return best;
}

/** The usage of the command named before `at` (where the text stopped making sense), else the help's. */
function usageBefore(full: string, at: number | undefined): string {
  if (at === undefined) return '/accord help';
  let words: (string | undefined)[];
  try {
    words = parseArgs(full.slice(0, at)).positional.map(wordOf);
  } catch {
    return '/accord help';
  }
  const sub = route(words);
  if (sub) return sub.usage;
  const family = subcommands.find((s) => s.name.split(' ')[0] === words[0]);
  return family ? `/accord help ${family.topic}` : '/accord help';
}

/**
 * A near miss of a subcommand of the family `words[0]` names: the words after it are compared with
 * each subcommand's, so `partner lst` finds `partner list` and `partner membr add` finds
 * `partner member add`.
 */
function nearSubcommand(family: readonly Subcommand[], words: readonly (string | undefined)[]): Subcommand | undefined {
  let best: { sub: Subcommand; distance: number } | undefined;
  for (const sub of family) {
    const tail = sub.name.split(' ').slice(1);
    const typed = words.slice(1, 1 + tail.length);
    if (tail.length === 0 || typed.length < tail.length || typed.includes(undefined)) continue;
    const distance = typoDistance(typed.join(' '), tail.join(' '));
    if (distance !== undefined && (!best || distance < best.distance)) best = { sub, distance };
  }
  return best?.sub;
}

function unknownCommand(words: readonly (string | undefined)[], command: SlashCommand, text: string): AccordError {
  const [first] = words;
  const family = first ? subcommands.filter((s) => s.name.split(' ')[0] === first) : [];
  const near = nearSubcommand(family, words);
  if (near) {
    const typed = words.slice(0, near.name.split(' ').length).join(' ');
    return usageError(didYouMeanCommand(typed, near.name), near.usage);
  }
  // `first` is set whenever the family is not empty.
  if (first && family.length > 0) {
    return usageError(needsOneMoreWord(first, family), family[0]?.usage ?? '/accord help');
  }
  const topWords = [...new Set(subcommands.map((s) => s.name.split(' ')[0] ?? ''))];
  const suggestion = first ? closest(first, topWords) : undefined;
  if (first && suggestion) {
    return new AccordError('USAGE', didYouMeanCommand(first, suggestion), { usage: '/accord help [topic]' });
  }
  return new AccordError('USAGE', noSuchCommand(`${command} ${text}`, topWords), { usage: '/accord help [topic]' });
}
