import type { ParsedArgs } from '../../domain/args';
import type { ServiceContext } from '../../services/context';
import type { Reply, SlackView } from '../../messages/types';

export const slashCommands = ['/accord', '/escalate', '/score'] as const;
export type SlashCommand = (typeof slashCommands)[number];

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
export type HelpTopic = keyof typeof helpTopics;

export interface CommandInput {
  /** Arguments after the subcommand words. */
  args: ParsedArgs;
  channelId: string | undefined;
}

export interface Subcommand {
  /** Words after `/accord`, e.g. `admin add`. */
  name: string;
  topic: HelpTopic;
  usage: string;
  summary: string;
  /** Checks the arguments before anything is acknowledged; throws a USAGE error when they are wrong. */
  parse(input: CommandInput): unknown;
  /** For answers that need neither the database nor who is asking (help): given in the ack. */
  instant?: (parsed: never) => Reply;
  /** A form to open instead of running (e.g. `/escalate` with no arguments). */
  modal?: (parsed: never, channelId: string | undefined) => SlackView | undefined;
  run(ctx: ServiceContext, parsed: never): Promise<Reply>;
}

/** Keeps `parse` and `run` agreeing on the parsed type while the registry holds many kinds. */
export function defineSubcommand<T>(def: {
  name: string;
  topic: HelpTopic;
  usage: string;
  summary: string;
  parse(input: CommandInput): T;
  instant?: (parsed: T) => Reply;
  modal?: (parsed: T, channelId: string | undefined) => SlackView | undefined;
  run(ctx: ServiceContext, parsed: T): Promise<Reply>;
}): Subcommand {
  return def as unknown as Subcommand;
}
