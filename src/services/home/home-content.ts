import { and, asc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import {
  checkinAnswers,
  checkinRuns,
  checkinSchedules,
  escalations,
  partners,
  projectPartners,
  projects,
  raciActivities,
} from '../../db/schema';
import { nextOccurrence } from '../../domain/cron/occurrences';
import { parseCron } from '../../domain/cron/parse';
import type { Party } from '../../domain/raci/party';
import type { ScoreResult } from '../../domain/scores/score';
import type { ServiceContext } from '../context';
import { scoresFor } from '../scores/scores';
import { formatPeriod, periodOf } from '../../domain/period';

export interface HomeContent {
  escalations: Array<{
    id: number;
    severity: string;
    title: string;
    status: string;
    projectSlug: string;
    channelId: string;
  }>;
  roles: Array<{ projectSlug: string; activity: string; roles: string[] }>;
  /** Times in the project's own zone, as the check-in's message in the project channel shows them. */
  checkins: Array<{ projectSlug: string; kind: string; next: Date; timeZone: string }>;
  /** Open check-ins that expect an answer from this person and have none yet, closing soonest first. */
  waiting: Array<{ runId: number; projectSlug: string; kind: string; closeAt: Date; timeZone: string }>;
  /** Accord's own zone (ACCORD_TIMEZONE): periods and the moment the page was drawn. */
  timeZone: string;
  period: string;
  /** Vendor users: every active partner; partner members: their own partners. */
  scores: Array<{ name: string; slug: string; score: ScoreResult }>;
}

const HOME_LIMIT = 10;

/**
 * What the App Home shows a person: open escalations in their projects (for partner members,
 * those of their partner's projects), their RACI roles (as a person or through their partner),
 * the next check-ins of those projects, the open check-ins waiting for their answer, and scores
 * (all partners for the vendor, their own partner's for partner members).
 */
export async function homeContent(ctx: ServiceContext): Promise<HomeContent> {
  const tz = ctx.settings.defaultTimeZone;
  const now = ctx.clock.now();
  const period = periodOf(now, 'month', tz);
  const empty: HomeContent = {
    escalations: [],
    roles: [],
    checkins: [],
    waiting: [],
    timeZone: tz,
    period: formatPeriod(period),
    scores: [],
  };
  if (ctx.actor.role === 'guest') return empty;
  const ownPartnerIds = ctx.actor.partners.map((p) => p.partnerId);
  const visibleProjects =
    ctx.actor.role === 'partner'
      ? ownPartnerIds.length === 0
        ? []
        : await ctx.db
            .selectDistinct({ p: projects })
            .from(projects)
            .innerJoin(projectPartners, eq(projectPartners.projectId, projects.id))
            .where(inArray(projectPartners.partnerId, ownPartnerIds))
      : (await ctx.db.select().from(projects)).map((p) => ({ p }));
  const projectRows = visibleProjects.map((r) => r.p);
  const projectIds = projectRows.map((p) => p.id);
  const slugOf = new Map(projectRows.map((p) => [p.id, p]));

  const openEscalations =
    projectIds.length === 0
      ? []
      : await ctx.db
          .select()
          .from(escalations)
          .where(and(inArray(escalations.projectId, projectIds), inArray(escalations.status, ['open', 'acknowledged'])))
          .orderBy(asc(escalations.severity), asc(escalations.id))
          .limit(HOME_LIMIT);
  const mySlugs = new Set(ctx.actor.partners.map((p) => p.slug));
  const isMine = (party: Party) =>
    (party.kind === 'user' && party.userId === ctx.actor.userId) ||
    (party.kind === 'partner' && mySlugs.has(party.slug));
  const activities =
    projectIds.length === 0
      ? []
      : await ctx.db.select().from(raciActivities).where(inArray(raciActivities.projectId, projectIds));
  const roles = activities
    .map((a) => ({
      projectSlug: slugOf.get(a.projectId)?.slug ?? '',
      activity: a.name,
      roles: [
        a.responsible.some(isMine) ? 'R' : '',
        isMine(a.accountable) ? 'A' : '',
        a.consulted.some(isMine) ? 'C' : '',
        a.informed.some(isMine) ? 'I' : '',
      ].filter(Boolean),
    }))
    .filter((r) => r.roles.length > 0)
    .slice(0, HOME_LIMIT);
  const schedules =
    projectIds.length === 0
      ? []
      : await ctx.db
          .select()
          .from(checkinSchedules)
          .where(
            and(
              inArray(checkinSchedules.projectId, projectIds),
              isNull(checkinSchedules.removedAt),
              eq(checkinSchedules.paused, false),
            ),
          );
  const checkins = schedules
    .flatMap((s) => {
      const spec = parseCron(s.cron);
      const project = slugOf.get(s.projectId);
      return 'error' in spec
        ? []
        : [
            {
              projectSlug: project?.slug ?? '',
              kind: s.kind,
              next: nextOccurrence(spec, now, s.timeZone),
              timeZone: project?.timeZone ?? s.timeZone,
            },
          ];
    })
    .sort((a, b) => a.next.getTime() - b.next.getTime())
    .slice(0, HOME_LIMIT);
  const answered = ctx.db
    .select({ one: sql`1` })
    .from(checkinAnswers)
    .where(and(eq(checkinAnswers.runId, checkinRuns.id), eq(checkinAnswers.userId, ctx.actor.userId)));
  const waitingRuns =
    projectIds.length === 0
      ? []
      : await ctx.db
          .select({
            id: checkinRuns.id,
            projectId: checkinRuns.projectId,
            kind: checkinRuns.kind,
            closeAt: checkinRuns.closeAt,
          })
          .from(checkinRuns)
          .where(
            and(
              inArray(checkinRuns.projectId, projectIds),
              eq(checkinRuns.status, 'open'),
              sql`${checkinRuns.expected} @> ${JSON.stringify([ctx.actor.userId])}::jsonb`,
              notExists(answered),
            ),
          )
          .orderBy(asc(checkinRuns.closeAt), asc(checkinRuns.id))
          .limit(HOME_LIMIT);
  const waiting = waitingRuns.map((r) => ({
    runId: r.id,
    projectSlug: slugOf.get(r.projectId)?.slug ?? '',
    kind: r.kind,
    closeAt: r.closeAt,
    timeZone: slugOf.get(r.projectId)?.timeZone ?? tz,
  }));
  const scored =
    ctx.actor.role === 'partner'
      ? await ctx.db.select().from(partners).where(inArray(partners.id, ownPartnerIds))
      : await ctx.db.select().from(partners).where(eq(partners.status, 'active'));
  const [series] = await scoresFor(
    ctx.db,
    scored.map((p) => p.id),
    [period],
    tz,
    now,
  );
  const scores = scored
    .flatMap((p) => {
      const score = series?.get(p.id)?.score;
      return score ? [{ name: p.name, slug: p.slug, score }] : [];
    })
    .sort((a, b) => (b.score.y ?? -1) - (a.score.y ?? -1));
  return {
    escalations: openEscalations.map((e) => ({
      id: e.id,
      severity: e.severity,
      title: e.title,
      status: e.status,
      projectSlug: slugOf.get(e.projectId)?.slug ?? '',
      channelId: slugOf.get(e.projectId)?.channelId ?? '',
    })),
    roles,
    checkins,
    waiting,
    timeZone: tz,
    period: formatPeriod(period),
    scores,
  };
}
