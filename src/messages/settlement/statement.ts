import { formatMoney, pricingModelLabels, rateOf, type PricingModel } from '../../domain/money';
import { coefficient } from '../../domain/settlement/payable';
import { statementScore, totalsByCurrency } from '../../domain/settlement/statement';
import { formatCoefficientCsv, formatScoreCsv } from '../../domain/settlement/statement-csv';
import type { SettledRow } from '../../services/settlement/settled-row';
import type { StatementView } from '../../services/settlement/statements';
import { escapeText } from '../mrkdwn';
import type { Reply } from '../types';

/** At most this many statements are listed in a reply; the CSV has them all. */
export const LIST_LIMIT = 25;

export const cur = (currency: string, cents: number) => `${currency} ${formatMoney(cents)}`;

export function describeContract(c: {
  model: PricingModel;
  currency: string;
  rateCents: number | null;
  feeCents: number | null;
}): string {
  const kind = rateOf(c.model);
  const price =
    kind === 'fee'
      ? ` · ${c.currency} ${formatMoney(c.feeCents ?? 0)} per month`
      : kind === 'rate'
        ? ` · ${c.currency} ${formatMoney(c.rateCents ?? 0)} per ${c.model === 'per_minute' ? 'minute' : 'hour'}`
        : '';
  const entered =
    c.model === 'commission'
      ? ' · commission entered with `/accord settle <period> accrued=…`'
      : c.model === 'hourly_plus_commission'
        ? ' + commission entered with `/accord settle <period> accrued=…`'
        : '';
  return `${pricingModelLabels[c.model]} in ${c.currency}${price}${entered}`;
}

export function summaryLine(period: string, rows: readonly SettledRow[]): string {
  const drafts = rows.filter((r) => r.statement.status === 'draft').length;
  const approved = rows.length - drafts;
  const totals = totalsByCurrency(rows)
    .map(
      (t) =>
        `${t.currency} ${formatMoney(t.total)} to pay (accrued ${formatMoney(t.accrued)}, held back for quality ${formatMoney(t.accrued - t.payable)})`,
    )
    .join('; ');
  const state = [
    drafts > 0 ? `${drafts} draft${drafts === 1 ? '' : 's'}` : '',
    approved > 0 ? `${approved} approved` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `*Settlement ${period}* · ${rows.length} partner${rows.length === 1 ? '' : 's'} (${state})${totals ? ` · ${totals}` : ''}`;
}

export function statementLine({ partner, statement: s }: SettledRow): string {
  const y = statementScore(s);
  return `• \`${partner.slug}\` ${s.status === 'draft' ? '_draft_' : 'approved'} · accrued ${cur(s.currency, s.accruedCents)} · score ${y === null ? '—' : formatScoreCsv(y)} · P ${formatCoefficientCsv(coefficient(y))}% · total *${cur(s.currency, s.totalCents)}*`;
}

/** What `/accord statement` shows for a statement view (one, a table, or none). */
export function statementReply(v: StatementView): Reply {
  if (v.kind === 'none') {
    if (v.draft) return { text: `The statement of \`${v.partner}\` for ${v.period} is not approved yet.` };
    return { text: `There is no statement${v.partner ? ` of \`${v.partner}\`` : ''} for ${v.period} yet.` };
  }
  if (v.kind === 'table') {
    const lines = v.rows.slice(0, LIST_LIMIT).map(statementLine);
    return {
      text: `${summaryLine(v.period, v.rows)}\n${lines.join('\n')}${v.rows.length > LIST_LIMIT ? `\n…and ${v.rows.length - LIST_LIMIT} more; \`/accord settle ${v.period}\` uploads them all as CSV.` : ''}`,
    };
  }
  const { partner, statement: s } = v.row;
  const c = (cents: number) => cur(s.currency, cents);
  const y = statementScore(s);
  const p = coefficient(y);
  const lines = [
    `*${escapeText(partner.name)} · statement ${v.period}* (${s.status === 'draft' ? '_draft_, may still change' : 'approved'})`,
    `Accrued: ${c(s.accruedCents)} (${escapeText(s.basis)})`,
    `Score: ${y === null ? '— (no evidence, nothing held back)' : `${formatScoreCsv(y)}/100`} · coefficient ${formatCoefficientCsv(p)}%`,
    `Payable: ${c(s.payableCents)} (90% of accrued, plus the 10% quality holdback × ${formatCoefficientCsv(p)}%; ${c(s.accruedCents - s.payableCents)} held back)`,
    ...v.entries.map(
      (e) =>
        `${e.kind === 'deduction' ? 'Deduction' : 'Adjustment'} (${e.month}): ${e.kind === 'deduction' ? '−' : e.cents < 0 ? '−' : '+'}${c(Math.abs(e.cents))} — ${escapeText(e.reason)}`,
    ),
    `Deductions: −${c(s.deductionsCents)} · adjustments: ${s.adjustmentsCents < 0 ? '−' : '+'}${c(Math.abs(s.adjustmentsCents))}`,
    `*Total: ${c(s.totalCents)}*`,
  ];
  return { text: lines.join('\n') };
}
