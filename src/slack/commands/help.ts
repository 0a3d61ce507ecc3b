import { usageError } from '../../errors';
import { tokenText } from '../../domain/args/token';
import { closest } from '../../domain/suggest';
import { helpText, helpTopics, noSuchHelpTopic, tooManyHelpTopics } from '../../messages/help';
import type { HelpTopic, Subcommand } from './types';
import { defineSubcommand } from './types';
import { refuseUnknownNamed } from './arg-helpers';
import type { Translator } from '../../messages/i18n/translator';
import type { Reply } from '../../messages/types';

const USAGE = '/accord help [topic]';

export function renderHelp(subcommands: readonly Subcommand[], topic: HelpTopic | undefined, t: Translator): Reply {
  const topics = (topic ? [topic] : (Object.keys(helpTopics) as HelpTopic[])).filter((t) =>
    subcommands.some((s) => s.topic === t),
  );
  return {
    text: helpText(
      topics.map((t) => ({ topic: t, commands: subcommands.filter((s) => s.topic === t) })),
      topic !== undefined,
      t,
    ),
  };
}

export function createHelpSubcommand(all: () => readonly Subcommand[]): Subcommand {
  return defineSubcommand({
    name: 'help',
    topic: 'basics',
    usage: USAGE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      if (args.positional.length > 1) throw usageError(tooManyHelpTopics);
      const first = args.positional[0];
      if (!first) return undefined;
      const word = tokenText(first).toLowerCase();
      // Own keys only: `constructor` or `toString` are no topics (and would render an empty help).
      if (!Object.hasOwn(helpTopics, word))
        throw usageError(noSuchHelpTopic(tokenText(first), closest(word, Object.keys(helpTopics))));
      return word as HelpTopic;
    },
    instant: (topic, t) => renderHelp(all(), topic, t),
    run: async (ctx, topic) => renderHelp(all(), topic, ctx.t),
  });
}
