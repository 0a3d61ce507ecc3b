import { describe, expect, it } from 'vitest';
import type { Token } from '../../../../src/domain/args/token';
import {
  ackLadderStep,
  breachLadderStep,
  defaultPolicies,
  describePolicy,
  effectivePolicy,
  formatLevel,
  parseLevels,
  validatePolicy,
  warningOffset,
  type LevelSpec,
  type SlaPolicy,
} from '../../../../src/domain/escalations/policy';
import { severities } from '../../../../src/domain/escalations/state';
import { err, named, ok } from '../../../../src/testkit/results';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

const word = (value: string): Token => ({ kind: 'word', value });
const quoted = (value: string): Token => ({ kind: 'quoted', value });
const lead: LevelSpec = { kind: 'lead' };
const accountable: LevelSpec = { kind: 'accountable' };
const owner: LevelSpec = { kind: 'owner' };
const admins: LevelSpec = { kind: 'admins' };
const user = (userId: string): LevelSpec => ({ kind: 'user', userId });

const policy = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  ackMs: 15 * M,
  resolveMs: 4 * H,
  levels: [lead, owner, admins],
  stepMs: 15 * M,
  repeat: 2,
  hours: '24x7',
  ...over,
});

describe('defaultPolicies', () => {
  const levels = [lead, owner, admins];
  it.each<[string, number, number]>([
    ['sev1', 15 * M, 4 * H],
    ['sev2', H, D],
    ['sev3', 4 * H, 3 * D],
    ['sev4', D, 10 * D],
  ])('%s: ack %i ms, resolve %i ms, step = ack, repeat 2, 24x7, lead → owner → admins', (sev, ackMs, resolveMs) => {
    expect(defaultPolicies[sev as keyof typeof defaultPolicies]).toEqual({
      ackMs,
      resolveMs,
      levels,
      stepMs: ackMs,
      repeat: 2,
      hours: '24x7',
    });
  });

  it('covers every severity and passes its own validation', () => {
    expect(Object.keys(defaultPolicies)).toEqual([...severities]);
    for (const sev of severities) expect(validatePolicy(defaultPolicies[sev])).toEqual({ ok: true });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(defaultPolicies)).toBe(true);
    expect(Object.isFrozen(defaultPolicies.sev1)).toBe(true);
    expect(Object.isFrozen(defaultPolicies.sev1.levels)).toBe(true);
    expect(() => defaultPolicies.sev1.levels.push(user('U1'))).toThrow(TypeError);
  });
});

describe('effectivePolicy', () => {
  it('is the default without layers, as a fresh copy', () => {
    const p = effectivePolicy('sev2');
    expect(p).toEqual(defaultPolicies.sev2);
    expect(p).not.toBe(defaultPolicies.sev2);
    p.levels.push(user('U1'));
    p.ackMs = 1;
    expect(defaultPolicies.sev2.levels).toHaveLength(3);
    expect(effectivePolicy('sev2').ackMs).toBe(H);
  });

  it('skips undefined layers and undefined fields', () => {
    expect(effectivePolicy('sev1', undefined, {}, { ackMs: undefined, hours: undefined }, undefined)).toEqual(
      defaultPolicies.sev1,
    );
  });

  it('lets later layers win field by field', () => {
    const partner = { resolveMs: 8 * H, repeat: 3, hours: 'business' as const };
    const project = { repeat: 1, levels: [user('U1'), admins] };
    expect(effectivePolicy('sev1', partner, project)).toEqual({
      ackMs: 15 * M,
      resolveMs: 8 * H,
      levels: [user('U1'), admins],
      stepMs: 15 * M,
      repeat: 1,
      hours: 'business',
    });
  });

  it('moves the step with an ack given without a step', () => {
    expect(effectivePolicy('sev1', { ackMs: 30 * M }).stepMs).toBe(30 * M);
    expect(effectivePolicy('sev1', { ackMs: 30 * M, stepMs: 5 * M }).stepMs).toBe(5 * M);
    expect(effectivePolicy('sev1', { stepMs: 5 * M })).toMatchObject({ ackMs: 15 * M, stepMs: 5 * M });
  });

  it('lets a later ack without step replace an earlier explicit step', () => {
    expect(effectivePolicy('sev3', { ackMs: 2 * H, stepMs: 10 * M }, { ackMs: H })).toMatchObject({
      ackMs: H,
      stepMs: H,
    });
    expect(effectivePolicy('sev3', { ackMs: 2 * H, stepMs: 10 * M }, { resolveMs: 2 * D })).toMatchObject({
      ackMs: 2 * H,
      stepMs: 10 * M,
      resolveMs: 2 * D,
    });
    expect(effectivePolicy('sev3', { ackMs: 2 * H }, { stepMs: 20 * M })).toMatchObject({
      ackMs: 2 * H,
      stepMs: 20 * M,
    });
  });

  it('shares no level objects with its layers', () => {
    const levels = [user('U1')];
    const p = effectivePolicy('sev4', { levels });
    expect(p.levels).toEqual(levels);
    expect(p.levels).not.toBe(levels);
    expect(p.levels[0]).not.toBe(levels[0]);
  });

  it('throws on a severity that is not one', () => {
    expect(() => effectivePolicy('sev9' as 'sev1')).toThrow(RangeError);
  });
});

describe('parseLevels', () => {
  it('reads keywords in any case and mentions, in order', () => {
    expect(ok(parseLevels(named('levels=lead,Owner,ADMINS')))).toEqual([lead, owner, admins]);
    expect(ok(parseLevels(named('levels=accountable,<@U1|bob>,<@W2>')))).toEqual([accountable, user('U1'), user('W2')]);
    expect(ok(parseLevels(quoted(' lead , <@U1> ')))).toEqual([lead, user('U1')]);
  });

  it('reads a lone mention as one level', () => {
    const token = named('levels=<@U7|carol>');
    expect(token.kind).toBe('user');
    expect(ok(parseLevels(token))).toEqual([user('U7')]);
    expect(ok(parseLevels(word('owner')))).toEqual([owner]);
  });

  it('accepts ten levels and refuses eleven', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `<@U${i}>`).join(',');
    expect(ok(parseLevels(word(ten)))).toHaveLength(10);
    expect(err(parseLevels(word(`${ten},lead`)))).toBe('Give at most 10 levels; that list has 11.');
  });

  it('refuses an empty list', () => {
    const expected =
      'Name at least one level: `lead`, `accountable`, `owner`, `admins` or @someone, separated by commas.';
    expect(err(parseLevels(word(',')))).toBe(expected);
    expect(err(parseLevels(quoted('')))).toBe(expected);
    expect(err(parseLevels(quoted(' , ')))).toBe(expected);
  });

  it('refuses duplicates, naming each once', () => {
    expect(err(parseLevels(word('lead,owner,LEAD,lead')))).toBe(
      '`lead` is listed more than once: each level may appear only once.',
    );
    expect(err(parseLevels(word('<@U1>,owner,<@U1|again>')))).toBe(
      '<@U1> is listed more than once: each level may appear only once.',
    );
  });

  it('refuses unknown words, suggesting the keyword meant', () => {
    expect(err(parseLevels(word('lead,boss')))).toBe(
      '`boss` is not a level: use `lead`, `accountable`, `owner`, `admins` or @someone.',
    );
    expect(err(parseLevels(word('admin')))).toBe('`admin` is not a level: did you mean `admins`?');
    expect(err(parseLevels(word('leads')))).toBe('`leads` is not a level: did you mean `lead`?');
    expect(err(parseLevels(word('Owners')))).toBe('`Owners` is not a level: did you mean `owner`?');
  });

  it('refuses user groups, channels, @here and links without pinging anyone', () => {
    expect(err(parseLevels({ kind: 'usergroup', id: 'S1', label: '@oncall' }))).toBe(
      '`@oncall` is a user group: name people one by one, or use `lead`, `accountable`, `owner` or `admins`.',
    );
    expect(err(parseLevels(word('lead,<!subteam^S1|@oncall>')))).toContain('`@oncall` is a user group');
    expect(err(parseLevels({ kind: 'channel', id: 'C1', label: 'ops' }))).toContain('`#ops` is not a level');
    const here = err(parseLevels({ kind: 'special', value: 'here' }));
    expect(here).toContain('`@here` is not a level');
    expect(here).not.toContain('<!');
    expect(err(parseLevels({ kind: 'link', url: 'https://x.test' }))).toContain('`https://x.test` is not a level');
  });

  it('defuses markup and length in echoed text', () => {
    const message = err(parseLevels(quoted('x<!channel>&`y`')));
    expect(message).toContain("`x&lt;!channel&gt;&amp;'y'`");
    expect(err(parseLevels(quoted('n'.repeat(500))))).toContain(`\`${'n'.repeat(39)}…\``);
  });

  it('reports every problem at once', () => {
    const message = err(parseLevels(word('boss,lead,lead,admin')));
    expect(message.split('\n')).toEqual([
      '`boss` is not a level: use `lead`, `accountable`, `owner`, `admins` or @someone.',
      '`admin` is not a level: did you mean `admins`?',
      '`lead` is listed more than once: each level may appear only once.',
    ]);
  });
});

describe('validatePolicy', () => {
  it('accepts sensible policies, including the bounds', () => {
    expect(validatePolicy(policy())).toEqual({ ok: true });
    expect(validatePolicy(policy({ ackMs: S, resolveMs: 2 * S, stepMs: M }))).toEqual({ ok: true });
    expect(validatePolicy(policy({ ackMs: 29 * D, resolveMs: 30 * D, stepMs: 30 * D }))).toEqual({ ok: true });
    expect(validatePolicy(policy({ repeat: 1, levels: [user('U1')] }))).toEqual({ ok: true });
    expect(validatePolicy(policy({ repeat: 10, hours: 'business' }))).toEqual({ ok: true });
  });

  it.each<[string, Partial<SlaPolicy>, string]>([
    ['zero ack', { ackMs: 0 }, 'The ack time must be longer than zero.'],
    ['negative ack', { ackMs: -M }, 'The ack time must be longer than zero.'],
    ['NaN ack', { ackMs: Number.NaN }, 'The ack time must be longer than zero.'],
    [
      'ack over 30 days',
      { ackMs: 31 * D, resolveMs: 30 * D },
      'The ack time can be at most 30 days; 4w3d is longer.\nThe resolve time (4w2d) must be longer than the ack time (4w3d).',
    ],
    ['resolve equal to ack', { resolveMs: 15 * M }, 'The resolve time (15m) must be longer than the ack time (15m).'],
    [
      'resolve shorter than ack',
      { resolveMs: 10 * M },
      'The resolve time (10m) must be longer than the ack time (15m).',
    ],
    ['zero resolve', { resolveMs: 0 }, 'The resolve time must be longer than zero.'],
    ['resolve over 30 days', { resolveMs: 30 * D + S }, 'The resolve time can be at most 30 days; 4w2d1s is longer.'],
    ['step under a minute', { stepMs: 59 * S }, 'The step must be at least 1m; it is 59s.'],
    [
      'an implicit step under a minute',
      { ackMs: 30 * S, stepMs: 30 * S },
      'The step must be at least 1m; it is 30s (without step=, the step is the ack time).',
    ],
    ['step over 30 days', { stepMs: 31 * D }, 'The step can be at most 30 days; 4w3d is longer.'],
    ['repeat 0', { repeat: 0 }, 'Repeat must be a whole number from 1 to 10; it is 0.'],
    ['repeat 11', { repeat: 11 }, 'Repeat must be a whole number from 1 to 10; it is 11.'],
    ['fractional repeat', { repeat: 1.5 }, 'Repeat must be a whole number from 1 to 10; it is 1.5.'],
    [
      'no levels',
      { levels: [] },
      'Name at least one level: `lead`, `accountable`, `owner`, `admins` or @someone, separated by commas.',
    ],
    ['duplicate levels', { levels: [lead, lead] }, '`lead` is listed more than once: each level may appear only once.'],
    [
      'too many levels',
      { levels: Array.from({ length: 11 }, (_, i) => user(`U${i}`)) },
      'Give at most 10 levels; that list has 11.',
    ],
    ['unknown hours', { hours: 'weekends' as '24x7' }, 'Hours must be `24x7` or `business`.'],
  ])('refuses %s', (_name, over, message) => {
    expect(validatePolicy(policy(over))).toEqual({ ok: false, error: message });
  });

  it('reports every problem in one message, one per line', () => {
    const result = validatePolicy(policy({ ackMs: 2 * H, resolveMs: H, stepMs: 10 * S, repeat: 0, levels: [] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.split('\n')).toEqual([
      'The resolve time (1h) must be longer than the ack time (2h).',
      'The step must be at least 1m; it is 10s.',
      'Repeat must be a whole number from 1 to 10; it is 0.',
      'Name at least one level: `lead`, `accountable`, `owner`, `admins` or @someone, separated by commas.',
    ]);
  });
});

describe('ackLadderStep', () => {
  const p = policy({ ackMs: 15 * M, stepMs: 10 * M, levels: [lead, owner, admins], repeat: 2 });

  it.each<[number, number, number, number]>([
    [0, 0, 1, 0],
    [1, 1, 1, 15 * M],
    [2, 2, 1, 25 * M],
    [3, 0, 2, 35 * M],
    [4, 1, 2, 45 * M],
    [5, 2, 2, 55 * M],
  ])('L=3, repeat=2: k=%i → level index %i, round %i, offset %i ms', (k, levelIndex, round, offsetMs) => {
    expect(ackLadderStep(p, k)).toEqual({ levelIndex, round, offsetMs });
  });

  it('ends after L × repeat notifications', () => {
    expect(ackLadderStep(p, 6)).toBeUndefined();
    expect(ackLadderStep(p, 100)).toBeUndefined();
  });

  it('loops a single level once per round', () => {
    const single = policy({ levels: [user('U1')], ackMs: H, stepMs: 30 * M, repeat: 2 });
    expect(ackLadderStep(single, 0)).toEqual({ levelIndex: 0, round: 1, offsetMs: 0 });
    expect(ackLadderStep(single, 1)).toEqual({ levelIndex: 0, round: 2, offsetMs: H });
    expect(ackLadderStep(single, 2)).toBeUndefined();
    expect(ackLadderStep(policy({ levels: [owner], repeat: 1 }), 1)).toBeUndefined();
  });

  it('walks the default sev1 policy every 15 minutes', () => {
    const offsets = Array.from({ length: 6 }, (_, k) => ackLadderStep(effectivePolicy('sev1'), k)?.offsetMs);
    expect(offsets).toEqual([0, 15 * M, 30 * M, 45 * M, 60 * M, 75 * M]);
  });

  it('refuses positions that are not ladder steps', () => {
    for (const k of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(ackLadderStep(p, k)).toBeUndefined();
    expect(ackLadderStep(policy({ levels: [] }), 0)).toBeUndefined();
  });
});

describe('breachLadderStep', () => {
  it('walks levels 2..L once, one step apart from the breach', () => {
    const p = policy({ levels: [lead, owner, admins, user('U1')], stepMs: 20 * M });
    expect(breachLadderStep(p, 0)).toEqual({ levelIndex: 1, offsetMs: 0 });
    expect(breachLadderStep(p, 1)).toEqual({ levelIndex: 2, offsetMs: 20 * M });
    expect(breachLadderStep(p, 2)).toEqual({ levelIndex: 3, offsetMs: 40 * M });
    expect(breachLadderStep(p, 3)).toBeUndefined();
  });

  it('ignores repeat', () => {
    const p = policy({ levels: [lead, owner], repeat: 5 });
    expect(breachLadderStep(p, 0)).toEqual({ levelIndex: 1, offsetMs: 0 });
    expect(breachLadderStep(p, 1)).toBeUndefined();
  });

  it('reminds a single level once', () => {
    const p = policy({ levels: [owner] });
    expect(breachLadderStep(p, 0)).toEqual({ levelIndex: 0, offsetMs: 0 });
    expect(breachLadderStep(p, 1)).toBeUndefined();
  });

  it('refuses positions that are not ladder steps', () => {
    const p = policy();
    for (const j of [-1, 0.5, Number.NaN]) expect(breachLadderStep(p, j)).toBeUndefined();
    expect(breachLadderStep(policy({ levels: [] }), 0)).toBeUndefined();
  });
});

describe('warningOffset', () => {
  it.each<[number, number]>([
    [15 * M, 11 * M + 15 * S],
    [4 * H, 3 * H],
    [D, 18 * H],
    [10 * D, 7.5 * D],
    [S, 0],
    [2 * S, S],
    [1001, 0],
    [5 * S + 999, 4 * S],
    [0, 0],
    [-M, 0],
    [Number.NaN, 0],
  ])('75%% of %i ms is %i ms', (duration, offset) => {
    expect(warningOffset(duration)).toBe(offset);
  });
});

describe('formatLevel', () => {
  it.each<[LevelSpec, string]>([
    [lead, 'the target’s leads'],
    [accountable, 'the activity’s Accountable'],
    [owner, 'the project owner'],
    [admins, 'the vendor admins'],
    [user('U1'), '<@U1>'],
  ])('%j → %s', (level, text) => {
    expect(formatLevel(level)).toBe(text);
  });
});

describe('describePolicy', () => {
  it('renders the defaults on one line', () => {
    expect(describePolicy(defaultPolicies.sev1)).toBe(
      'ack 15m · resolve 4h · levels lead → owner → admins · step 15m · repeat 2 · 24x7',
    );
    expect(describePolicy(defaultPolicies.sev4)).toBe(
      'ack 1d · resolve 1w3d · levels lead → owner → admins · step 1d · repeat 2 · 24x7',
    );
  });

  it('renders overrides, users and business hours', () => {
    const p = policy({
      ackMs: 90 * M,
      resolveMs: 2 * D,
      stepMs: 30 * M,
      repeat: 1,
      hours: 'business',
      levels: [accountable, user('U1')],
    });
    expect(describePolicy(p)).toBe(
      'ack 1h30m · resolve 2d · levels accountable → <@U1> · step 30m · repeat 1 · business hours',
    );
  });

  it('shows an empty chain as a dash', () => {
    expect(describePolicy(policy({ levels: [] }))).toContain('levels — ·');
  });
});
