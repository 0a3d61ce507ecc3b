import { echo } from './mrkdwn';

/** What `/accord` answers when it cannot tell which command was meant, or cannot read the text. */

/** A subcommand as the help and these replies list it. */
export interface CommandLine {
  usage: string;
  summary: string;
}

/** One subcommand's line of the help (and of the list a family's name alone answers with). */
export const commandLine = ({ usage, summary }: CommandLine): string => `• \`${usage}\` — ${summary}`;

/**
 * A token or word as typed, short and inert inside a code span the caller writes: at most 40
 * UTF-16 units, escaped, backticks turned into `'`.
 */
export const echoTyped = (text: string): string => echo(text.slice(0, 40), { cut: 'none', space: 'keep', span: false });

/** Text the argument reader refused; `reason` is its sentence, without the full stop. */
export const unreadableArguments = (reason: string): string => `${reason}.`;

/** `typed` are the words as typed (shown inert); `meant` is the command they come close to. */
export const didYouMeanCommand = (typed: string, meant: string): string =>
  `Unknown command \`${echo(typed, { cut: 'none', space: 'keep', span: false })}\`. Did you mean \`${meant}\`?`;

/** `/accord <family>` alone (or with a word none of its subcommands has): the family's commands. */
export const needsOneMoreWord = (family: string, commands: readonly CommandLine[]): string =>
  `\`/accord ${family}\` needs one more word:\n${commands.map(commandLine).join('\n')}`;

/** `typed` is the command and its text as given; `commands` are the words a command can start with. */
export function noSuchCommand(typed: string, commands: readonly string[]): string {
  // Echoed back only to the person who typed it, with specials defused so it can never ping.
  const shown = typed.trim().slice(0, 60).replace(/<!/g, '&lt;!').replace(/`/g, "'");
  return `I don't know \`${shown}\`. Commands: ${commands.map((w) => `\`${w}\``).join(', ')}.`;
}
