import { statementFigures, statementScore } from '../../domain/settlement/statement';
import type { StatementCsvRow } from '../../domain/settlement/statement-csv';
import type { PartnerRow } from '../partners/find-partner';
import type { StatementRow } from './frozen';

export interface SettledRow {
  partner: PartnerRow;
  statement: StatementRow;
}

export interface SettleResult {
  period: string;
  rows: SettledRow[];
  /** Active partners without a contract, so nothing could be settled for them. */
  withoutContract: PartnerRow[];
  /**
   * Drafts of this run whose contract takes an entered commission (commission, hourly +
   * commission) with none entered for the period: built all the same, with a commission of 0,
   * so the table is complete, but the person settling must be told.
   */
  withoutCommission: SettledRow[];
  /**
   * Partners whose statement could not be built (amounts in another currency than the contract's,
   * or beyond the most Accord settles): listed with the reason, without a draft; the others settle.
   */
  failed: Array<{ partner: PartnerRow; error: string }>;
}

export const csvRowOf = ({ partner, statement: s }: SettledRow): StatementCsvRow => ({
  partner: partner.slug,
  period: s.period,
  ...statementFigures({
    accruedCents: s.accruedCents,
    score: statementScore(s),
    deductionsCents: s.deductionsCents,
    adjustmentsCents: s.adjustmentsCents,
  }),
});
