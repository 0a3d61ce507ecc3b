import { describe, expect, it } from 'vitest';
import {
  areaStatuses,
  checkinKinds,
  isCheckinKind,
  isRiskArea,
  parseQuestionSet,
  questionSet,
  riskAreaLabels,
  riskAreas,
  syncStatuses,
  type CheckinKind,
  type QuestionSet,
} from '../../../../src/domain/checkins/questions';
import { riskCategories } from '../../../../src/domain/checkins/risks';

const sync = (): QuestionSet => questionSet('sync');
const risk = (): QuestionSet => questionSet('risk');

describe('constants', () => {
  it('lists kinds, statuses, areas and categories in order', () => {
    expect(checkinKinds).toEqual(['sync', 'risk']);
    expect(syncStatuses).toEqual(['on_track', 'at_risk', 'off_track']);
    expect(riskAreas).toEqual(['personnel', 'facilities', 'power', 'connectivity', 'merger_acquisition', 'disaster']);
    expect(areaStatuses).toEqual(['ok', 'watch', 'problem']);
    expect(riskCategories).toEqual([...riskAreas, 'other']);
    expect(riskAreaLabels.merger_acquisition).toBe('merger/acquisition');
  });

  it.each([
    ['sync', true],
    ['risk', true],
    ['Sync', false],
    ['standup', false],
    ['', false],
  ])('isCheckinKind(%j) is %s', (text, expected) => {
    expect(isCheckinKind(text)).toBe(expected);
  });

  it.each([
    ['power', true],
    ['merger_acquisition', true],
    ['merger/acquisition', false],
    ['other', false],
  ])('isRiskArea(%j) is %s', (text, expected) => {
    expect(isRiskArea(text)).toBe(expected);
  });
});

describe('questionSet', () => {
  it('asks the sync questions: status, progress, optional blockers, next steps', () => {
    const set = sync();
    expect(set.kind).toBe('sync');
    expect(set.version).toBe(1);
    expect(set.title).not.toBe('');
    expect(set.questions.map((q) => [q.id, q.type, q.optional === true])).toEqual([
      ['status', 'choice', false],
      ['progress', 'text', false],
      ['blockers', 'text', true],
      ['next_steps', 'text', false],
    ]);
    expect(set.questions[0]?.options).toEqual([
      { value: 'on_track', label: 'on track' },
      { value: 'at_risk', label: 'at risk' },
      { value: 'off_track', label: 'off track' },
    ]);
  });

  it('asks a status and an optional note for each checklist area, in checklist order', () => {
    const set = risk();
    expect(set.kind).toBe('risk');
    expect(set.version).toBe(1);
    expect(set.questions.map((q) => q.id)).toEqual(riskAreas.flatMap((a) => [`${a}_status`, `${a}_note`]));
    for (const area of riskAreas) {
      const status = set.questions.find((q) => q.id === `${area}_status`);
      const note = set.questions.find((q) => q.id === `${area}_note`);
      expect(status?.type).toBe('choice');
      expect(status?.optional).toBeUndefined();
      expect(status?.options).toEqual([
        { value: 'ok', label: 'ok' },
        { value: 'watch', label: 'watch' },
        { value: 'problem', label: 'problem' },
      ]);
      expect(note?.type).toBe('text');
      expect(note?.optional).toBe(true);
    }
    expect(set.questions.find((q) => q.id === 'merger_acquisition_status')?.label).toBe('Merger/acquisition');
  });

  it.each(checkinKinds)('returns a fresh deep copy for %s every time', (kind) => {
    const first = questionSet(kind);
    const pristine = structuredClone(first);
    first.title = 'changed';
    first.questions[0]!.label = 'changed';
    first.questions[0]!.options![0]!.label = 'changed';
    first.questions[0]!.options!.push({ value: 'x', label: 'x' });
    first.questions.pop();
    const second = questionSet(kind);
    expect(second).toEqual(pristine);
    expect(second).not.toBe(first);
    expect(second.questions).not.toBe(first.questions);
    expect(second.questions[0]!.options).not.toBe(first.questions[0]!.options);
  });

  it('refuses a kind that slipped past the type checker', () => {
    expect(() => questionSet('standup' as CheckinKind)).toThrow(RangeError);
  });
});

describe('parseQuestionSet', () => {
  it.each(checkinKinds)('reads back a %s snapshot stored as JSON', (kind) => {
    const stored: unknown = JSON.parse(JSON.stringify(questionSet(kind)));
    expect(parseQuestionSet(stored)).toEqual(questionSet(kind));
  });

  it('drops unknown properties', () => {
    const stored = { ...sync(), extra: 1, questions: sync().questions.map((q) => ({ ...q, colour: 'red' })) };
    expect(parseQuestionSet(stored)).toEqual(sync());
  });

  const broken: Array<[string, (s: Record<string, unknown>) => unknown]> = [
    ['null', () => null],
    ['an array', () => []],
    ['a string', () => 'sync'],
    ['an unknown kind', (s) => ({ ...s, kind: 'standup' })],
    ['another version', (s) => ({ ...s, version: 2 })],
    ['no title', (s) => ({ ...s, title: undefined })],
    ['questions not a list', (s) => ({ ...s, questions: {} })],
    ['a question without an id', (s) => ({ ...s, questions: [{ label: 'x', type: 'text' }] })],
    ['an empty id', (s) => ({ ...s, questions: [{ id: '', label: 'x', type: 'text' }] })],
    [
      'a duplicate id',
      (s) => ({
        ...s,
        questions: [
          { id: 'a', label: 'x', type: 'text' },
          { id: 'a', label: 'y', type: 'text' },
        ],
      }),
    ],
    ['an unknown type', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'date' }] })],
    ['a choice without options', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'choice' }] })],
    ['a choice with no options', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'choice', options: [] }] })],
    [
      'a bad option',
      (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'choice', options: [{ value: 1, label: 'x' }] }] }),
    ],
    ['a non-boolean optional', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'text', optional: 'yes' }] })],
  ];
  it.each(broken)('refuses %s', (_name, make) => {
    expect(parseQuestionSet(make({ ...sync() }))).toBeUndefined();
  });
});
