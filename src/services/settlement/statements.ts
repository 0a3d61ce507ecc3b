import { and, asc, eq, inArray } from 'drizzle-orm';
import { partners, settlementEntries, statements } from '../../db/schema';

import type { ServiceContext } from '../context';
import { findPartner } from '../partners/find-partner';
import { requirePermission } from '../permissions';
import type { SettledRow } from './settled-row';
import { formatPeriod, monthKeys, type Period } from '../../domain/period';

export interface StatementEntry {
  kind: 'deduction' | 'adjustment';
  cents: number;
  reason: string;
  month: string;
}

export type StatementView =
  | { kind: 'one'; period: string; row: SettledRow; entries: StatementEntry[] }
  | { kind: 'table'; period: string; rows: SettledRow[] }
  | { kind: 'none'; period: string; partner: string | undefined; draft: boolean };

/**
 * `/accord statement <period> [<partner>]`. Vendor users see any partner's statement, drafts
 * included, and without a partner the whole period. A partner member sees their own partner's
 * only, and only once approved (a draft may still change); asking about another partner gets the
 * same refusal whether or not it exists.
 */
export async function viewStatement({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { period: Period; partner: string | undefined };
}): Promise<StatementView> {
  const key = formatPeriod(input.period);
  let slug = input.partner;
  if (ctx.actor.role === 'partner' || ctx.actor.role === 'guest') {
    const own = slug === undefined ? ctx.actor.partners[0] : ctx.actor.partners.find((p) => p.slug === slug);
    if (!own) requirePermission(ctx.actor, 'seePartner', { partnerId: -1 });
    slug = own?.slug;
  }
  if (slug === undefined) {
    requirePermission(ctx.actor, 'seePartner');
    const rows = await ctx.db
      .select({ partner: partners, statement: statements })
      .from(statements)
      .innerJoin(partners, eq(partners.id, statements.partnerId))
      .where(eq(statements.period, key))
      .orderBy(asc(partners.slug));
    return rows.length > 0
      ? { kind: 'table', period: key, rows }
      : { kind: 'none', period: key, partner: undefined, draft: false };
  }
  const partner = await findPartner(ctx.db, slug);
  requirePermission(ctx.actor, 'seePartner', { partnerId: partner.id });
  const [statement] = await ctx.db
    .select()
    .from(statements)
    .where(and(eq(statements.partnerId, partner.id), eq(statements.period, key)));
  const vendor = ctx.actor.role === 'admin' || ctx.actor.role === 'vendor';
  if (!statement || (!vendor && statement.status !== 'approved'))
    return { kind: 'none', period: key, partner: partner.slug, draft: statement !== undefined };
  const entries = await ctx.db
    .select({
      kind: settlementEntries.kind,
      cents: settlementEntries.cents,
      reason: settlementEntries.reason,
      month: settlementEntries.month,
    })
    .from(settlementEntries)
    .where(and(eq(settlementEntries.partnerId, partner.id), inArray(settlementEntries.month, monthKeys(input.period))))
    .orderBy(asc(settlementEntries.id));
  // Entries for an approved month are carried into a later period, so these are what it was built from.
  return { kind: 'one', period: key, row: { partner, statement }, entries };
}
