import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accruedEntries, contracts, partners, settlementEntries, statements, usageRecords } from '../../db/schema';
import { overLimit, takesEnteredCommission, type Accrual } from '../../domain/money';
import { formatPeriod, monthKeys, periodRange, periodsHolding, type Period } from '../../domain/period';
import { buildStatement, type StatementFigures } from '../../domain/settlement/statement';
import { statementCsv } from '../../domain/settlement/statement-csv';
import { conflict, notFound, validation } from '../../errors';
import { settlementCsvTitle, settlementUploadComment } from '../../messages/settlement/replies';
import { settlementRefusals } from '../../messages/settlement/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { projectInChannel } from '../projects/find-project';
import { scoresFor } from '../scores/scores';
import { requireVendorOnlyAudience } from './audience';
import type { ContractRow } from './contract';
import { lockSettlement, type StatementRow } from './frozen';
import { emptySums, periodSums, type PeriodSums } from './period-sums';
import { csvRowOf, type SettledRow, type SettleResult } from './settled-row';

/** The overlapping periods of the other kind: a month's quarter, or a quarter's months. */
function overlapping(period: Period): string[] {
  return period.kind === 'quarter' ? monthKeys(period) : [formatPeriod(periodsHolding(period)[1])];
}

/**
 * `/accord settle <period> [accrued=…]`: builds (or rebuilds) each partner's draft statement for
 * the period and uploads the period's table as CSV where it was asked. Approved statements are
 * kept as they are. Everything is written in one transaction, so a refusal changes nothing.
 */
export async function settlePeriod({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { period: Period; accrued: Array<{ partner: string; cents: number }> };
}): Promise<SettleResult> {
  requirePermission(ctx.actor, 'settle');
  const key = formatPeriod(input.period);
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  if (periodRange(input.period, tz).start > now) throw validation(settlementRefusals.notStarted(key));
  // The CSV lists every partner's money: never into a project channel the partners can read.
  const project = await projectInChannel(ctx.db, ctx.channelId);
  if (project) throw validation(settlementRefusals.projectChannel(project.slug));
  if (ctx.channelId) await requireVendorOnlyAudience(ctx, ctx.channelId);
  const months = monthKeys(input.period);

  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const contracted = await tx
      .select({ partner: partners, contract: contracts })
      .from(contracts)
      .innerJoin(partners, eq(partners.id, contracts.partnerId))
      .orderBy(asc(partners.slug));
    const bySlug = new Map(contracted.map((c) => [c.partner.slug, c]));
    const existing = await tx.select().from(statements).where(eq(statements.period, key));
    const approvedIds = new Set(existing.filter((s) => s.status === 'approved').map((s) => s.partnerId));

    for (const entry of input.accrued) {
      const c = bySlug.get(entry.partner);
      if (!c) {
        const [p] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.slug, entry.partner));
        throw p
          ? validation(settlementRefusals.accruedWithoutContract(entry.partner))
          : notFound(settlementRefusals.noSuchPartner(entry.partner));
      }
      if (!takesEnteredCommission(c.contract.model))
        throw validation(settlementRefusals.accruedNotTaken(entry.partner, c.contract.model));
      if (approvedIds.has(c.partner.id))
        throw conflict(settlementRefusals.accruedFrozen(entry.partner, key, months[0]));
    }

    // Partners with a contract take part while active, or after exit if the period owes them something.
    const activity = await activeIn(tx, months, key);
    const candidates = contracted.filter(
      (c) =>
        !approvedIds.has(c.partner.id) &&
        (c.partner.status === 'active' ||
          activity.has(c.partner.id) ||
          input.accrued.some((a) => a.partner === c.partner.slug)),
    );
    const clash = await tx
      .select({ slug: partners.slug, period: statements.period })
      .from(statements)
      .innerJoin(partners, eq(partners.id, statements.partnerId))
      .where(
        and(
          inArray(statements.period, overlapping(input.period)),
          inArray(statements.partnerId, [0, ...candidates.map((c) => c.partner.id)]),
        ),
      );
    if (clash.length > 0) throw conflict(settlementRefusals.overlapping(clash));

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
    if (ids.length > 0)
      await tx
        .delete(statements)
        .where(and(eq(statements.period, key), eq(statements.status, 'draft'), inArray(statements.partnerId, ids)));
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
      if (over) throw validation(settlementRefusals.commissionOverLimit(partner.slug, key, contract.currency, over));
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
    const kept = contracted
      .filter((c) => approvedIds.has(c.partner.id))
      .map((c) => ({
        partner: c.partner,
        statement: existing.find((s) => s.partnerId === c.partner.id) as StatementRow,
      }));
    const all = [...rows, ...kept].sort((a, b) => a.partner.slug.localeCompare(b.partner.slug));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'settlement.drafted',
      entityType: 'period',
      entityId: key,
      data: {
        partners: rows.map((r) => r.partner.slug),
        failed: failed.map((f) => f.partner.slug),
        accrued: input.accrued,
      },
    });
    if (ctx.channelId && all.length > 0) await uploadTable(tx, ctx, key, all, ctx.channelId);
    const contractedIds = new Set(contracted.map((c) => c.partner.id));
    const withoutContract = (
      await tx.select().from(partners).where(eq(partners.status, 'active')).orderBy(asc(partners.slug))
    ).filter((p) => !contractedIds.has(p.id));
    const withoutCommission = rows.filter(
      (r) => takesEnteredCommission(r.statement.model) && !enteredFor.has(r.partner.id),
    );
    return { period: key, rows: all, withoutContract, withoutCommission, failed };
  });
}

async function uploadTable(
  tx: DbOrTx,
  ctx: ServiceContext,
  key: string,
  rows: readonly SettledRow[],
  channel: string,
): Promise<void> {
  await ctx.gateway.uploadFile(
    tx,
    channel,
    {
      filename: `accord-settlement-${key}.csv`,
      title: settlementCsvTitle(key),
      content: statementCsv(rows.map(csvRowOf)),
    },
    { initialComment: settlementUploadComment(key, rows), reportTo: ctx.actor.userId },
  );
}

/** Partners with usage, entries or entered commission in the period. */
async function activeIn(tx: DbOrTx, months: string[], key: string): Promise<Set<number>> {
  const [usage, entries, entered] = await Promise.all([
    tx.selectDistinct({ id: usageRecords.partnerId }).from(usageRecords).where(inArray(usageRecords.month, months)),
    tx
      .selectDistinct({ id: settlementEntries.partnerId })
      .from(settlementEntries)
      .where(inArray(settlementEntries.month, months)),
    tx
      .selectDistinct({ id: accruedEntries.partnerId })
      .from(accruedEntries)
      .where(and(eq(accruedEntries.period, key), gt(accruedEntries.cents, 0))),
  ]);
  return new Set([...usage, ...entries, ...entered].map((r) => r.id));
}

async function insertDraft(
  tx: DbOrTx,
  d: {
    partner: PartnerRow;
    contract: ContractRow;
    key: string;
    sums: PeriodSums;
    accrual: Accrual;
    figures: StatementFigures;
    y: number | null;
    by: string;
    now: Date;
  },
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
