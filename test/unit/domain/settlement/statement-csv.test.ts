import { describe, expect, it } from 'vitest';
import { statementFigures } from '../../../../src/domain/settlement/statement';
import { statementCsv, STATEMENT_CSV_COLUMNS } from '../../../../src/domain/settlement/statement-csv';

describe('statementCsv', () => {
  const row = {
    partner: 'acme',
    period: '2026-10',
    ...statementFigures({ accruedCents: 100050, score: 81, deductionsCents: 500, adjustmentsCents: -125 }),
  };

  it('has the columns docs/product.md names, money with two decimals and no separators', () => {
    const csv = statementCsv([
      row,
      {
        partner: 'globex',
        period: '2026-10',
        ...statementFigures({ accruedCents: 0, score: null, deductionsCents: 0, adjustmentsCents: 0 }),
      },
    ]);
    expect(csv).toBe(
      [
        'partner,period,score,coefficient,accrued,payable,deductions,adjustments,total',
        'acme,2026-10,81.00,90.00,1000.50,990.50,5.00,-1.25,984.25',
        'globex,2026-10,,100.00,0.00,0.00,0.00,0.00,0.00',
        '',
      ].join('\r\n'),
    );
    expect(STATEMENT_CSV_COLUMNS.join(',')).toBe(
      'partner,period,score,coefficient,accrued,payable,deductions,adjustments,total',
    );
  });

  it('quotes fields that need it and defuses formula-like text', () => {
    const csv = statementCsv([
      { ...row, partner: 'a,"b"' },
      { ...row, partner: '=cmd()' },
    ]);
    expect(csv).toContain('"a,""b"""');
    expect(csv).toContain("'=cmd()");
  });
});
