import { and, eq, inArray, sum } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contracts, settlementEntries, statements, usageRecords } from '../../db/schema';
import { accrue, formatMoney, formatUsage, pricingModelLabels, rateOf, type PricingModel, type UsageUnit } from '../../domain/money';
import { coefficient, formatPeriod, periodOf, type Period } from '../../domain/score';
import { payableDelta, periodsHolding } from '../../domain/settlement';
import { notFound, validation } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findPartner, type PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { carryTarget, frozenStatementHolding, lockSettlement, monthKeys, periodOfKey, statementScore, type Month, type StatementRow } from './frozen';

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
    if (previous && currency !== previous.currency) {
      // Late changes to approved statements are valued in the currency they were approved in.
      const [approved] = await tx.select({ id: statements.id }).from(statements).where(and(eq(statements.partnerId, partner.id), eq(statements.status, 'approved')));
      if (approved) throw validation(`\`${partner.slug}\` has approved statements in ${previous.currency}, so its currency cannot change to ${currency}.`);
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

export function describeContract(c: Pick<ContractRow, 'model' | 'currency' | 'rateCents' | 'feeCents'>): string {
  const kind = rateOf(c.model);
  const price = kind === 'fee' ? ` · ${c.currency} ${formatMoney(c.feeCents ?? 0)} per month` : kind === 'rate' ? ` · ${c.currency} ${formatMoney(c.rateCents ?? 0)} per ${c.model === 'per_minute' ? 'minute' : 'hour'}` : '';
  const entered = c.model === 'commission' ? ' · commission entered with `/accord settle <period> accrued=…`' : c.model === 'hourly_plus_commission' ? ' + commission entered with `/accord settle <period> accrued=…`' : '';
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
  const [draft] = await tx.select({ period: statements.period }).from(statements).where(and(eq(statements.partnerId, partnerId), eq(statements.status, 'draft'), inArray(statements.period, keys)));
  return draft?.period;
}

async function carry(tx: DbOrTx, ctx: ServiceContext, partner: PartnerRow, frozen: StatementRow, cents: number, reason: string, now: Date): Promise<LedgerOutcome> {
  const target = await carryTarget(tx, partner.id, periodOfKey(frozen.period));
  const to = formatPeriod(target.period);
  await tx.insert(settlementEntries).values({ partnerId: partner.id, month: target.month, kind: 'adjustment', cents, reason, originPeriod: frozen.period, createdBy: ctx.actor.userId, createdAt: now });
  await recordAudit(tx, now, ctx.actor.userId, { action: 'settlement.carried', entityType: 'partner', entityId: partner.id, data: { from: frozen.period, to, cents, reason } });
  return { partner, month: target.month, carried: { from: frozen.period, to, cents, currency: frozen.currency }, draftToRebuild: await draftHolding(tx, partner.id, target.month) };
}

/**
 * `/accord usage record <partner> minutes=…|hours=…`: metered usage for a month. Usage for a month
 * whose statement is approved is kept as a fact, and what it adds to the payable amount (valued
 * with the approved contract terms and coefficient) goes into the next open period as an adjustment.
 */
export async function recordUsage({ ctx, input }: { ctx: ServiceContext; input: { partner: string; unit: UsageUnit; seconds: number; period: Period | undefined; note: string | undefined } }): Promise<LedgerOutcome> {
  const { partner, contract, month, key, now } = await ledgerSubject(ctx, input);
  if (contract.model === 'commission' || contract.model === 'monthly') {
    throw validation(`\`${partner.slug}\` is paid ${pricingModelLabels[contract.model]}, so usage does not change what it earns; usage counts for per-minute, per-hour and hourly + commission contracts.`);
  }
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    const before = frozen ? await usageSecondsIn(tx, partner.id, monthKeys(periodOfKey(frozen.period))) : 0;
    await tx.insert(usageRecords).values({ partnerId: partner.id, month: key, seconds: input.seconds, unit: input.unit, note: input.note ?? null, recordedBy: ctx.actor.userId, recordedAt: now });
    await recordAudit(tx, now, ctx.actor.userId, { action: 'usage.recorded', entityType: 'partner', entityId: partner.id, data: { month: key, seconds: input.seconds, unit: input.unit } });
    if (!frozen) return { partner, month: key, draftToRebuild: await draftHolding(tx, partner.id, key) };
    const terms = { model: frozen.model, rateCents: frozen.rateCents, feeCents: frozen.feeCents };
    const valueOf = (seconds: number) => accrue(terms, { usageSeconds: seconds, months: monthKeys(periodOfKey(frozen.period)).length, enteredCents: frozen.enteredCents }).accruedCents;
    const accruedBefore = valueOf(before);
    const accruedAfter = valueOf(before + input.seconds);
    const cents = payableDelta({ accruedCents: accruedBefore, coefficient: coefficient(statementScore(frozen)) }, accruedAfter);
    const reason = `usage for ${key} recorded after ${frozen.period} was approved: +${formatUsage(input.seconds, input.unit)} (+${formatMoney(accruedAfter - accruedBefore)} accrued)`;
    return carry(tx, ctx, partner, frozen, cents, reason, now);
  });
}

async function usageSecondsIn(db: DbOrTx, partnerId: number, months: string[]): Promise<number> {
  const [row] = await db.select({ total: sum(usageRecords.seconds).mapWith(Number) }).from(usageRecords).where(and(eq(usageRecords.partnerId, partnerId), inArray(usageRecords.month, months)));
  return row?.total ?? 0;
}

/**
 * `/accord deduct` and `/accord adjust`: a deduction (e.g. for a violation) or a supplementary
 * settlement for a month. For an approved month it becomes an adjustment of the next open period.
 */
export async function recordEntry({ ctx, input }: { ctx: ServiceContext; input: { partner: string; kind: 'deduction' | 'adjustment'; cents: number; reason: string; period: Period | undefined } }): Promise<LedgerOutcome & { currency: string }> {
  const { partner, contract, month, key, now } = await ledgerSubject(ctx, input);
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    if (frozen) {
      const cents = input.kind === 'deduction' ? -input.cents : input.cents;
      const outcome = await carry(tx, ctx, partner, frozen, cents, `${input.kind} for ${key} after ${frozen.period} was approved: ${input.reason}`, now);
      return { ...outcome, currency: frozen.currency };
    }
    await tx.insert(settlementEntries).values({ partnerId: partner.id, month: key, kind: input.kind, cents: input.cents, reason: input.reason, originPeriod: null, createdBy: ctx.actor.userId, createdAt: now });
    await recordAudit(tx, now, ctx.actor.userId, { action: `settlement.${input.kind}`, entityType: 'partner', entityId: partner.id, data: { month: key, cents: input.cents, reason: input.reason } });
    return { partner, month: key, currency: contract.currency, draftToRebuild: await draftHolding(tx, partner.id, key) };
  });
}
