import { describe, expect, it } from 'vitest';
import { formatKpiTarget, kpiMet, parseKpiReading, parseKpiTarget } from '../../../../src/domain/scores/kpi';

describe('parseKpiTarget', () => {
  it.each([
    ['service_level>=80%', { metric: 'service_level', op: '>=', value: 80, unit: '%' }],
    ['aht<=300s', { metric: 'aht', op: '<=', value: 300, unit: 's' }],
    ['fcr>=70', { metric: 'fcr', op: '>=', value: 70, unit: '' }],
    ['csat>=4.5', { metric: 'csat', op: '>=', value: 4.5, unit: '' }],
    ['abandonment<=5.5%', { metric: 'abandonment', op: '<=', value: 5.5, unit: '%' }],
    ['AHT<=300S', { metric: 'aht', op: '<=', value: 300, unit: 's' }],
    ['qa >= 0.9', { metric: 'qa', op: '>=', value: 0.9, unit: '' }],
    ['delta>=-3', { metric: 'delta', op: '>=', value: -3, unit: '' }],
    ['x<=.5', { metric: 'x', op: '<=', value: 0.5, unit: '' }],
    ['sl>=0%', { metric: 'sl', op: '>=', value: 0, unit: '%' }],
    ['sl>=100%', { metric: 'sl', op: '>=', value: 100, unit: '%' }],
    ['aht<=0s', { metric: 'aht', op: '<=', value: 0, unit: 's' }],
    [`m${'a'.repeat(39)}>=1`, { metric: `m${'a'.repeat(39)}`, op: '>=', value: 1, unit: '' }],
  ])('parses %j', (text, target) => {
    expect(parseKpiTarget(text)).toEqual(target);
  });

  it('formats back to the canonical form', () => {
    expect(formatKpiTarget({ metric: 'service_level', op: '>=', value: 80, unit: '%' })).toBe('service_level>=80%');
    expect(formatKpiTarget({ metric: 'aht', op: '<=', value: 300, unit: 's' })).toBe('aht<=300s');
  });

  it.each<[string, RegExp]>([
    ['', /^Give a KPI target: use `<metric><=<value>` or `<metric>>=<value>`/],
    ['aht', /^`aht` is not a KPI target: use/],
    ['aht=300s', /the operator must be `<=` \(at most\) or `>=` \(at least\)/],
    ['aht<300s', /the operator must be `<=`/],
    ['aht=<300s', /write `<=`, not `=<`/],
    ['fcr=>70', /write `>=`, not `=>`/],
    ['>=80%', /A metric name is missing/],
    ['9lives>=1', /`9lives` is not a metric name: start with a letter/],
    ['service-level>=80%', /`service-level` is not a metric name/],
    [`m${'a'.repeat(40)}>=1`, /is not a metric name.*at most 40 characters/],
    ['sl>=', /A value is missing/],
    ['sl>=%', /A value is missing/],
    ['sl>=abc', /`abc` is not a number/],
    ['sl>=1e3', /`1e3` is not a number/],
    ['aht<=5m', /`5m` has a unit Accord does not know: use `%`, `s` for seconds/],
    ['aht<=300ms', /`300ms` has a unit/],
    ['sl>=120%', /`120%`: a percentage goes from 0 to 100/],
    ['sl>=-1%', /a percentage goes from 0 to 100/],
    ['aht<=-5s', /`-5s`: a time in seconds cannot be negative/],
    [`x>=${'9'.repeat(400)}`, /is too large/],
  ])('refuses %j', (text, message) => {
    const r = parseKpiTarget(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('parseKpiReading', () => {
  it.each([
    ['aht=280s', { metric: 'aht', value: 280, unit: 's' }],
    ['service_level=82.5%', { metric: 'service_level', value: 82.5, unit: '%' }],
    ['csat=4.7', { metric: 'csat', value: 4.7, unit: '' }],
    ['FCR=71', { metric: 'fcr', value: 71, unit: '' }],
  ])('parses %j', (text, reading) => {
    expect(parseKpiReading(text)).toEqual(reading);
  });

  it.each<[string, RegExp]>([
    ['', /^Give a KPI reading: use `<metric>=<value>`/],
    ['aht', /`aht` is not a KPI reading/],
    ['aht<=280s', /a reading uses `=` \(targets use `<=` or `>=`\)/],
    ['aht=', /A value is missing/],
    ['aht=fast', /`fast` is not a number/],
    ['sl=101%', /a percentage goes from 0 to 100/],
    ['1x=3', /`1x` is not a metric name/],
  ])('refuses %j', (text, message) => {
    const r = parseKpiReading(text);
    expect('error' in r && r.error).toMatch(message);
  });
});

describe('kpiMet', () => {
  const sl = { metric: 'service_level', op: '>=', value: 80, unit: '%' } as const;
  const aht = { metric: 'aht', op: '<=', value: 300, unit: 's' } as const;
  const csat = { metric: 'csat', op: '>=', value: 4.5, unit: '' } as const;

  it.each([
    [sl, { value: 80, unit: '%' }, true],
    [sl, { value: 79.99, unit: '%' }, false],
    [sl, { value: 95, unit: '%' }, true],
    [aht, { value: 300, unit: 's' }, true],
    [aht, { value: 280, unit: 's' }, true],
    [aht, { value: 300.5, unit: 's' }, false],
    [csat, { value: 4.5, unit: '' }, true],
    [csat, { value: 4.4, unit: '' }, false],
  ] as const)('%j with %j → %s', (target, reading, met) => {
    expect(kpiMet(target, reading)).toBe(met);
  });

  it('works on parsed text end to end', () => {
    const target = parseKpiTarget('aht<=300s');
    const reading = parseKpiReading('aht=280s');
    if ('error' in target || 'error' in reading) throw new Error('parse failed');
    expect(kpiMet(target, reading)).toBe(true);
  });

  it.each([
    [
      aht,
      { value: 280, unit: '%' },
      'The reading `aht=280%` is a percentage, but the target `aht<=300s` is in seconds: record the reading in seconds.',
    ],
    [
      sl,
      { value: 82, unit: '' },
      'The reading `service_level=82` is a plain number, but the target `service_level>=80%` is a percentage: record the reading as a percentage.',
    ],
    [
      csat,
      { value: 4.6, unit: 's' },
      'The reading `csat=4.6s` is in seconds, but the target `csat>=4.5` is a plain number: record the reading as a plain number.',
    ],
  ] as const)('refuses a unit mismatch: %j with %j', (target, reading, error) => {
    expect(kpiMet(target, reading)).toEqual({ error });
  });

  it('refuses a reading for another metric', () => {
    expect(kpiMet(aht, { metric: 'fcr', value: 1, unit: 's' })).toEqual({
      error: 'The reading is for `fcr` but the target is for `aht`.',
    });
  });
});
