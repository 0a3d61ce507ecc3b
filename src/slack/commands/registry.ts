import { ArgsSyntaxError, parseArgs, type Token } from '../../domain/args';
import { AccordError, usageError } from '../../errors';
import { adminSubcommands } from './admin';
import { checkinSubcommands } from './checkins';
import { scoreSubcommands } from './scores';
import { settlementSubcommands } from './settlement';
import { escalationSubcommands } from './escalations';
import { createHelpSubcommand, renderHelp } from './help';
import { partnerSubcommands } from './partners';
import { projectSubcommands } from './projects';
import type { SlackView } from '../blocks/types';
import type { CommandInput, SlashCommand, Subcommand } from './types';
import { whoamiSubcommand } from './whoami';

export const subcommands: readonly Subcommand[] = [createHelpSubcommand(() => subcommands), whoamiSubcommand, ...partnerSubcommands, ...projectSubcommands, ...escalationSubcommands, ...checkinSubcommands, ...scoreSubcommands, ...settlementSubcommands, ...adminSubcommands];

/** `/escalate …` and `/score …` are shorthands for `/accord escalate …` and `/accord score …`. */
function fullText(command: SlashCommand, text: string): string {
  return command === '/accord' ? text : `${command.slice(1)} ${text}`;
}

const wordOf = (t: Token | undefined) => (t?.kind === 'word' ? t.value.toLowerCase() : undefined);

export type PreparedCommand = { kind: 'run'; sub: Subcommand; parsed: unknown } | { kind: 'reply'; text: string } | { kind: 'modal'; view: SlackView };

/**
 * Routes and parses a slash command without touching the database, so a typo is answered in the
 * acknowledgement itself. Throws AccordError (USAGE) for anything the user has to fix.
 */
export function prepareCommand(command: SlashCommand, text: string, channelId: string | undefined): PreparedCommand {
  let args;
  try {
    // PostgreSQL cannot store NUL in text, and Slack never sends it on purpose: it is dropped.
    args = parseArgs(fullText(command, text.split(String.fromCharCode(0)).join('')));
  } catch (err) {
    if (err instanceof ArgsSyntaxError) throw usageError(`${err.message}.`, '/accord help');
    throw err;
  }
  if (args.positional.length === 0 && Object.keys(args.named).length === 0) {
    return { kind: 'reply', text: renderHelp(subcommands, undefined).text };
  }
  const words = args.positional.map(wordOf);
  let best: Subcommand | undefined;
  let bestLength = 0;
  for (const sub of subcommands) {
    const parts = sub.name.split(' ');
    if (parts.length > bestLength && parts.every((p, i) => words[i] === p)) {
      best = sub;
      bestLength = parts.length;
    }
  }
  if (!best) throw unknownCommand(words[0], command, text);
  const input: CommandInput = { args: { ...args, positional: args.positional.slice(bestLength) }, channelId };
  const parsed = best.parse(input);
  if (best.instant) return { kind: 'reply', text: best.instant(parsed as never).text };
  const view = best.modal?.(parsed as never, channelId);
  if (view) return { kind: 'modal', view };
  return { kind: 'run', sub: best, parsed };
}

function unknownCommand(first: string | undefined, command: SlashCommand, text: string): AccordError {
  const family = first ? subcommands.filter((s) => s.name.split(' ')[0] === first) : [];
  if (family.length > 0) {
    return usageError(`\`/accord ${first}\` needs one more word:\n${family.map((s) => `• \`${s.usage}\` — ${s.summary}`).join('\n')}`, family[0]?.usage ?? '/accord help');
  }
  // Echoed back only to the person who typed it, with specials defused so it can never ping.
  const typed = `${command} ${text}`.trim().slice(0, 60).replace(/<!/g, '&lt;!').replace(/`/g, "'");
  const topLevel = [...new Set(subcommands.map((s) => s.name.split(' ')[0]))].map((w) => `\`${w}\``).join(', ');
  return new AccordError('USAGE', `I don't know \`${typed}\`. Commands: ${topLevel}.`, { usage: '/accord help [topic]' });
}
