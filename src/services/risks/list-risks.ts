import { and, asc, eq } from 'drizzle-orm';
import { risks } from '../../db/schema';
import type { ServiceContext } from '../context';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import { today, type RiskRow } from './risk-common';

export async function listRisks({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; which: 'open' | 'all' };
}): Promise<{ project: ProjectRow; items: RiskRow[]; today: string }> {
  const { project } = await resolveProject(ctx, input.project, 'seeProject');
  const items = await ctx.db
    .select()
    .from(risks)
    .where(and(eq(risks.projectId, project.id), input.which === 'open' ? eq(risks.status, 'open') : undefined))
    .orderBy(asc(risks.id));
  return { project, items, today: today(ctx, project.timeZone) };
}
