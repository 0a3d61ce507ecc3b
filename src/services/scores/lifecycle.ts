import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { admins, partners, recommendationMessages, recommendations } from '../../db/schema';

import { recommendationMessage } from '../../messages/recommendation';
import type { AccordSettings } from '../context';
import { scoresFor } from './scores';
import type { SlackGateway, Timers } from '../ports';
import { formatPeriod, nextPeriod, periodOf, periodRange, previousPeriods, type Period } from '../../domain/period';
import { recommendations as recommend } from '../../domain/scores/lifecycle';

/** A month's end review (src/jobs/lifecycle-review.ts). */
export const LIFECYCLE_JOB = 'lifecycle.month_end';
const HISTORY_MONTHS = 6;

export interface LifecycleDeps {
  gateway: SlackGateway;
  settings: AccordSettings;
  timers: Timers;
}

/** The month-end review of `period` runs when the next month begins (in the network's time zone). */
export async function scheduleLifecycleReview(
  db: DbOrTx,
  timers: Timers,
  now: Date,
  period: Period,
  tz: string,
): Promise<void> {
  const { end } = periodRange(period, tz);
  await timers.schedule(db, now, {
    kind: LIFECYCLE_JOB,
    key: `lifecycle:${formatPeriod(period)}`,
    dueAt: end,
    payload: { period: formatPeriod(period) },
  });
}

/** Makes sure the current month's review is queued (idempotent; called at start). */
export const ensureLifecycleReview = (db: DbOrTx, timers: Timers, now: Date, tz: string) =>
  scheduleLifecycleReview(db, timers, now, periodOf(now, 'month', tz), tz);

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
  const adminIds = [
    ...new Set([
      ...deps.settings.configAdminIds,
      ...(await tx.select({ userId: admins.userId }).from(admins)).map((a) => a.userId),
    ]),
  ];
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
        const ref = await deps.gateway.sendDirectMessage(
          tx,
          userId,
          recommendationMessage({ id: row.id, partnerName: partner.name, period: formatPeriod(month), rec }),
        );
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
