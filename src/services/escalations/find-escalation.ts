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
  const query = tx.select().from(escalations).where(eq(escalations.id, id));
  const [escalation] = forUpdate ? await query.for('update') : await query;
  if (!escalation) throw notFound(escalationRefusals.notFound(id));
  const [project] = await tx.select().from(projects).where(eq(projects.id, escalation.projectId));
  if (!project) throw new Error(`escalation ${id} has no project`);
  const [target] =
    escalation.targetPartnerId === null
      ? []
      : await tx.select().from(partners).where(eq(partners.id, escalation.targetPartnerId));
  return { escalation, project, target };
}

/** What the permission rules need to know about an escalation. */
export function escalationResource(loaded: LoadedEscalation, projectPartnerIds: readonly number[]): Resource {
  return {
    projectPartnerIds,
    target: loaded.target ? { kind: 'partner', partnerId: loaded.target.id } : { kind: 'vendor' },
  };
}
