import { and, desc, eq, inArray } from 'drizzle-orm';
import { projects, statements } from '../../db/schema';
import type { ScoreResult } from '../../domain/scores/score';
import { validation } from '../../errors';
import { projectRefusals } from '../../messages/project';
import type { ServiceContext } from '../context';
import { can, requirePermission, type PermissionAction } from '../permissions';
import type { PartnerRow } from '../partners/find-partner';
import { partnerScore, scoresFor, type PartnerScore } from '../scores/scores';
import { viewStatement, type StatementView } from '../settlement/statements';
import { partnersOfProject, type ProjectRow } from './find-project';
import { parsePeriod, periodOf, type Period } from '../../domain/period';

/**
 * The project a card button stands for. The value is the project id Accord put there; it must be
 * the project of the channel the button was pressed in, and the actor must be allowed `action`
 * on it (a partner member only in projects of their own partner).
 */
export async function projectOfCard({ ctx, input }: { ctx: ServiceContext; input: { projectId: number; action: PermissionAction } }): Promise<{ project: ProjectRow; partners: PartnerRow[] }> {
  const [project] = await ctx.db.select().from(projects).where(eq(projects.id, input.projectId));
  if (!project || project.channelId !== ctx.channelId) throw validation(projectRefusals.notThisCard());
  const partners = await partnersOfProject(ctx.db, project.id);
  const resource = { projectPartnerIds: partners.map((p) => p.id) };
  if (ctx.actor.role === 'partner' && !can(ctx.actor, 'seeProject', resource)) throw validation(projectRefusals.notThisCard());
  requirePermission(ctx.actor, input.action, resource);
  return { project, partners };
}

/** The partners of the project the actor speaks for: their own, for a partner member; all of them for the vendor. */
function partnersInView(ctx: ServiceContext, partners: readonly PartnerRow[]): { own: boolean; partners: PartnerRow[] } {
  if (ctx.actor.role === 'partner') return { own: true, partners: partners.filter((p) => ctx.actor.partners.some((m) => m.partnerId === p.id)) };
  return { own: false, partners: [...partners] };
}

export type CardScores = { kind: 'own'; results: PartnerScore[] } | { kind: 'table'; period: Period; rows: Array<{ partner: PartnerRow; score: ScoreResult }> };

/**
 * *Our score*: a partner member gets their own partner's score, as `/score` gives it; the vendor
 * gets the table of this project's partners. Same permissions as `/score`.
 */
export async function projectCardScores({ ctx, input }: { ctx: ServiceContext; input: { projectId: number } }): Promise<CardScores> {
  const { partners } = await projectOfCard({ ctx, input: { projectId: input.projectId, action: 'seeProject' } });
  const view = partnersInView(ctx, partners);
  if (view.own) {
    const results: PartnerScore[] = [];
    for (const p of view.partners) {
      const r = await partnerScore({ ctx, input: { partner: p.slug, period: undefined } });
      if (r.kind === 'one') results.push(r.result);
    }
    return { kind: 'own', results };
  }
  requirePermission(ctx.actor, 'seePartner', {});
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  const period = periodOf(now, 'month', tz);
  const active = view.partners.filter((p) => p.status === 'active');
  const [scores] = await scoresFor(
    ctx.db,
    active.map((p) => p.id),
    [period],
    tz,
    now,
  );
  const rows = active.flatMap((partner) => {
    const score = scores?.get(partner.id)?.score;
    return score ? [{ partner, score }] : [];
  });
  return { kind: 'table', period, rows };
}

/**
 * *Our statement*: the latest statement, through `/accord statement`'s own rules. A partner member
 * gets their partner's latest approved statement; the vendor gets the latest period settled for
 * this project's partners, one statement each.
 */
export async function projectCardStatements({ ctx, input }: { ctx: ServiceContext; input: { projectId: number } }): Promise<{ views: StatementView[]; partners: PartnerRow[] }> {
  const { partners } = await projectOfCard({ ctx, input: { projectId: input.projectId, action: 'seeProject' } });
  const view = partnersInView(ctx, partners);
  if (view.partners.length === 0) return { views: [], partners: [] };
  const ids = view.partners.map((p) => p.id);
  const views: StatementView[] = [];
  if (view.own) {
    for (const p of view.partners) {
      const [latest] = await ctx.db
        .select({ period: statements.period })
        .from(statements)
        .where(and(eq(statements.partnerId, p.id), eq(statements.status, 'approved')))
        .orderBy(desc(statements.approvedAt), desc(statements.id))
        .limit(1);
      const period = latest ? parsePeriod(latest.period) : undefined;
      if (period && !('error' in period)) views.push(await viewStatement({ ctx, input: { period, partner: p.slug } }));
    }
    return { views, partners: view.partners };
  }
  requirePermission(ctx.actor, 'seePartner', {});
  const [latest] = await ctx.db.select({ period: statements.period }).from(statements).where(inArray(statements.partnerId, ids)).orderBy(desc(statements.builtAt), desc(statements.id)).limit(1);
  const period = latest ? parsePeriod(latest.period) : undefined;
  if (period && !('error' in period)) {
    for (const p of view.partners) views.push(await viewStatement({ ctx, input: { period, partner: p.slug } }));
  }
  return { views, partners: view.partners };
}
