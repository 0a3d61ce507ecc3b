import { describe, expect, it } from 'vitest';
import { parseThreadReply, type ThreadReply } from '../../../../src/domain/escalations/thread-reply';

describe('parseThreadReply', () => {
  const ack: ThreadReply = { kind: 'acknowledge' };
  const bare: ThreadReply = { kind: 'resolve-without-summary' };
  const resolve = (summary: string): ThreadReply => ({ kind: 'resolve', summary });

  it.each<[string, ThreadReply]>([
    // The four keywords, any case.
    ['ack', ack],
    ['Ack!', ack],
    ['ACK.', ack],
    ['acked', ack],
    ['Acked - restarting', ack],
    ['acked - restarting', ack],
    ['acknowledged', ack],
    ['Acknowledged, looking now', ack],
    ['on it', ack],
    ['On it, checking logs', ack],
    ['ON IT', ack],
    ['on   it', ack],
    ['on\u00a0it', ack],
    ['on\tit', ack],
    // Emoji and punctuation around the keyword.
    ['on it 👍', ack],
    ['👍 on it', ack],
    ['👍🏽 ack', ack],
    [':eyes: on it', ack],
    [':+1::skin-tone-2: ack', ack],
    ['ack :white_check_mark:', ack],
    ['*On it*', ack],
    ['_ack_', ack],
    ['~ack~ on it', ack],
    ['(ack)', ack],
    ['- ack', ack],
    ['ack!!!', ack],
    ['ack, but it will take a while', ack],
    // Smart punctuation from phones.
    ['“ack”', ack],
    ['On it…', ack],
    ['ack — restarting now', ack],
    ['ack’d', ack],
    // Mentions first.
    ['<@U123> ack', ack],
    ['<@U123|bob>: on it', ack],
    ['<@U123>, <@W456|alice> acked', ack],
    ['<!subteam^S1|@oncall> on it', ack],
    ['<!here> on it', ack],
    // Leading whitespace and blank lines.
    ['   ack', ack],
    ['\n\n  on it', ack],
    // Only the first line decides.
    ['ack\nresolved: later', ack],
    ['on it\r\nwill report back', ack],
  ])('acknowledges %j', (text, expected) => {
    expect(parseThreadReply(text)).toEqual(expected);
  });

  it.each<[string, ThreadReply]>([
    ['resolved: restarted the pod', resolve('restarted the pod')],
    ['Resolved - rolled back the deploy', resolve('rolled back the deploy')],
    ['resolved — DNS fixed', resolve('DNS fixed')],
    ['resolved – DNS fixed', resolve('DNS fixed')],
    ['resolved -- DNS fixed', resolve('DNS fixed')],
    ['RESOLVED:cache flushed', resolve('cache flushed')],
    ['resolved：fixed', resolve('fixed')],
    ['resolved :  spaced out  ', resolve('spaced out')],
    ['Resolved. Restarted the pod.', resolve('Restarted the pod.')],
    ['Resolved, thanks all', resolve('thanks all')],
    ['resolved ✅ restarted', resolve('restarted')],
    ['resolved :white_check_mark: - restarted', resolve('restarted')],
    ['resolved: (temporary) restarted', resolve('(temporary) restarted')],
    ['resolved:done:', resolve('done:')],
    ['<@U1|bob> resolved: done', resolve('done')],
    ['✅ resolved: done', resolve('done')],
    // Slack-escaped entities stay as they arrived.
    ['resolved: a &amp; b &lt;c&gt;', resolve('a &amp; b &lt;c&gt;')],
    // A separator lets the summary continue on the next lines.
    ['resolved:\n  restarted the pod', resolve('restarted the pod')],
    ['resolved: restarted\nroot cause: disk full\n', resolve('restarted\nroot cause: disk full')],
    ['resolved', bare],
    ['Resolved', bare],
    ['resolved.', bare],
    ['Resolved!', bare],
    ['resolved 🎉', bare],
    ['resolved :tada:', bare],
    ['resolved:', bare],
    ['resolved:   ', bare],
    ['resolved -', bare],
    ['RESOLVED:\n\n', bare],
    // Without a separator the next lines are conversation, not the summary.
    ['resolved\nthanks everyone', bare],
    ['Resolved.\nthanks everyone', bare],
  ])('resolves %j', (text, expected) => {
    expect(parseThreadReply(text)).toEqual(expected);
  });

  it.each([
    // Longer words that only start like a keyword.
    'acknowledgement',
    'acknowledge',
    'acking',
    'ackee',
    'acks',
    'acknowledgedd',
    'resolvedly',
    'ackñ',
    'ack\u0301',
    // The keyword inside another word or later in the text.
    'back',
    'black ack',
    'slack',
    'please ack',
    'not on it',
    'can you ack?',
    'I resolved: it',
    'unresolved',
    // "on it" needs both words.
    'on items',
    'on iterating',
    'onit',
    'onit?',
    'on',
    'on\nit',
    // Questions.
    'on it?',
    'ack?',
    'Ack ？',
    'resolved?',
    'resolved!?',
    'resolved yet?',
    // A word straight after "resolved" is a sentence, not a resolution.
    'resolved by restarting',
    'resolved for me too',
    // Quotes, numbers and other prefixes are not skipped.
    '&gt; ack',
    '2 ack',
    '@bob ack',
    '<#C1|general> ack',
    '<https://example.com|ack>',
    // Only the first line decides.
    'looking into it\nack',
    'thanks\nresolved: done',
    // Nothing at all.
    '',
    '   ',
    '\n\n',
    '<@U1>',
    '👍',
  ])('ignores %j', (text) => {
    expect(parseThreadReply(text)).toBeUndefined();
  });

  it('ignores non-strings', () => {
    expect(parseThreadReply(undefined as unknown as string)).toBeUndefined();
    expect(parseThreadReply(42 as unknown as string)).toBeUndefined();
  });

  const N = 100_000;
  it.each<[string, string, ThreadReply | undefined]>([
    ['one long word', 'a'.repeat(N), undefined],
    ['spaces before ack', `${' '.repeat(N)}ack`, ack],
    ['emoji before ack', `${'👍'.repeat(N / 2)} ack`, ack],
    ['punctuation before ack', `${'.'.repeat(N)}ack`, ack],
    ['mentions before ack', `${'<@U1> '.repeat(N / 6)}ack`, ack],
    ['an unclosed mention', `<@U1|${'x'.repeat(N)}`, undefined],
    ['unclosed mentions', '<@U1|'.repeat(N / 5), undefined],
    ['open brackets', '<'.repeat(N), undefined],
    ['colons', ':'.repeat(N), undefined],
    ['unclosed shortcode', `:${'a'.repeat(N)}`, undefined],
    ['shortcode fragments', ':a-'.repeat(N / 3), undefined],
    ['spaces between on and it', `on${' '.repeat(N)}x`, undefined],
    ['spaces then on it', `on${' '.repeat(N)}it`, ack],
    ['a long summary', `resolved: ${'x '.repeat(N / 2)}`, resolve('x '.repeat(N / 2).trim())],
    ['decorations after resolved', `resolved${'.'.repeat(N)}`, bare],
    ['shortcodes after resolved', `resolved ${':a'.repeat(N / 2)}`, resolve(':a'.repeat(N / 2).slice(':a:'.length))],
    ['many lines', `ack${'\n'.repeat(N)}`, ack],
  ])('stays linear on 100k characters: %s', (_name, text, expected) => {
    const started = performance.now();
    const result = parseThreadReply(text);
    const elapsed = performance.now() - started;
    expect(result).toEqual(expected);
    // A quadratic scan of 100k characters takes seconds; a linear one a few milliseconds.
    expect(elapsed).toBeLessThan(500);
  });
});
