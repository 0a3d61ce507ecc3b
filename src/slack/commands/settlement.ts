import { tokenText, type Token } from '../../domain/args/token';
import { formatMoney, formatUsage, parseCurrency, parseMoney, parseUsage, pricingModels, rateOf, usageUnits, type UsageUnit } from '../../domain/money';

import { usageError } from '../../errors';
import { describeContract, recordEntry, recordUsage, setContract, showContract, type LedgerOutcome } from '../../services/settlement/ledger';
import { approvePeriod, settlePeriod, summaryLine, type SettledRow } from '../../services/settlement/settle';
import { viewStatement, type StatementView } from '../../services/settlement/statements';
import { escapeText } from '../../messages/mrkdwn';
import { oneOf, optionalNamed, periodOption, refuseExtraPositional, refuseUnknownNamed, requireSlug, requireText } from './arg-helpers';
import { defineSubcommand } from './types';
import type { Reply } from '../../messages/types';
import { formatPeriod, parsePeriod, type Period } from '../../domain/period';
import { coefficient } from '../../domain/settlement/payable';
import { formatCoefficientCsv, formatScoreCsv } from '../../domain/settlement/statement-csv';
import { splitAccruedList } from '../../domain/settlement/accrued-list';
import { statementScore } from '../../domain/settlement/statement';

const CONTRACT_SET = '/accord contract set <partner> commission|per_minute|per_hour|monthly|hourly_plus_commission [currency=<code>] [rate=<amount>] [fee=<amount>]';
const CONTRACT_SHOW = '/accord contract show <partner>';
const USAGE_RECORD = '/accord usage record <partner> minutes=<n>|hours=<n> [period=YYYY-MM] ["note"]';
const SETTLE = '/accord settle <period> [accrued=<partner>:<amount>,…]';
const APPROVE = '/accord settle approve <period> [<partner> …]';
const DEDUCT = '/accord deduct <partner> <amount> "reason" [period=YYYY-MM]';
const ADJUST = '/accord adjust <partner> <amount, may be negative> "reason" [period=YYYY-MM]';
const STATEMENT = '/accord statement <period> [<partner>]';

function requirePeriod(token: Token | undefined): Period {
  if (!token) throw usageError('Give the period, e.g. `2026-10` or `2026-Q4`.');
  const p = parsePeriod(tokenText(token));
  if ('error' in p) throw usageError(p.error);
  return p;
}

function money(token: Token | undefined, what: string, allowNegative = false): number {
  if (!token) throw usageError(`Give the ${what}, e.g. \`1,000.50\`.`);
  const parsed = parseMoney(tokenText(token), { allowNegative });
  if ('error' in parsed) throw usageError(parsed.error);
  return parsed.cents;
}

const cur = (currency: string, cents: number) => `${currency} ${formatMoney(cents)}`;

function ledgerReply(o: LedgerOutcome, what: string): string {
  if (o.carried) {
    const sign = o.carried.cents < 0 ? '−' : '+';
    return `:lock: ${o.carried.from} is approved for \`${o.partner.slug}\`, so ${what} goes into ${o.carried.to} as an adjustment of ${sign}${cur(o.carried.currency, Math.abs(o.carried.cents))}.${o.draftToRebuild ? ` ${o.draftToRebuild} has a draft: run \`/accord settle ${o.draftToRebuild}\` again to include it.` : ''}`;
  }
  return `:white_check_mark: Recorded ${what} for \`${o.partner.slug}\` in ${o.month}.${o.draftToRebuild ? ` ${o.draftToRebuild} has a draft: run \`/accord settle ${o.draftToRebuild}\` again to include it.` : ''}`;
}

function statementLine({ partner, statement: s }: SettledRow): string {
  const y = statementScore(s);
  return `• \`${partner.slug}\` ${s.status === 'draft' ? '_draft_' : 'approved'} · accrued ${cur(s.currency, s.accruedCents)} · score ${y === null ? '—' : formatScoreCsv(y)} · P ${formatCoefficientCsv(coefficient(y))}% · total *${cur(s.currency, s.totalCents)}*`;
}

const LIST_LIMIT = 25;

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
      (e) => `${e.kind === 'deduction' ? 'Deduction' : 'Adjustment'} (${e.month}): ${e.kind === 'deduction' ? '−' : e.cents < 0 ? '−' : '+'}${c(Math.abs(e.cents))} — ${escapeText(e.reason)}`,
    ),
    `Deductions: −${c(s.deductionsCents)} · adjustments: ${s.adjustmentsCents < 0 ? '−' : '+'}${c(Math.abs(s.adjustmentsCents))}`,
    `*Total: ${c(s.totalCents)}*`,
  ];
  return { text: lines.join('\n') };
}

/** A commission partner settled without its commission: the draft holds 0 for it, which is rarely meant. */
function missingCommissionLine(period: string, { partner, statement: s }: SettledRow): string {
  const consequence = s.model === 'commission' ? `its draft accrues ${cur(s.currency, 0)}` : `its draft has its hours only (commission ${cur(s.currency, 0)})`;
  return `:warning: No commission entered for \`${partner.slug}\` (${escapeText(partner.name)}) in ${period}, so ${consequence}. Enter it with \`/accord settle ${period} accrued=${partner.slug}:<amount>\`.`;
}

export const settlementSubcommands = [
  defineSubcommand({
    name: 'contract set',
    topic: 'settlement',
    usage: CONTRACT_SET,
    summary: 'a partner’s contract: pricing model, currency and rate (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, ['currency', 'rate', 'fee']);
      const partner = requireSlug(args.positional[0], 'partner');
      const model = oneOf(args.positional[1] ? tokenText(args.positional[1]) : undefined, pricingModels, 'pricing model');
      refuseExtraPositional(args, 2);
      const currencyText = optionalNamed(args, 'currency');
      const currency = currencyText === undefined ? undefined : parseCurrency(currencyText);
      if (currency && 'error' in currency) throw usageError(currency.error);
      const needs = rateOf(model);
      for (const key of ['rate', 'fee'] as const) {
        if (args.named[key] !== undefined && needs !== key)
          throw usageError(`A ${model} contract takes ${needs ? `\`${needs}=\`` : 'no rate (its commission is entered when settling)'}, not \`${key}=\`.`);
      }
      if (needs && args.named[needs] === undefined)
        throw usageError(needs === 'fee' ? 'Give the monthly fee, e.g. `fee=5,000`.' : `Give the rate per ${model === 'per_minute' ? 'minute, e.g. `rate=0.40`' : 'hour, e.g. `rate=12.50`'}.`);
      const amount = needs ? money(args.named[needs], needs) : undefined;
      return { partner, model, currency: currency?.currency, rateCents: needs === 'rate' ? amount : undefined, feeCents: needs === 'fee' ? amount : undefined };
    },
    async run(ctx, input) {
      const { contract, previous } = await setContract({ ctx, input });
      return {
        text: `:white_check_mark: \`${input.partner}\`'s contract: ${describeContract(contract)}.${previous ? ` It was ${describeContract(previous)}; statements built from now on use the new terms.` : ''}`,
      };
    },
  }),
  defineSubcommand({
    name: 'contract show',
    topic: 'settlement',
    usage: CONTRACT_SHOW,
    summary: 'a partner’s contract',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const partner = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      return { partner };
    },
    async run(ctx, input) {
      const { partner, contract } = await showContract({ ctx, input });
      return { text: `*${escapeText(partner.name)}* \`${partner.slug}\`: ${describeContract(contract)}.` };
    },
  }),
  defineSubcommand({
    name: 'usage record',
    topic: 'settlement',
    usage: USAGE_RECORD,
    summary: 'metered usage of a per-minute or per-hour partner (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, ['minutes', 'hours', 'period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const given = (Object.keys(usageUnits) as UsageUnit[]).filter((u) => args.named[u] !== undefined);
      if (given.length !== 1) throw usageError(given.length === 0 ? 'Give the usage, e.g. `minutes=1,250` or `hours=37.5`.' : 'Give `minutes=` or `hours=`, not both.');
      const unit = given[0] as UsageUnit;
      const parsed = parseUsage(unit, optionalNamed(args, unit) ?? '');
      if ('error' in parsed) throw usageError(parsed.error);
      const noteToken = args.positional[1];
      const note = noteToken ? requireText(noteToken, 'Put the note in quotes') : undefined;
      refuseExtraPositional(args, 2);
      return { partner, unit, seconds: parsed.seconds, period: periodOption(args), note };
    },
    async run(ctx, input) {
      const outcome = await recordUsage({ ctx, input });
      return { text: ledgerReply(outcome, formatUsage(input.seconds, input.unit)) };
    },
  }),
  defineSubcommand({
    name: 'deduct',
    topic: 'settlement',
    usage: DEDUCT,
    summary: 'a deduction from a partner’s statement, e.g. for a violation (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const cents = money(args.positional[1], 'amount to deduct');
      if (cents === 0) throw usageError('A deduction of 0 changes nothing; give the amount to deduct.');
      const reason = requireText(args.positional[2], 'Give the reason in "double quotes"');
      refuseExtraPositional(args, 3);
      return { partner, kind: 'deduction' as const, cents, reason, period: periodOption(args) };
    },
    async run(ctx, input) {
      const outcome = await recordEntry({ ctx, input });
      return { text: ledgerReply(outcome, `a deduction of ${cur(outcome.currency, input.cents)}`) };
    },
  }),
  defineSubcommand({
    name: 'adjust',
    topic: 'settlement',
    usage: ADJUST,
    summary: 'a supplementary settlement (or a correction) on a partner’s statement (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const cents = money(args.positional[1], 'adjustment', true);
      if (cents === 0) throw usageError('An adjustment of 0 changes nothing; give the amount (negative to take money back).');
      const reason = requireText(args.positional[2], 'Give the reason in "double quotes"');
      refuseExtraPositional(args, 3);
      return { partner, kind: 'adjustment' as const, cents, reason, period: periodOption(args) };
    },
    async run(ctx, input) {
      const outcome = await recordEntry({ ctx, input });
      return { text: ledgerReply(outcome, `an adjustment of ${input.cents < 0 ? '−' : '+'}${cur(outcome.currency, Math.abs(input.cents))}`) };
    },
  }),
  defineSubcommand({
    name: 'settle',
    topic: 'settlement',
    usage: SETTLE,
    summary: 'draft statements for a period, uploaded here as CSV (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, ['accrued']);
      const period = requirePeriod(args.positional[0]);
      refuseExtraPositional(args, 1);
      const list = optionalNamed(args, 'accrued');
      const entries = list === undefined ? [] : splitAccruedList(list);
      if ('error' in entries) throw usageError(entries.error);
      const accrued = entries.map((e) => {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.partner)) throw usageError(`\`${escapeText(e.partner.slice(0, 40)).replace(/`/g, "'")}\` is not a partner slug.`);
        const parsed = parseMoney(e.amount);
        if ('error' in parsed) throw usageError(`${e.partner}: ${parsed.error}`);
        return { partner: e.partner, cents: parsed.cents };
      });
      return { period, accrued };
    },
    async run(ctx, input) {
      const r = await settlePeriod({ ctx, input });
      const missing = r.withoutContract.length > 0 ? `\nNo contract, so not settled: ${r.withoutContract.map((p) => `\`${p.slug}\``).join(', ')}.` : '';
      const failed = r.failed.map((f) => `\n:x: \`${f.partner.slug}\` was not settled: ${f.error}`).join('');
      if (r.rows.length === 0 && r.failed.length > 0) return { text: `Nothing was settled for ${r.period}.${failed}${missing}` };
      if (r.rows.length === 0) return { text: `Nothing to settle for ${r.period}: no partner has a contract yet. Set one with \`/accord contract set\`.${missing}` };
      const lines = r.rows.slice(0, LIST_LIMIT).map(statementLine);
      const more = r.rows.length > LIST_LIMIT ? `\n…and ${r.rows.length - LIST_LIMIT} more in the CSV.` : '';
      const uncommissioned = r.withoutCommission.map((row) => `\n${missingCommissionLine(r.period, row)}`).join('');
      const next = r.rows.some((x) => x.statement.status === 'draft')
        ? `\nThe CSV is being uploaded here. Check it, then approve with \`/accord settle approve ${r.period}\`.`
        : '\nEvery statement of this period is already approved.';
      return { text: `${summaryLine(r.period, r.rows)}\n${lines.join('\n')}${more}${failed}${uncommissioned}${missing}${next}` };
    },
  }),
  defineSubcommand({
    name: 'settle approve',
    topic: 'settlement',
    usage: APPROVE,
    summary: 'approve (and freeze) a period’s draft statements (admins)',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const period = requirePeriod(args.positional[0]);
      const partners = args.positional.slice(1).map((t) => requireSlug(t, 'partner'));
      return { period, partners };
    },
    async run(ctx, input) {
      const r = await approvePeriod({ ctx, input });
      if (r.approved.length === 0)
        return { text: `Already approved: ${r.alreadyApproved.map((a) => `\`${a.partner.slug}\``).join(', ')} for ${r.period}. Later changes go into the next period as adjustments.` };
      return {
        text: `:lock: Approved ${r.approved.length} statement${r.approved.length === 1 ? '' : 's'} for ${formatPeriod(input.period)}: ${r.approved.map((a) => `\`${a.partner.slug}\` ${cur(a.statement.currency, a.statement.totalCents)}`).join(', ')}. They are frozen; later changes go into the next period as adjustments, and each partner's leads have been told.`,
      };
    },
  }),
  defineSubcommand({
    name: 'statement',
    topic: 'settlement',
    usage: STATEMENT,
    summary: 'a partner’s statement for a period (partners: their own)',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const period = requirePeriod(args.positional[0]);
      const partner = args.positional[1] ? requireSlug(args.positional[1], 'partner') : undefined;
      refuseExtraPositional(args, 2);
      return { period, partner };
    },
    async run(ctx, input) {
      return statementReply(await viewStatement({ ctx, input }));
    },
  }),
];
