import { describe, expect, it } from 'vitest';
import { parseThreadReply, type ThreadReply } from '../../../../src/domain/escalations/thread-reply';
import { threadWords } from '../../../../src/domain/escalations/thread-words';

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
    ['spaces inside a Vietnamese phrase', `đã${' '.repeat(N)}x`, undefined],
    ['spaces then the rest of a Vietnamese phrase', `đã${' '.repeat(N)}nhận`, ack],
    ['spaces inside a Latvian phrase', `strādāju${' '.repeat(N)}pie${' '.repeat(N)}x`, undefined],
    ['Vietnamese particles', `đã nhận${' rồi'.repeat(N / 4)}`, ack],
    ['Vietnamese particles, then a word', `đã xử lý${' xong'.repeat(N / 5)} chưa`, undefined],
    ['Chinese particles', `收到${'了'.repeat(N)}`, ack],
    ['Chinese particles, then a question', `已解决${'了'.repeat(N)}吗`, undefined],
    ['a decomposed line', `${'e\u0301'.repeat(N / 2)}`, undefined],
    ['decomposed letters before a keyword', `${'\u0301'.repeat(N)}đã nhận`.normalize('NFD'), ack],
    [
      'a decomposed summary',
      `đã xử lý: ${'ệ '.repeat(N / 2)}`.normalize('NFD'),
      resolve(
        'ệ '
          .repeat(N / 2)
          .trim()
          .normalize('NFD'),
      ),
    ],
    ['marks after a keyword', `đã nhận${'\u0301'.repeat(N)}`, undefined],
  ])('reads 100k characters: %s', (_name, text, expected) => {
    // No timing here (speed is the bench's): a quadratic scan of 100k characters would run into
    // the test's own timeout, a linear one takes a few milliseconds.
    expect(parseThreadReply(text)).toEqual(expected);
  });
});

describe('parseThreadReply in other languages', () => {
  const ack: ThreadReply = { kind: 'acknowledge' };
  const bare: ThreadReply = { kind: 'resolve-without-summary' };
  const resolve = (summary: string): ThreadReply => ({ kind: 'resolve', summary });
  const nfd = (text: string) => text.normalize('NFD');

  it('lists the words of every language, the one to show first', () => {
    expect(Object.keys(threadWords).sort()).toEqual(['en', 'ha', 'lv', 'vi', 'zh-CN']);
    expect(threadWords.en).toEqual({ acknowledge: ['ack', 'acked', 'acknowledged', 'on it'], resolve: ['resolved'] });
    expect(threadWords['zh-CN'].acknowledge[0]).toBe('收到');
    expect(threadWords['zh-CN'].resolve[0]).toBe('已解决');
    expect(threadWords.vi.acknowledge[0]).toBe('đã nhận');
    expect(threadWords.vi.resolve[0]).toBe('đã xử lý');
    expect(threadWords.lv.acknowledge[0]).toBe('saņemts');
    expect(threadWords.lv.resolve[0]).toBe('atrisināts');
    expect(threadWords.ha.acknowledge[0]).toBe('na karɓa');
    expect(threadWords.ha.resolve[0]).toBe('an warware');
    expect(Object.isFrozen(threadWords.vi.acknowledge)).toBe(true);
  });

  const languages = Object.keys(threadWords) as (keyof typeof threadWords)[];
  const acknowledging = languages.flatMap((language) =>
    threadWords[language].acknowledge.map((word) => [language, word]),
  );
  const resolving = languages.flatMap((language) => threadWords[language].resolve.map((word) => [language, word]));

  it.each(acknowledging)(
    '%s %j acknowledges, as typed, composed or decomposed, after a mention and emoji',
    (_, word) => {
      for (const text of [
        word,
        word.toUpperCase(),
        nfd(word),
        `<@U1|bob> 👍 ${word}`,
        `:eyes: ${word}!`,
        `${word} 👍`,
      ]) {
        expect(parseThreadReply(text), text).toEqual(ack);
      }
      for (const text of [`${word}?`, `${word} ？`, `<@U1> ${word}?`])
        expect(parseThreadReply(text), text).toBeUndefined();
    },
  );

  it.each(resolving)('%s %j resolves, with a summary after each separator or without one', (_, word) => {
    expect(parseThreadReply(word)).toEqual(bare);
    expect(parseThreadReply(nfd(word))).toEqual(bare);
    expect(parseThreadReply(`${word}.`)).toEqual(bare);
    expect(parseThreadReply(`✅ ${word} 🎉`)).toEqual(bare);
    for (const separator of [':', '：', '-', '–', '—', '--']) {
      expect(parseThreadReply(`${word}${separator} restarted`), separator).toEqual(resolve('restarted'));
      expect(parseThreadReply(`<@U1> ${word} ${separator}\n  restarted\nroot cause: disk`), separator).toEqual(
        resolve('restarted\nroot cause: disk'),
      );
    }
    expect(parseThreadReply(`${word}, thanks all`)).toEqual(resolve('thanks all'));
    expect(parseThreadReply(`${word}\nthanks all`)).toEqual(bare);
    for (const text of [`${word}?`, `${word} ？`, `${word}!?`]) expect(parseThreadReply(text), text).toBeUndefined();
  });

  describe('Chinese', () => {
    it.each<[string, ThreadReply]>([
      ['收到', ack],
      ['收到了', ack],
      ['收到啦！', ack],
      ['收到，马上处理', ack],
      ['收到 马上看', ack],
      ['收到。', ack],
      ['已收到', ack],
      ['确认', ack],
      ['已确认，在查', ack],
      ['在处理', ack],
      ['正在处理', ack],
      ['正在处理中', ack],
      ['处理中…', ack],
      ['<@U1|bob> 👍 收到了', ack],
      ['“收到”', ack],
    ])('acknowledges %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each<[string, ThreadReply]>([
      ['已解决', bare],
      ['已解决了', bare],
      ['已解决！', bare],
      ['已解决。', bare],
      ['解决了', bare],
      ['已修复 ✅', bare],
      ['已处理', bare],
      ['已解决：重启了服务', resolve('重启了服务')],
      ['已解决:重启了服务', resolve('重启了服务')],
      ['已解决，重启了服务', resolve('重启了服务')],
      ['已解决,重启了服务', resolve('重启了服务')],
      ['已解决。重启了服务。', resolve('重启了服务。')],
      ['已解决 重启了服务', resolve('重启了服务')],
      ['已解决\u3000重启了服务', resolve('重启了服务')],
      ['已解决 — 重启了服务', resolve('重启了服务')],
      ['已解决了：重启了服务', resolve('重启了服务')],
      ['已解决了，重启了服务', resolve('重启了服务')],
      ['解决了，回滚了发布', resolve('回滚了发布')],
      ['已修复：磁盘满了', resolve('磁盘满了')],
      ['已解决：\n重启了服务\n原因：磁盘满了', resolve('重启了服务\n原因：磁盘满了')],
      ['已解决 restarted the pod', resolve('restarted the pod')],
      ['已解决：a &amp; b', resolve('a &amp; b')],
      // Without a separator the next lines are conversation.
      ['已解决\n谢谢大家', bare],
      ['已解决，\n谢谢大家', bare],
    ])('resolves %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each([
      // Questions: a question mark or a question particle.
      '收到吗',
      '收到吗？',
      '收到了吗？',
      '收到了吗',
      '收到？',
      '收到了？',
      '收到 吗',
      '确认吗',
      '在处理吗？',
      '已解决吗',
      '已解决了吗',
      '已解决了吗？',
      '已解决？',
      '解决了吗',
      '解决了么',
      '已修复了呢',
      '已解决 吗？',
      // A character straight after the word makes another word.
      '收到的告警是什么',
      '收到没',
      '确认一下',
      '确认一下服务是否正常',
      '在处理器上',
      '处理中心',
      '已处理的工单',
      '已解决这个问题',
      '解决了一半',
      '已解决2个问题',
      '收到ok',
      // Not at the start.
      '请确认',
      '还没收到',
      '问题已解决',
    ])('ignores %j', (text) => {
      expect(parseThreadReply(text)).toBeUndefined();
    });
  });

  describe('Vietnamese', () => {
    it.each<[string, ThreadReply]>([
      ['đã nhận', ack],
      ['Đã nhận!', ack],
      ['ĐÃ NHẬN', ack],
      ['đã nhận, đang xem', ack],
      ['đã nhận được', ack],
      ['đã nhận được rồi ạ', ack],
      ['đã nhận ạ', ack],
      ['đã xác nhận', ack],
      ['đang xử lý', ack],
      ['đang xử lý rồi 👍', ack],
      ['đang   xử\u00a0lý', ack],
      // Without diacritics, or with only some of them.
      ['da nhan', ack],
      ['Da nhan roi a', ack],
      ['da xac nhan', ack],
      ['dang xu ly', ack],
      ['đã nhan', ack],
      ['da nhận', ack],
      // Decomposed, and as Windows keyboards send it (â composed, the tone mark combining).
      [nfd('đã nhận'), ack],
      [nfd('Đang xử lý'), ack],
      ['đã nh\u00e2\u0323n', ack],
      ['<@U1|bob> :eyes: đã nhận', ack],
    ])('acknowledges %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each<[string, ThreadReply]>([
      ['đã xử lý', bare],
      ['đã xử lý xong', bare],
      ['đã xử lý xong rồi ạ.', bare],
      ['đã giải quyết', bare],
      ['đã khắc phục!', bare],
      ['đã xử lý: khởi động lại dịch vụ', resolve('khởi động lại dịch vụ')],
      ['đã xử lý xong - khởi động lại dịch vụ', resolve('khởi động lại dịch vụ')],
      ['Đã giải quyết. Khởi động lại.', resolve('Khởi động lại.')],
      ['đã khắc phục：đầy ổ đĩa', resolve('đầy ổ đĩa')],
      ['da xu ly: restart', resolve('restart')],
      ['da giai quyet -- restart', resolve('restart')],
      ['da khac phuc', bare],
      ['đã xử lý:\nkhởi động lại', resolve('khởi động lại')],
      // The summary is kept as it arrived, decomposed letters included.
      [nfd('đã xử lý: khởi động lại'), resolve(nfd('khởi động lại'))],
      ['đã xử lý: khởi đ\u00f4\u0323ng', resolve('khởi đ\u00f4\u0323ng')],
    ])('resolves %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each([
      // Questions, with or without a question mark ("chưa", "không" ask "yet?", "or not?").
      'đã nhận?',
      'đã nhận được chưa?',
      'đã nhận được chưa',
      'da nhan duoc chua?',
      'đã nhận rồi à?',
      'đã xử lý chưa?',
      'đã xử lý xong chưa?',
      'đã giải quyết không',
      'đang xử lý?',
      nfd('đã nhận được chưa?'),
      // A word after the phrase makes a sentence: "đã nhận hàng" is "received the goods".
      'đã nhận hàng',
      'đã nhận tiền rồi',
      'đã xử lý sự cố',
      'đang xử lý việc khác',
      // Other words that start the same way.
      'đã nhận định',
      'đã',
      'đã\nnhận',
      'dạ nhận',
      'đang xử',
      'đã nhậnn',
      nfd('đã nhận\u0301'),
      // Not at the start.
      'em đã nhận',
      'chưa xử lý',
    ])('ignores %j', (text) => {
      expect(parseThreadReply(text)).toBeUndefined();
    });
  });

  describe('Latvian', () => {
    it.each<[string, ThreadReply]>([
      ['saņemts', ack],
      ['Saņemts!', ack],
      ['saņemts, skatos', ack],
      ['saņemu', ack],
      ['apstiprinu', ack],
      ['strādāju pie tā', ack],
      ['Strādāju  pie\ttā…', ack],
      ['sanemts', ack],
      ['SANEMTS', ack],
      ['stradaju pie ta', ack],
      [nfd('saņemts'), ack],
      ['<@U1> saņemts 👍', ack],
    ])('acknowledges %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each<[string, ThreadReply]>([
      ['atrisināts', bare],
      ['Atrisināts.', bare],
      ['novērsts', bare],
      ['izlabots', bare],
      ['salabots 🎉', bare],
      ['atrisinats', bare],
      ['noversts', bare],
      ['atrisināts: restartēju servisu', resolve('restartēju servisu')],
      ['novērsts - disks bija pilns', resolve('disks bija pilns')],
      ['atrisinats: restartēju', resolve('restartēju')],
      [nfd('Izlabots: pārstartēts'), resolve(nfd('pārstartēts'))],
    ])('resolves %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each([
      'saņemts?',
      'Saņemts ？',
      'atrisināts?',
      'vai saņemts?',
      'saņemts rēķins',
      'saņemu kļūdu',
      'atrisināts daļēji',
      'novērsts vai nē?',
      'strādāju',
      'strādāju pie cita',
      'atrisinātsss',
      'saņemtsā',
    ])('ignores %j', (text) => {
      expect(parseThreadReply(text)).toBeUndefined();
    });
  });

  describe('Hausa', () => {
    it.each<[string, ThreadReply]>([
      ['na karɓa', ack],
      ['Na karɓa!', ack],
      ['na karba', ack],
      ['NA KARƁA', ack],
      ['an karɓa', ack],
      ['an karba', ack],
      ['ina kai', ack],
      ['na  karɓa, ina dubawa', ack],
      ['<@U1|bob> 👍 na karba', ack],
    ])('acknowledges %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each<[string, ThreadReply]>([
      ['an warware', bare],
      ['An gyara!', bare],
      ['an magance', bare],
      ['an warware: an sake kunna sabar', resolve('an sake kunna sabar')],
      ['an gyara - faifai ya cika', resolve('faifai ya cika')],
    ])('resolves %j', (text, expected) => {
      expect(parseThreadReply(text)).toEqual(expected);
    });

    it.each([
      'na karɓa?',
      'ina kai?',
      'an warware?',
      'an gyara shi?',
      'an warware matsalar?',
      'na karɓi kuɗi',
      'an karɓa kuwa',
      'ina kake?',
      'an',
    ])('ignores %j', (text) => {
      expect(parseThreadReply(text)).toBeUndefined();
    });
  });

  it('still reads English after another language would', () => {
    expect(parseThreadReply('ack, đã nhận')).toEqual(ack);
    expect(parseThreadReply('resolved: 已解决')).toEqual(resolve('已解决'));
    expect(parseThreadReply('已解决: resolved')).toEqual(resolve('resolved'));
  });
});
