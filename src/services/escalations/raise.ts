import { and, count, eq, gte, inArray, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escalations, partners, projects, raciActivities, slaQuotas } from '../../db/schema';

import { normaliseActivity } from '../../domain/raci/activity';
import { usageError } from '../../errors';
import { downgradedNotice } from '../../messages/escalation/notices';
import { escalationRefusals } from '../../messages/escalation/refusals';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import type { PartnerRow } from '../partners/find-partner';
import { speaksForTarget } from '../permissions';
import { resolveProject, type ProjectRow } from '../projects/find-project';
import { refreshProjectCard } from '../projects/project-card';
import { missingActivity } from '../raci/raci-common';
import type { EscalationRow } from './find-escalation';
import { policyFor } from './policies';
import { addEvents, renderEscalation, type EventInput } from './present';
import { scheduleOpeningTimers } from './timers';
import { periodOf, periodRange } from '../../domain/period';
import type { Severity } from '../../domain/escalations/state';
import { escalationDeadlines } from '../../domain/escalations/policy';

export interface RaiseInput {
  project: string | undefined;
  severity: Severity;
  title: string;
  activity: string | undefined;
  /** Identifies the request (e.g. a modal's view id), so a repeated submission opens nothing new. */
  requestKey?: string;
}

export interface RaiseResult {
  escalation: EscalationRow;
  project: ProjectRow;
  target: PartnerRow | undefined;
  downgraded: boolean;
  repeated: boolean;
  /** Raised by a partner member on an activity another partner is Accountable for: it went to the vendor. */
  redirected: boolean;
}

/**
 * docs/product.md: the partner Accountable for `activity` when given; otherwise the project's first
 * (active) partner when raised by the vendor, and the vendor when raised by a partner member.
 */
async function chooseTarget(
  ctx: ServiceContext,
  tx: DbOrTx,
  project: ProjectRow,
  projectPartners: PartnerRow[],
  activity: string | undefined,
): Promise<{ target: PartnerRow | undefined; activity: string | undefined; redirected: boolean }> {
  if (activity !== undefined) {
    const [row] = await tx
      .select()
      .from(raciActivities)
      .where(and(eq(raciActivities.projectId, project.id), eq(raciActivities.nameKey, normaliseActivity(activity))));
    if (!row) throw await missingActivity(tx, project, activity);
    const a = row.accountable;
    if (a.kind === 'partner') {
      const [partner] = await tx
        .select()
        .from(partners)
        .where(and(eq(partners.slug, a.slug), eq(partners.status, 'active')));
      // A partner member's escalation never lands on another partner: the vendor triages it and
      // may hand it on, so one partner cannot count against another's score.
      if (
        partner &&
        ctx.actor.role === 'partner' &&
        !speaksForTarget(ctx.actor, { kind: 'partner', partnerId: partner.id })
      ) {
        return { target: undefined, activity: row.name, redirected: true };
      }
      return { target: partner, activity: row.name, redirected: false };
    }
    return { target: undefined, activity: row.name, redirected: false };
  }
  if (ctx.actor.role === 'partner') return { target: undefined, activity: undefined, redirected: false };
  return { target: projectPartners.find((p) => p.status === 'active'), activity: undefined, redirected: false };
}

export async function raiseEscalation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RaiseInput;
}): Promise<RaiseResult> {
  const { project, partners: projectPartners } = await resolveProject(ctx, input.project, 'raiseEscalation');
  const title = input.title.trim().replace(/\s+/g, ' ');
  if (title.length === 0 || title.length > 250) throw usageError(escalationRefusals.titleLength());
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (input.requestKey) {
      const [existing] = await tx.select().from(escalations).where(eq(escalations.requestKey, input.requestKey));
      if (existing)
        return {
          escalation: existing,
          project,
          target: undefined,
          downgraded: false,
          repeated: true,
          redirected: false,
        };
    }
    const { target, activity, redirected } = await chooseTarget(ctx, tx, project, projectPartners, input.activity);
    let severity = input.severity;
    let requestedSeverity: Severity | null = null;
    if (severity === 'sev1') {
      const [quota] = await tx
        .select()
        .from(slaQuotas)
        .where(and(eq(slaQuotas.projectId, project.id), eq(slaQuotas.severity, 'sev1')));
      if (quota) {
        // The project row lock serialises its sev1s, so two at once cannot both squeeze under the quota.
        await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, project.id)).for('update');
        const { start: from, end: to } = periodRange(periodOf(now, 'month', project.timeZone), project.timeZone);
        const [used] = await tx
          .select({ n: count() })
          .from(escalations)
          .where(
            and(
              eq(escalations.projectId, project.id),
              gte(escalations.openedAt, from),
              lt(escalations.openedAt, to),
              or(eq(escalations.severity, 'sev1'), eq(escalations.requestedSeverity, 'sev1')),
              inArray(escalations.status, ['open', 'acknowledged', 'resolved']),
            ),
          );
        if (Number(used?.n ?? 0) >= quota.perMonth) {
          severity = 'sev2';
          requestedSeverity = 'sev1';
        }
      }
    }
    const policy = await policyFor(tx, severity, project.id, target?.id ?? null);
    const [row] = await tx
      .insert(escalations)
      .values({
        projectId: project.id,
        severity,
        requestedSeverity,
        title,
        activity: activity ?? null,
        targetPartnerId: target?.id ?? null,
        policy,
        level: 1,
        round: 1,
        notifiedAt: now,
        openedBy: ctx.actor.userId,
        openedAt: now,
        ...escalationDeadlines(now, policy, project.timeZone),
        requestKey: input.requestKey ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [existing] = await tx
        .select()
        .from(escalations)
        .where(eq(escalations.requestKey, input.requestKey ?? ''));
      if (existing) return { escalation: existing, project, target, downgraded: false, repeated: true, redirected };
      throw new Error('escalation insert returned no row');
    }
    const loaded = { escalation: row, project, target };
    const deps = { gateway: ctx.gateway, settings: ctx.settings };
    const message = await renderEscalation(tx, deps, loaded);
    const ref = await ctx.gateway.postMessage(tx, project.channelId, message, { reportTo: ctx.actor.userId });
    await tx.update(escalations).set({ messageOutboxId: ref.outboxId }).where(eq(escalations.id, row.id));
    const escalation = { ...row, messageOutboxId: ref.outboxId };
    const events: EventInput[] = [
      {
        at: now,
        actor: ctx.actor.userId,
        kind: 'opened',
        data: {
          severity,
          requestedSeverity,
          target: target?.slug ?? 'vendor',
          activity: activity ?? null,
          ...(redirected ? { redirectedToVendor: true } : {}),
        },
      },
    ];
    if (requestedSeverity) {
      events.push({
        at: now,
        actor: 'system',
        kind: 'downgraded',
        data: { from: requestedSeverity, to: severity, reason: 'monthly quota used up' },
      });
      await ctx.gateway.postMessage(
        tx,
        project.channelId,
        { text: downgradedNotice(row.id, severity, requestedSeverity) },
        { threadOf: ref },
      );
    }
    events.push({ at: now, actor: 'system', kind: 'notified', data: { level: 1, round: 1 } });
    await addEvents(tx, row.id, events);
    await scheduleOpeningTimers(tx, ctx.timers, now, escalation, project.timeZone);
    await refreshProjectCard(tx, ctx.gateway, project.id, { project, partners: projectPartners });
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'escalation.opened',
      entityType: 'escalation',
      entityId: row.id,
      data: { project: project.slug, severity, requestedSeverity, title },
    });
    return { escalation, project, target, downgraded: requestedSeverity !== null, repeated: false, redirected };
  });
}
