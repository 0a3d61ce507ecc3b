import { describe, expect, it } from 'vitest';
import { ANSWER_TEXT_MAX, questionSet, riskAreas, type QuestionSet } from '../../../../src/domain/checkins/questions';
import { validateAnswer } from '../../../../src/domain/checkins/answers';

const sync = (): QuestionSet => questionSet('sync');
const risk = (): QuestionSet => questionSet('risk');

function okValues(result: ReturnType<typeof validateAnswer>): Record<string, string> {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.values;
}

function errors(result: ReturnType<typeof validateAnswer>): Record<string, string> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.values)}`);
  return result.errors;
}

/** A complete, valid risk-review form with every area ok. */
function allOk(): Record<string, string> {
  return Object.fromEntries(riskAreas.map((a) => [`${a}_status`, 'ok']));
}

const syncForm = { status: 'on_track', progress: 'API done', next_steps: 'Deploy' };

describe('validateAnswer', () => {
  it('accepts a complete sync answer, trimmed, without the optional blockers', () => {
    expect(
      okValues(validateAnswer(sync(), { status: 'on_track', progress: '  API done \n', next_steps: 'Deploy' })),
    ).toEqual(syncForm);
  });

  it('keeps optional answers that were given and drops blank ones', () => {
    expect(okValues(validateAnswer(sync(), { ...syncForm, blockers: 'Waiting on legal' })).blockers).toBe(
      'Waiting on legal',
    );
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
    expect(
      okValues(validateAnswer(sync(), { ...syncForm, progress: ` ${'x'.repeat(ANSWER_TEXT_MAX)} ` })).progress,
    ).toHaveLength(ANSWER_TEXT_MAX);
  });

  it('accepts a risk review with every area ok and optional notes', () => {
    const values = okValues(
      validateAnswer(risk(), { ...allOk(), power_status: 'problem', power_note: ' UPS failing ' }),
    );
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
    expect(okValues(validateAnswer(old, { status: 'on_track', progress: 'p' }))).toEqual({
      status: 'on_track',
      progress: 'p',
    });
  });

  it('ignores values that are not strings at run time', () => {
    const values = { ...syncForm, progress: 42 } as unknown as Record<string, string>;
    expect(errors(validateAnswer(sync(), values))).toEqual({ progress: 'Please answer this question.' });
  });
});
