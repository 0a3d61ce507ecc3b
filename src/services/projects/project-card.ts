import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escalations, projects, raciActivities } from '../../db/schema';
import { formatParty } from '../../domain/raci/party';
import { projectCardMessage } from '../../messages/project-card';
import type { SlackMessage } from '../../messages/types';

import type { PartnerRow } from '../partners/find-partner';
import { partnerNames } from '../raci/raci-common';
import { partnersOfProject, type ProjectRow } from './find-project';
import type { OutboxRef, SlackGateway } from '../ports';

/** What the project card shows, read fresh from the database. */
export async function renderProjectCard(
  db: DbOrTx,
  project: ProjectRow,
  partners?: readonly PartnerRow[],
): Promise<SlackMessage> {
  const projectPartners = partners ?? (await partnersOfProject(db, project.id));
  const names = partnerNames(projectPartners);
  const raci = await db
    .select({ name: raciActivities.name, accountable: raciActivities.accountable })
    .from(raciActivities)
    .where(eq(raciActivities.projectId, project.id))
    .orderBy(asc(raciActivities.nameKey));
  const counts = await db
    .select({ status: escalations.status, n: count() })
    .from(escalations)
    .where(and(eq(escalations.projectId, project.id), inArray(escalations.status, ['open', 'acknowledged'])))
    .groupBy(escalations.status);
  const countOf = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
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
export async function refreshProjectCard(tx: DbOrTx, gateway: SlackGateway, projectId: number): Promise<void> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
  if (!project || project.cardOutboxId === null) return;
  await gateway.updateMessage(tx, { outboxId: project.cardOutboxId }, await renderProjectCard(tx, project));
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
