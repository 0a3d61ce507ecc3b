import { and, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { slaPolicies, slaQuotas, type SlaScope } from '../../db/schema';
import { effectivePolicy, validatePolicy, type SlaOverride, type SlaPolicy } from '../../domain/escalations/policy';
import { usageError } from '../../errors';
import { escalationRefusals } from '../../messages/escalation/refusals';
import type { SlaScopeView } from '../../messages/escalation/replies';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { findActivePartner } from '../partners/find-partner';
import { projectInChannel, resolveProject, type ProjectRow } from '../projects/find-project';
import { severities, type Severity } from '../../domain/escalations/state';

async function overrideOf(
  db: DbOrTx,
  scope: SlaScope,
  scopeId: number,
  severity: Severity,
): Promise<SlaOverride | undefined> {
  const [row] = await db
    .select({ override: slaPolicies.override })
    .from(slaPolicies)
    .where(and(eq(slaPolicies.scope, scope), eq(slaPolicies.scopeId, scopeId), eq(slaPolicies.severity, severity)));
  return row?.override;
}

/** Built-in defaults ← network ← the target partner's ← the project's: the most specific wins. */
export async function policyFor(
  db: DbOrTx,
  severity: Severity,
  projectId: number,
  targetPartnerId: number | null,
): Promise<SlaPolicy> {
  // The three scopes in one round trip (a hot path: every escalation raised reads them).
  const rows = await db
    .select({ scope: slaPolicies.scope, override: slaPolicies.override })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.severity, severity),
        or(
          and(eq(slaPolicies.scope, 'network'), eq(slaPolicies.scopeId, 0)),
          targetPartnerId === null
            ? undefined
            : and(eq(slaPolicies.scope, 'partner'), eq(slaPolicies.scopeId, targetPartnerId)),
          and(eq(slaPolicies.scope, 'project'), eq(slaPolicies.scopeId, projectId)),
        ),
      ),
    );
  const of = (scope: SlaScope) => rows.find((r) => r.scope === scope)?.override;
  return effectivePolicy(severity, of('network'), of('partner'), of('project'));
}

export interface SlaScopeInput {
  partner: string | undefined;
  project: string | undefined;
}

interface ResolvedScope {
  scope: SlaScope;
  scopeId: number;
  view: SlaScopeView;
}

/** `partner=` or `project=` when given; else the project of the channel; else the whole network. */
async function resolveScope(ctx: ServiceContext, input: SlaScopeInput): Promise<ResolvedScope> {
  if (input.partner !== undefined && input.project !== undefined)
    throw usageError(escalationRefusals.partnerAndProject());
  if (input.partner !== undefined) {
    const partner = await findActivePartner(ctx.db, input.partner);
    return { scope: 'partner', scopeId: partner.id, view: { kind: 'partner', slug: partner.slug } };
  }
  let project: ProjectRow | undefined;
  if (input.project !== undefined) project = (await resolveProject(ctx, input.project, 'seeProject')).project;
  else project = await projectInChannel(ctx.db, ctx.channelId);
  return project
    ? { scope: 'project', scopeId: project.id, view: { kind: 'project', slug: project.slug } }
    : { scope: 'network', scopeId: 0, view: { kind: 'network' } };
}

export async function setSlaPolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SlaScopeInput & { severity: Severity; override: SlaOverride };
}): Promise<{ scope: SlaScopeView; policy: SlaPolicy }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const target = await resolveScope(ctx, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await overrideOf(tx, target.scope, target.scopeId, input.severity);
    // A new ack without a new step moves the step with it, as the default step is the ack time.
    const merged: SlaOverride = { ...existing, ...input.override };
    if (input.override.ackMs !== undefined && input.override.stepMs === undefined) delete merged.stepMs;
    const policy = effectivePolicy(input.severity, merged);
    const valid = validatePolicy(policy);
    if (!valid.ok) throw usageError(valid.error);
    await tx
      .insert(slaPolicies)
      .values({
        scope: target.scope,
        scopeId: target.scopeId,
        severity: input.severity,
        override: merged,
        updatedBy: ctx.actor.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [slaPolicies.scope, slaPolicies.scopeId, slaPolicies.severity],
        set: { override: merged, updatedBy: ctx.actor.userId, updatedAt: now },
      });
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'sla_policy.set',
      entityType: 'sla_policy',
      entityId: `${target.scope}:${target.scopeId}:${input.severity}`,
      data: { before: existing ?? null, after: merged },
    });
    return { scope: target.view, policy };
  });
}

export interface SlaOverview {
  scope: SlaScopeView;
  policies: Array<{ severity: Severity; policy: SlaPolicy; overridden: boolean }>;
  quota: number | undefined;
}

/** The policies that apply where asked: built-in defaults ← network ← the scope's own overrides. */
export async function showSla({ ctx, input }: { ctx: ServiceContext; input: SlaScopeInput }): Promise<SlaOverview> {
  requirePermission(ctx.actor, 'manageNetwork');
  const target = await resolveScope(ctx, input);
  const policies = [];
  for (const severity of severities) {
    const network = await overrideOf(ctx.db, 'network', 0, severity);
    const own =
      target.scope === 'network' ? undefined : await overrideOf(ctx.db, target.scope, target.scopeId, severity);
    policies.push({
      severity,
      policy: effectivePolicy(severity, network, own),
      overridden: network !== undefined || own !== undefined,
    });
  }
  let quota: number | undefined;
  if (target.scope === 'project') {
    const [row] = await ctx.db
      .select()
      .from(slaQuotas)
      .where(and(eq(slaQuotas.projectId, target.scopeId), eq(slaQuotas.severity, 'sev1')));
    quota = row?.perMonth;
  }
  return { scope: target.view, policies, quota };
}

/** `/accord sla quota sev1=<n>`: n = 0 removes the quota. */
export async function setQuota({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { project: string | undefined; perMonth: number };
}): Promise<{ project: ProjectRow }> {
  requirePermission(ctx.actor, 'manageNetwork');
  if (!Number.isInteger(input.perMonth) || input.perMonth < 0 || input.perMonth > 1000)
    throw usageError(escalationRefusals.quotaRange());
  const { project } = await resolveProject(ctx, input.project, 'manageNetwork');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (input.perMonth === 0)
      await tx.delete(slaQuotas).where(and(eq(slaQuotas.projectId, project.id), eq(slaQuotas.severity, 'sev1')));
    else {
      await tx
        .insert(slaQuotas)
        .values({
          projectId: project.id,
          severity: 'sev1',
          perMonth: input.perMonth,
          updatedBy: ctx.actor.userId,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [slaQuotas.projectId, slaQuotas.severity],
          set: { perMonth: input.perMonth, updatedBy: ctx.actor.userId, updatedAt: now },
        });
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: 'sla_quota.set',
      entityType: 'project',
      entityId: project.id,
      data: { severity: 'sev1', perMonth: input.perMonth },
    });
  });
  return { project };
}
