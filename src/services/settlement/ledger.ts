import { and, eq, inArray, sum } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contracts, settlementEntries, statements, usageRecords } from '../../db/schema';
import {
  accruedCentsExact,
  emptyLoad,
  formatMoney,
  formatUsage,
  overLimit,
  overLimitMessage,
  pricingModelLabels,
  rateOf,
  type ContractTerms,
  type PeriodLoad,
  type PricingModel,
  type UsageUnit,
} from '../../domain/money';

import { notFound, validation } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findPartner, type PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { carryTarget, frozenStatementHolding, lockSettlement, type Month, type StatementRow } from './frozen';
import { openLedger, openQuarterOf, type OpenQuarter } from './open-ledger';
import { formatPeriod, monthKeys, periodOf, periodOfKey, periodsHolding, type Period } from '../../domain/period';
import { coefficient, payableDelta } from '../../domain/settlement/payable';
import { statementScore } from '../../domain/settlement/statement';

export type ContractRow = typeof contracts.$inferSelect;

export async function contractOf(db: DbOrTx, partner: PartnerRow): Promise<ContractRow> {
  const [row] = await db.select().from(contracts).where(eq(contracts.partnerId, partner.id));
  if (!row) throw notFound(`\`${partner.slug}\` has no contract yet. Set one with \`/accord contract set ${partner.slug} <model> currency=<code> …\`.`);
  return row;
}

export interface ContractInput {
  partner: string;
  model: PricingModel;
  currency: string | undefined;
  rateCents: number | undefined;
  feeCents: number | undefined;
}

/** `/accord contract set`: one contract per partner; the new terms apply to statements built from now on. */
export async function setContract({ ctx, input }: { ctx: ServiceContext; input: ContractInput }): Promise<{ contract: ContractRow; previous: ContractRow | undefined }> {
  requirePermission(ctx.actor, 'settle');
  const partner = await findPartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const [previous] = await tx.select().from(contracts).where(eq(contracts.partnerId, partner.id));
    const currency = input.currency ?? previous?.currency;
    if (!currency) throw validation(`Give the contract's currency, e.g. \`currency=USD\`.`);
    const ledger = await openLedger(tx, partner.id);
    if (previous && currency !== previous.currency) {
      const refusal = currencyChangeRefusal(partner.slug, currency, [...ledger.values()]);
      if (refusal) throw validation(refusal);
    }
    // The new terms value everything still open, and a monthly fee may be settled for a whole quarter.
    const terms: ContractTerms = { model: input.model, rateCents: input.rateCents ?? null, feeCents: input.feeCents ?? null };
    for (const q of [{ quarter: 'a quarter', load: emptyLoad(3) }, ...ledger.values()]) {
      const over = overLimit(terms, q.load);
      if (over) throw validation(`With these terms, ${overLimitMessage(`\`${partner.slug}\`'s`, q.quarter, currency, over)} Nothing was changed.`);
    }
    const values = { model: input.model, currency, rateCents: input.rateCents ?? null, feeCents: input.feeCents ?? null, updatedBy: ctx.actor.userId, updatedAt: now };
    const [contract] = await tx
      .insert(contracts)
      .values({ partnerId: partner.id, ...values })
      .onConflictDoUpdate({ target: contracts.partnerId, set: values })
      .returning();
    if (!contract) throw new Error('contract upsert returned no row');
    await recordAudit(tx, now, ctx.actor.userId, { action: 'contract.set', entityType: 'partner', entityId: partner.id, data: { before: previous ?? null, after: values } });
    return { contract, previous };
  });
}

/**
 * Deductions, adjustments and entered commission are amounts in the currency they were recorded
 * in; changing the contract's currency under them would pay them as another currency.
 */
function currencyChangeRefusal(slug: string, currency: string, open: readonly OpenQuarter[]): string | undefined {
  const held = new Map<string, Set<string>>();
  for (const q of open) {
    for (const [c, where] of q.currencies) {
      if (c === currency) continue;
      const set = held.get(c) ?? new Set<string>();
      for (const w of where) set.add(w);
      held.set(c, set);
    }
  }
  if (held.size === 0) return undefined;
  const list = [...held]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, where]) => `${c} (${[...where].sort().join(', ')})`)
    .join(' and ');
  return `\`${slug}\` has deductions, adjustments or entered commission in ${list} that no approved statement holds yet, so its currency cannot change to ${currency}: they would be paid as ${currency}. Settle and approve those periods first (\`/accord settle <period>\`, then \`/accord settle approve <period>\`), then change the currency.`;
}

export function describeContract(c: Pick<ContractRow, 'model' | 'currency' | 'rateCents' | 'feeCents'>): string {
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

/** `/accord contract show <partner>`: vendor users, and the partner's own members. */
export async function showContract({ ctx, input }: { ctx: ServiceContext; input: { partner: string } }): Promise<{ partner: PartnerRow; contract: ContractRow }> {
  // A partner member asking about another partner is refused before the lookup, so the answer
  // does not reveal whether that partner exists.
  if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'vendor' && !ctx.actor.partners.some((p) => p.slug === input.partner)) requirePermission(ctx.actor, 'seePartner', { partnerId: -1 });
  const partner = await findPartner(ctx.db, input.partner);
  requirePermission(ctx.actor, 'seePartner', { partnerId: partner.id });
  return { partner, contract: await contractOf(ctx.db, partner) };
}

export interface LedgerOutcome {
  partner: PartnerRow;
  month: string;
  /** Set when the month was already approved: the change went into this later period instead. */
  carried?: { from: string; to: string; cents: number; currency: string };
  /** A draft of the period that will hold the change exists and needs settling again. */
  draftToRebuild?: string;
}

function monthOrCurrent(ctx: ServiceContext, period: Period | undefined): Month {
  const p = period ?? periodOf(ctx.clock.now(), 'month', ctx.settings.defaultTimeZone);
  if (p.kind !== 'month') throw validation(`Record it for a month (e.g. \`period=${p.year}-${String((p.quarter - 1) * 3 + 1).padStart(2, '0')}\`); a quarterly statement adds up its three months.`);
  return p;
}

/** What every ledger verb starts from: an admin, the partner and its contract, and the month (default: this one). */
async function ledgerSubject(ctx: ServiceContext, input: { partner: string; period: Period | undefined }) {
  requirePermission(ctx.actor, 'settle');
  const partner = await findPartner(ctx.db, input.partner);
  const contract = await contractOf(ctx.db, partner);
  const month = monthOrCurrent(ctx, input.period);
  return { partner, contract, month, key: formatPeriod(month), now: ctx.clock.now() };
}

async function draftHolding(tx: DbOrTx, partnerId: number, month: string): Promise<string | undefined> {
  const m = periodOfKey(month);
  if (m.kind !== 'month') return undefined;
  const keys = periodsHolding(m).map(formatPeriod);
  const [draft] = await tx
    .select({ period: statements.period })
    .from(statements)
    .where(and(eq(statements.partnerId, partnerId), eq(statements.status, 'draft'), inArray(statements.period, keys)));
  return draft?.period;
}

/** Why a change to an approved period cannot be carried: it was approved in another currency. */
function carriedCurrencyRefusal(slug: string, frozen: StatementRow, contract: ContractRow): string {
  return `${frozen.period} is approved for \`${slug}\` in ${frozen.currency}, and its contract is now in ${contract.currency}, so this change cannot be carried into a later period as it is. Record what it is worth in ${contract.currency} with \`/accord adjust ${slug} <amount> "reason"\`.`;
}

async function carry(tx: DbOrTx, ctx: ServiceContext, partner: PartnerRow, frozen: StatementRow, cents: number, reason: string, now: Date): Promise<LedgerOutcome> {
  const target = await carryTarget(tx, partner.id, periodOfKey(frozen.period));
  const to = formatPeriod(target.period);
  const targetMonth = periodOfKey(target.month);
  if (targetMonth.kind !== 'month') throw new Error(`carry target ${target.month} is not a month`);
  const open = openQuarterOf(await openLedger(tx, partner.id), targetMonth);
  const over = overLimit({ model: 'commission', rateCents: null, feeCents: null }, { ...open.load, enteredCents: 0n, adjustmentsCents: open.load.adjustmentsCents + BigInt(cents) });
  if (over)
    throw validation(
      `${frozen.period} is approved, so this change would go into ${to}, but then ${overLimitMessage(`\`${partner.slug}\`'s`, open.quarter, frozen.currency, over)} Nothing was recorded.`,
    );
  await tx
    .insert(settlementEntries)
    .values({ partnerId: partner.id, month: target.month, kind: 'adjustment', cents, currency: frozen.currency, reason, originPeriod: frozen.period, createdBy: ctx.actor.userId, createdAt: now });
  await recordAudit(tx, now, ctx.actor.userId, { action: 'settlement.carried', entityType: 'partner', entityId: partner.id, data: { from: frozen.period, to, cents, reason } });
  return { partner, month: target.month, carried: { from: frozen.period, to, cents, currency: frozen.currency }, draftToRebuild: await draftHolding(tx, partner.id, target.month) };
}

/** Refuses a record that would take the month's quarter beyond what Accord settles exactly. */
function refuseOverLimit(slug: string, contract: ContractRow, open: OpenQuarter, load: PeriodLoad, what: string): void {
  const over = overLimit(contract, load);
  if (over) throw validation(`With ${what}, ${overLimitMessage(`\`${slug}\`'s`, open.quarter, contract.currency, over)} Nothing was recorded.`);
}

/**
 * `/accord usage record <partner> minutes=…|hours=…`: metered usage for a month. Usage for a month
 * whose statement is approved is kept as a fact, and what it adds to the payable amount (valued
 * with the approved contract terms and coefficient) goes into the next open period as an adjustment.
 */
export async function recordUsage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string; unit: UsageUnit; seconds: number; period: Period | undefined; note: string | undefined };
}): Promise<LedgerOutcome> {
  const { partner, month, key, now } = await ledgerSubject(ctx, input);
  const what = formatUsage(input.seconds, input.unit);
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    // Read again under the lock: a contract change waits for it, so the check and the record agree.
    const contract = await contractOf(tx, partner);
    if (contract.model === 'commission' || contract.model === 'monthly') {
      throw validation(
        `\`${partner.slug}\` is paid ${pricingModelLabels[contract.model]}, so usage does not change what it earns; usage counts for per-minute, per-hour and hourly + commission contracts.`,
      );
    }
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    if (!frozen) {
      const open = openQuarterOf(await openLedger(tx, partner.id), month);
      refuseOverLimit(partner.slug, contract, open, { ...open.load, usageSeconds: open.load.usageSeconds + BigInt(input.seconds) }, `${what} more`);
    } else if (frozen.currency !== contract.currency) {
      throw validation(carriedCurrencyRefusal(partner.slug, frozen, contract));
    }
    const before = frozen ? await usageSecondsIn(tx, partner.id, monthKeys(periodOfKey(frozen.period))) : 0;
    let valued: { before: number; after: number } | undefined;
    if (frozen) {
      // Valued with the approved terms; a late record that would take the approved period beyond the limit is refused.
      const terms = { model: frozen.model, rateCents: frozen.rateCents, feeCents: frozen.feeCents };
      const months = monthKeys(periodOfKey(frozen.period)).length;
      const valueOf = (seconds: number) => accruedCentsExact(terms, { usageSeconds: seconds, months, enteredCents: frozen.enteredCents });
      const after = valueOf(before + input.seconds);
      const over = overLimit(terms, { ...emptyLoad(months), usageSeconds: BigInt(before + input.seconds), enteredCents: BigInt(frozen.enteredCents) });
      if (over) throw validation(`With ${what} more, ${overLimitMessage(`\`${partner.slug}\`'s`, frozen.period, frozen.currency, over)} Nothing was recorded.`);
      valued = { before: Number(valueOf(before)), after: Number(after) };
    }
    await tx.insert(usageRecords).values({ partnerId: partner.id, month: key, seconds: input.seconds, unit: input.unit, note: input.note ?? null, recordedBy: ctx.actor.userId, recordedAt: now });
    await recordAudit(tx, now, ctx.actor.userId, { action: 'usage.recorded', entityType: 'partner', entityId: partner.id, data: { month: key, seconds: input.seconds, unit: input.unit } });
    if (!frozen || !valued) return { partner, month: key, draftToRebuild: await draftHolding(tx, partner.id, key) };
    const cents = payableDelta({ accruedCents: valued.before, coefficient: coefficient(statementScore(frozen)) }, valued.after);
    const reason = `usage for ${key} recorded after ${frozen.period} was approved: +${what} (+${formatMoney(valued.after - valued.before)} accrued)`;
    return carry(tx, ctx, partner, frozen, cents, reason, now);
  });
}

async function usageSecondsIn(db: DbOrTx, partnerId: number, months: string[]): Promise<number> {
  const [row] = await db
    .select({ total: sum(usageRecords.seconds) })
    .from(usageRecords)
    .where(and(eq(usageRecords.partnerId, partnerId), inArray(usageRecords.month, months)));
  const total = BigInt(row?.total ?? 0);
  // An approved statement was built within the limit, so its usage is far below this; anything else is a corrupt ledger.
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`usage of partner ${partnerId} in ${months.join(', ')} is beyond exact numbers`);
  return Number(total);
}

/**
 * `/accord deduct` and `/accord adjust`: a deduction (e.g. for a violation) or a supplementary
 * settlement for a month. For an approved month it becomes an adjustment of the next open period.
 */
export async function recordEntry({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string; kind: 'deduction' | 'adjustment'; cents: number; reason: string; period: Period | undefined };
}): Promise<LedgerOutcome & { currency: string }> {
  const { partner, month, key, now } = await ledgerSubject(ctx, input);
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const contract = await contractOf(tx, partner);
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    if (frozen) {
      if (frozen.currency !== contract.currency) throw validation(carriedCurrencyRefusal(partner.slug, frozen, contract));
      const cents = input.kind === 'deduction' ? -input.cents : input.cents;
      const outcome = await carry(tx, ctx, partner, frozen, cents, `${input.kind} for ${key} after ${frozen.period} was approved: ${input.reason}`, now);
      return { ...outcome, currency: frozen.currency };
    }
    const open = openQuarterOf(await openLedger(tx, partner.id), month);
    const amount = BigInt(input.cents);
    const load = input.kind === 'deduction' ? { ...open.load, deductionsCents: open.load.deductionsCents + amount } : { ...open.load, adjustmentsCents: open.load.adjustmentsCents + amount };
    refuseOverLimit(partner.slug, contract, open, load, `this ${input.kind}`);
    await tx.insert(settlementEntries).values({
      partnerId: partner.id,
      month: key,
      kind: input.kind,
      cents: input.cents,
      currency: contract.currency,
      reason: input.reason,
      originPeriod: null,
      createdBy: ctx.actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, now, ctx.actor.userId, {
      action: `settlement.${input.kind}`,
      entityType: 'partner',
      entityId: partner.id,
      data: { month: key, cents: input.cents, currency: contract.currency, reason: input.reason },
    });
    return { partner, month: key, currency: contract.currency, draftToRebuild: await draftHolding(tx, partner.id, key) };
  });
}
