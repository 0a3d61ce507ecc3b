import { formatMoneyPlain } from '../money';
import type { StatementFigures } from './statement';

export const STATEMENT_CSV_COLUMNS = [
  'partner',
  'period',
  'score',
  'coefficient',
  'accrued',
  'payable',
  'deductions',
  'adjustments',
  'total',
] as const;

export interface StatementCsvRow extends StatementFigures {
  partner: string;
  period: string;
}

/** RFC 4180 quoting, plus a leading apostrophe for text a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Y and P with two decimals (P in percent, e.g. `99.99`); an empty score means no evidence. */
export const formatScoreCsv = (y: number | null) => (y === null ? '' : y.toFixed(2));
export const formatCoefficientCsv = (p: number) => p.toFixed(2);

/**
 * The statement table as CSV: the columns docs/product.md names, money in major units with two
 * decimals and no thousands separators, one line per partner, CRLF line ends.
 */
export function statementCsv(rows: readonly StatementCsvRow[]): string {
  const lines = [STATEMENT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.partner,
        r.period,
        formatScoreCsv(r.score),
        formatCoefficientCsv(r.coefficient),
        formatMoneyPlain(r.accruedCents),
        formatMoneyPlain(r.payableCents),
        formatMoneyPlain(r.deductionsCents),
        formatMoneyPlain(r.adjustmentsCents),
        formatMoneyPlain(r.totalCents),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
