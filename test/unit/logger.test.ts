import { describe, expect, it, vi } from 'vitest';
import { silentLogger, toBoltLogger } from '../../src/logger';
import { replyForError } from '../../src/slack/pipeline';
import { captureLog as capture, pathIn as at } from '../../src/testkit/log-capture';

describe('logger', () => {
  it('writes one JSON object per line: level by name, ISO time, msg, then the fields', () => {
    const { log, raw, lines } = capture();
    log.info('Accord is running on 100% of %s', { port: 3000 });
    log.warn('two\nlines in one message');
    expect(raw).toHaveLength(2);
    expect(raw.every((r) => !r.line.includes('\n'))).toBe(true);
    expect(raw.map((r) => r.level)).toEqual(['info', 'warn']);
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 'info', msg: 'Accord is running on 100% of %s', port: 3000 });
    expect(new Date(String(first?.time)).toISOString()).toBe(first?.time);
    expect(second).toMatchObject({ level: 'warn', msg: 'two\nlines in one message' });
  });

  it('keeps to the level it was given', () => {
    const { log, lines } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.child({ component: 'jobs' }).info('child info');
    expect(lines().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);
    const debug = capture('debug');
    debug.log.debug('d');
    expect(debug.lines()).toMatchObject([{ level: 'debug', msg: 'd' }]);
  });

  it("gives child loggers their bindings, nested, with the call's own fields", () => {
    const { log, lines } = capture();
    log.child({ component: 'outbox' }).child({ outboxId: 7 }).info('sent', { attempt: 2 });
    log.info('root again');
    expect(lines()[0]).toMatchObject({ component: 'outbox', outboxId: 7, attempt: 2, msg: 'sent' });
    expect(lines()[1]).not.toHaveProperty('component');
  });

  it('logs an unexpected request failure with the reference id the user is given', () => {
    const { log, lines } = capture('error');
    const reply = replyForError(new Error('kaboom'), log.child({ userId: 'U0VICTOR' }), { subcommand: 'whoami' });
    const ref = /reference: `([A-Z0-9]{8})`/.exec(reply.text)?.[1];
    expect(ref).toBeDefined();
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({
      level: 'error',
      referenceId: ref,
      userId: 'U0VICTOR',
      subcommand: 'whoami',
      err: { message: 'kaboom' },
    });
  });

  it('serialises errors with type, message, stack, own fields and the cause chain nested', () => {
    const { log, lines } = capture();
    const pg = Object.assign(new Error('relation "admins" does not exist'), {
      code: '42P01',
      severity: 'ERROR',
      where: 'SQL function',
    });
    const outer = new Error('could not load admins', { cause: new TypeError('wrapped', { cause: pg }) });
    log.error('failed', { err: outer, other: new RangeError('second field') });
    const line = lines()[0];
    expect(at(line, 'err', 'message')).toBe('could not load admins');
    expect(String(at(line, 'err', 'stack'))).toContain('Error: could not load admins');
    expect(at(line, 'err', 'cause', 'type')).toBe('TypeError');
    expect(at(line, 'err', 'cause', 'message')).toBe('wrapped');
    expect(at(line, 'err', 'cause', 'cause')).toMatchObject({
      message: 'relation "admins" does not exist',
      code: '42P01',
      severity: 'ERROR',
      where: 'SQL function',
    });
    expect(at(line, 'other', 'message')).toBe('second field');
  });

  it('survives an error whose cause chain loops', () => {
    const { log, lines } = capture();
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(() => log.error('loop', { err: a })).not.toThrow();
    expect(at(lines()[0], 'err', 'cause', 'message')).toBe('b');
    expect(at(lines()[0], 'err', 'cause', 'cause')).toBe('[Circular]');
  });

  it('logs BigInt values and circular objects without throwing', () => {
    const { log, raw, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(() => log.info('big', { id: 9007199254740993n })).not.toThrow();
    expect(() =>
      log.child({ loop }).info('circular', { err: Object.assign(new Error('with a bigint'), { rows: 3n }) }),
    ).not.toThrow();
    expect(raw[0]?.line).toContain('"id":9007199254740993');
    expect(lines()[1]).toMatchObject({
      msg: 'circular',
      loop: { name: 'loop' },
      err: { message: 'with a bigint', rows: 3 },
    });
    expect(raw[1]?.line).toContain('[Circular]');
  });

  it('never writes Slack message text, blocks or form answers', () => {
    const { log, raw, lines } = capture();
    const payload = {
      channel: 'C0PROJECT',
      text: 'secret words',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'secret block' } }],
      attachments: [{ text: 'secret attachment' }],
    };
    log
      .child({ text: 'secret bound' })
      .warn('outbox delivery failed', { payload, view: { id: 'V1', state: { values: { a: 'secret answer' } } } });
    log.info('raw text', { text: 'secret top' });
    expect(raw.map((r) => r.line).join('\n')).not.toContain('secret');
    expect(lines()[0]).toMatchObject({
      payload: { channel: 'C0PROJECT', text: '[Redacted]', blocks: '[Redacted]' },
      view: { id: 'V1', state: '[Redacted]' },
      text: '[Redacted]',
    });
  });

  it("keeps a query error's query text and drops its parameters, at any depth", () => {
    const { log, raw, lines } = capture();
    const deep = Object.assign(new Error('bind failed'), {
      code: '22P02',
      parameters: ['secret p'],
      args: ['secret a'],
      params: ['secret q'],
    });
    const chain = new Error('one', { cause: new Error('two', { cause: new Error('three', { cause: deep }) }) });
    log.error('failed', { err: chain, failure: { params: ['secret f'] } });
    expect(raw[0]?.line).not.toContain('secret');
    expect(at(lines()[0], 'err', 'cause', 'cause', 'cause')).toMatchObject({
      code: '22P02',
      params: '[Redacted]',
      parameters: '[Redacted]',
      args: '[Redacted]',
    });
  });

  it("keeps routing Bolt's own log calls, objects included, into the one stream", () => {
    const { log, lines } = capture();
    const bolt = toBoltLogger(log, 'debug');
    const loop: Record<string, unknown> = { text: 'secret' };
    loop.self = loop;
    expect(() => bolt.error('An unhandled error occurred', new Error('listener broke'), loop)).not.toThrow();
    expect(lines()[0]).toMatchObject({
      level: 'error',
      component: 'bolt',
      msg: 'An unhandled error occurred',
      parts: [{ message: 'listener broke' }, { text: '[Redacted]' }],
    });
  });

  it('has a silent logger that writes nothing anywhere', () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    try {
      silentLogger.error('nothing', { err: new Error('x') });
      silentLogger.child({ a: 1 }).warn('nothing either', { big: 1n });
      expect(out).not.toHaveBeenCalled();
      expect(err).not.toHaveBeenCalled();
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
