import { formatMoney } from '../../domain/money';
import { formatPeriod, type Period } from '../../domain/period';
import type { LedgerOutcome } from '../../services/settlement/ledger-subject';
import type { SettledRow, SettleResult } from '../../services/settlement/settled-row';
import { escapeText } from '../mrkdwn';
import type { Reply, SlackMessage } from '../types';
import { cur, describeContract, LIST_LIMIT, statementLine, summaryLine } from './statement';

type ContractTerms = Parameters<typeof describeContract>[0];

/** A commission partner settled without its commission: the draft holds 0 for it, which is rarely meant. */
function missingCommissionLine(period: string, { partner, statement: s }: SettledRow): string {
  const consequence =
    s.model === 'commission'
      ? `its draft accrues ${cur(s.currency, 0)}`
      : `its draft has its hours only (commission ${cur(s.currency, 0)})`;
  return `:warning: No commission entered for \`${partner.slug}\` (${escapeText(partner.name)}) in ${period}, so ${consequence}. Enter it with \`/accord settle ${period} accrued=${partner.slug}:<amount>\`.`;
}

/** What a usage record, deduction or adjustment did, `what` being the thing recorded. */
function ledgerText(o: LedgerOutcome, what: string): string {
  if (o.carried) {
    const sign = o.carried.cents < 0 ? '−' : '+';
    return `:lock: ${o.carried.from} is approved for \`${o.partner.slug}\`, so ${what} goes into ${o.carried.to} as an adjustment of ${sign}${cur(o.carried.currency, Math.abs(o.carried.cents))}.${o.draftToRebuild ? ` ${o.draftToRebuild} has a draft: run \`/accord settle ${o.draftToRebuild}\` again to include it.` : ''}`;
  }
  return `:white_check_mark: Recorded ${what} for \`${o.partner.slug}\` in ${o.month}.${o.draftToRebuild ? ` ${o.draftToRebuild} has a draft: run \`/accord settle ${o.draftToRebuild}\` again to include it.` : ''}`;
}

export const settlementReplies = {
  contractSet: (slug: string, contract: ContractTerms, previous: ContractTerms | undefined): Reply => ({
    text: `:white_check_mark: \`${slug}\`'s contract: ${describeContract(contract)}.${previous ? ` It was ${describeContract(previous)}; statements built from now on use the new terms.` : ''}`,
  }),
  contract: (partner: { slug: string; name: string }, contract: ContractTerms): Reply => ({
    text: `*${escapeText(partner.name)}* \`${partner.slug}\`: ${describeContract(contract)}.`,
  }),
  usageRecorded: (o: LedgerOutcome, usage: string): Reply => ({ text: ledgerText(o, usage) }),
  deducted: (o: LedgerOutcome & { currency: string }, cents: number): Reply => ({
    text: ledgerText(o, `a deduction of ${cur(o.currency, cents)}`),
  }),
  adjusted: (o: LedgerOutcome & { currency: string }, cents: number): Reply => ({
    text: ledgerText(o, `an adjustment of ${cents < 0 ? '−' : '+'}${cur(o.currency, Math.abs(cents))}`),
  }),
  settled(r: SettleResult): Reply {
    const missing =
      r.withoutContract.length > 0
        ? `\nNo contract, so not settled: ${r.withoutContract.map((p) => `\`${p.slug}\``).join(', ')}.`
        : '';
    const failed = r.failed.map((f) => `\n:x: \`${f.partner.slug}\` was not settled: ${f.error}`).join('');
    if (r.rows.length === 0 && r.failed.length > 0)
      return { text: `Nothing was settled for ${r.period}.${failed}${missing}` };
    if (r.rows.length === 0)
      return {
        text: `Nothing to settle for ${r.period}: no partner has a contract yet. Set one with \`/accord contract set\`.${missing}`,
      };
    const lines = r.rows.slice(0, LIST_LIMIT).map(statementLine);
    const more = r.rows.length > LIST_LIMIT ? `\n…and ${r.rows.length - LIST_LIMIT} more in the CSV.` : '';
    const uncommissioned = r.withoutCommission.map((row) => `\n${missingCommissionLine(r.period, row)}`).join('');
    const next = r.rows.some((x) => x.statement.status === 'draft')
      ? `\nThe CSV is being uploaded here. Check it, then approve with \`/accord settle approve ${r.period}\`.`
      : '\nEvery statement of this period is already approved.';
    return {
      text: `${summaryLine(r.period, r.rows)}\n${lines.join('\n')}${more}${failed}${uncommissioned}${missing}${next}`,
    };
  },
  approved(
    period: Period,
    r: { period: string; approved: readonly SettledRow[]; alreadyApproved: readonly SettledRow[] },
  ): Reply {
    if (r.approved.length === 0)
      return {
        text: `Already approved: ${r.alreadyApproved.map((a) => `\`${a.partner.slug}\``).join(', ')} for ${r.period}. Later changes go into the next period as adjustments.`,
      };
    return {
      text: `:lock: Approved ${r.approved.length} statement${r.approved.length === 1 ? '' : 's'} for ${formatPeriod(period)}: ${r.approved.map((a) => `\`${a.partner.slug}\` ${cur(a.statement.currency, a.statement.totalCents)}`).join(', ')}. They are frozen; later changes go into the next period as adjustments, and each partner's leads have been told.`,
    };
  },
};

/** The comment on the uploaded settlement CSV. */
export function settlementUploadComment(period: string, rows: readonly SettledRow[]): string {
  const hint = rows.some((r) => r.statement.status === 'draft')
    ? ` Approve with \`/accord settle approve ${period}\`.`
    : '';
  return `${summaryLine(period, rows)}.${hint}`;
}

/** What a partner's leads are told when its statement is approved. */
export const statementApprovedNotice = (
  period: string,
  statement: { currency: string; totalCents: number },
): SlackMessage => ({
  text: `Your statement for ${period} is approved: ${statement.currency} ${formatMoney(statement.totalCents)} to be paid. \`/accord statement ${period}\` (from another organisation: \`@Accord statement ${period}\` in your project channel) shows how it was reached.`,
});

/** The title of the uploaded settlement CSV. */
export const settlementCsvTitle = (period: string) => `Settlement ${period}`;
