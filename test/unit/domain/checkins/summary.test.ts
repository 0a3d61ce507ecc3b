import { describe, expect, it } from 'vitest';
import { questionSet, riskAreaLabels, riskAreas, type QuestionSet } from '../../../../src/domain/checkins/questions';
import { interpretTextAnswer } from '../../../../src/domain/checkins/interpret';
import { SUMMARY_DETAIL_MAX, stillToAnswer, summarise } from '../../../../src/domain/checkins/summary';

const sync = (): QuestionSet => questionSet('sync');
const risk = (): QuestionSet => questionSet('risk');
const mention = (userId: string): string => `<@${userId}>`;

/** A complete, valid risk-review form with every area ok. */
function allOk(): Record<string, string> {
  return Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'ok']));
}

describe('summarise', () => {
  type Entry = { values: Record<string, string>; text?: string };
  type Answers = Map<string, Entry>;

  it('gives a line per respondent, status first, then tally and who missed', () => {
    const answers: Answers = new Map<string, Entry>([
      ['U2', { values: { status: 'at_risk', progress: 'Vendor late', blockers: 'Legal', next_steps: 'Chase' } }],
      ['U1', { values: { status: 'on_track', progress: 'API done', next_steps: 'Deploy' } }],
    ]);
    const result = summarise(sync(), ['U1', 'U2', 'U3'], answers, mention);
    expect(result.lines).toEqual([
      '• <@U1> — *on track* — API done · Next steps: Deploy',
      '• <@U2> — *at risk* — Vendor late · Blockers: Legal · Next steps: Chase',
      '*Tally:* 1 on track · 1 at risk · 0 off track',
      '*Missed:* <@U3>',
    ]);
    expect(result.missed).toEqual(['U3']);
    expect(result.tally).toEqual({ on_track: 1, at_risk: 1, off_track: 0 });
  });

  it('escapes user text so it cannot ping or link', () => {
    const answers: Answers = new Map<string, Entry>([
      ['U1', { values: { status: 'off_track', progress: '<!channel> <@U9> <https://evil.test|click> & &lt;' } }],
      ['U2', { values: {}, text: '<!here> R&D' }],
    ]);
    const { lines } = summarise(sync(), ['U1', 'U2'], answers, mention);
    expect(lines[0]).toBe(
      '• <@U1> — *off track* — &lt;!channel&gt; &lt;@U9&gt; &lt;https://evil.test|click&gt; &amp; &amp;lt;',
    );
    expect(lines[1]).toBe('• <@U2> — _no status_ — &lt;!here&gt; R&amp;D');
    for (const line of lines) expect(line).not.toMatch(/<!|<https/);
  });

  it('escapes labels from the snapshot too, since it comes back from storage', () => {
    const set = sync();
    set.questions[0]!.options![0]!.label = '<!channel>';
    const { lines } = summarise(set, ['U1'], new Map([['U1', { values: { status: 'on_track' } }]]), mention);
    expect(lines[0]).toBe('• <@U1> — *&lt;!channel&gt;*');
    expect(lines[1]).toBe('*Tally:* 1 &lt;!channel&gt; · 0 at risk · 0 off track');
  });

  it('puts each answer on one line and shortens long ones', () => {
    const long = 'word '.repeat(200);
    const answers: Answers = new Map<string, Entry>([
      ['U1', { values: { status: 'on_track', progress: `line one\n\nline two\t${long}` } }],
    ]);
    const [line] = summarise(sync(), ['U1'], answers, mention).lines;
    expect(line).not.toContain('\n');
    expect(line).toContain('line one line two word');
    const detail = line!.slice('• <@U1> — *on track* — '.length);
    expect(Array.from(detail)).toHaveLength(SUMMARY_DETAIL_MAX);
    expect(detail.endsWith('…')).toBe(true);
  });

  it('shortens before escaping, so no entity is cut in half', () => {
    const answers: Answers = new Map<string, Entry>([
      ['U1', { values: { status: 'on_track', progress: '<'.repeat(1000) } }],
    ]);
    const [line] = summarise(sync(), ['U1'], answers, mention).lines;
    expect(line).toBe(`• <@U1> — *on track* — ${'&lt;'.repeat(SUMMARY_DETAIL_MAX - 1)}…`);
  });

  it('falls back to the raw text when no structured value was read', () => {
    const answers: Answers = new Map<string, Entry>([['U1', { values: {}, text: 'Sorry, out this week' }]]);
    const result = summarise(sync(), ['U1'], answers, mention);
    expect(result.lines[0]).toBe('• <@U1> — _no status_ — Sorry, out this week');
    expect(result.tally).toEqual({ on_track: 0, at_risk: 0, off_track: 0, no_status: 1 });
    expect(result.lines[1]).toBe('*Tally:* 0 on track · 0 at risk · 0 off track · 1 without a status');
  });

  it('prefers the structured values over the raw text', () => {
    const text = 'on track: API done';
    const answers: Answers = new Map<string, Entry>([['U1', { ...interpretTextAnswer(sync(), text) }]]);
    expect(summarise(sync(), ['U1'], answers, mention).lines[0]).toBe('• <@U1> — *on track* — API done');
  });

  it('shows a bare status without a dash after it', () => {
    const answers: Answers = new Map<string, Entry>([['U1', { values: { status: 'on_track' } }]]);
    expect(summarise(sync(), ['U1'], answers, mention).lines[0]).toBe('• <@U1> — *on track*');
  });

  it('treats a status outside the set as none', () => {
    const answers: Answers = new Map<string, Entry>([['U1', { values: { status: 'purple', progress: 'x' } }]]);
    const result = summarise(sync(), ['U1'], answers, mention);
    expect(result.lines[0]).toBe('• <@U1> — _no status_ — x');
    expect(result.tally.no_status).toBe(1);
  });

  it('lists expected people in the given order, then others who answered, each once', () => {
    const answers: Answers = new Map<string, Entry>([
      ['U9', { values: { status: 'on_track' } }],
      ['U2', { values: { status: 'on_track' } }],
      ['U1', { values: { status: 'off_track' } }],
    ]);
    const result = summarise(sync(), ['U1', 'U2', 'U1', 'U4', 'U4'], answers, mention);
    expect(result.lines.slice(0, 3).map((l) => l.split(' — ')[0])).toEqual(['• <@U1>', '• <@U2>', '• <@U9>']);
    expect(result.tally).toEqual({ on_track: 2, at_risk: 0, off_track: 1 });
    expect(result.missed).toEqual(['U4']);
    expect(result.lines.at(-1)).toBe('*Missed:* <@U4>');
  });

  it('says when nobody answered and when nobody missed', () => {
    const none = summarise(sync(), ['U1', 'U2'], new Map(), mention);
    expect(none.lines).toEqual([
      '_No answers._',
      '*Tally:* 0 on track · 0 at risk · 0 off track',
      '*Missed:* <@U1>, <@U2>',
    ]);
    expect(none.missed).toEqual(['U1', 'U2']);
    const all = summarise(sync(), ['U1'], new Map([['U1', { values: { status: 'on_track' } }]]), mention);
    expect(all.lines.at(-1)).toBe('*Missed:* nobody');
    expect(all.missed).toEqual([]);
    const empty = summarise(sync(), [], new Map(), mention);
    expect(empty.lines).toEqual(['_No answers._', '*Tally:* 0 on track · 0 at risk · 0 off track', '*Missed:* nobody']);
  });

  it('uses the mention function for every person', () => {
    const named = (id: string): string => `@${id.toLowerCase()}`;
    const result = summarise(sync(), ['U1', 'U2'], new Map([['U1', { values: { status: 'on_track' } }]]), named);
    expect(result.lines).toEqual([
      '• @u1 — *on track*',
      '*Tally:* 1 on track · 0 at risk · 0 off track',
      '*Missed:* @u2',
    ]);
  });

  describe('risk reviews', () => {
    const table: Array<[string, Record<string, string>, string]> = [
      ['all ok', allOk(), '*ok* — all areas ok'],
      [
        'a problem and a watch, problems first, notes in brackets',
        {
          ...allOk(),
          connectivity_status: 'watch',
          connectivity_note: 'ISP',
          disaster_status: 'problem',
          disaster_note: 'flood',
        },
        '*problem* — disaster: problem (flood) · connectivity: watch (ISP) · others ok',
      ],
      ['only watches', { ...allOk(), power_status: 'watch' }, '*watch* — power: watch · others ok'],
      [
        'some areas unstated',
        { power_status: 'problem', personnel_status: 'ok', merger_acquisition_status: 'ok' },
        '*problem* — power: problem · ok: personnel, merger/acquisition',
      ],
      ['only ok areas, some unstated', { power_status: 'ok' }, '*ok* — ok: power'],
      [
        'nothing ok',
        Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'watch'])),
        `*watch* — ${riskAreas.map((a) => `${riskAreaLabels[a]}: watch`).join(' · ')}`,
      ],
    ];
    it.each(table)('summarises %s', (_name, values, expected) => {
      const { lines } = summarise(risk(), ['U1'], new Map([['U1', { values }]]), mention);
      expect(lines[0]).toBe(`• <@U1> — ${expected}`);
    });

    it('tallies each respondent by their worst area', () => {
      const answers: Answers = new Map<string, Entry>([
        ['U1', { values: allOk() }],
        ['U2', { values: { ...allOk(), power_status: 'watch' } }],
        ['U3', { values: { ...allOk(), power_status: 'watch', disaster_status: 'problem' } }],
        ['U4', { values: {}, text: 'will answer tomorrow' }],
      ]);
      const result = summarise(risk(), ['U1', 'U2', 'U3', 'U4', 'U5'], answers, mention);
      expect(result.tally).toEqual({ ok: 1, watch: 1, problem: 1, no_status: 1 });
      expect(result.lines.slice(-2)).toEqual([
        '*Tally:* 1 ok · 1 watch · 1 problem · 1 without a status',
        '*Missed:* <@U5>',
      ]);
      expect(result.lines[3]).toBe('• <@U4> — _no status_ — will answer tomorrow');
    });

    it('escapes notes', () => {
      const values = { ...allOk(), power_status: 'problem', power_note: '<!everyone> & co' };
      const { lines } = summarise(risk(), ['U1'], new Map([['U1', { values }]]), mention);
      expect(lines[0]).toBe('• <@U1> — *problem* — power: problem (&lt;!everyone&gt; &amp; co) · others ok');
    });
  });
});

describe('stillToAnswer', () => {
  const table: Array<[string, string[], string[], string[]]> = [
    ['nobody answered', ['U1', 'U2'], [], ['U1', 'U2']],
    ['everyone answered', ['U1', 'U2'], ['U2', 'U1'], []],
    ['some answered', ['U3', 'U1', 'U2'], ['U1'], ['U3', 'U2']],
    ['duplicates expected', ['U1', 'U2', 'U1', 'U2', 'U3'], ['U3'], ['U1', 'U2']],
    ['answers from others', ['U1'], ['U9'], ['U1']],
    ['nobody expected', [], ['U1'], []],
  ];
  it.each(table)('%s', (_name, expected, answered, result) => {
    expect(stillToAnswer(expected, answered)).toEqual(result);
  });

  it('takes any iterable of answers, such as a Map key iterator or a Set', () => {
    expect(stillToAnswer(['U1', 'U2'], new Map([['U1', 1]]).keys())).toEqual(['U2']);
    expect(stillToAnswer(['U1', 'U2'], new Set(['U2']))).toEqual(['U1']);
  });

  it('does not change its input', () => {
    const expected = ['U1', 'U1'];
    stillToAnswer(expected, []);
    expect(expected).toEqual(['U1', 'U1']);
  });
});
