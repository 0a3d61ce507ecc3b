import { and, eq, inArray, sum } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { usageRecords } from '../../db/schema';
import { accruedCentsExact, emptyLoad, formatMoney, formatUsage, overLimit, type UsageUnit } from '../../domain/money';
import { monthKeys, periodOfKey, type Period } from '../../domain/period';
import { coefficient, payableDelta } from '../../domain/settlement/payable';
import { statementScore } from '../../domain/settlement/statement';
import { validation } from '../../errors';
import { settlementRefusals } from '../../messages/settlement/refusals';
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
      throw validation(settlementRefusals.usageDoesNotCount(partner.slug, contract.model));
    }
    const frozen = await frozenStatementHolding(tx, partner.id, month);
    if (!frozen) {
      const open = openQuarterOf(await openLedger(tx, partner.id), month);
      refuseOverLimit(
        partner.slug,
        contract,
        open,
        { ...open.load, usageSeconds: open.load.usageSeconds + BigInt(input.seconds) },
        `${what} more`,
      );
    } else if (frozen.currency !== contract.currency) {
      throw carriedCurrencyRefusal(partner.slug, frozen, contract);
    }
    const before = frozen ? await usageSecondsIn(tx, partner.id, monthKeys(periodOfKey(frozen.period))) : 0;
    let valued: { before: number; after: number } | undefined;
    if (frozen) {
      // Valued with the approved terms; a late record that would take the approved period beyond the limit is refused.
      const terms = { model: frozen.model, rateCents: frozen.rateCents, feeCents: frozen.feeCents };
      const months = monthKeys(periodOfKey(frozen.period)).length;
      const valueOf = (seconds: number) =>
        accruedCentsExact(terms, { usageSeconds: seconds, months, enteredCents: frozen.enteredCents });
      const after = valueOf(before + input.seconds);
      const over = overLimit(terms, {
        ...emptyLoad(months),
        usageSeconds: BigInt(before + input.seconds),
        enteredCents: BigInt(frozen.enteredCents),
      });
      if (over)
        throw validation(
          settlementRefusals.recordOverLimit(partner.slug, `${what} more`, frozen.period, frozen.currency, over),
        );
      valued = { before: Number(valueOf(before)), after: Number(after) };
    }
    await tx.insert(usageRecords).values({
      partnerId: partner.id,
      month: key,
      seconds: input.seconds,
      unit: input.unit,
      note: input.note ?? null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
    });
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'usage.recorded',
      entityType: 'partner',
      entityId: partner.id,
      data: { month: key, seconds: input.seconds, unit: input.unit },
    });
    if (!frozen || !valued) return { partner, month: key, draftToRebuild: await draftHolding(tx, partner.id, key) };
    const cents = payableDelta(
      { accruedCents: valued.before, coefficient: coefficient(statementScore(frozen)) },
      valued.after,
    );
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
  // An approved statement was built within the limit, so its usage is far below this; anything else is a corrupt
  // ledger.
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error(`usage of partner ${partnerId} in ${months.join(', ')} is beyond exact numbers`);
  return Number(total);
}
