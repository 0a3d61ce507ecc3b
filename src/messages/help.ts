import { commandLine, echoTyped, type CommandLine } from './command-replies';

/**
 * The words of `/accord help [topic]`: the topics' titles, and the help rendered from the
 * subcommands' usage lines and summaries (which their command files keep, with the syntax).
 */

/** Each topic of the help (the word after `/accord help`) with its title. */
export const helpTopics = {
  basics: 'Getting started',
  partners: 'Partners (vendor admins)',
  projects: 'Projects, RACI and change requests',
  escalations: 'Escalations and SLA policies',
  checkins: 'Check-ins and risks',
  scores: 'Scores, KPIs and ratings',
  settlement: 'Contracts, usage and settlement (statements: everyone)',
  admin: 'Accord admins',
} as const;

export interface HelpSection {
  topic: keyof typeof helpTopics;
  commands: readonly CommandLine[];
}

/** The help: each section under its title; the whole help (not one topic) ends with how to write arguments. */
export function helpText(sections: readonly HelpSection[], oneTopic: boolean): string {
  const lines = sections.flatMap((s) => [
    `*${helpTopics[s.topic]}* (\`/accord help ${s.topic}\`)`,
    ...s.commands.map(commandLine),
    '',
  ]);
  const footer = oneTopic
    ? ''
    : 'Arguments: words, "quoted text", `key=value`, @mentions, #channels, durations such as `1h30m`.';
  return [...lines, footer].join('\n').trim();
}

export const tooManyHelpTopics = 'Give at most one topic.';

/** `typed` is the word as typed (shown inert); `near` a topic it may have been meant to be. */
export function noSuchHelpTopic(typed: string, near: string | undefined): string {
  const didYouMean = near ? ` Did you mean \`${near}\`?` : '';
  return `There is no help topic \`${echoTyped(typed)}\`.${didYouMean} Topics: ${Object.keys(helpTopics)
    .map((t) => `\`${t}\``)
    .join(', ')}.`;
}
