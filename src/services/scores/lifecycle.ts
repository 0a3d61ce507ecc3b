import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { admins, partners, recommendationMessages, recommendations } from '../../db/schema';
import { formatPeriod, nextPeriod, periodOf, periodRange, previousPeriods, recommendations as recommend, type Period, type Recommendation } from '../../domain/score';
import { conflict, notFound } from '../../errors';
import { recommendationMessage } from '../../messages/recommendation';
import { escapeText, mentionUser } from '../../messages/mrkdwn';
import { recordAudit } from '../audit';
import type { AccordSettings, ServiceContext } from '../context';
import { requirePermission } from '../permissions';
import { scoresFor } from './scores';
import type { SlackGateway, Timers } from '../ports';

/** A month's end review (src/jobs/lifecycle-review.ts). */
export const LIFECYCLE_JOB = 'lifecycle.month_end';
const HISTORY_MONTHS = 6;

export interface LifecycleDeps {
  gateway: SlackGateway;
  settings: AccordSettings;
  timers: Timers;
}

/** The month-end review of `period` runs when the next month begins (in the network's time zone). */
export async function scheduleLifecycleReview(db: DbOrTx, timers: Timers, now: Date, period: Period, tz: string): Promise<void> {
  const { end } = periodRange(period, tz);
  await timers.schedule(db, now, { kind: LIFECYCLE_JOB, key: `lifecycle:${formatPeriod(period)}`, dueAt: end, payload: { period: formatPeriod(period) } });
}

/** Makes sure the current month's review is queued (idempotent; called at start). */
export const ensureLifecycleReview = (db: DbOrTx, timers: Timers, now: Date, tz: string) => scheduleLifecycleReview(db, timers, now, periodOf(now, 'month', tz), tz);

/**
 * At a month's end: each active partner's last six months are scored and the lifecycle rules of
 * docs/product.md applied. Each recommendation is stored once (per partner, month and kind) and sent to
 * every vendor admin with Apply / Dismiss; nothing changes until one of them decides.
 */
export async function runLifecycleReview(tx: Tx, deps: LifecycleDeps, now: Date, o: { period: string }): Promise<void> {
  const tz = deps.settings.defaultTimeZone;
  const month = parseMonth(o.period);
  const active = await tx.select().from(partners).where(eq(partners.status, 'active'));
  const periods = [...previousPeriods(month, HISTORY_MONTHS - 1), month];
  const series = await scoresFor(
    tx,
    active.map((p) => p.id),
    periods,
    tz,
    now,
  );
  const adminIds = [...new Set([...deps.settings.configAdminIds, ...(await tx.select({ userId: admins.userId }).from(admins)).map((a) => a.userId)])];
  for (const partner of active) {
    const history = periods.map((period, i) => {
      const s = series[i]?.get(partner.id);
      return { period, y: s?.score.y ?? null, majorViolations: s?.evidence.violations.major ?? 0 };
    });
    for (const rec of recommend(partner.stage, history)) {
      const [row] = await tx
        .insert(recommendations)
        .values({ partnerId: partner.id, period: formatPeriod(month), kind: rec.kind, data: rec, createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      for (const userId of adminIds) {
        const ref = await deps.gateway.sendDirectMessage(tx, userId, recommendationMessage({ id: row.id, partnerName: partner.name, period: formatPeriod(month), rec }));
        await tx.insert(recommendationMessages).values({ recommendationId: row.id, userId, outboxId: ref.outboxId });
      }
    }
  }
  await scheduleLifecycleReview(tx, deps.timers, now, nextPeriod(month), tz);
}

function parseMonth(text: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`lifecycle job for an unknown period ${text}`);
  return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
}

/** Apply or dismiss: admins only, first decision wins; applying a promotion or exit review changes the partner. */
export async function decideRecommendation({ ctx, input }: { ctx: ServiceContext; input: { id: number; decision: 'applied' | 'dismissed' } }): Promise<{ summary: string }> {
  requirePermission(ctx.actor, 'manageNetwork');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx: Tx) => {
    const [row] = await tx
      .select({ rec: recommendations, partner: partners })
      .from(recommendations)
      .innerJoin(partners, eq(partners.id, recommendations.partnerId))
      .where(eq(recommendations.id, input.id))
      .for('update', { of: recommendations });
    if (!row) throw notFound('That recommendation no longer exists.');
    if (row.rec.status !== 'pending') throw conflict(`That recommendation was already ${row.rec.status} by ${mentionUser(row.rec.decidedBy ?? '')}.`);
    const rec = row.rec.data as unknown as Recommendation;
    let summary = input.decision === 'dismissed' ? 'Dismissed; nothing changed.' : 'Recorded.';
    if (input.decision === 'applied' && rec.kind === 'promote') {
      if (row.partner.status !== 'active') throw conflict(`${escapeText(row.partner.name)} has left the network.`);
      // A recommendation made before the stage changed by hand must not move the partner back.
      if (row.partner.stage !== rec.from)
        throw conflict(`${escapeText(row.partner.name)} is in the ${row.partner.stage} stage now, not ${rec.from}; this recommendation no longer applies. Dismiss it.`);
      await tx.update(partners).set({ stage: rec.to }).where(eq(partners.id, row.partner.id));
      summary = `${escapeText(row.partner.name)} is now in the ${rec.to} stage.`;
    } else if (input.decision === 'applied' && rec.kind === 'exit_review') {
      await tx.update(partners).set({ exitReview: true }).where(eq(partners.id, row.partner.id));
      summary = `${escapeText(row.partner.name)} is marked for exit review.`;
    } else if (input.decision === 'applied') {
      summary = `Training for ${escapeText(row.partner.name)} is recorded as planned.`;
    }
    await tx.update(recommendations).set({ status: input.decision, decidedBy: ctx.actor.userId, decidedAt: now }).where(eq(recommendations.id, row.rec.id));
    const messages = await tx
      .select()
      .from(recommendationMessages)
      .where(and(eq(recommendationMessages.recommendationId, row.rec.id)));
    for (const m of messages) {
      await ctx.gateway.updateMessage(
        tx,
        { outboxId: m.outboxId },
        recommendationMessage({ id: row.rec.id, partnerName: row.partner.name, period: row.rec.period, rec, decided: { status: input.decision, by: ctx.actor.userId } }),
      );
    }
    await recordAudit(tx, now, ctx.actor.userId, {
      action: `recommendation.${input.decision}`,
      entityType: 'recommendation',
      entityId: row.rec.id,
      data: { partner: row.partner.slug, kind: rec.kind, period: row.rec.period },
    });
    return { summary };
  });
}
