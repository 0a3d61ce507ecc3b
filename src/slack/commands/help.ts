import { usageError } from '../../errors';
import { tokenText } from '../../domain/args/token';
import { closest } from '../../domain/suggest';
import { helpTopics, type HelpTopic, type Subcommand } from './types';
import { defineSubcommand } from './types';
import { echoToken, refuseUnknownNamed } from './arg-helpers';
import type { Reply } from '../../messages/types';

const USAGE = '/accord help [topic]';

export function renderHelp(subcommands: readonly Subcommand[], topic: HelpTopic | undefined): Reply {
  const topics = (topic ? [topic] : (Object.keys(helpTopics) as HelpTopic[])).filter((t) => subcommands.some((s) => s.topic === t));
  const lines = topics.flatMap((t) => [`*${helpTopics[t]}* (\`/accord help ${t}\`)`, ...subcommands.filter((s) => s.topic === t).map((s) => `• \`${s.usage}\` — ${s.summary}`), '']);
  const footer = topic ? '' : 'Arguments: words, "quoted text", `key=value`, @mentions, #channels, durations such as `1h30m`.';
  return { text: [...lines, footer].join('\n').trim() };
}

export function createHelpSubcommand(all: () => readonly Subcommand[]): Subcommand {
  return defineSubcommand({
    name: 'help',
    topic: 'basics',
    usage: USAGE,
    summary: 'what Accord can do; a topic narrows it down',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      if (args.positional.length > 1) throw usageError('Give at most one topic.');
      const first = args.positional[0];
      if (!first) return undefined;
      const word = tokenText(first).toLowerCase();
      // Own keys only: `constructor` or `toString` are no topics (and would render an empty help).
      if (!Object.hasOwn(helpTopics, word)) {
        const near = closest(word, Object.keys(helpTopics));
        const didYouMean = near ? ` Did you mean \`${near}\`?` : '';
        throw usageError(
          `There is no help topic \`${echoToken(first)}\`.${didYouMean} Topics: ${Object.keys(helpTopics)
            .map((t) => `\`${t}\``)
            .join(', ')}.`,
        );
      }
      return word as HelpTopic;
    },
    instant: (topic) => renderHelp(all(), topic),
    run: async (_ctx, topic) => renderHelp(all(), topic),
  });
}
