import { helpLines } from '../lines';
import type { Session } from '../session';
import { acceptInvitations } from './connect';
import { advance, time } from './clock';
import { openHome } from './home';
import { press, submit } from './buttons';
import { actAs, listChannels, listUsers, switchChannel } from './people';
import { reply, say } from './talk';

export { mention, slash } from './talk';

/** One sandbox command: the rest of the line after its word, and the transcript lines it produces. */
export type Command = (s: Session, rest: string) => Promise<string[]> | string[];

function quit(s: Session): string[] {
  s.done = true;
  return ['Bye.'];
}

/** The sandbox's commands by their first word (slash commands and @Accord lines are told apart before). */
export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['as', actAs],
  ['users', listUsers],
  ['in', switchChannel],
  ['channels', listChannels],
  ['say', say],
  ['reply', reply],
  ['press', press],
  ['submit', submit],
  ['advance', advance],
  ['home', openHome],
  ['accept', acceptInvitations],
  ['time', time],
  ['help', () => helpLines()],
  ['quit', quit],
  ['exit', quit],
]);
