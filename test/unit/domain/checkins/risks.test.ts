import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_RATING,
  RISK_MITIGATION_MAX,
  RISK_TITLE_MAX,
  isCalendarDate,
  isReviewOverdue,
  parseRiskCategory,
  parseRiskRef,
  riskLabel,
  riskScore,
  validateRisk,
  type RiskFields,
  type RiskInput,
} from '../../../../src/domain/checkins/risks';

function riskOk(result: ReturnType<typeof validateRisk>): RiskFields {
  if (!result.ok) throw new Error(`unexpected error: ${result.error}`);
  return result.value;
}

function riskErr(result: ReturnType<typeof validateRisk>): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

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
    expect(riskOk(add({ title: 't', likelihood: n, impact: n }))).toMatchObject({
      likelihood: Number(n),
      impact: Number(n),
    });
  });

  it('accepts a title of exactly the limit, counting emoji once', () => {
    expect(riskOk(add({ title: 'x'.repeat(RISK_TITLE_MAX) })).title).toHaveLength(RISK_TITLE_MAX);
    expect(riskOk(add({ title: '🔥'.repeat(RISK_TITLE_MAX) })).title).toBe('🔥'.repeat(RISK_TITLE_MAX));
  });

  it('accepts a mitigation of exactly the limit', () => {
    expect(riskOk(add({ title: 't', mitigation: 'm'.repeat(RISK_MITIGATION_MAX) })).mitigation).toHaveLength(
      RISK_MITIGATION_MAX,
    );
  });

  const problems: Array<[string, 'add' | 'update', RiskInput, string]> = [
    ['no title on add', 'add', {}, 'Give the risk a title, in quotes.'],
    ['a blank title on add', 'add', { title: '  ' }, 'Give the risk a title, in quotes.'],
    ['a blank title on update', 'update', { title: ' ' }, 'The title cannot be empty.'],
    [
      'a long title',
      'add',
      { title: 'x'.repeat(RISK_TITLE_MAX + 1) },
      `The title has ${RISK_TITLE_MAX + 1} characters; keep it to ${RISK_TITLE_MAX}.`,
    ],
    [
      'an unknown category',
      'update',
      { category: 'finance' },
      '`finance` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.',
    ],
    [
      '"all" as a category',
      'update',
      { category: 'all' },
      '`all` is not a category: use personnel, facilities, power, connectivity, merger/acquisition, disaster or other.',
    ],
    ['likelihood 0', 'update', { likelihood: '0' }, 'Likelihood must be a whole number from 1 to 5, not `0`.'],
    ['likelihood 6', 'update', { likelihood: '6' }, 'Likelihood must be a whole number from 1 to 5, not `6`.'],
    ['likelihood 2.5', 'update', { likelihood: '2.5' }, 'Likelihood must be a whole number from 1 to 5, not `2.5`.'],
    ['likelihood high', 'update', { likelihood: 'high' }, 'Likelihood must be a whole number from 1 to 5, not `high`.'],
    ['an empty likelihood', 'update', { likelihood: '' }, 'Likelihood must be a whole number from 1 to 5, not ``.'],
    ['impact -1', 'update', { impact: '-1' }, 'Impact must be a whole number from 1 to 5, not `-1`.'],
    ['impact 03', 'update', { impact: '03' }, 'Impact must be a whole number from 1 to 5, not `03`.'],
    [
      'a review not as YYYY-MM-DD',
      'update',
      { review: '10/05/2024' },
      'The review date must be written YYYY-MM-DD, not `10/05/2024`.',
    ],
    [
      'a review with a time',
      'update',
      { review: '2024-06-01T10:00' },
      'The review date must be written YYYY-MM-DD, not `2024-06-01T10:00`.',
    ],
    ['a review that does not exist', 'update', { review: '2025-02-29' }, 'The review date 2025-02-29 does not exist.'],
    ['a review in month 13', 'update', { review: '2024-13-01' }, 'The review date 2024-13-01 does not exist.'],
    [
      'a review yesterday',
      'update',
      { review: '2024-05-09' },
      'The review date 2024-05-09 is in the past (today is 2024-05-10).',
    ],
    [
      'a long mitigation',
      'update',
      { mitigation: 'm'.repeat(RISK_MITIGATION_MAX + 1) },
      `The mitigation has ${RISK_MITIGATION_MAX + 1} characters; keep it to ${RISK_MITIGATION_MAX}.`,
    ],
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
    const message = riskErr(
      add({
        title: '',
        category: 'x',
        likelihood: '7',
        impact: '0',
        review: '2024-02-30',
        mitigation: 'm'.repeat(1001),
      }),
    );
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

  it.each([
    '',
    'R-',
    'R-0',
    '0',
    '-3',
    'R--3',
    'R-3a',
    'R 3',
    'RR-3',
    'X-3',
    '3.5',
    'R-2147483648',
    '12345678901',
    'R-٣',
  ])('refuses %j', (text) => {
    expect(parseRiskRef(text)).toBeUndefined();
  });

  it('round-trips with riskLabel', () => {
    for (const n of [1, 9, 10, 999, 123456]) expect(parseRiskRef(riskLabel(n))).toBe(n);
  });

  it('copes with a non-string at run time', () => {
    expect(parseRiskRef(undefined as unknown as string)).toBeUndefined();
  });
});
