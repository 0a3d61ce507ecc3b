import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../src/errors';
import { prepareCommand, subcommands } from '../../../src/slack/commands/registry';
import { errorReply } from '../../../src/messages/replies';

function usageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AccordError) return errorReply(err).text;
    throw err;
  }
  throw new Error('expected an AccordError');
}

describe('prepareCommand', () => {
  it('answers an empty /accord with the help text', () => {
    const prepared = prepareCommand('/accord', '  ', 'C1');
    expect(prepared).toMatchObject({ kind: 'reply' });
    expect(prepared.kind === 'reply' && prepared.text).toContain('/accord admin add @user');
  });

  it('answers help and help topics without any service', () => {
    const all = prepareCommand('/accord', 'help', 'C1');
    const admin = prepareCommand('/accord', 'HELP admin', 'C1');
    expect(all.kind === 'reply' && all.text).toContain('*Getting started*');
    expect(admin.kind === 'reply' && admin.text).toContain('*Accord admins*');
    expect(admin.kind === 'reply' && admin.text).not.toContain('Getting started');
  });

  it('routes to the longest matching subcommand and passes the rest as arguments', () => {
    const prepared = prepareCommand('/accord', 'admin add <@U0VERA|vera>', 'C1');
    expect(prepared).toMatchObject({ kind: 'run', sub: { name: 'admin add' }, parsed: 'U0VERA' });
  });

  it('routes /escalate and /score as /accord escalate and /accord score', () => {
    expect(prepareCommand('/escalate', 'sev1 down', 'C1')).toMatchObject({
      kind: 'run',
      sub: { name: 'escalate' },
      parsed: { severity: 'sev1', title: 'down' },
    });
    expect(prepareCommand('/accord', 'escalate sev1 down', 'C1')).toMatchObject({
      kind: 'run',
      sub: { name: 'escalate' },
    });
    expect(prepareCommand('/escalate', '', 'C1')).toMatchObject({
      kind: 'modal',
      view: { callback_id: 'escalation.raise', private_metadata: 'C1' },
    });
    expect(prepareCommand('/score', 'acme period=2026-03', 'C1')).toMatchObject({
      kind: 'run',
      sub: { name: 'score' },
      parsed: { partner: 'acme', period: { kind: 'month', year: 2026, month: 3 } },
    });
  });

  it('says what is wrong and shows the usage', () => {
    expect(usageOf(() => prepareCommand('/accord', 'admin add', 'C1'))).toBe(
      ':warning: Mention the user, e.g. `@alice`.\nUsage: `/accord admin add @user`',
    );
    expect(usageOf(() => prepareCommand('/accord', 'admin list now', 'C1'))).toContain(
      '`admin list` takes no arguments.',
    );
    expect(usageOf(() => prepareCommand('/accord', 'admin add <@U1> x=1 x=2', 'C1'))).toContain(
      "I don't know the option `x=`",
    );
    expect(usageOf(() => prepareCommand('/accord', 'whoami <@U1>', 'C1'))).toContain('`whoami` takes no arguments.');
    expect(usageOf(() => prepareCommand('/accord', 'admin', 'C1'))).toContain('`/accord admin remove @user`');
  });

  it('gives a syntax error the usage of the command typed before it', () => {
    expect(usageOf(() => prepareCommand('/accord', 'partner add acme "Acme', 'C1'))).toBe(
      ':warning: Unclosed quote starting at “Acme”.\nUsage: `/accord partner add <slug> "<Name>" [tier=registered|silver|gold|platinum] [team=<SlackTeamId>]`',
    );
    expect(usageOf(() => prepareCommand('/accord', 'PARTNER Violation acme minor "late again', 'C1'))).toContain(
      'Usage: `/accord partner violation <slug> minor|major',
    );
    expect(usageOf(() => prepareCommand('/escalate', 'sev2 Down activity="Order handling', 'C1'))).toContain(
      'Usage: `/escalate sev1|sev2|sev3|sev4 <what happened>',
    );
    expect(usageOf(() => prepareCommand('/accord', 'sla set sev2 ack= resolve=4h', 'C1'))).toBe(
      `:warning: Missing a value after “ack=”.\nUsage: \`${subcommands.find((s) => s.name === 'sla set')?.usage}\``,
    );
    expect(usageOf(() => prepareCommand('/accord', 'risk "Fire', 'C1'))).toContain('Usage: `/accord help checkins`');
    expect(usageOf(() => prepareCommand('/accord', 'nothing "here', 'C1'))).toContain('Usage: `/accord help`');
    expect(usageOf(() => prepareCommand('/accord', '"here', 'C1'))).toContain('Usage: `/accord help`');
  });

  it('suggests the command or subcommand a typo was meant to be', () => {
    expect(usageOf(() => prepareCommand('/accord', 'partnr list', 'C1'))).toBe(
      ':warning: Unknown command `partnr`. Did you mean `partner`?\nUsage: `/accord help [topic]`',
    );
    expect(usageOf(() => prepareCommand('/accord', 'PARTNER LST', 'C1'))).toBe(
      ':warning: Unknown command `partner lst`. Did you mean `partner list`?\nUsage: `/accord partner list`',
    );
    expect(usageOf(() => prepareCommand('/accord', 'partner member remve acme <@U1>', 'C1'))).toContain(
      'Did you mean `partner member remove`?',
    );
    expect(usageOf(() => prepareCommand('/accord', 'checkin paus 3', 'C1'))).toContain(
      'Did you mean `checkin pause`?\nUsage: `/accord checkin pause <id>`',
    );
    expect(usageOf(() => prepareCommand('/accord', 'chekin list', 'C1'))).toContain('Did you mean `checkin`?');
    expect(usageOf(() => prepareCommand('/accord', 'help escalaton', 'C1'))).toContain(
      'There is no help topic `escalaton`. Did you mean `escalations`?',
    );
    expect(usageOf(() => prepareCommand('/accord', 'help nosuchtopic', 'C1'))).not.toContain('Did you mean');
    expect(usageOf(() => prepareCommand('/accord', 'partner xyz', 'C1'))).toContain(
      '`/accord partner` needs one more word',
    );
    expect(usageOf(() => prepareCommand('/accord', 'zzzzzz', 'C1'))).toContain(
      "I don't know `/accord zzzzzz`. Commands:",
    );
  });

  it('echoes a mistyped word inert and short', () => {
    const text = usageOf(() => prepareCommand('/accord', 'partner lis&lt;', 'C1'));
    expect(text).toContain('Unknown command `partner lis&lt;`. Did you mean `partner list`?');
    const long = usageOf(() => prepareCommand('/accord', `partner ${'l'.repeat(2000)}`, 'C1'));
    expect(long).not.toContain('l'.repeat(50));
  });

  it('never echoes a special mention that could ping a channel', () => {
    const text = usageOf(() => prepareCommand('/accord', '<!channel> hello', 'C1'));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel>');
  });

  it('gives every subcommand a usage that starts with its own name', () => {
    // `/escalate` is the one subcommand whose usage shows its own slash command.
    for (const sub of subcommands)
      expect(sub.usage.startsWith(`/accord ${sub.name}`) || sub.usage.startsWith(`/${sub.name} `), sub.name).toBe(true);
  });
});
