import { describe, expect, it } from 'vitest';
import { ANSWER_TEXT_MAX, questionSet, riskAreas, type QuestionSet } from '../../../../src/domain/checkins/questions';
import { interpretTextAnswer, problemsIn } from '../../../../src/domain/checkins/interpret';

const sync = (): QuestionSet => questionSet('sync');
const risk = (): QuestionSet => questionSet('risk');

/** A complete, valid risk-review form with every area ok. */
function allOk(): Record<string, string> {
  return Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'ok']));
}

const syncForm = { status: 'on_track', progress: 'API done', next_steps: 'Deploy' };

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

  it.each([
    'Red team finished testing',
    'Greenfield site is ready',
    'redesigned the form',
    'Not on track yet',
    'We are on track',
    'Status update: all done',
    'statusred',
    'on tracks',
  ])('finds no status in %j and keeps it all as progress', (text) => {
    expect(interpretTextAnswer(sync(), text).values).toEqual({ progress: text });
  });

  it('only looks for a bare status on the first line with content', () => {
    expect(interpretTextAnswer(sync(), '\n\nAPI done\non track').values).toEqual({ progress: 'API done\non track' });
    expect(interpretTextAnswer(sync(), '\n\n  on track\nAPI done').values).toEqual({
      status: 'on_track',
      progress: 'API done',
    });
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
    expect(interpretTextAnswer(sync(), 'Green. Blockers: none').values).toEqual({
      status: 'on_track',
      blockers: 'none',
    });
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
    const inputs = [
      'status' + ' '.repeat(50_000),
      ':a'.repeat(25_000),
      '- '.repeat(25_000),
      'on track' + '\t'.repeat(50_000) + 'x',
    ];
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

  it.each([
    'powerok',
    'power: okish',
    'power is ok',
    'the power: ok',
    'powerful: ok',
    'power: maybe',
    'Everything is on fire',
  ])('recognises nothing in %j', (text) => {
    const result = interpretTextAnswer(risk(), text);
    expect(result.values).toEqual({});
    expect(result.text).toBe(text);
  });

  it('reads several lines and keeps the rest as text', () => {
    const text = 'Quick update:\n- power: problem generator down\n- network: watch\nall else as before';
    const result = interpretTextAnswer(risk(), text);
    expect(result.values).toEqual({
      power_status: 'problem',
      power_note: 'generator down',
      connectivity_status: 'watch',
    });
    expect(result.text).toBe(text);
  });

  it('lets the last line about an area win, note included', () => {
    expect(interpretTextAnswer(risk(), 'power: problem x\npower: ok').values).toEqual({ power_status: 'ok' });
    expect(interpretTextAnswer(risk(), 'power: ok\npower: watch y').values).toEqual({
      power_status: 'watch',
      power_note: 'y',
    });
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
    expect(interpretTextAnswer(risk(), 'all ok but network watch').values).toEqual({
      ...allOk(),
      connectivity_status: 'watch',
    });
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
    expect(problemsIn(interpretTextAnswer(risk(), 'all ok except m&a: problem board vote').values)).toEqual([
      { area: 'merger_acquisition', note: 'board vote' },
    ]);
  });

  it('does not read off the prototype', () => {
    const values = Object.create({ power_status: 'problem' }) as Record<string, string>;
    expect(problemsIn(values)).toEqual([]);
  });
});
