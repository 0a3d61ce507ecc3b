import { and, eq, max } from 'drizzle-orm';
import { changeRequests, partnerMembers, projects } from '../../db/schema';
import { formatParty, type Party } from '../../domain/raci/party';
import { formatLocal, parseLocalDateTime, zonedToUtc } from '../../domain/time-zone';
import { usageError } from '../../errors';
import { changeLabel, changeRefusals, changeRequestMessage, deciderText } from '../../messages/change-request';
import type { DbOrTx } from '../../db/client';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import { findActivity, missingActivity, partnerNames } from '../raci/raci-common';

export interface ProposeChangeInput {
  project: string | undefined;
  title: string;
  when: string | undefined;
  activity: string | undefined;
}

/**
 * Who the decider is, as mrkdwn that reaches them: a person is mentioned; a partner's leads are
 * mentioned (its name when it has none); the vendor means the project owner.
 */
export async function describeDecider(
  db: DbOrTx,
  decider: Party,
  project: ProjectRow,
  partners: readonly PartnerRow[],
): Promise<string> {
  if (decider.kind === 'user') return deciderText({ kind: 'user', userId: decider.userId });
  if (decider.kind === 'vendor') return deciderText({ kind: 'vendor', ownerUserId: project.ownerUserId });
  const partner = partners.find((p) => p.slug === decider.slug);
  const name = formatParty(decider, partnerNames(partners));
  if (!partner) return deciderText({ kind: 'partner', name, leadIds: [] });
  const leads = await db
    .select({ userId: partnerMembers.userId })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partner.id), eq(partnerMembers.lead, true)));
  return deciderText({ kind: 'partner', name, leadIds: leads.map((l) => l.userId) });
}

/**
 * A change request for the Accountable party of the activity, or the vendor project owner when
 * no activity is named. It is posted with Approve / Reject buttons; only the decider may press them.
 */
export async function proposeChange({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ProposeChangeInput;
}): Promise<{ label: string; decider: string }> {
  const { project, partners } = await resolveProject(ctx, input.project, 'contribute');
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200) throw usageError(changeRefusals.titleLength());
  const now = ctx.clock.now();
  let plannedFor: Date | undefined;
  if (input.when !== undefined) {
    const fields = parseLocalDateTime(input.when);
    if (!fields) throw usageError(changeRefusals.whenNotADate(input.when, project.timeZone));
    plannedFor = zonedToUtc(fields, project.timeZone);
    if (plannedFor.getTime() <= now.getTime())
      throw usageError(changeRefusals.whenInThePast(input.when, project.timeZone));
  }
  return ctx.db.transaction(async (tx) => {
    let decider: Party = { kind: 'user', userId: project.ownerUserId };
    let activityName: string | undefined;
    if (input.activity !== undefined) {
      const activity = await findActivity(tx, project.id, input.activity);
      if (!activity) throw await missingActivity(tx, project, input.activity);
      decider = activity.accountable;
      activityName = activity.name;
    }
    // The project row lock numbers change requests one after another without gaps.
    await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, project.id)).for('update');
    const [last] = await tx
      .select({ n: max(changeRequests.number) })
      .from(changeRequests)
      .where(eq(changeRequests.projectId, project.id));
    const number = (last?.n ?? 0) + 1;
    const [cr] = await tx
      .insert(changeRequests)
      .values({
        projectId: project.id,
        number,
        title,
        plannedFor: plannedFor ?? null,
        activity: activityName ?? null,
        decider,
        proposedBy: ctx.actor.userId,
        proposedAt: now,
      })
      .returning();
    if (!cr) throw new Error('change request insert returned no row');
    const deciderText = await describeDecider(tx, decider, project, partners);
    const ref = await ctx.gateway.postMessage(
      tx,
      project.channelId,
      changeRequestMessage({
        id: cr.id,
        number,
        title,
        proposedBy: ctx.actor.userId,
        decider: deciderText,
        plannedFor: plannedFor && formatLocal(plannedFor, project.timeZone),
        activity: activityName,
        status: 'proposed',
      }),
      { reportTo: ctx.actor.userId },
    );
    await tx.update(changeRequests).set({ messageOutboxId: ref.outboxId }).where(eq(changeRequests.id, cr.id));
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'change_request.proposed',
      entityType: 'change_request',
      entityId: cr.id,
      data: { project: project.slug, number, title, plannedFor, activity: activityName ?? null, decider },
    });
    return { label: changeLabel(number), decider: deciderText };
  });
}
