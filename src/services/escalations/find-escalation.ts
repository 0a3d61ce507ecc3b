import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escalations, partners, projects } from '../../db/schema';
import { notFound } from '../../errors';
import { escalationRefusals } from '../../messages/escalation/refusals';
import type { Resource } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import type { ProjectRow } from '../projects/find-project';

export type EscalationRow = typeof escalations.$inferSelect;

export interface LoadedEscalation {
  escalation: EscalationRow;
  project: ProjectRow;
  target: PartnerRow | undefined;
}

/** `ESC-12`, `esc-12` or `12`. */
export function parseEscalationRef(text: string): number | undefined {
  const m = /^(?:esc-)?(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** Loads an escalation with its project and target; `forUpdate` locks the row for a transition. */
export async function loadEscalation(tx: DbOrTx, id: number, forUpdate = false): Promise<LoadedEscalation> {
  // One round trip (every timer and every button starts here); only the escalation's row is locked.
  const query = tx
    .select({ escalation: escalations, project: projects, target: partners })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .leftJoin(partners, eq(partners.id, escalations.targetPartnerId))
    .where(eq(escalations.id, id));
  const [row] = forUpdate ? await query.for('update', { of: escalations }) : await query;
  if (!row) throw notFound(escalationRefusals.notFound(id));
  return { escalation: row.escalation, project: row.project, target: row.target ?? undefined };
}

/** What the permission rules need to know about an escalation. */
export function escalationResource(loaded: LoadedEscalation, projectPartnerIds: readonly number[]): Resource {
  return {
    projectPartnerIds,
    target: loaded.target ? { kind: 'partner', partnerId: loaded.target.id } : { kind: 'vendor' },
  };
}
