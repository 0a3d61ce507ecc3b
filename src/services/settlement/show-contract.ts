import type { ServiceContext } from '../context';
import { findPartner, type PartnerRow } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import { contractOf, type ContractRow } from './contract';

/** `/accord contract show <partner>`: vendor users, and the partner's own members. */
export async function showContract({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { partner: string };
}): Promise<{ partner: PartnerRow; contract: ContractRow }> {
  // A partner member asking about another partner is refused before the lookup, so the answer
  // does not reveal whether that partner exists.
  if (
    ctx.actor.role !== 'admin' &&
    ctx.actor.role !== 'vendor' &&
    !ctx.actor.partners.some((p) => p.slug === input.partner)
  )
    requirePermission(ctx.actor, 'seePartner', { partnerId: -1 });
  const partner = await findPartner(ctx.db, input.partner);
  requirePermission(ctx.actor, 'seePartner', { partnerId: partner.id });
  return { partner, contract: await contractOf(ctx.db, partner) };
}
