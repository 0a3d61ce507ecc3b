import { describe, expect, it } from 'vitest';
import type { Token } from '../../../src/domain/args/token';
import { ACTIVITY_NAME_MAX, normaliseActivity, validateActivityName } from '../../../src/domain/raci/activity';
import {
  describeRaci,
  describeRaciChange,
  raciRoles,
  validateRaci,
  type RaciAssignment,
} from '../../../src/domain/raci/assignment';
import {
  formatParty,
  parseParty,
  parsePartyList,
  partyKey,
  sameParty,
  type Party,
} from '../../../src/domain/raci/party';
import { customerStages, isCustomerStage, raciTemplate } from '../../../src/domain/raci/stages';
import { err, named, ok } from '../../../src/testkit/results';

const word = (value: string): Token => ({ kind: 'word', value });
const quoted = (value: string): Token => ({ kind: 'quoted', value });
const user = (userId: string): Party => ({ kind: 'user', userId });
const partner = (slug: string): Party => ({ kind: 'partner', slug });
const vendor: Party = { kind: 'vendor' };

const assignment = (over: Partial<RaciAssignment> = {}): RaciAssignment => ({
  responsible: [partner('acme')],
  accountable: vendor,
  consulted: [],
  informed: [],
  ...over,
});

describe('constants', () => {
  it('lists the RACI roles and customer stages in order', () => {
    expect(raciRoles).toEqual(['R', 'A', 'C', 'I']);
    expect(customerStages).toEqual(['acquisition', 'development', 'maturity', 'decline', 'churn']);
  });

  it('recognises customer stages exactly', () => {
    for (const stage of customerStages) expect(isCustomerStage(stage)).toBe(true);
    expect(isCustomerStage('Acquisition')).toBe(false);
    expect(isCustomerStage('growth')).toBe(false);
    expect(isCustomerStage('')).toBe(false);
  });
});

describe('parseParty', () => {
  it('reads a user mention, dropping its label', () => {
    expect(parseParty({ kind: 'user', id: 'U1' })).toEqual(user('U1'));
    expect(parseParty({ kind: 'user', id: 'W2', label: 'alice' })).toEqual(user('W2'));
  });

  it('reads vendor in any case', () => {
    expect(parseParty(word('vendor'))).toEqual(vendor);
    expect(parseParty(word('VENDOR'))).toEqual(vendor);
    expect(parseParty(word('Vendor'))).toEqual(vendor);
  });

  it('reads partner slugs, lower-cased', () => {
    expect(parseParty(word('acme'))).toEqual(partner('acme'));
    expect(parseParty(word('Acme-Telecom'))).toEqual(partner('acme-telecom'));
    expect(parseParty(word('a1-b2-c3'))).toEqual(partner('a1-b2-c3'));
    expect(parseParty(word('42'))).toEqual(partner('42'));
  });

  it('accepts quoted text like a word', () => {
    expect(parseParty(quoted('acme'))).toEqual(partner('acme'));
    expect(parseParty(quoted(' vendor '))).toEqual(vendor);
  });

  it('keeps partner slugs within the bounds partners are created with', () => {
    expect(parseParty(word('a'.repeat(40)))).toEqual(partner('a'.repeat(40)));
    expect(err(parseParty(word('a'.repeat(41))))).toContain('is not a person, a partner slug or `vendor`');
    expect(err(parseParty(word('x')))).toBe('`x` is not a person, a partner slug or `vendor`.');
  });

  it.each(['-acme', 'acme-', 'ac--me', 'ac_me', 'ac.me', 'acme!', 'ä-corp', 'two words'])('refuses %j', (text) => {
    expect(err(parseParty(word(text)))).toBe(`\`${text}\` is not a person, a partner slug or \`vendor\`.`);
  });

  it('names a channel by its label, or its id', () => {
    expect(err(parseParty({ kind: 'channel', id: 'C1', label: 'general' }))).toBe(
      '`#general` is not a person, a partner slug or `vendor`.',
    );
    expect(err(parseParty({ kind: 'channel', id: 'C1' }))).toBe('`#C1` is not a person, a partner slug or `vendor`.');
  });

  it('explains that user groups must be spelled out', () => {
    expect(err(parseParty({ kind: 'usergroup', id: 'S1', label: '@design' }))).toBe(
      '`@design` is a user group: name people one by one, a partner slug or `vendor`.',
    );
    expect(err(parseParty({ kind: 'usergroup', id: 'S1' }))).toContain('`@S1` is a user group');
  });

  it('refuses @here, @channel and links without pinging anyone', () => {
    for (const value of ['here', 'channel', 'everyone'] as const) {
      const message = err(parseParty({ kind: 'special', value }));
      expect(message).toBe(`\`@${value}\` is not a person, a partner slug or \`vendor\`.`);
      expect(message).not.toContain('<!');
    }
    expect(err(parseParty({ kind: 'link', url: 'https://x.test' }))).toBe(
      '`https://x.test` is not a person, a partner slug or `vendor`.',
    );
    expect(err(parseParty({ kind: 'link', url: 'https://x.test', label: 'docs' }))).toContain('`docs`');
  });

  it('defuses Slack markup, backticks and length in the echoed text', () => {
    const message = err(parseParty(word('x<!channel>&`y`')));
    expect(message).toBe("`x&lt;!channel&gt;&amp;'y'` is not a person, a partner slug or `vendor`.");
    const long = err(parseParty(quoted('n'.repeat(500) + ' tail')));
    expect(long).toContain(`\`${'n'.repeat(39)}…\``);
    expect(long.length).toBeLessThan(120);
    expect(err(parseParty(quoted('two\nlines')))).toBe('`two lines` is not a person, a partner slug or `vendor`.');
  });

  it('asks for someone when the text is blank', () => {
    expect(err(parseParty(quoted('')))).toBe('Name a person (@name), a partner slug or `vendor`.');
    expect(err(parseParty(quoted('   ')))).toBe('Name a person (@name), a partner slug or `vendor`.');
  });

  it('keeps `none` for emptying a role', () => {
    expect(err(parseParty(word('none')))).toBe(
      '`none` empties a role on its own (e.g. `C=none`); it cannot be listed with anyone.',
    );
    expect(err(parseParty(word('-')))).toContain('empties a role on its own');
  });
});

describe('parsePartyList', () => {
  it('reads a comma list of mixed parties as parseArgs delivers it', () => {
    expect(ok(parsePartyList(named('R=<@U1|alice>,acme,VENDOR')))).toEqual([user('U1'), partner('acme'), vendor]);
    expect(ok(parsePartyList(named('C=<@U1>,<@U2>')))).toEqual([user('U1'), user('U2')]);
  });

  it('reads a single mention or word as a one-item list', () => {
    const mention = named('A=<@U9|bob>');
    expect(mention.kind).toBe('user');
    expect(ok(parsePartyList(mention))).toEqual([user('U9')]);
    expect(ok(parsePartyList(word('globex')))).toEqual([partner('globex')]);
  });

  it('splits quoted lists too, ignoring spaces and empty items', () => {
    expect(ok(parsePartyList(named('I="acme, globex ,, <@U3>"')))).toEqual([
      partner('acme'),
      partner('globex'),
      user('U3'),
    ]);
    expect(ok(parsePartyList(word(',acme,')))).toEqual([partner('acme')]);
  });

  it('drops duplicates, keeping the first occurrence', () => {
    expect(ok(parsePartyList(word('acme,<@U1>,ACME,vendor,<@U1|again>,Vendor')))).toEqual([
      partner('acme'),
      user('U1'),
      vendor,
    ]);
  });

  it('refuses an empty list', () => {
    const expected = 'The list is empty: name a person (@name), a partner slug or `vendor`, separated by commas.';
    expect(err(parsePartyList(word(',')))).toBe(expected);
    expect(err(parsePartyList(quoted('')))).toBe(expected);
    expect(err(parsePartyList(quoted(' , , ')))).toBe(expected);
  });

  it('reads `none` alone as an empty list', () => {
    expect(ok(parsePartyList(word('none')))).toEqual([]);
    expect(ok(parsePartyList(word('NONE')))).toEqual([]);
    expect(ok(parsePartyList(quoted(' none ')))).toEqual([]);
    expect(ok(parsePartyList(word('-')))).toEqual([]);
    expect(ok(parsePartyList(word('—')))).toEqual([]);
  });

  it('refuses `none` mixed with parties', () => {
    expect(err(parsePartyList(word('acme,none')))).toContain('`none` empties a role on its own');
  });

  it('reports the first bad item by name', () => {
    expect(err(parsePartyList(word('acme,<#C1|general>,bad_one')))).toBe(
      '`#general` is not a person, a partner slug or `vendor`.',
    );
    expect(err(parsePartyList(word('acme,bad_one')))).toBe('`bad_one` is not a person, a partner slug or `vendor`.');
  });

  it('refuses non-party tokens given as the whole value', () => {
    expect(err(parsePartyList({ kind: 'channel', id: 'C1', label: 'general' }))).toBe(
      '`#general` is not a person, a partner slug or `vendor`.',
    );
    expect(err(parsePartyList({ kind: 'special', value: 'here' }))).toContain('`@here`');
    expect(err(parsePartyList({ kind: 'usergroup', id: 'S1', label: '@ops' }))).toContain('is a user group');
  });
});

describe('partyKey and sameParty', () => {
  it('identifies parties by kind and id', () => {
    expect(partyKey(user('U1'))).toBe('user:U1');
    expect(partyKey(partner('acme'))).toBe('partner:acme');
    expect(partyKey(vendor)).toBe('vendor');
    expect(sameParty(user('U1'), user('U1'))).toBe(true);
    expect(sameParty(user('U1'), user('U2'))).toBe(false);
    expect(sameParty(partner('vendor'), vendor)).toBe(false);
    expect(sameParty(vendor, { kind: 'vendor' })).toBe(true);
  });
});

describe('validateRaci without an existing assignment', () => {
  it('builds an assignment from R and A alone', () => {
    expect(ok(validateRaci({ R: [partner('acme')], A: [vendor] }))).toEqual(assignment());
  });

  it('keeps C and I and removes duplicates within a role', () => {
    const result = ok(
      validateRaci({
        R: [user('U1'), partner('acme'), user('U1')],
        A: [vendor, vendor],
        C: [partner('globex'), partner('globex')],
        I: [user('U2')],
      }),
    );
    expect(result).toEqual({
      responsible: [user('U1'), partner('acme')],
      accountable: vendor,
      consulted: [partner('globex')],
      informed: [user('U2')],
    });
  });

  it('allows the same party to be Responsible and Accountable', () => {
    expect(ok(validateRaci({ R: [vendor], A: [vendor] }))).toEqual(assignment({ responsible: [vendor] }));
  });

  it('requires an Accountable', () => {
    expect(err(validateRaci({ R: [partner('acme')] }))).toBe(
      'Every activity needs an Accountable: add A= with one person, partner slug or `vendor`.',
    );
    expect(err(validateRaci({ R: [partner('acme')], A: [] }))).toContain('Every activity needs an Accountable');
  });

  it('requires exactly one Accountable and names those given', () => {
    expect(err(validateRaci({ R: [partner('acme')], A: [user('U1'), partner('acme')] }))).toContain(
      'Exactly one Accountable: you gave 2 (<@U1>, acme).',
    );
    expect(err(validateRaci({ R: [vendor], A: [vendor, partner('a1'), partner('b2')] }))).toBe(
      'Exactly one Accountable: you gave 3 (vendor, a1, b2).',
    );
  });

  it('requires a Responsible', () => {
    expect(err(validateRaci({ A: [vendor] }))).toBe(
      'An activity needs at least one Responsible: add R= with a person, partner slug or `vendor`.',
    );
    expect(err(validateRaci({ R: [], A: [vendor] }))).toContain('at least one Responsible');
  });

  it('reports every problem at once, one per line', () => {
    const message = err(validateRaci({}));
    expect(message.split('\n')).toEqual([
      'Every activity needs an Accountable: add A= with one person, partner slug or `vendor`.',
      'An activity needs at least one Responsible: add R= with a person, partner slug or `vendor`.',
    ]);
  });

  it.each([
    [{ R: [partner('acme')], A: [vendor], C: [partner('acme')] }, 'acme cannot be both Responsible and Consulted.'],
    [{ R: [partner('acme')], A: [vendor], C: [vendor] }, 'vendor cannot be both Accountable and Consulted.'],
    [{ R: [user('U1')], A: [vendor], I: [user('U1')] }, '<@U1> cannot be both Responsible and Informed.'],
    [{ R: [partner('acme')], A: [vendor], I: [vendor] }, 'vendor cannot be both Accountable and Informed.'],
    [{ R: [vendor], A: [vendor], C: [partner('g1')], I: [partner('g1')] }, 'g1 cannot be both Consulted and Informed.'],
  ])('refuses overlapping roles %#', (input, message) => {
    expect(err(validateRaci(input))).toBe(message);
  });

  it('names every party in conflict', () => {
    const message = err(
      validateRaci({
        R: [partner('acme'), partner('globex')],
        A: [vendor],
        C: [partner('acme'), vendor],
        I: [partner('globex')],
      }),
    );
    expect(message.split('\n')).toEqual([
      'acme cannot be both Responsible and Consulted.',
      'vendor cannot be both Accountable and Consulted.',
      'globex cannot be both Responsible and Informed.',
    ]);
  });

  it('does not confuse a partner slugged like a user id or `vendor` with them', () => {
    expect(ok(validateRaci({ R: [partner('vendor')], A: [vendor], C: [partner('u1')], I: [user('u1')] }))).toEqual({
      responsible: [partner('vendor')],
      accountable: vendor,
      consulted: [partner('u1')],
      informed: [user('u1')],
    });
  });

  it('does not mutate its input', () => {
    const R = [partner('acme'), partner('acme')];
    const input = { R, A: [vendor] };
    const result = ok(validateRaci(input));
    expect(R).toHaveLength(2);
    result.responsible.push(vendor);
    expect(R).toHaveLength(2);
  });
});

describe('validateRaci merging with an existing assignment', () => {
  const existing = assignment({
    responsible: [partner('acme')],
    accountable: vendor,
    consulted: [user('U5')],
    informed: [partner('globex')],
  });

  it('keeps every role when nothing is given', () => {
    expect(ok(validateRaci({}, existing))).toEqual(existing);
  });

  it('replaces only the roles given', () => {
    expect(ok(validateRaci({ A: [partner('acme')] }, existing))).toEqual({ ...existing, accountable: partner('acme') });
    expect(ok(validateRaci({ R: [user('U1'), user('U2')] }, existing))).toEqual({
      ...existing,
      responsible: [user('U1'), user('U2')],
    });
    expect(ok(validateRaci({ I: [user('U7')], C: [partner('initech')] }, existing))).toEqual({
      ...existing,
      consulted: [partner('initech')],
      informed: [user('U7')],
    });
  });

  it('replaces a list rather than appending to it', () => {
    expect(ok(validateRaci({ R: [partner('initech')] }, existing)).responsible).toEqual([partner('initech')]);
  });

  it('clears C or I when given empty', () => {
    expect(ok(validateRaci({ C: [], I: [] }, existing))).toEqual({ ...existing, consulted: [], informed: [] });
  });

  it('refuses to empty R or A', () => {
    expect(err(validateRaci({ R: [] }, existing))).toBe(
      'An activity needs at least one Responsible: add R= with a person, partner slug or `vendor`.',
    );
    expect(err(validateRaci({ A: [] }, existing))).toContain('Every activity needs an Accountable');
    expect(err(validateRaci({ A: [vendor, partner('acme')] }, existing))).toBe(
      'Exactly one Accountable: you gave 2 (vendor, acme).',
    );
  });

  it('explains a clash with a role kept from before and how to change it', () => {
    expect(err(validateRaci({ R: [user('U5')] }, existing))).toBe(
      '<@U5> is already Consulted here, so it cannot also be Responsible: give C= without it, or C=none, to change that.',
    );
    expect(err(validateRaci({ A: [partner('globex')] }, existing))).toBe(
      'globex is already Informed here, so it cannot also be Accountable: give I= without it, or I=none, to change that.',
    );
    expect(err(validateRaci({ C: [partner('acme')] }, existing))).toBe(
      'acme is already Responsible here, so it cannot also be Consulted: give R= without it to change that.',
    );
    expect(err(validateRaci({ I: [vendor] }, existing))).toBe(
      'vendor is already Accountable here, so it cannot also be Informed: give A= someone else to change that.',
    );
    expect(err(validateRaci({ I: [user('U5')] }, existing))).toBe(
      '<@U5> is already Consulted here, so it cannot also be Informed: give C= without it, or C=none, to change that.',
    );
  });

  it('accepts moving a party between roles when both roles are given', () => {
    expect(ok(validateRaci({ R: [user('U5')], C: [] }, existing))).toEqual({
      ...existing,
      responsible: [user('U5')],
      consulted: [],
    });
    expect(ok(validateRaci({ R: [partner('globex')], I: [partner('acme')] }, existing))).toEqual({
      ...existing,
      responsible: [partner('globex')],
      informed: [partner('acme')],
    });
  });

  it('reports a clash between two roles given now plainly', () => {
    expect(err(validateRaci({ R: [partner('initech')], C: [partner('initech')] }, existing))).toBe(
      'initech cannot be both Responsible and Consulted.',
    );
  });

  it('does not mutate the existing assignment', () => {
    const copy = structuredClone(existing);
    const result = ok(validateRaci({ A: [partner('acme')] }, existing));
    result.responsible.push(vendor);
    result.consulted.push(vendor);
    expect(existing).toEqual(copy);
  });
});

describe('formatParty', () => {
  it('renders each kind of party', () => {
    expect(formatParty(user('U1'))).toBe('<@U1>');
    expect(formatParty(vendor)).toBe('vendor');
    expect(formatParty(partner('acme'))).toBe('acme');
  });

  it('uses the partner name when known', () => {
    const names = { acme: 'Acme Telecom' };
    expect(formatParty(partner('acme'), names)).toBe('Acme Telecom');
    expect(formatParty(partner('globex'), names)).toBe('globex');
    expect(formatParty(vendor, names)).toBe('vendor');
  });

  it('escapes partner names and ignores blank ones', () => {
    expect(formatParty(partner('evil'), { evil: '<!channel> & co' })).toBe('&lt;!channel&gt; &amp; co');
    expect(formatParty(partner('blank'), { blank: '  ' })).toBe('blank');
  });

  it('never picks up inherited properties as names', () => {
    expect(formatParty(partner('constructor'), {})).toBe('constructor');
    expect(formatParty(partner('tostring'), {})).toBe('tostring');
    expect(formatParty(partner('hasownproperty'), {})).toBe('hasownproperty');
  });
});

describe('describeRaci', () => {
  it('renders one line with a dash for empty roles', () => {
    const a: RaciAssignment = {
      responsible: [user('U1'), partner('acme')],
      accountable: vendor,
      consulted: [],
      informed: [partner('globex')],
    };
    expect(describeRaci(a)).toBe('R: <@U1>, acme · A: vendor · C: — · I: globex');
  });

  it('uses partner names', () => {
    const a = assignment({ accountable: partner('acme'), responsible: [partner('acme')], consulted: [vendor] });
    expect(describeRaci(a, { acme: 'Acme' })).toBe('R: Acme · A: Acme · C: vendor · I: —');
  });
});

describe('describeRaciChange', () => {
  const names = { acme: 'Acme', globex: 'Globex' };

  it('is empty when nothing changed', () => {
    expect(describeRaciChange(undefined, undefined)).toEqual([]);
    expect(describeRaciChange(assignment(), assignment())).toEqual([]);
  });

  it('ignores a different order within a role', () => {
    const a = assignment({ responsible: [user('U1'), user('U2')], informed: [vendor, partner('acme')] });
    const b = assignment({ responsible: [user('U2'), user('U1')], informed: [partner('acme'), vendor] });
    expect(describeRaciChange(a, b)).toEqual([]);
  });

  it('describes creation and removal in full', () => {
    expect(describeRaciChange(undefined, assignment())).toEqual(['created: R: acme · A: vendor · C: — · I: —']);
    expect(describeRaciChange(assignment(), undefined, names)).toEqual(['removed: R: Acme · A: vendor · C: — · I: —']);
  });

  it('describes a new Accountable', () => {
    expect(describeRaciChange(assignment(), assignment({ accountable: partner('acme') }))).toEqual([
      'A: vendor → acme',
    ]);
    expect(describeRaciChange(assignment(), assignment({ accountable: partner('acme') }), names)).toEqual([
      'A: vendor → Acme',
    ]);
  });

  it('describes additions and removals per role, in R A C I order', () => {
    const before = assignment({
      responsible: [user('U1')],
      accountable: vendor,
      consulted: [partner('globex')],
      informed: [],
    });
    const after = assignment({
      responsible: [user('U1'), user('U2'), user('U3')],
      accountable: user('U1'),
      consulted: [],
      informed: [partner('globex'), vendor],
    });
    expect(describeRaciChange(before, after)).toEqual([
      'R: added <@U2>, <@U3>',
      'A: vendor → <@U1>',
      'C: removed globex',
      'I: added globex, vendor',
    ]);
  });

  it('puts additions and removals of one role on one line', () => {
    const before = assignment({ responsible: [partner('acme'), user('U1')] });
    const after = assignment({ responsible: [user('U1'), partner('globex')] });
    expect(describeRaciChange(before, after, names)).toEqual(['R: added Globex; removed Acme']);
  });
});

describe('raciTemplate', () => {
  const activities = (stage: (typeof customerStages)[number]) => raciTemplate(stage, ['acme']).map((t) => t.activity);
  const service = 'Customer service (training, enquiries, complaints)';

  it('lists the acquisition duties', () => {
    expect(activities('acquisition')).toEqual([
      'Promotion',
      'New-customer development',
      'Sales',
      'Order handling',
      'Customer records',
    ]);
  });

  it('lists the development duties', () => {
    expect(activities('development')).toEqual(['Promotion', 'Order handling', service, 'Arrears collection']);
  });

  it('lists maturity as development plus deepening and opportunity discovery', () => {
    expect(activities('maturity')).toEqual([
      ...activities('development'),
      'Deepening (cross-selling)',
      'Opportunity discovery',
    ]);
  });

  it('lists decline as maturity plus needs discovery', () => {
    expect(activities('decline')).toEqual([...activities('maturity'), "Needs discovery to extend the customer's life"]);
  });

  it('lists the churn duties, naming customer service as in development', () => {
    expect(activities('churn')).toEqual([service, 'Arrears collection', 'Retention', 'Win-back']);
  });

  it.each(customerStages)('gives %s activities valid, unique names', (stage) => {
    const names = activities(stage);
    for (const name of names) expect(validateActivityName(name)).toBe(name);
    expect(new Set(names.map(normaliseActivity)).size).toBe(names.length);
  });

  it.each(customerStages)('makes the partner Responsible and the vendor Accountable in %s', (stage) => {
    for (const { assignment: a } of raciTemplate(stage, ['acme'])) {
      expect(a).toEqual({ responsible: [partner('acme')], accountable: vendor, consulted: [], informed: [] });
      expect(ok(validateRaci({ R: a.responsible, A: [a.accountable], C: a.consulted, I: a.informed }))).toEqual(a);
    }
  });

  it('makes every partner Responsible, once each and lower-cased', () => {
    const [first] = raciTemplate('acquisition', ['acme', 'globex', 'ACME', ' ']);
    expect(first?.assignment.responsible).toEqual([partner('acme'), partner('globex')]);
  });

  it('makes the vendor Responsible and Accountable with no partners', () => {
    for (const stage of customerStages) {
      for (const { assignment: a } of raciTemplate(stage, [])) {
        expect(a).toEqual({ responsible: [vendor], accountable: vendor, consulted: [], informed: [] });
      }
    }
  });

  it('returns fresh objects each time', () => {
    const one = raciTemplate('maturity', ['acme']);
    one[0]?.assignment.responsible.push(vendor);
    one[0]?.assignment.consulted.push(vendor);
    const two = raciTemplate('maturity', ['acme']);
    expect(two[0]?.assignment.responsible).toEqual([partner('acme')]);
    expect(two[0]?.assignment.consulted).toEqual([]);
    expect(one[1]?.assignment.responsible).toEqual([partner('acme')]);
  });
});

describe('normaliseActivity', () => {
  it('trims, collapses whitespace and lower-cases', () => {
    expect(normaliseActivity('  Order   handling ')).toBe('order handling');
    expect(normaliseActivity('Order\thandling')).toBe('order handling');
    expect(normaliseActivity('ORDER HANDLING')).toBe(normaliseActivity('order handling'));
    expect(normaliseActivity('Order\u00a0handling')).toBe('order handling');
  });

  it('treats composed and decomposed accents alike', () => {
    expect(normaliseActivity('Caf\u00e9')).toBe(normaliseActivity('Cafe\u0301'));
  });

  it('keeps punctuation and other scripts', () => {
    expect(normaliseActivity('Deepening (cross-selling)')).toBe('deepening (cross-selling)');
    expect(normaliseActivity(' 客户服务 ')).toBe('客户服务');
  });
});

describe('validateActivityName', () => {
  it('returns the trimmed name', () => {
    expect(validateActivityName('  Order handling  ')).toBe('Order handling');
    expect(validateActivityName('x')).toBe('x');
  });

  it('refuses an empty name', () => {
    const expected = 'Give the activity a name, e.g. `"Order handling"`.';
    expect(err(validateActivityName(''))).toBe(expected);
    expect(err(validateActivityName('   \t '))).toBe(expected);
  });

  it('refuses line breaks inside the name', () => {
    for (const br of ['\n', '\r', '\r\n', '\u2028']) {
      expect(err(validateActivityName(`Order${br}handling`))).toBe('Keep the activity name on one line.');
    }
    expect(validateActivityName('\nOrder handling\n')).toBe('Order handling');
  });

  it('allows up to 100 characters, counted as characters the user sees', () => {
    expect(ACTIVITY_NAME_MAX).toBe(100);
    expect(validateActivityName('a'.repeat(100))).toBe('a'.repeat(100));
    expect(validateActivityName('😀'.repeat(100))).toBe('😀'.repeat(100));
    expect(err(validateActivityName('a'.repeat(101)))).toBe(
      'Activity names are at most 100 characters; that one has 101.',
    );
    expect(err(validateActivityName(`  ${'a'.repeat(101)}  `))).toContain('that one has 101');
  });
});
