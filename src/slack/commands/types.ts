import type { ParsedArgs } from '../../domain/args/token';
import type { ServiceContext } from '../../services/context';
import type { helpTopics } from '../../messages/help';
import type { Translator } from '../../messages/i18n/translator';
import type { Reply, SlackView } from '../../messages/types';

export const slashCommands = ['/accord', '/escalate', '/score'] as const;
export type SlashCommand = (typeof slashCommands)[number];

/** A topic of `/accord help`; the titles are the help's words (src/messages/help.ts). */
export type HelpTopic = keyof typeof helpTopics;

export interface CommandInput {
  /** Arguments after the subcommand words. */
  args: ParsedArgs;
  channelId: string | undefined;
  /** The asker's language, for what is answered before anything else (help, a form). */
  t: Translator;
}

/**
 * What a subcommand makes of its arguments: an answer at once, a form to open, or a verb to run
 * (with the arguments as parsed, for the log and the tests: the verb has them already).
 */
export type Prepared =
  | { kind: 'reply'; text: string }
  | { kind: 'modal'; view: SlackView }
  | { kind: 'run'; parsed: unknown; verb: (ctx: ServiceContext) => Promise<Reply> };

export interface Subcommand {
  /** Words after `/accord`, e.g. `admin add`. */
  name: string;
  topic: HelpTopic;
  /** Shown in the help, and after any USAGE refusal of this subcommand (the registry adds it). */
  usage: string;
  /** Checks the arguments before anything is acknowledged; throws a USAGE error when they are wrong. */
  prepare(input: CommandInput): Prepared;
}

/**
 * Keeps `parse`, `instant`, `modal` and `run` agreeing on the parsed type: the parsed value stays
 * inside the closure `prepare` returns, so the registry never needs to know its type.
 */
export function defineSubcommand<T>(def: {
  name: string;
  topic: HelpTopic;
  usage: string;
  parse(input: CommandInput): T;
  /** For answers that need neither the database nor who is asking (help): given in the ack. */
  instant?: (parsed: T, t: Translator) => Reply;
  /** A form to open instead of running (e.g. `/escalate` with no arguments). */
  modal?: (parsed: T, channelId: string | undefined, t: Translator) => SlackView | undefined;
  run(ctx: ServiceContext, parsed: T): Promise<Reply>;
}): Subcommand {
  const { name, topic, usage } = def;
  return {
    name,
    topic,
    usage,
    prepare(input) {
      const parsed = def.parse(input);
      if (def.instant) return { kind: 'reply', text: def.instant(parsed, input.t).text };
      const view = def.modal?.(parsed, input.channelId, input.t);
      if (view) return { kind: 'modal', view };
      return { kind: 'run', parsed, verb: (ctx) => def.run(ctx, parsed) };
    },
  };
}
