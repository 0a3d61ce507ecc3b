import { tokenText, type Token } from '../../domain/args/token';
import {
  formatUsage,
  parseCurrency,
  parseMoney,
  parseUsage,
  pricingModels,
  rateOf,
  usageUnits,
  type UsageUnit,
} from '../../domain/money';

import { usageError } from '../../errors';
import { approvePeriod } from '../../services/settlement/approve-period';
import { recordEntry } from '../../services/settlement/record-entry';
import { recordUsage } from '../../services/settlement/record-usage';
import { setContract } from '../../services/settlement/set-contract';
import { settlePeriod } from '../../services/settlement/settle-period';
import { showContract } from '../../services/settlement/show-contract';
import { viewStatement } from '../../services/settlement/statements';
import { settlementReplies } from '../../messages/settlement/replies';
import { settlementUsageRefusals } from '../../messages/settlement/refusals';
import { statementReply } from '../../messages/settlement/statement';
import {
  oneOf,
  optionalNamed,
  periodOption,
  refuseExtraPositional,
  refuseUnknownNamed,
  requireSlug,
  requireText,
} from './arg-helpers';
import { defineSubcommand } from './types';
import { parsePeriod, type Period } from '../../domain/period';
import { splitAccruedList } from '../../domain/settlement/accrued-list';

const CONTRACT_SET =
  '/accord contract set <partner> commission|per_minute|per_hour|monthly|hourly_plus_commission [currency=<code>] [rate=<amount>] [fee=<amount>]';
const CONTRACT_SHOW = '/accord contract show <partner>';
const USAGE_RECORD = '/accord usage record <partner> minutes=<n>|hours=<n> [period=YYYY-MM] ["note"]';
const SETTLE = '/accord settle <period> [accrued=<partner>:<amount>,…]';
const APPROVE = '/accord settle approve <period> [<partner> …]';
const DEDUCT = '/accord deduct <partner> <amount> "reason" [period=YYYY-MM]';
const ADJUST = '/accord adjust <partner> <amount, may be negative> "reason" [period=YYYY-MM]';
const STATEMENT = '/accord statement <period> [<partner>]';

function requirePeriod(token: Token | undefined): Period {
  if (!token) throw usageError(settlementUsageRefusals.periodMissing());
  const p = parsePeriod(tokenText(token));
  if ('error' in p) throw usageError(p.error);
  return p;
}

function money(token: Token | undefined, what: string, allowNegative = false): number {
  if (!token) throw usageError(settlementUsageRefusals.amountMissing(what));
  const parsed = parseMoney(tokenText(token), { allowNegative });
  if ('error' in parsed) throw usageError(parsed.error);
  return parsed.cents;
}

export const settlementSubcommands = [
  defineSubcommand({
    name: 'contract set',
    topic: 'settlement',
    usage: CONTRACT_SET,
    parse({ args }) {
      refuseUnknownNamed(args, ['currency', 'rate', 'fee']);
      const partner = requireSlug(args.positional[0], 'partner');
      const model = oneOf(
        args.positional[1] ? tokenText(args.positional[1]) : undefined,
        pricingModels,
        'pricing model',
      );
      refuseExtraPositional(args, 2);
      const currencyText = optionalNamed(args, 'currency');
      const currency = currencyText === undefined ? undefined : parseCurrency(currencyText);
      if (currency && 'error' in currency) throw usageError(currency.error);
      const needs = rateOf(model);
      for (const key of ['rate', 'fee'] as const) {
        if (args.named[key] !== undefined && needs !== key)
          throw usageError(settlementUsageRefusals.wrongRate(model, needs, key));
      }
      if (needs && args.named[needs] === undefined) throw usageError(settlementUsageRefusals.rateMissing(model, needs));
      const amount = needs ? money(args.named[needs], needs) : undefined;
      return {
        partner,
        model,
        currency: currency?.currency,
        rateCents: needs === 'rate' ? amount : undefined,
        feeCents: needs === 'fee' ? amount : undefined,
      };
    },
    async run(ctx, input) {
      const { contract, previous } = await setContract({ ctx, input });
      return settlementReplies.contractSet(input.partner, contract, previous);
    },
  }),
  defineSubcommand({
    name: 'contract show',
    topic: 'settlement',
    usage: CONTRACT_SHOW,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const partner = requireSlug(args.positional[0], 'partner');
      refuseExtraPositional(args, 1);
      return { partner };
    },
    async run(ctx, input) {
      const { partner, contract } = await showContract({ ctx, input });
      return settlementReplies.contract(partner, contract);
    },
  }),
  defineSubcommand({
    name: 'usage record',
    topic: 'settlement',
    usage: USAGE_RECORD,
    parse({ args }) {
      refuseUnknownNamed(args, ['minutes', 'hours', 'period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const given = (Object.keys(usageUnits) as UsageUnit[]).filter((u) => args.named[u] !== undefined);
      if (given.length !== 1) throw usageError(settlementUsageRefusals.usageUnits(given.length));
      const unit = given[0] as UsageUnit;
      const parsed = parseUsage(unit, optionalNamed(args, unit) ?? '');
      if ('error' in parsed) throw usageError(parsed.error);
      const noteToken = args.positional[1];
      const note = noteToken ? requireText(noteToken, settlementUsageRefusals.noteInQuotes()) : undefined;
      refuseExtraPositional(args, 2);
      return { partner, unit, seconds: parsed.seconds, period: periodOption(args), note };
    },
    async run(ctx, input) {
      return settlementReplies.usageRecorded(await recordUsage({ ctx, input }), formatUsage(input.seconds, input.unit));
    },
  }),
  defineSubcommand({
    name: 'deduct',
    topic: 'settlement',
    usage: DEDUCT,
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const cents = money(args.positional[1], 'amount to deduct');
      if (cents === 0) throw usageError(settlementUsageRefusals.zeroDeduction());
      const reason = requireText(args.positional[2], settlementUsageRefusals.reasonInQuotes());
      refuseExtraPositional(args, 3);
      return { partner, kind: 'deduction' as const, cents, reason, period: periodOption(args) };
    },
    async run(ctx, input) {
      return settlementReplies.deducted(await recordEntry({ ctx, input }), input.cents);
    },
  }),
  defineSubcommand({
    name: 'adjust',
    topic: 'settlement',
    usage: ADJUST,
    parse({ args }) {
      refuseUnknownNamed(args, ['period']);
      const partner = requireSlug(args.positional[0], 'partner');
      const cents = money(args.positional[1], 'adjustment', true);
      if (cents === 0) throw usageError(settlementUsageRefusals.zeroAdjustment());
      const reason = requireText(args.positional[2], settlementUsageRefusals.reasonInQuotes());
      refuseExtraPositional(args, 3);
      return { partner, kind: 'adjustment' as const, cents, reason, period: periodOption(args) };
    },
    async run(ctx, input) {
      return settlementReplies.adjusted(await recordEntry({ ctx, input }), input.cents);
    },
  }),
  defineSubcommand({
    name: 'settle',
    topic: 'settlement',
    usage: SETTLE,
    parse({ args }) {
      refuseUnknownNamed(args, ['accrued']);
      const period = requirePeriod(args.positional[0]);
      refuseExtraPositional(args, 1);
      const list = optionalNamed(args, 'accrued');
      const entries = list === undefined ? [] : splitAccruedList(list);
      if ('error' in entries) throw usageError(entries.error);
      const accrued = entries.map((e) => {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.partner)) throw usageError(settlementUsageRefusals.notASlug(e.partner));
        const parsed = parseMoney(e.amount);
        if ('error' in parsed) throw usageError(settlementUsageRefusals.badAmount(e.partner, parsed.error));
        return { partner: e.partner, cents: parsed.cents };
      });
      return { period, accrued };
    },
    async run(ctx, input) {
      return settlementReplies.settled(await settlePeriod({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'settle approve',
    topic: 'settlement',
    usage: APPROVE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const period = requirePeriod(args.positional[0]);
      const partners = args.positional.slice(1).map((t) => requireSlug(t, 'partner'));
      return { period, partners };
    },
    async run(ctx, input) {
      return settlementReplies.approved(input.period, await approvePeriod({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'statement',
    topic: 'settlement',
    usage: STATEMENT,
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
