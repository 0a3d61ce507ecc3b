import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accruedEntries, contracts, partnerMembers, partners, settlementEntries, statements, usageRecords } from '../../db/schema';
import { emptyLoad, formatMoney, overLimit, overLimitMessage, takesEnteredCommission, pricingModelLabels, type Accrual, type PeriodLoad } from '../../domain/money';

import { buildStatement, statementFigures, statementScore, totalsByCurrency, type StatementFigures } from '../../domain/settlement/statement';
import { conflict, notFound, validation } from '../../errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import { sendPersonNotice } from '../notices/person-notice';
import { requirePermission } from '../permissions';
import { projectInChannel } from '../projects/find-project';
import { scoresFor } from '../scores/scores';
import { lockSettlement, type StatementRow } from './frozen';
import { requireVendorOnlyAudience } from './audience';
import type { ContractRow } from './ledger';
import { formatPeriod, monthKeys, periodRange, periodsHolding, type Period } from '../../domain/period';
import { statementCsv, type StatementCsvRow } from '../../domain/settlement/statement-csv';

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

/** The overlapping periods of the other kind: a month's quarter, or a quarter's months. */
function overlapping(period: Period): string[] {
  return period.kind === 'quarter' ? monthKeys(period) : [formatPeriod(periodsHolding(period)[1])];
}

export const csvRowOf = ({ partner, statement: s }: SettledRow): StatementCsvRow => ({
  partner: partner.slug,
  period: s.period,
  ...statementFigures({ accruedCents: s.accruedCents, score: statementScore(s), deductionsCents: s.deductionsCents, adjustmentsCents: s.adjustmentsCents }),
});

export function summaryLine(period: string, rows: readonly SettledRow[]): string {
  const drafts = rows.filter((r) => r.statement.status === 'draft').length;
  const approved = rows.length - drafts;
  const totals = totalsByCurrency(rows)
    .map((t) => `${t.currency} ${formatMoney(t.total)} to pay (accrued ${formatMoney(t.accrued)}, held back for quality ${formatMoney(t.accrued - t.payable)})`)
    .join('; ');
  const state = [drafts > 0 ? `${drafts} draft${drafts === 1 ? '' : 's'}` : '', approved > 0 ? `${approved} approved` : ''].filter(Boolean).join(', ');
  return `*Settlement ${period}* · ${rows.length} partner${rows.length === 1 ? '' : 's'} (${state})${totals ? ` · ${totals}` : ''}`;
}

/**
 * `/accord settle <period> [accrued=…]`: builds (or rebuilds) each partner's draft statement for
 * the period and uploads the period's table as CSV where it was asked. Approved statements are
 * kept as they are. Everything is written in one transaction, so a refusal changes nothing.
 */
export async function settlePeriod({ ctx, input }: { ctx: ServiceContext; input: { period: Period; accrued: Array<{ partner: string; cents: number }> } }): Promise<SettleResult> {
  requirePermission(ctx.actor, 'settle');
  const key = formatPeriod(input.period);
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  if (periodRange(input.period, tz).start > now) throw validation(`${key} has not started yet; a period can be settled once it has begun.`);
  // The CSV lists every partner's money: never into a project channel the partners can read.
  const project = await projectInChannel(ctx.db, ctx.channelId);
  if (project)
    throw validation(`This is \`${project.slug}\`'s channel, which its partners can read; settle in a vendor-only channel or in a DM with Accord, so one partner's figures are not shown to another.`);
  if (ctx.channelId) await requireVendorOnlyAudience(ctx, ctx.channelId);
  const months = monthKeys(input.period);

  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const contracted = await tx.select({ partner: partners, contract: contracts }).from(contracts).innerJoin(partners, eq(partners.id, contracts.partnerId)).orderBy(asc(partners.slug));
    const bySlug = new Map(contracted.map((c) => [c.partner.slug, c]));
    const existing = await tx.select().from(statements).where(eq(statements.period, key));
    const approvedIds = new Set(existing.filter((s) => s.status === 'approved').map((s) => s.partnerId));

    for (const entry of input.accrued) {
      const c = bySlug.get(entry.partner);
      if (!c) {
        const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, entry.partner));
        throw p
          ? validation(`\`${entry.partner}\` has no contract yet; set one with \`/accord contract set ${entry.partner} commission currency=<code>\` first.`)
          : notFound(`There is no partner \`${entry.partner}\`. \`/accord partner list\` shows them all.`);
      }
      if (!takesEnteredCommission(c.contract.model))
        throw validation(
          `\`${entry.partner}\` is paid ${pricingModelLabels[c.contract.model]}: its accrued amount comes from its contract${c.contract.model === 'monthly' ? '' : ' and usage'}, so \`accrued=\` does not apply to it.`,
        );
      if (approvedIds.has(c.partner.id))
        throw conflict(
          `\`${entry.partner}\`'s statement for ${key} is approved and frozen. Record the difference with \`/accord adjust ${entry.partner} <amount> "reason" period=${months[0]}\`: it goes into the next period.`,
        );
    }

    // Partners with a contract take part while active, or after exit if the period owes them something.
    const activity = await activeIn(tx, months, key);
    const candidates = contracted.filter(
      (c) => !approvedIds.has(c.partner.id) && (c.partner.status === 'active' || activity.has(c.partner.id) || input.accrued.some((a) => a.partner === c.partner.slug)),
    );
    const clash = await tx
      .select({ slug: partners.slug, period: statements.period })
      .from(statements)
      .innerJoin(partners, eq(partners.id, statements.partnerId))
      .where(and(inArray(statements.period, overlapping(input.period)), inArray(statements.partnerId, [0, ...candidates.map((c) => c.partner.id)])));
    if (clash.length > 0) {
      const list = clash
        .slice(0, 5)
        .map((c) => `\`${c.slug}\` ${c.period}`)
        .join(', ');
      throw conflict(
        `${list}${clash.length > 5 ? ` and ${clash.length - 5} more` : ''} already ${clash.length === 1 ? 'has' : 'have'} a statement for an overlapping period. Settle by month or by quarter, not both, so nothing is paid twice.`,
      );
    }

    for (const entry of input.accrued) {
      const c = bySlug.get(entry.partner);
      if (!c) continue;
      const values = { cents: entry.cents, currency: c.contract.currency, enteredBy: ctx.actor.userId, enteredAt: now };
      await tx
        .insert(accruedEntries)
        .values({ partnerId: c.partner.id, period: key, ...values })
        .onConflictDoUpdate({ target: [accruedEntries.partnerId, accruedEntries.period], set: values });
    }

    const ids = candidates.map((c) => c.partner.id);
    const [scores] = ids.length > 0 ? await scoresFor(tx, ids, [input.period], tz, now) : [new Map()];
    const sums = await periodSums(tx, ids, months, key);
    if (ids.length > 0) await tx.delete(statements).where(and(eq(statements.period, key), eq(statements.status, 'draft'), inArray(statements.partnerId, ids)));
    const enteredFor = new Set(
      ids.length > 0
        ? (
            await tx
              .select({ id: accruedEntries.partnerId })
              .from(accruedEntries)
              .where(and(eq(accruedEntries.period, key), inArray(accruedEntries.partnerId, ids)))
          ).map((e) => e.id)
        : [],
    );
    const rows: SettledRow[] = [];
    const failed: SettleResult['failed'] = [];
    for (const { partner, contract } of candidates) {
      const s = sums.get(partner.id) ?? emptySums(months.length);
      // A commission typed in this command is refused like any other record that would go beyond the limit…
      const over = input.accrued.some((a) => a.partner === partner.slug) ? overLimit(contract, s) : undefined;
      if (over) throw validation(`With that commission, ${overLimitMessage(`\`${partner.slug}\`'s`, key, contract.currency, over)} Nothing was changed.`);
      // …while what was recorded before only holds back its own partner.
      const built = buildStatement({
        partner: partner.slug,
        period: key,
        terms: contract,
        currency: contract.currency,
        load: s,
        entryCurrencies: s.currencies,
        score: scores?.get(partner.id)?.score.y ?? null,
      });
      if ('error' in built) {
        failed.push({ partner, error: built.error });
        continue;
      }
      const statement = await insertDraft(tx, {
        partner,
        contract,
        key,
        sums: s,
        accrual: built.accrual,
        figures: built.figures,
        y: scores?.get(partner.id)?.score.y ?? null,
        by: ctx.actor.userId,
        now,
      });
      rows.push({ partner, statement });
    }
    const kept = contracted.filter((c) => approvedIds.has(c.partner.id)).map((c) => ({ partner: c.partner, statement: existing.find((s) => s.partnerId === c.partner.id) as StatementRow }));
    const all = [...rows, ...kept].sort((a, b) => a.partner.slug.localeCompare(b.partner.slug));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'settlement.drafted',
      entityType: 'period',
      entityId: key,
      data: { partners: rows.map((r) => r.partner.slug), failed: failed.map((f) => f.partner.slug), accrued: input.accrued },
    });
    if (ctx.channelId && all.length > 0) await uploadTable(tx, ctx, key, all, ctx.channelId);
    const contractedIds = new Set(contracted.map((c) => c.partner.id));
    const withoutContract = (await tx.select().from(partners).where(eq(partners.status, 'active')).orderBy(asc(partners.slug))).filter((p) => !contractedIds.has(p.id));
    const withoutCommission = rows.filter((r) => takesEnteredCommission(r.statement.model) && !enteredFor.has(r.partner.id));
    return { period: key, rows: all, withoutContract, withoutCommission, failed };
  });
}

async function uploadTable(tx: DbOrTx, ctx: ServiceContext, key: string, rows: readonly SettledRow[], channel: string): Promise<void> {
  const hint = rows.some((r) => r.statement.status === 'draft') ? ` Approve with \`/accord settle approve ${key}\`.` : '';
  await ctx.gateway.uploadFile(
    tx,
    channel,
    { filename: `accord-settlement-${key}.csv`, title: `Settlement ${key}`, content: statementCsv(rows.map(csvRowOf)) },
    { initialComment: `${summaryLine(key, rows)}.${hint}`, reportTo: ctx.actor.userId },
  );
}

/** Partners with usage, entries or entered commission in the period. */
async function activeIn(tx: DbOrTx, months: string[], key: string): Promise<Set<number>> {
  const [usage, entries, entered] = await Promise.all([
    tx.selectDistinct({ id: usageRecords.partnerId }).from(usageRecords).where(inArray(usageRecords.month, months)),
    tx.selectDistinct({ id: settlementEntries.partnerId }).from(settlementEntries).where(inArray(settlementEntries.month, months)),
    tx
      .selectDistinct({ id: accruedEntries.partnerId })
      .from(accruedEntries)
      .where(and(eq(accruedEntries.period, key), gt(accruedEntries.cents, 0))),
  ]);
  return new Set([...usage, ...entries, ...entered].map((r) => r.id));
}

interface PeriodSums extends PeriodLoad {
  /** The currencies the period's deductions, adjustments and entered commission were recorded in. */
  currencies: Set<string>;
}

const emptySums = (months: number): PeriodSums => ({ ...emptyLoad(months), currencies: new Set() });

/** Usage, entered commission, deductions and adjustments of many partners in one period, exact, in three grouped queries. */
async function periodSums(tx: DbOrTx, ids: number[], months: string[], key: string): Promise<Map<number, PeriodSums>> {
  const out = new Map<number, PeriodSums>();
  if (ids.length === 0) return out;
  const of = (id: number) => {
    let s = out.get(id);
    if (!s) {
      s = emptySums(months.length);
      out.set(id, s);
    }
    return s;
  };
  const [usage, entries, entered] = await Promise.all([
    tx
      .select({ id: usageRecords.partnerId, total: sql<string>`sum(${usageRecords.seconds})` })
      .from(usageRecords)
      .where(and(inArray(usageRecords.partnerId, ids), inArray(usageRecords.month, months)))
      .groupBy(usageRecords.partnerId),
    tx
      .select({ id: settlementEntries.partnerId, kind: settlementEntries.kind, currency: settlementEntries.currency, total: sql<string>`sum(${settlementEntries.cents})` })
      .from(settlementEntries)
      .where(and(inArray(settlementEntries.partnerId, ids), inArray(settlementEntries.month, months)))
      .groupBy(settlementEntries.partnerId, settlementEntries.kind, settlementEntries.currency),
    tx
      .select()
      .from(accruedEntries)
      .where(and(inArray(accruedEntries.partnerId, ids), eq(accruedEntries.period, key))),
  ]);
  for (const u of usage) of(u.id).usageSeconds = BigInt(u.total);
  for (const e of entries) {
    const s = of(e.id);
    if (e.kind === 'deduction') s.deductionsCents += BigInt(e.total);
    else s.adjustmentsCents += BigInt(e.total);
    s.currencies.add(e.currency);
  }
  for (const a of entered) {
    const s = of(a.partnerId);
    s.enteredCents = BigInt(a.cents);
    if (a.cents !== 0) s.currencies.add(a.currency);
  }
  return out;
}

async function insertDraft(
  tx: DbOrTx,
  d: { partner: PartnerRow; contract: ContractRow; key: string; sums: PeriodSums; accrual: Accrual; figures: StatementFigures; y: number | null; by: string; now: Date },
): Promise<StatementRow> {
  const { contract, sums, accrual, figures } = d;
  const [row] = await tx
    .insert(statements)
    .values({
      partnerId: d.partner.id,
      period: d.key,
      status: 'draft',
      currency: contract.currency,
      model: contract.model,
      rateCents: contract.rateCents,
      feeCents: contract.feeCents,
      usageSeconds: Number(sums.usageSeconds),
      enteredCents: Number(sums.enteredCents),
      basis: accrual.basis,
      accruedCents: figures.accruedCents,
      scoreHundredths: d.y === null ? null : Math.round(d.y * 100),
      payableCents: figures.payableCents,
      deductionsCents: figures.deductionsCents,
      adjustmentsCents: figures.adjustmentsCents,
      totalCents: figures.totalCents,
      builtBy: d.by,
      builtAt: d.now,
    })
    .returning();
  if (!row) throw new Error('statement insert returned no row');
  return row;
}

/**
 * `/accord settle approve <period> [<partner> …]`: freezes the drafts. A draft older than a change
 * to its period (usage, an entry, entered commission) is refused, so what is approved is what the
 * period really holds; the partner's leads are told their statement is ready.
 */
export async function approvePeriod({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { period: Period; partners: string[] };
}): Promise<{ period: string; approved: SettledRow[]; alreadyApproved: SettledRow[] }> {
  requirePermission(ctx.actor, 'settle');
  const key = formatPeriod(input.period);
  const months = monthKeys(input.period);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const rows = await tx
      .select({ partner: partners, statement: statements })
      .from(statements)
      .innerJoin(partners, eq(partners.id, statements.partnerId))
      .where(eq(statements.period, key))
      .orderBy(asc(partners.slug));
    for (const slug of input.partners) {
      if (!rows.some((r) => r.partner.slug === slug)) {
        const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, slug));
        throw p
          ? validation(`\`${slug}\` has no statement for ${key}; build it with \`/accord settle ${key}\` first.`)
          : notFound(`There is no partner \`${slug}\`. \`/accord partner list\` shows them all.`);
      }
    }
    const chosen = input.partners.length > 0 ? rows.filter((r) => input.partners.includes(r.partner.slug)) : rows;
    if (chosen.length === 0) throw validation(`There is nothing to approve for ${key}: build the drafts with \`/accord settle ${key}\` first.`);
    const drafts = chosen.filter((r) => r.statement.status === 'draft');
    const alreadyApproved = chosen.filter((r) => r.statement.status === 'approved');
    const stale = await staleDrafts(tx, drafts, months, key);
    if (stale.length > 0) {
      throw conflict(
        `${stale.map((s) => `\`${s}\``).join(', ')}: usage, entries or the contract for ${key} changed after the draft was built. Run \`/accord settle ${key}\` again, check it, then approve.`,
      );
    }
    const approved: SettledRow[] = [];
    for (const r of drafts) {
      const [statement] = await tx
        .update(statements)
        .set({ status: 'approved', approvedBy: ctx.actor.userId, approvedAt: now })
        .where(and(eq(statements.id, r.statement.id), eq(statements.status, 'draft')))
        .returning();
      if (statement) approved.push({ partner: r.partner, statement });
    }
    if (approved.length > 0) {
      await recordAudit(tx, now, ctx.actor.userId, { action: 'settlement.approved', entityType: 'period', entityId: key, data: { partners: approved.map((a) => a.partner.slug) } });
      const leads = await tx
        .select({ partnerId: partnerMembers.partnerId, userId: partnerMembers.userId })
        .from(partnerMembers)
        .where(
          and(
            inArray(
              partnerMembers.partnerId,
              approved.map((a) => a.partner.id),
            ),
            eq(partnerMembers.lead, true),
          ),
        );
      for (const a of approved) {
        const text = `Your statement for ${key} is approved: ${a.statement.currency} ${formatMoney(a.statement.totalCents)} to be paid. \`/accord statement ${key}\` (from another organisation: \`@Accord statement ${key}\` in your project channel) shows how it was reached.`;
        // Private to the partner: outside a DM it is only ever an ephemeral, and the approving
        // admin hears if it reaches a lead nowhere.
        for (const l of leads.filter((x) => x.partnerId === a.partner.id)) {
          await sendPersonNotice(tx, ctx.gateway, { userId: l.userId, message: { text }, privacy: 'person', partnerId: a.partner.id, reportTo: ctx.actor.userId });
        }
      }
    }
    return { period: key, approved, alreadyApproved };
  });
}

/**
 * Drafts whose inputs have changed since they were built: the sums of usage, entered commission,
 * deductions and adjustments, or the contract terms, differ from those the draft recorded.
 */
async function staleDrafts(tx: DbOrTx, drafts: ReadonlyArray<{ partner: PartnerRow; statement: StatementRow }>, months: string[], key: string): Promise<string[]> {
  if (drafts.length === 0) return [];
  const ids = drafts.map((d) => d.partner.id);
  const sums = await periodSums(tx, ids, months, key);
  const terms = new Map((await tx.select().from(contracts).where(inArray(contracts.partnerId, ids))).map((c) => [c.partnerId, c]));
  return drafts
    .filter(({ partner, statement: st }) => {
      const s = sums.get(partner.id) ?? emptySums(months.length);
      const c = terms.get(partner.id);
      const sameInputs =
        s.usageSeconds === BigInt(st.usageSeconds) &&
        s.enteredCents === BigInt(st.enteredCents) &&
        s.deductionsCents === BigInt(st.deductionsCents) &&
        s.adjustmentsCents === BigInt(st.adjustmentsCents);
      const sameTerms = c !== undefined && c.model === st.model && c.currency === st.currency && c.rateCents === st.rateCents && c.feeCents === st.feeCents;
      return !(sameInputs && sameTerms);
    })
    .map((d) => d.partner.slug);
}
