import { eq } from 'drizzle-orm';
import { raciActivities } from '../../db/schema';
import { normaliseActivity, validateActivityName } from '../../domain/raci/activity';
import { describeRaciChange, validateRaci, type RaciAssignment, type RaciInput } from '../../domain/raci/assignment';
import { conflict, validation, usageError } from '../../errors';
import { raciNotices, raciRefusals } from '../../messages/raci';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { refreshProjectCard } from '../projects/project-card';
import { resolveProject } from '../projects/find-project';
import { requireProjectPeople } from '../projects/project-people';
import { assignmentOf, findActivity, partnerNames, requireProjectPartners } from './raci-common';

export interface SetRaciResult {
  projectSlug: string;
  activity: string;
  created: boolean;
  assignment: RaciAssignment;
  changes: string[];
}

/**
 * Creates or changes one activity's RACI. Roles left out keep their value. The change is recorded
 * (who, when, old → new) and announced in the project channel in the same transaction.
 */
export async function setRaci({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; activity: string; roles: RaciInput };
}): Promise<SetRaciResult> {
  const { project, partners } = await resolveProject(ctx, input.project, 'manageProjects');
  const name = validateActivityName(input.activity);
  if (typeof name !== 'string') throw usageError(name.error);
  if (Object.keys(input.roles).length === 0) throw usageError(raciRefusals.noRoles());
  // Checked before the transaction: placing a person may ask Slack, which must not hold the row lock.
  const named = Object.values(input.roles).flatMap((parties) =>
    parties.flatMap((p) => (p.kind === 'user' ? [p.userId] : [])),
  );
  await requireProjectPeople(ctx, named, partners, 'RACI roles');
  const names = partnerNames(partners);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await findActivity(tx, project.id, name, true);
    const before = existing ? assignmentOf(existing) : undefined;
    const after = validateRaci(input.roles, before);
    if ('error' in after) throw usageError(after.error);
    requireProjectPartners(after, partners);
    const changes = describeRaciChange(before, after, names);
    if (changes.length === 0) throw validation(raciRefusals.nothingChanged(existing?.name ?? name));
    let id: number;
    if (existing) {
      await tx
        .update(raciActivities)
        .set({ ...after, updatedBy: ctx.actor.userId, updatedAt: now })
        .where(eq(raciActivities.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(raciActivities)
        .values({
          projectId: project.id,
          name,
          nameKey: normaliseActivity(name),
          ...after,
          updatedBy: ctx.actor.userId,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw conflict(raciRefusals.setAtTheSameMoment(name));
      id = row.id;
    }
    const activity = existing?.name ?? name;
    await recordAudit(tx, now, ctx.actor.userId, {
      action: existing ? 'raci.changed' : 'raci.created',
      entityType: 'raci_activity',
      entityId: id,
      data: { project: project.slug, activity, before: before ?? null, after },
    });
    await ctx.gateway.postMessage(
      tx,
      project.channelId,
      raciNotices.set(ctx.actor.userId, activity, existing !== undefined, changes),
      { reportTo: ctx.actor.userId },
    );
    await refreshProjectCard(tx, ctx.gateway, project.id);
    return { projectSlug: project.slug, activity, created: !existing, assignment: after, changes };
  });
}
