import { settlementEntries } from '../../db/schema';
import type { Period } from '../../domain/period';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { contractOf } from './contract';
import { frozenStatementHolding, lockSettlement } from './frozen';
import {
  carriedCurrencyRefusal,
  carry,
  draftHolding,
  ledgerSubject,
  refuseOverLimit,
  type LedgerOutcome,
} from './ledger-subject';
import { openLedger, openQuarterOf } from './open-ledger';

/**
 * `/accord deduct` and `/accord adjust`: a deduction (e.g. for a violation) or a supplementary
 * settlement for a month. For an approved month it becomes an adjustment of the next open period.
 */
export async function recordEntry({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    partner: string;
    kind: 'deduction' | 'adjustment';
    cents: number;
    reason: string;
    period: Period | undefined;
  };
}): Promise<LedgerOutcome & { currency: string }> {
  const { partner, month, key, now } = await ledgerSubject(ctx, input);
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const contract = await contractOf(tx, partner);
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    if (frozen) {
      if (frozen.currency !== contract.currency) throw carriedCurrencyRefusal(partner.slug, frozen, contract);
      const cents = input.kind === 'deduction' ? -input.cents : input.cents;
      const outcome = await carry(
        tx,
        ctx,
        partner,
        frozen,
        cents,
        `${input.kind} for ${key} after ${frozen.period} was approved: ${input.reason}`,
        now,
      );
      return { ...outcome, currency: frozen.currency };
    }
    const open = openQuarterOf(await openLedger(tx, partner.id), month);
    const amount = BigInt(input.cents);
    const load =
      input.kind === 'deduction'
        ? { ...open.load, deductionsCents: open.load.deductionsCents + amount }
        : { ...open.load, adjustmentsCents: open.load.adjustmentsCents + amount };
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
    return {
      partner,
      month: key,
      currency: contract.currency,
      draftToRebuild: await draftHolding(tx, partner.id, key),
    };
  });
}
