import { and, desc, eq, inArray } from 'drizzle-orm';
import { escalations, partners } from '../../db/schema';
import type { ServiceContext } from '../context';
import { resolveProject } from '../projects/find-project';
import type { EscalationRow } from './find-escalation';

export interface EscalationListItem {
  escalation: EscalationRow;
  /** The target partner's name; null when it is the vendor team's. */
  partnerName: string | null;
}

const LIST_LIMIT = 50;

/** A project's escalations, newest first: open and acknowledged ones, or all. */
export async function listEscalations({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; which: 'open' | 'all' };
}): Promise<{ projectSlug: string; items: EscalationListItem[]; more: boolean }> {
  const { project } = await resolveProject(ctx, input.project, 'seeProject');
  const rows = await ctx.db
    .select({ escalation: escalations, partnerName: partners.name })
    .from(escalations)
    .leftJoin(partners, eq(partners.id, escalations.targetPartnerId))
    .where(
      and(
        eq(escalations.projectId, project.id),
        input.which === 'open' ? inArray(escalations.status, ['open', 'acknowledged']) : undefined,
      ),
    )
    .orderBy(desc(escalations.id))
    .limit(LIST_LIMIT + 1);
  return {
    projectSlug: project.slug,
    items: rows.slice(0, LIST_LIMIT).map((r) => ({ escalation: r.escalation, partnerName: r.partnerName })),
    more: rows.length > LIST_LIMIT,
  };
}
