import { describeActor } from '../../messages/access';
import { parseNoArguments } from './arg-helpers';
import { defineSubcommand } from './types';

const USAGE = '/accord whoami';

export const whoamiSubcommand = defineSubcommand({
  name: 'whoami',
  topic: 'basics',
  usage: USAGE,
  parse: ({ args }) => parseNoArguments(args, 'whoami'),
  run: async (ctx) => ({ text: describeActor(ctx.actor) }),
});
