import { describe, expect, it } from 'vitest';
import {
  ANSWER_TEXT_MAX,
  DEFAULT_RISK_RATING,
  RISK_MITIGATION_MAX,
  RISK_TITLE_MAX,
  SUMMARY_DETAIL_MAX,
  areaStatuses,
  checkinKinds,
  interpretTextAnswer,
  isCalendarDate,
  isCheckinKind,
  isReviewOverdue,
  isRiskArea,
  parseQuestionSet,
  parseRiskCategory,
  parseRiskRef,
  problemsIn,
  questionSet,
  riskAreaLabels,
  riskAreas,
  riskCategories,
  riskLabel,
  riskScore,
  stillToAnswer,
  summarise,
  syncStatuses,
  validateAnswer,
  validateRisk,
  type CheckinKind,
  type QuestionSet,
  type RiskFields,
  type RiskInput,
} from '../../../src/domain/checkin';

const sync = (): QuestionSet => questionSet('sync');
const risk = (): QuestionSet => questionSet('risk');
const mention = (userId: string): string => `<@${userId}>`;

function okValues(result: ReturnType<typeof validateAnswer>): Record<string, string> {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.values;
}

function errors(result: ReturnType<typeof validateAnswer>): Record<string, string> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.values)}`);
  return result.errors;
}

function riskOk(result: ReturnType<typeof validateRisk>): RiskFields {
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.value;
}

function riskErr(result: ReturnType<typeof validateRisk>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** A complete, valid risk-review form with every area ok. */
function allOk(): Record<string, string> {
  return Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'ok']));
}

const syncForm = { status: 'on_track', progress: 'API done', next_steps: 'Deploy' };

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
    ['a bad option', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'choice', options: [{ value: 1, label: 'x' }] }] })],
    ['a non-boolean optional', (s) => ({ ...s, questions: [{ id: 'a', label: 'x', type: 'text', optional: 'yes' }] })],
  ];
  it.each(broken)('refuses %s', (_name, make) => {
    expect(parseQuestionSet(make({ ...sync() }))).toBeUndefined();
  });
});

describe('validateAnswer', () => {
  it('accepts a complete sync answer, trimmed, without the optional blockers', () => {
    expect(okValues(validateAnswer(sync(), { status: 'on_track', progress: '  API done \n', next_steps: 'Deploy' }))).toEqual(syncForm);
  });

  it('keeps optional answers that were given and drops blank ones', () => {
    expect(okValues(validateAnswer(sync(), { ...syncForm, blockers: 'Waiting on legal' })).blockers).toBe('Waiting on legal');
    expect(okValues(validateAnswer(sync(), { ...syncForm, blockers: '   ' }))).not.toHaveProperty('blockers');
    expect(okValues(validateAnswer(sync(), { ...syncForm, blockers: undefined }))).not.toHaveProperty('blockers');
  });

  it('drops keys the question set does not ask about, including prototype names', () => {
    const values = okValues(validateAnswer(sync(), { ...syncForm, extra: 'x', constructor: 'y', __proto__: 'z' }));
    expect(Object.keys(values).sort()).toEqual(['next_steps', 'progress', 'status']);
  });

  it('does not read answers off the prototype', () => {
    const values = Object.create({ status: 'on_track', progress: 'p', next_steps: 'n' }) as Record<string, string>;
    expect(Object.keys(errors(validateAnswer(sync(), values))).sort()).toEqual(['next_steps', 'progress', 'status']);
  });

  it('normalises line endings', () => {
    expect(okValues(validateAnswer(sync(), { ...syncForm, progress: 'a\r\nb\rc' })).progress).toBe('a\nb\nc');
  });

  it('maps a choice typed as its label or in another case to its value', () => {
    expect(okValues(validateAnswer(sync(), { ...syncForm, status: 'At Risk' })).status).toBe('at_risk');
    expect(okValues(validateAnswer(sync(), { ...syncForm, status: 'OFF_TRACK' })).status).toBe('off_track');
    expect(okValues(validateAnswer(sync(), { ...syncForm, status: ' on track ' })).status).toBe('on_track');
  });

  it('names every missing required answer, keyed by question id', () => {
    expect(errors(validateAnswer(sync(), {}))).toEqual({
      status: 'Choose one of: on track, at risk, off track.',
      progress: 'Please answer this question.',
      next_steps: 'Please answer this question.',
    });
  });

  it.each([
    ['status', 'Choose one of: on track, at risk, off track.'],
    ['progress', 'Please answer this question.'],
    ['next_steps', 'Please answer this question.'],
  ])('treats a blank %s as missing', (id, message) => {
    expect(errors(validateAnswer(sync(), { ...syncForm, [id]: ' \n ' }))).toEqual({ [id]: message });
  });

  it.each(['green', 'ok', 'on-track', 'problem'])('refuses the choice %j', (status) => {
    expect(errors(validateAnswer(sync(), { ...syncForm, status }))).toEqual({
      status: 'That is not one of the choices: on track, at risk, off track.',
    });
  });

  it('accepts text up to the limit, counting emoji as one character', () => {
    const atLimit = 'a'.repeat(ANSWER_TEXT_MAX);
    expect(okValues(validateAnswer(sync(), { ...syncForm, progress: atLimit })).progress).toBe(atLimit);
    const emoji = '😀'.repeat(ANSWER_TEXT_MAX);
    expect(okValues(validateAnswer(sync(), { ...syncForm, progress: emoji })).progress).toBe(emoji);
  });

  it.each([
    ['progress', ANSWER_TEXT_MAX + 1],
    ['blockers', ANSWER_TEXT_MAX + 500],
  ])('refuses %s longer than the limit, saying how long it is', (id, length) => {
    expect(errors(validateAnswer(sync(), { ...syncForm, [id]: 'x'.repeat(length) }))).toEqual({
      [id]: `Keep this to ${ANSWER_TEXT_MAX} characters (it has ${length}).`,
    });
  });

  it('judges length after trimming', () => {
    expect(okValues(validateAnswer(sync(), { ...syncForm, progress: ` ${'x'.repeat(ANSWER_TEXT_MAX)} ` })).progress).toHaveLength(ANSWER_TEXT_MAX);
  });

  it('accepts a risk review with every area ok and optional notes', () => {
    const values = okValues(validateAnswer(risk(), { ...allOk(), power_status: 'problem', power_note: ' UPS failing ' }));
    expect(values).toEqual({ ...allOk(), power_status: 'problem', power_note: 'UPS failing' });
  });

  it('requires every area status of a risk review', () => {
    const { disaster_status: _dropped, ...rest } = allOk();
    expect(errors(validateAnswer(risk(), { ...rest, power_status: 'fine' }))).toEqual({
      power_status: 'That is not one of the choices: ok, watch, problem.',
      disaster_status: 'Choose one of: ok, watch, problem.',
    });
  });

  it('validates against the snapshot it is given, not the current question set', () => {
    const old = sync();
    old.questions = old.questions.filter((q) => q.id !== 'next_steps');
    expect(okValues(validateAnswer(old, { status: 'on_track', progress: 'p' }))).toEqual({ status: 'on_track', progress: 'p' });
  });

  it('ignores values that are not strings at run time', () => {
    const values = { ...syncForm, progress: 42 } as unknown as Record<string, string>;
    expect(errors(validateAnswer(sync(), values))).toEqual({ progress: 'Please answer this question.' });
  });
});

describe('interpretTextAnswer: sync', () => {
  const table: Array<[string, Record<string, string>]> = [
    ['On track', { status: 'on_track' }],
    ['on track: API done', { status: 'on_track', progress: 'API done' }],
    ['ON TRACK - API done', { status: 'on_track', progress: 'API done' }],
    ['On-track. API done', { status: 'on_track', progress: 'API done' }],
    ['ontrack, API done', { status: 'on_track', progress: 'API done' }],
    ['At risk — vendor is late', { status: 'at_risk', progress: 'vendor is late' }],
    ['at-risk; vendor is late', { status: 'at_risk', progress: 'vendor is late' }],
    ['Off track!\nServer room flooded', { status: 'off_track', progress: 'Server room flooded' }],
    ['off track', { status: 'off_track' }],
    ['Green - all done', { status: 'on_track', progress: 'all done' }],
    ['amber: slipping a week', { status: 'at_risk', progress: 'slipping a week' }],
    ['Yellow.', { status: 'at_risk' }],
    ['RED\nno budget', { status: 'off_track', progress: 'no budget' }],
    ['Status: at risk\nvendor late', { status: 'at_risk', progress: 'vendor late' }],
    ['*Status:* at risk', { status: 'at_risk' }],
    ['status red, no budget', { status: 'off_track', progress: 'no budget' }],
    ['Status: red team is blocked', { status: 'off_track', progress: 'red team is blocked' }],
    ['*On track* API done', { status: 'on_track', progress: '*On track* API done' }],
    ['- on track: API done', { status: 'on_track', progress: 'API done' }],
    [':large_green_circle: On track\nAPI done', { status: 'on_track', progress: 'API done' }],
    ['&gt; on track', { status: 'on_track' }],
  ];
  it.each(table)('reads %j', (text, values) => {
    expect(interpretTextAnswer(sync(), text).values).toEqual(values);
  });

  it('keeps a sentence that starts with a status whole, as progress', () => {
    expect(interpretTextAnswer(sync(), 'On track with the migration').values).toEqual({
      status: 'on_track',
      progress: 'On track with the migration',
    });
    expect(interpretTextAnswer(sync(), 'At risk of slipping a week').values).toEqual({
      status: 'at_risk',
      progress: 'At risk of slipping a week',
    });
  });

  it.each(['Red team finished testing', 'Greenfield site is ready', 'redesigned the form', 'Not on track yet', 'We are on track', 'Status update: all done', 'statusred', 'on tracks'])(
    'finds no status in %j and keeps it all as progress',
    (text) => {
      expect(interpretTextAnswer(sync(), text).values).toEqual({ progress: text });
    },
  );

  it('only looks for a bare status on the first line with content', () => {
    expect(interpretTextAnswer(sync(), '\n\nAPI done\non track').values).toEqual({ progress: 'API done\non track' });
    expect(interpretTextAnswer(sync(), '\n\n  on track\nAPI done').values).toEqual({ status: 'on_track', progress: 'API done' });
  });

  it('finds a labelled status on any line, and only the first one', () => {
    expect(interpretTextAnswer(sync(), 'API done\nStatus: off track\nstatus: on track').values).toEqual({
      status: 'off_track',
      progress: 'API done\nstatus: on track',
    });
  });

  it('splits labelled sections into blockers and next steps', () => {
    const text = 'On track. Finished the API\nwrote docs\nBlockers: waiting on legal\nNext steps: deploy\nthen demo';
    expect(interpretTextAnswer(sync(), text).values).toEqual({
      status: 'on_track',
      progress: 'Finished the API\nwrote docs',
      blockers: 'waiting on legal',
      next_steps: 'deploy\nthen demo',
    });
  });

  it.each([
    ['Blocker: x', 'blockers'],
    ['blocked: x', 'blockers'],
    ['Impediments: x', 'blockers'],
    ['*Blockers*: x', 'blockers'],
    ['- Blockers: x', 'blockers'],
    ['Next: x', 'next_steps'],
    ['next step: x', 'next_steps'],
    ['Plans: x', 'next_steps'],
    ['Progress: x', 'progress'],
    ['Done: x', 'progress'],
    ['Update: x', 'progress'],
  ])('reads the section label in %j', (text, key) => {
    expect(interpretTextAnswer(sync(), text).values).toEqual({ [key]: 'x' });
  });

  it('reads a section label right after the status', () => {
    expect(interpretTextAnswer(sync(), 'Green. Blockers: none').values).toEqual({ status: 'on_track', blockers: 'none' });
  });

  it('unescapes Slack entities once and returns the plain text', () => {
    const result = interpretTextAnswer(sync(), ' on track: R&amp;D &lt;done&gt; &amp;lt; \r\n');
    expect(result.values).toEqual({ status: 'on_track', progress: 'R&D <done> &lt;' });
    expect(result.text).toBe('on track: R&D <done> &lt;');
  });

  it('caps each structured value at the answer limit but keeps the whole text', () => {
    const text = `on track: ${'x'.repeat(ANSWER_TEXT_MAX + 100)}`;
    const result = interpretTextAnswer(sync(), text);
    expect(Array.from(result.values.progress ?? '')).toHaveLength(ANSWER_TEXT_MAX);
    expect(result.values.progress?.endsWith('…')).toBe(true);
    expect(result.text).toBe(text);
  });

  it.each(['', '   ', '\n\n'])('reads nothing from %j', (text) => {
    expect(interpretTextAnswer(sync(), text)).toEqual({ values: {}, text: '' });
  });

  it('copes with a non-string at run time', () => {
    expect(interpretTextAnswer(sync(), undefined as unknown as string)).toEqual({ values: {}, text: '' });
  });

  it('stays fast on long adversarial input', () => {
    const inputs = ['status' + ' '.repeat(50_000), ':a'.repeat(25_000), '- '.repeat(25_000), 'on track' + '\t'.repeat(50_000) + 'x'];
    const started = performance.now();
    for (const text of inputs) interpretTextAnswer(sync(), text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('interpretTextAnswer: risk', () => {
  const table: Array<[string, Record<string, string>]> = [
    ['power: ok', { power_status: 'ok' }],
    ['Power: problem generator down', { power_status: 'problem', power_note: 'generator down' }],
    ['POWER - PROBLEM - generator down', { power_status: 'problem', power_note: 'generator down' }],
    ['power = watch (UPS old)', { power_status: 'watch', power_note: 'UPS old' }],
    ['power watch', { power_status: 'watch' }],
    ['power:ok.', { power_status: 'ok' }],
    ['*Power*: *problem*', { power_status: 'problem' }],
    ['- power: ok', { power_status: 'ok' }],
    ['• power: ok', { power_status: 'ok' }],
    ['1. power: ok', { power_status: 'ok' }],
    ['personnel: watch', { personnel_status: 'watch' }],
    ['people: watch two leavers', { personnel_status: 'watch', personnel_note: 'two leavers' }],
    ['Staff: ok', { personnel_status: 'ok' }],
    ['staffing: ok', { personnel_status: 'ok' }],
    ['facilities: ok', { facilities_status: 'ok' }],
    ['office: problem', { facilities_status: 'problem' }],
    ['Building: watch', { facilities_status: 'watch' }],
    ['electricity: ok', { power_status: 'ok' }],
    ['connectivity: ok', { connectivity_status: 'ok' }],
    ['network: problem', { connectivity_status: 'problem' }],
    ['Internet: watch', { connectivity_status: 'watch' }],
    ['telecom: ok', { connectivity_status: 'ok' }],
    ['merger_acquisition: ok', { merger_acquisition_status: 'ok' }],
    ['merger/acquisition: watch', { merger_acquisition_status: 'watch' }],
    ['M&A: problem board vote', { merger_acquisition_status: 'problem', merger_acquisition_note: 'board vote' }],
    ['m&amp;a: ok', { merger_acquisition_status: 'ok' }],
    ['merger: ok', { merger_acquisition_status: 'ok' }],
    ['Acquisition: watch', { merger_acquisition_status: 'watch' }],
    ['mergers and acquisitions: ok', { merger_acquisition_status: 'ok' }],
    ['merger & acquisition: red', { merger_acquisition_status: 'problem' }],
    ['disaster: ok', { disaster_status: 'ok' }],
    ['disasters: okay', { disaster_status: 'ok' }],
    ['power: fine', { power_status: 'ok' }],
    ['power: good', { power_status: 'ok' }],
    ['power: green', { power_status: 'ok' }],
    ['power: amber', { power_status: 'watch' }],
    ['power: yellow', { power_status: 'watch' }],
    ['power: watching', { power_status: 'watch' }],
    ['power: issue', { power_status: 'problem' }],
    ['power: problems', { power_status: 'problem' }],
    ['power: red', { power_status: 'problem' }],
  ];
  it.each(table)('reads %j', (text, values) => {
    expect(interpretTextAnswer(risk(), text).values).toEqual(values);
  });

  it.each(['powerok', 'power: okish', 'power is ok', 'the power: ok', 'powerful: ok', 'power: maybe', 'Everything is on fire'])('recognises nothing in %j', (text) => {
    const result = interpretTextAnswer(risk(), text);
    expect(result.values).toEqual({});
    expect(result.text).toBe(text);
  });

  it('reads several lines and keeps the rest as text', () => {
    const text = 'Quick update:\n- power: problem generator down\n- network: watch\nall else as before';
    const result = interpretTextAnswer(risk(), text);
    expect(result.values).toEqual({ power_status: 'problem', power_note: 'generator down', connectivity_status: 'watch' });
    expect(result.text).toBe(text);
  });

  it('lets the last line about an area win, note included', () => {
    expect(interpretTextAnswer(risk(), 'power: problem x\npower: ok').values).toEqual({ power_status: 'ok' });
    expect(interpretTextAnswer(risk(), 'power: ok\npower: watch y').values).toEqual({ power_status: 'watch', power_note: 'y' });
  });

  it.each(['all ok', 'All good.', 'everything fine', 'all areas: ok'])('fills every area from %j', (text) => {
    expect(interpretTextAnswer(risk(), text).values).toEqual(allOk());
  });

  it('fills only the areas a reply does not name, wherever the line is', () => {
    const expected = { ...allOk(), power_status: 'problem', power_note: 'gen' };
    expect(interpretTextAnswer(risk(), 'all ok\npower: problem gen').values).toEqual(expected);
    expect(interpretTextAnswer(risk(), 'power: problem gen\nall ok').values).toEqual(expected);
  });

  it('reads "all ok except <area>: <status>" on one line', () => {
    expect(interpretTextAnswer(risk(), 'All good except power: problem generator').values).toEqual({
      ...allOk(),
      power_status: 'problem',
      power_note: 'generator',
    });
    expect(interpretTextAnswer(risk(), 'all ok but network watch').values).toEqual({ ...allOk(), connectivity_status: 'watch' });
  });

  it('does not fill when an exception cannot be read', () => {
    expect(interpretTextAnswer(risk(), 'All ok except the thing with the landlord').values).toEqual({});
    expect(interpretTextAnswer(risk(), 'all ok except all problem').values).toEqual({});
  });

  it('stays fast on long adversarial input', () => {
    const inputs = ['power' + ' '.repeat(50_000) + 'x', 'power: ' + '*'.repeat(50_000), 'all ok except '.repeat(5_000)];
    const started = performance.now();
    for (const text of inputs) interpretTextAnswer(risk(), text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('problemsIn', () => {
  it('lists problem areas in checklist order with their trimmed notes', () => {
    const values = {
      ...allOk(),
      disaster_status: 'problem',
      disaster_note: ' flood warning ',
      power_status: 'problem',
      connectivity_status: 'watch',
      connectivity_note: 'ISP',
    };
    expect(problemsIn(values)).toEqual([
      { area: 'power', note: '' },
      { area: 'disaster', note: 'flood warning' },
    ]);
  });

  it.each([
    ['no problems', allOk()],
    ['nothing at all', {}],
    ['a problem note without a problem status', { ...allOk(), power_note: 'x' }],
    ['a status with another case', { power_status: 'Problem' }],
    ['a sync answer', syncForm],
  ])('finds none in %s', (_name, values) => {
    expect(problemsIn(values)).toEqual([]);
  });

  it('works on what interpretTextAnswer read', () => {
    expect(problemsIn(interpretTextAnswer(risk(), 'all ok except m&a: problem board vote').values)).toEqual([{ area: 'merger_acquisition', note: 'board vote' }]);
  });

  it('does not read off the prototype', () => {
    const values = Object.create({ power_status: 'problem' }) as Record<string, string>;
    expect(problemsIn(values)).toEqual([]);
  });
});

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
    expect(lines[0]).toBe('• <@U1> — *off track* — &lt;!channel&gt; &lt;@U9&gt; &lt;https://evil.test|click&gt; &amp; &amp;lt;');
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
    const answers: Answers = new Map<string, Entry>([['U1', { values: { status: 'on_track', progress: `line one\n\nline two\t${long}` } }]]);
    const [line] = summarise(sync(), ['U1'], answers, mention).lines;
    expect(line).not.toContain('\n');
    expect(line).toContain('line one line two word');
    const detail = line!.slice('• <@U1> — *on track* — '.length);
    expect(Array.from(detail)).toHaveLength(SUMMARY_DETAIL_MAX);
    expect(detail.endsWith('…')).toBe(true);
  });

  it('shortens before escaping, so no entity is cut in half', () => {
    const answers: Answers = new Map<string, Entry>([['U1', { values: { status: 'on_track', progress: '<'.repeat(1000) } }]]);
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
    expect(none.lines).toEqual(['_No answers._', '*Tally:* 0 on track · 0 at risk · 0 off track', '*Missed:* <@U1>, <@U2>']);
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
    expect(result.lines).toEqual(['• @u1 — *on track*', '*Tally:* 1 on track · 0 at risk · 0 off track', '*Missed:* @u2']);
  });

  describe('risk reviews', () => {
    const table: Array<[string, Record<string, string>, string]> = [
      ['all ok', allOk(), '*ok* — all areas ok'],
      [
        'a problem and a watch, problems first, notes in brackets',
        { ...allOk(), connectivity_status: 'watch', connectivity_note: 'ISP', disaster_status: 'problem', disaster_note: 'flood' },
        '*problem* — disaster: problem (flood) · connectivity: watch (ISP) · others ok',
      ],
      ['only watches', { ...allOk(), power_status: 'watch' }, '*watch* — power: watch · others ok'],
      ['some areas unstated', { power_status: 'problem', personnel_status: 'ok', merger_acquisition_status: 'ok' }, '*problem* — power: problem · ok: personnel, merger/acquisition'],
      ['only ok areas, some unstated', { power_status: 'ok' }, '*ok* — ok: power'],
      ['nothing ok', Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'watch'])), `*watch* — ${riskAreas.map((a) => `${riskAreaLabels[a]}: watch`).join(' · ')}`],
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
      expect(result.lines.slice(-2)).toEqual(['*Tally:* 1 ok · 1 watch · 1 problem · 1 without a status', '*Missed:* <@U5>']);
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

describe('parseRiskCategory', () => {
  const table: Array<[string, string | undefined]> = [
    ['personnel', 'personnel'],
    ['People', 'personnel'],
    ['staff', 'personnel'],
    ['facilities', 'facilities'],
    ['office', 'facilities'],
    ['building', 'facilities'],
    ['power', 'power'],
    ['electricity', 'power'],
    ['connectivity', 'connectivity'],
    ['network', 'connectivity'],
    ['internet', 'connectivity'],
    ['merger_acquisition', 'merger_acquisition'],
    ['merger/acquisition', 'merger_acquisition'],
    ['Merger/Acquisition', 'merger_acquisition'],
    ['M&A', 'merger_acquisition'],
    ['merger', 'merger_acquisition'],
    ['acquisition', 'merger_acquisition'],
    ['mergers  and acquisitions', 'merger_acquisition'],
    ['disaster', 'disaster'],
    ['other', 'other'],
    [' OTHER ', 'other'],
    ['all', undefined],
    ['everything', undefined],
    ['finance', undefined],
    ['', undefined],
  ];
  it.each(table)('reads %j as %j', (text, expected) => {
    expect(parseRiskCategory(text)).toBe(expected);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-28', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-30', true],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['0000-01-01', false],
    ['2024-1-01', false],
    ['24-01-01', false],
    ['2024/01/01', false],
    ['2024-01-01T00:00', false],
    [' 2024-01-01', false],
    ['', false],
  ])('%j is %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});

describe('validateRisk', () => {
  const today = '2024-05-10';
  const add = (input: RiskInput): ReturnType<typeof validateRisk> => validateRisk(input, today, 'add');
  const update = (input: RiskInput): ReturnType<typeof validateRisk> => validateRisk(input, today, 'update');

  it('fills likelihood and impact with 3 on add and leaves the rest out', () => {
    expect(riskOk(add({ title: 'Key engineer leaving' }))).toEqual({
      title: 'Key engineer leaving',
      likelihood: DEFAULT_RISK_RATING,
      impact: DEFAULT_RISK_RATING,
    });
    expect(DEFAULT_RISK_RATING).toBe(3);
  });

  it('reads every field on add', () => {
    expect(
      riskOk(
        add({
          title: '  Data centre\nflood  ',
          category: 'Merger/Acquisition',
          likelihood: ' 5 ',
          impact: '1',
          review: '2024-05-10',
          mitigation: ' Second site \r\n ready ',
        }),
      ),
    ).toEqual({
      title: 'Data centre flood',
      category: 'merger_acquisition',
      likelihood: 5,
      impact: 1,
      review: '2024-05-10',
      mitigation: 'Second site \n ready',
    });
  });

  it('returns only the fields given on update', () => {
    expect(riskOk(update({}))).toEqual({});
    expect(riskOk(update({ impact: '4' }))).toEqual({ impact: 4 });
    expect(riskOk(update({ title: 'New name', category: 'other' }))).toEqual({ title: 'New name', category: 'other' });
  });

  it('treats an empty mitigation as "clear it" on update and as nothing on add', () => {
    expect(riskOk(update({ mitigation: '  ' }))).toEqual({ mitigation: '' });
    expect(riskOk(add({ title: 't', mitigation: '' }))).not.toHaveProperty('mitigation');
  });

  it.each([
    ['personnel', 'personnel'],
    ['m&a', 'merger_acquisition'],
    ['network', 'connectivity'],
    ['OTHER', 'other'],
  ])('accepts category %j', (category, expected) => {
    expect(riskOk(add({ title: 't', category })).category).toBe(expected);
  });

  it.each(['1', '2', '3', '4', '5'])('accepts rating %s', (n) => {
    expect(riskOk(add({ title: 't', likelihood: n, impact: n }))).toMatchObject({ likelihood: Number(n), impact: Number(n) });
  });

  it('accepts a title of exactly the limit, counting emoji once', () => {
    expect(riskOk(add({ title: 'x'.repeat(RISK_TITLE_MAX) })).title).toHaveLength(RISK_TITLE_MAX);
    expect(riskOk(add({ title: '🔥'.repeat(RISK_TITLE_MAX) })).title).toBe('🔥'.repeat(RISK_TITLE_MAX));
  });

  it('accepts a mitigation of exactly the limit', () => {
    expect(riskOk(add({ title: 't', mitigation: 'm'.repeat(RISK_MITIGATION_MAX) })).mitigation).toHaveLength(RISK_MITIGATION_MAX);
  });

  const problems: Array<[string, 'add' | 'update', RiskInput, string]> = [
    ['no title on add', 'add', {}, 'Give the risk a title, in quotes.'],
    ['a blank title on add', 'add', { title: '  ' }, 'Give the risk a title, in quotes.'],
    ['a blank title on update', 'update', { title: ' ' }, 'The title cannot be empty.'],
    ['a long title', 'add', { title: 'x'.repeat(RISK_TITLE_MAX + 1) }, `The title has ${RISK_TITLE_MAX + 1} characters; keep it to ${RISK_TITLE_MAX}.`],
    ['an unknown category', 'update', { category: 'finance' }, '`finance` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.'],
    ['"all" as a category', 'update', { category: 'all' }, '`all` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.'],
    ['likelihood 0', 'update', { likelihood: '0' }, 'Likelihood must be a whole number from 1 to 5, not `0`.'],
    ['likelihood 6', 'update', { likelihood: '6' }, 'Likelihood must be a whole number from 1 to 5, not `6`.'],
    ['likelihood 2.5', 'update', { likelihood: '2.5' }, 'Likelihood must be a whole number from 1 to 5, not `2.5`.'],
    ['likelihood high', 'update', { likelihood: 'high' }, 'Likelihood must be a whole number from 1 to 5, not `high`.'],
    ['an empty likelihood', 'update', { likelihood: '' }, 'Likelihood must be a whole number from 1 to 5, not ``.'],
    ['impact -1', 'update', { impact: '-1' }, 'Impact must be a whole number from 1 to 5, not `-1`.'],
    ['impact 03', 'update', { impact: '03' }, 'Impact must be a whole number from 1 to 5, not `03`.'],
    ['a review not as YYYY-MM-DD', 'update', { review: '10/05/2024' }, 'The review date must be written YYYY-MM-DD, not `10/05/2024`.'],
    ['a review with a time', 'update', { review: '2024-06-01T10:00' }, 'The review date must be written YYYY-MM-DD, not `2024-06-01T10:00`.'],
    ['a review that does not exist', 'update', { review: '2025-02-29' }, 'The review date 2025-02-29 does not exist.'],
    ['a review in month 13', 'update', { review: '2024-13-01' }, 'The review date 2024-13-01 does not exist.'],
    ['a review yesterday', 'update', { review: '2024-05-09' }, 'The review date 2024-05-09 is in the past (today is 2024-05-10).'],
    ['a long mitigation', 'update', { mitigation: 'm'.repeat(RISK_MITIGATION_MAX + 1) }, `The mitigation has ${RISK_MITIGATION_MAX + 1} characters; keep it to ${RISK_MITIGATION_MAX}.`],
  ];
  it.each(problems)('refuses %s', (_name, mode, input, message) => {
    expect(riskErr(validateRisk(input, today, mode))).toBe(message);
  });

  it('accepts a review today and any later real date', () => {
    expect(riskOk(update({ review: today })).review).toBe(today);
    expect(riskOk(update({ review: '2024-05-11' })).review).toBe('2024-05-11');
    expect(riskOk(update({ review: '2028-02-29' })).review).toBe('2028-02-29');
    expect(riskOk(update({ review: ' 2030-01-01 ' })).review).toBe('2030-01-01');
  });

  it('names every problem in one message, one line each', () => {
    const message = riskErr(add({ title: '', category: 'x', likelihood: '7', impact: '0', review: '2024-02-30', mitigation: 'm'.repeat(1001) }));
    expect(message.split('\n')).toEqual([
      '• Give the risk a title, in quotes.',
      '• `x` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.',
      '• Likelihood must be a whole number from 1 to 5, not `7`.',
      '• Impact must be a whole number from 1 to 5, not `0`.',
      '• The review date 2024-02-30 does not exist.',
      '• The mitigation has 1001 characters; keep it to 1000.',
    ]);
  });

  it('echoes user text inertly', () => {
    const message = riskErr(update({ category: '<!channel>', likelihood: '<@U1>', review: '&`x`' }));
    expect(message).not.toMatch(/<[!@]/);
    expect(message).toContain('`&lt;!channel&gt;`');
    expect(message).toContain('`&lt;@U1&gt;`');
    expect(message).toContain("`&amp;'x'`");
  });
});

describe('riskScore', () => {
  const table: Array<[number, number, number, string]> = [
    [1, 1, 1, 'low'],
    [2, 2, 4, 'low'],
    [4, 1, 4, 'low'],
    [1, 5, 5, 'medium'],
    [5, 1, 5, 'medium'],
    [2, 3, 6, 'medium'],
    [3, 3, 9, 'medium'],
    [2, 5, 10, 'high'],
    [3, 4, 12, 'high'],
    [4, 4, 16, 'high'],
    [4, 5, 20, 'critical'],
    [5, 4, 20, 'critical'],
    [5, 5, 25, 'critical'],
  ];
  it.each(table)('%i × %i = %i, %s', (likelihood, impact, score, level) => {
    expect(riskScore(likelihood, impact)).toEqual({ score, level });
  });

  it('gives every cell of the 5×5 matrix a band consistent with its score', () => {
    const bands: Record<string, [number, number]> = { low: [1, 4], medium: [5, 9], high: [10, 16], critical: [20, 25] };
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        const { score, level } = riskScore(l, i);
        const [min, max] = bands[level]!;
        expect(score).toBeGreaterThanOrEqual(min);
        expect(score).toBeLessThanOrEqual(max);
      }
    }
  });
});

describe('isReviewOverdue', () => {
  const table: Array<[string | null, string, boolean]> = [
    [null, '2024-05-10', false],
    ['2024-05-10', '2024-05-10', false],
    ['2024-05-11', '2024-05-10', false],
    ['2024-05-09', '2024-05-10', true],
    ['2023-12-31', '2024-01-01', true],
    ['2024-01-01', '2023-12-31', false],
    ['2024-02-29', '2024-03-01', true],
    ['2024-04-30', '2024-05-01', true],
    ['2020-01-01', '2024-05-10', true],
    ['not a date', '2024-05-10', false],
    ['2024-05-09', 'not a date', false],
    ['', '2024-05-10', false],
  ];
  it.each(table)('review %j on %s → %s', (review, today, expected) => {
    expect(isReviewOverdue(review, today)).toBe(expected);
  });
});

describe('risk references', () => {
  it('labels risks R-<n>', () => {
    expect(riskLabel(1)).toBe('R-1');
    expect(riskLabel(42)).toBe('R-42');
  });

  it.each([
    ['R-3', 3],
    ['r-3', 3],
    ['3', 3],
    ['R3', 3],
    [' R-12 ', 12],
    ['R–7', 7],
    ['R-007', 7],
    ['R-2147483647', 2_147_483_647],
  ])('reads %j as %i', (text, n) => {
    expect(parseRiskRef(text)).toBe(n);
  });

  it.each(['', 'R-', 'R-0', '0', '-3', 'R--3', 'R-3a', 'R 3', 'RR-3', 'X-3', '3.5', 'R-2147483648', '12345678901', 'R-٣'])('refuses %j', (text) => {
    expect(parseRiskRef(text)).toBeUndefined();
  });

  it('round-trips with riskLabel', () => {
    for (const n of [1, 9, 10, 999, 123456]) expect(parseRiskRef(riskLabel(n))).toBe(n);
  });

  it('copes with a non-string at run time', () => {
    expect(parseRiskRef(undefined as unknown as string)).toBeUndefined();
  });
});
