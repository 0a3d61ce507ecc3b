import { eq } from 'drizzle-orm';
import { contracts } from '../../db/schema';
import { emptyLoad, overLimit, type ContractTerms, type PricingModel } from '../../domain/money';
import { validation } from '../../errors';
import { settlementRefusals } from '../../messages/settlement/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findPartner } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import type { ContractRow } from './contract';
import { lockSettlement } from './frozen';
import { openLedger, type OpenQuarter } from './open-ledger';

export interface ContractInput {
  partner: string;
  model: PricingModel;
  currency: string | undefined;
  rateCents: number | undefined;
  feeCents: number | undefined;
}

/** `/accord contract set`: one contract per partner; the new terms apply to statements built from now on. */
export async function setContract({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ContractInput;
}): Promise<{ contract: ContractRow; previous: ContractRow | undefined }> {
  requirePermission(ctx.actor, 'settle');
  const partner = await findPartner(ctx.db, input.partner);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockSettlement(tx);
    const [previous] = await tx.select().from(contracts).where(eq(contracts.partnerId, partner.id));
    const currency = input.currency ?? previous?.currency;
    if (!currency) throw validation(settlementRefusals.currencyMissing());
    const ledger = await openLedger(tx, partner.id);
    if (previous && currency !== previous.currency) {
      const held = currenciesHeld(currency, [...ledger.values()]);
      if (held.length > 0) throw validation(settlementRefusals.currencyChange(partner.slug, currency, held));
    }
    // The new terms value everything still open, and a monthly fee may be settled for a whole quarter.
    const terms: ContractTerms = {
      model: input.model,
      rateCents: input.rateCents ?? null,
      feeCents: input.feeCents ?? null,
    };
    for (const q of [{ quarter: 'a quarter', load: emptyLoad(3) }, ...ledger.values()]) {
      const over = overLimit(terms, q.load);
      if (over) throw validation(settlementRefusals.termsOverLimit(partner.slug, q.quarter, currency, over));
    }
    const values = {
      model: input.model,
      currency,
      rateCents: input.rateCents ?? null,
      feeCents: input.feeCents ?? null,
      updatedBy: ctx.actor.userId,
      updatedAt: now,
    };
    const [contract] = await tx
      .insert(contracts)
      .values({ partnerId: partner.id, ...values })
      .onConflictDoUpdate({ target: contracts.partnerId, set: values })
      .returning();
    if (!contract) throw new Error('contract upsert returned no row');
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'contract.set',
      entityType: 'partner',
      entityId: partner.id,
      data: { before: previous ?? null, after: values },
    });
    return { contract, previous };
  });
}

/**
 * The other currencies that deductions, adjustments and entered commission of still open quarters
 * were recorded in, each with where: a currency change would pay them as another currency.
 */
function currenciesHeld(currency: string, open: readonly OpenQuarter[]): Array<{ currency: string; where: string[] }> {
  const held = new Map<string, Set<string>>();
  for (const q of open) {
    for (const [c, where] of q.currencies) {
      if (c === currency) continue;
      const set = held.get(c) ?? new Set<string>();
      for (const w of where) set.add(w);
      held.set(c, set);
    }
  }
  return [...held]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, where]) => ({ currency: c, where: [...where].sort() }));
}
