import type { SlackStandIn } from '../stand-in';
import { commands, mention, slash } from './commands';
import { preview } from './lines';
import { Session, type SandboxOptions } from './session';

export type { SandboxOptions };

/**
 * A simulated Slack workspace around the real Accord: people, a channel, a clock you move by
 * hand. Each input line becomes what Slack would send (slash commands, messages, button presses,
 * modal submissions, App Home opens) and comes back as the readable transcript of what Accord did.
 * The commands are in ./commands, what Slack shows in ./transcript, the running Accord and clock
 * in ./session.
 */
export class SandboxWorkspace {
  private readonly session: Session;

  constructor(private readonly options: SandboxOptions = {}) {
    this.session = new Session(options);
  }

  get prompt(): string {
    return `${this.session.user.name} ▸ `;
  }

  /** The simulated time. */
  get now(): Date {
    return this.session.clock.now();
  }

  /** The Slack stand-in, for tests that play Slack's part directly. */
  get slack(): SlackStandIn {
    return this.session.standIn;
  }

  /** True after `quit`: the caller should stop feeding lines. */
  get finished(): boolean {
    return this.session.done;
  }

  async start(): Promise<void> {
    await this.session.start();
  }

  async stop(): Promise<void> {
    await this.session.stop();
  }

  /** The transcript lines one input line produces. Never throws: a failure is one line. */
  async run(line: string): Promise<string[]> {
    const input = line.trim();
    const echo = this.echoOf(input);
    try {
      return [...echo, ...(await this.dispatch(input))];
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return [...echo, `Sandbox error: ${message.split('\n')[0] ?? ''}`];
    }
  }

  private echoOf(input: string): string[] {
    if (!this.options.echo) return [];
    if (input === '' || input.startsWith('#')) return [input];
    return [`${this.prompt}${input}`];
  }

  private async dispatch(input: string): Promise<string[]> {
    if (input === '' || input.startsWith('#')) return [];
    if (input.startsWith('/')) return slash(this.session, input);
    if (/^@accord\b/i.test(input)) return mention(this.session, input);
    const [, word = '', rest = ''] = /^(\S+)\s*([\s\S]*)$/.exec(input) ?? [];
    const command = commands.get(word.toLowerCase());
    if (command) return command(this.session, rest.trim());
    return [
      `I don't understand “${preview(input)}”. Try help, /accord help, @Accord help, as <name>, say <text>, press <n>, home or advance 2h.`,
    ];
  }
}
