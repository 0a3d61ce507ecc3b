import { commandLine, echoTyped, type CommandLine } from './command-replies';
import type { Translator } from './i18n/translator';
import type { MessageKey } from './locales';

/**
 * The words of `/accord help [topic]`: the topics' titles, and the help rendered from the
 * subcommands' usage lines (which their command files keep, with the syntax) and their summaries
 * (the catalogue's `summary.<subcommand>`).
 */

/** Each topic of the help (the word after `/accord help`), with the key of its title. */
export const helpTopics = {
  basics: 'help.topic.basics',
  partners: 'help.topic.partners',
  projects: 'help.topic.projects',
  escalations: 'help.topic.escalations',
  checkins: 'help.topic.checkins',
  scores: 'help.topic.scores',
  settlement: 'help.topic.settlement',
  admin: 'help.topic.admin',
} as const satisfies Record<string, MessageKey>;

export interface HelpSection {
  topic: keyof typeof helpTopics;
  commands: readonly CommandLine[];
}

/** The help: each section under its title; the whole help (not one topic) ends with how to write arguments. */
export function helpText(sections: readonly HelpSection[], oneTopic: boolean, t: Translator): string {
  const lines = sections.flatMap((s) => [
    t.msg('help.section', { title: t.msg(helpTopics[s.topic]), topic: s.topic }),
    ...s.commands.map((c) => commandLine(c, t)),
    '',
  ]);
  const footer = oneTopic ? '' : t.msg('help.footer');
  return [...lines, footer].join('\n').trim();
}

export const tooManyHelpTopics = (t: Translator): string => t.msg('help.tooManyTopics');

/** `typed` is the word as typed (shown inert); `near` a topic it may have been meant to be. */
export const noSuchHelpTopic =
  (typed: string, near: string | undefined) =>
  (t: Translator): string =>
    t.msg('help.noSuchTopic', {
      typed: echoTyped(typed),
      near: near ?? 'none',
      topics: Object.keys(helpTopics)
        .map((topic) => `\`${topic}\``)
        .join(', '),
    });
