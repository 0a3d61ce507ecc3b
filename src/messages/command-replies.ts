import type { Translator } from './i18n/translator';
import type { MessageKey } from './locales';
import { echo } from './mrkdwn';

/** What `/accord` answers when it cannot tell which command was meant, or cannot read the text. */

/** A subcommand as the help and these replies list it. */
export interface CommandLine {
  /** Its words after `/accord`: its summary is the catalogue's `summary.<name>`. */
  name: string;
  usage: string;
}

/** The catalogue key of a subcommand's summary (test/unit/messages/catalogues.test.ts checks each exists). */
export const summaryKey = (name: string): MessageKey => `summary.${name}` as MessageKey;

/** One subcommand's line of the help (and of the list a family's name alone answers with). */
export const commandLine = ({ name, usage }: CommandLine, t: Translator): string =>
  t.msg('help.line', { usage, summary: t.msg(summaryKey(name)) });

/**
 * A token or word as typed, short and inert inside a code span the caller writes: at most 40
 * UTF-16 units, escaped, backticks turned into `'`.
 */
export const echoTyped = (text: string): string => echo(text.slice(0, 40), { cut: 'none', space: 'keep', span: false });

/** Text the argument reader refused; `reason` is its sentence, without the full stop. */
export const unreadableArguments = (reason: string): string => `${reason}.`;

/** `typed` are the words as typed (shown inert); `meant` is the command they come close to. */
export const didYouMeanCommand =
  (typed: string, meant: string) =>
  (t: Translator): string =>
    t.msg('command.didYouMean', { typed: echo(typed, { cut: 'none', space: 'keep', span: false }), meant });

/** `/accord <family>` alone (or with a word none of its subcommands has): the family's commands. */
export const needsOneMoreWord =
  (family: string, commands: readonly CommandLine[]) =>
  (t: Translator): string =>
    `${t.msg('command.needsOneMoreWord', { family })}\n${commands.map((c) => commandLine(c, t)).join('\n')}`;

/** `typed` is the command and its text as given; `commands` are the words a command can start with. */
export const noSuchCommand =
  (typed: string, commands: readonly string[]) =>
  (t: Translator): string =>
    t.msg('command.noSuch', {
      // Echoed back only to the person who typed it, with specials defused so it can never ping.
      typed: typed.trim().slice(0, 60).replace(/<!/g, '&lt;!').replace(/`/g, "'"),
      commands: commands.map((w) => `\`${w}\``).join(', '),
    });
