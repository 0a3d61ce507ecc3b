import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contracts, partnerMembers, partners, statements } from '../../db/schema';
import { formatPeriod, monthKeys, type Period } from '../../domain/period';
import { conflict, notFound, validation } from '../../errors';
import { statementApprovedNotice } from '../../messages/settlement/replies';
import { settlementRefusals } from '../../messages/settlement/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { sendPersonNotice } from '../notices/person-notice';
import type { PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { lockSettlement, type StatementRow } from './frozen';
import { emptySums, periodSums } from './period-sums';
import type { SettledRow } from './settled-row';

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
          ? validation(settlementRefusals.noStatementToApprove(slug, key))
          : notFound(settlementRefusals.noSuchPartner(slug));
      }
    }
    const chosen = input.partners.length > 0 ? rows.filter((r) => input.partners.includes(r.partner.slug)) : rows;
    if (chosen.length === 0) throw validation(settlementRefusals.nothingToApprove(key));
    const drafts = chosen.filter((r) => r.statement.status === 'draft');
    const alreadyApproved = chosen.filter((r) => r.statement.status === 'approved');
    const stale = await staleDrafts(tx, drafts, months, key);
    if (stale.length > 0) {
      throw conflict(settlementRefusals.staleDrafts(stale, key));
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
      await recordAudit(tx, now, ctx.actor.userId, {
        action: 'settlement.approved',
        entityType: 'period',
        entityId: key,
        data: { partners: approved.map((a) => a.partner.slug) },
      });
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
        const message = statementApprovedNotice(key, a.statement);
        // Private to the partner: outside a DM it is only ever an ephemeral, and the approving
        // admin hears if it reaches a lead nowhere.
        for (const l of leads.filter((x) => x.partnerId === a.partner.id)) {
          await sendPersonNotice(tx, ctx.gateway, {
            userId: l.userId,
            message,
            privacy: 'person',
            partnerId: a.partner.id,
            reportTo: ctx.actor.userId,
          });
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
async function staleDrafts(
  tx: DbOrTx,
  drafts: ReadonlyArray<{ partner: PartnerRow; statement: StatementRow }>,
  months: string[],
  key: string,
): Promise<string[]> {
  if (drafts.length === 0) return [];
  const ids = drafts.map((d) => d.partner.id);
  const sums = await periodSums(tx, ids, months, key);
  const terms = new Map(
    (await tx.select().from(contracts).where(inArray(contracts.partnerId, ids))).map((c) => [c.partnerId, c]),
  );
  return drafts
    .filter(({ partner, statement: st }) => {
      const s = sums.get(partner.id) ?? emptySums(months.length);
      const c = terms.get(partner.id);
      const sameInputs =
        s.usageSeconds === BigInt(st.usageSeconds) &&
        s.enteredCents === BigInt(st.enteredCents) &&
        s.deductionsCents === BigInt(st.deductionsCents) &&
        s.adjustmentsCents === BigInt(st.adjustmentsCents);
      const sameTerms =
        c !== undefined &&
        c.model === st.model &&
        c.currency === st.currency &&
        c.rateCents === st.rateCents &&
        c.feeCents === st.feeCents;
      return !(sameInputs && sameTerms);
    })
    .map((d) => d.partner.slug);
}
