import { and, desc, eq, inArray } from 'drizzle-orm';
import { statements } from '../../db/schema';
import { parsePeriod } from '../../domain/period';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { viewStatement, type StatementView } from '../settlement/statements';
import { partnersInView, projectOfCard } from './card-answers';

/**
 * *Our statement*: the latest statement, through `/accord statement`'s own rules. A partner member
 * gets their partner's latest approved statement; the vendor gets the latest period settled for
 * this project's partners, one statement each.
 */
export async function projectCardStatements({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { projectId: number };
}): Promise<{ views: StatementView[]; partners: PartnerRow[] }> {
  const { partners } = await projectOfCard({ ctx, input: { projectId: input.projectId, action: 'seeProject' } });
  const view = partnersInView(ctx, partners);
  if (view.partners.length === 0) return { views: [], partners: [] };
  const ids = view.partners.map((p) => p.id);
  const views: StatementView[] = [];
  if (view.own) {
    for (const p of view.partners) {
      const [latest] = await ctx.db
        .select({ period: statements.period })
        .from(statements)
        .where(and(eq(statements.partnerId, p.id), eq(statements.status, 'approved')))
        .orderBy(desc(statements.approvedAt), desc(statements.id))
        .limit(1);
      const period = latest ? parsePeriod(latest.period) : undefined;
      if (period && !('error' in period)) views.push(await viewStatement({ ctx, input: { period, partner: p.slug } }));
    }
    return { views, partners: view.partners };
  }
  requirePermission(ctx.actor, 'seePartner', {});
  const [latest] = await ctx.db
    .select({ period: statements.period })
    .from(statements)
    .where(inArray(statements.partnerId, ids))
    .orderBy(desc(statements.builtAt), desc(statements.id))
    .limit(1);
  const period = latest ? parsePeriod(latest.period) : undefined;
  if (period && !('error' in period)) {
    for (const p of view.partners) views.push(await viewStatement({ ctx, input: { period, partner: p.slug } }));
  }
  return { views, partners: view.partners };
}
