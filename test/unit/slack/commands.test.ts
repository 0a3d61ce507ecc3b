import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../src/errors';
import { prepareCommand, subcommands } from '../../../src/slack/commands/registry';
import { errorReply } from '../../../src/slack/blocks/replies';

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
    expect(prepareCommand('/escalate', 'sev1 down', 'C1')).toMatchObject({ kind: 'run', sub: { name: 'escalate' }, parsed: { severity: 'sev1', title: 'down' } });
    expect(prepareCommand('/accord', 'escalate sev1 down', 'C1')).toMatchObject({ kind: 'run', sub: { name: 'escalate' } });
    expect(prepareCommand('/escalate', '', 'C1')).toMatchObject({ kind: 'modal', view: { callback_id: 'escalation.raise', private_metadata: 'C1' } });
    expect(prepareCommand('/score', 'acme period=2026-03', 'C1')).toMatchObject({ kind: 'run', sub: { name: 'score' }, parsed: { partner: 'acme', period: { kind: 'month', year: 2026, month: 3 } } });
  });

  it('says what is wrong and shows the usage', () => {
    expect(usageOf(() => prepareCommand('/accord', 'admin add', 'C1'))).toBe(':warning: Mention the user, e.g. `@alice`.\nUsage: `/accord admin add @user`');
    expect(usageOf(() => prepareCommand('/accord', 'admin list now', 'C1'))).toContain('`admin list` takes no arguments.');
    expect(usageOf(() => prepareCommand('/accord', 'admin add <@U1> x=1 x=2', 'C1'))).toContain("I don't know the option `x=`");
    expect(usageOf(() => prepareCommand('/accord', 'whoami <@U1>', 'C1'))).toContain('`whoami` takes no arguments.');
    expect(usageOf(() => prepareCommand('/accord', 'admin', 'C1'))).toContain('`/accord admin remove @user`');
  });

  it('never echoes a special mention that could ping a channel', () => {
    const text = usageOf(() => prepareCommand('/accord', '<!channel> hello', 'C1'));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel>');
  });

  it('gives every subcommand a usage that starts with its own name', () => {
    // `/escalate` is the one subcommand whose usage shows its own slash command.
    for (const sub of subcommands) expect(sub.usage.startsWith(`/accord ${sub.name}`) || sub.usage.startsWith(`/${sub.name} `), sub.name).toBe(true);
  });
});
