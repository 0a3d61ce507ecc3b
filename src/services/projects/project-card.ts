import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import type { DbOrTx } from '../../db/client';
import { escalations, projects, raciActivities } from '../../db/schema';
import { formatParty, type Party } from '../../domain/raci/party';
import { projectCardMessage } from '../../messages/project-card';
import type { SlackMessage } from '../../messages/types';

import type { PartnerRow } from '../partners/find-partner';
import { partnerNames } from '../raci/raci-common';
import { partnersOfProject, type ProjectRow } from './find-project';
import type { OutboxRef, SlackGateway } from '../ports';

type RaciRow = { name: string; accountable: Party };

/** What the project card shows, read fresh from the database. */
export async function renderProjectCard(
  db: DbOrTx,
  project: ProjectRow,
  partners?: readonly PartnerRow[],
): Promise<SlackMessage> {
  const projectPartners = partners ?? (await partnersOfProject(db, project.id));
  const names = partnerNames(projectPartners);
  // The RACI and the escalation counts in one round trip: every escalation raised refreshes the card.
  const [row] = await queryRows<{
    raci: string | RaciRow[] | null;
    open: number | string;
    acknowledged: number | string;
  }>(
    db,
    sql`select
          (select json_agg(json_build_object('name', r.name, 'accountable', r.accountable) order by r.name_key)
             from ${raciActivities} r where r.project_id = ${project.id}) as raci,
          (select count(*) from ${escalations} e where e.project_id = ${project.id} and e.status = 'open') as open,
          (select count(*) from ${escalations} e where e.project_id = ${project.id} and e.status = 'acknowledged') as acknowledged`,
  );
  const raci = row?.raci == null ? [] : typeof row.raci === 'string' ? (JSON.parse(row.raci) as RaciRow[]) : row.raci;
  const countOf = (status: 'open' | 'acknowledged') => Number(row?.[status] ?? 0);
  return projectCardMessage({
    projectId: project.id,
    name: project.name,
    slug: project.slug,
    customer: project.customer,
    ownerUserId: project.ownerUserId,
    partnerNames: projectPartners.map((p) => p.name),
    raci: raci.map((r) => ({ activity: r.name, accountable: formatParty(r.accountable, names) })),
    escalations: { open: countOf('open'), acknowledged: countOf('acknowledged') },
  });
}

/**
 * Brings the project card up to date (chat.update through the outbox, which waits for the card's
 * ts), in the caller's transaction, after a change to something the card shows: its escalation
 * counts or its RACI. Projects created before the card existed have none and are left alone.
 */
export async function refreshProjectCard(
  tx: DbOrTx,
  gateway: SlackGateway,
  projectId: number,
  /** The project and its partners when the caller has just read them (the card's outbox id never changes once set). */
  known?: { project: ProjectRow; partners: readonly PartnerRow[] },
): Promise<void> {
  const project = known?.project ?? (await tx.select().from(projects).where(eq(projects.id, projectId)))[0];
  if (!project || project.cardOutboxId === null) return;
  await gateway.updateMessage(
    tx,
    { outboxId: project.cardOutboxId, channel: project.channelId },
    await renderProjectCard(tx, project, known?.partners),
  );
}

/** Posts the card as the channel's welcome, pins it once Slack has its ts, and remembers it. */
export async function postProjectCard(
  tx: DbOrTx,
  gateway: SlackGateway,
  project: ProjectRow,
  partners: readonly PartnerRow[],
  reportTo: string,
): Promise<OutboxRef> {
  const ref = await gateway.postMessage(tx, project.channelId, await renderProjectCard(tx, project, partners), {
    reportTo,
  });
  await gateway.pinMessage(tx, ref, { reportTo });
  await tx.update(projects).set({ cardOutboxId: ref.outboxId }).where(eq(projects.id, project.id));
  return ref;
}
