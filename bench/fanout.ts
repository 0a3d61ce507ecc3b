/**
 * Fan-out scenario of `npm run bench` (see bench/run.ts): many projects whose check-ins fall due in
 * the same minute, against a Slack stand-in that enforces Slack's posting limits (about one
 * message per second per channel, and a workspace-wide rate). How long until every check-in is in
 * its channel, against the shortest time those limits allow, and whether any was lost or doubled.
 */
import { eq, sql } from 'drizzle-orm';
import { systemClock } from '../src/clock';
import { queryRows } from '../src/db/rows';
import { checkinRuns, checkinSchedules, partners, projectPartners, projects } from '../src/db/schema';
import { createLogger } from '../src/logger';
import type { StandInMessage } from '../src/sandbox/stand-in';
import { scheduleNextOccurrence } from '../src/services/checkins/runs';
import { jobTimers } from '../src/jobs/timers';
import type { Driver } from '../src/testkit/databases';
import { startHarness } from '../src/testkit/harness';
import { people } from '../src/testkit/world';
import type { Measured } from './escalations';

export interface FanOutOptions {
  projects: number;
  /** The workspace-wide limit the stand-in enforces on chat.postMessage, per second. */
  workspacePerSecond: number;
  /** How long to wait for the last check-in beyond the bound, before counting what is missing. */
  graceMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BATCH = 500;

export async function fanOut(driver: Driver, o: FanOutOptions): Promise<{ rows: Measured[]; notes: string[] }> {
  const problems: string[] = [];
  const log = createLogger('warn', (line) => {
    if (problems.length < 5) problems.push(line);
  });
  // Pacing on, as in production: the worker keeps to one message per second per channel itself,
  // and to the workspace's limit, told the stand-in's as an operator sets SLACK_POSTS_PER_SECOND.
  const h = await startHarness({
    driver,
    log,
    accord: { clock: systemClock, runScheduler: true, channelIntervalMs: 1000, postsPerSecond: o.workspacePerSecond },
  });
  try {
    const db = h.accord.database.db;
    for (const text of ['partner add acme "Acme Telecom" team=T0PARTNER', 'partner member add acme <@U0PAT> lead']) {
      const reply = await h.ask(people.alice, text);
      if (!reply.includes(':white_check_mark:')) throw new Error(`set-up step \`${text}\` answered: ${reply}`);
    }
    const [partner] = await db.select().from(partners).where(eq(partners.slug, 'acme'));
    if (!partner) throw new Error('no partner');

    // The projects, their channels and one daily check-in each, all due at the same minute: written
    // directly (creating 10,000 channels through Slack is not what is measured here).
    const loadStart = Date.now();
    const due = new Date(Math.ceil((Date.now() + 30_000 + o.projects * 3) / 60_000) * 60_000);
    const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;
    const now = new Date();
    for (let from = 0; from < o.projects; from += BATCH) {
      const count = Math.min(BATCH, o.projects - from);
      await db.transaction(async (tx) => {
        const made = await tx
          .insert(projects)
          .values(
            Array.from({ length: count }, (_, i) => ({
              slug: `fan-${from + i}`,
              name: `Fan ${from + i}`,
              channelId: `CFAN${String(from + i).padStart(6, '0')}`,
              timeZone: 'UTC',
              ownerUserId: people.victor.id,
              createdAt: now,
            })),
          )
          .returning();
        await tx
          .insert(projectPartners)
          .values(made.map((p) => ({ projectId: p.id, partnerId: partner.id, position: 0 })));
        const schedules = await tx
          .insert(checkinSchedules)
          .values(
            made.map((p) => ({
              projectId: p.id,
              kind: 'sync' as const,
              cron,
              timeZone: 'UTC',
              remindMs: 4 * 3_600_000,
              closeMs: 24 * 3_600_000,
              createdBy: people.victor.id,
              createdAt: now,
            })),
          )
          .returning();
        for (const s of schedules) await scheduleNextOccurrence(tx, jobTimers, now, s, now);
        for (const p of made) h.standIn.addChannel({ id: p.channelId, name: p.slug });
      });
    }
    const loadSeconds = (Date.now() - loadStart) / 1000;
    if (Date.now() > due.getTime() - 2000)
      problems.push(`loading ended ${Date.now() - due.getTime()} ms relative to the due minute`);

    const posted = new Map<string, number[]>();
    const onMessage = (m: StandInMessage) => {
      if (m.threadTs || !m.channel.startsWith('CFAN')) return;
      const list = posted.get(m.channel) ?? [];
      list.push(Date.now());
      posted.set(m.channel, list);
    };
    h.standIn.on('message', onMessage);
    h.standIn.limitMessages({ perChannelPerSecond: 1, workspacePerSecond: o.workspacePerSecond });
    // No message can arrive before the due minute; the bound counts from there.
    const boundMs = Math.ceil(o.projects / o.workspacePerSecond) * 1000;
    const until = due.getTime() + boundMs * 1.5 + o.graceMs;
    while (Date.now() < until && posted.size < o.projects) await sleep(500);
    h.standIn.off('message', onMessage);

    const firsts = [...posted.values()].map((t) => (t[0] ?? 0) - due.getTime());
    const doubled = [...posted.values()].filter((t) => t.length > 1).length;
    const lastMs = Math.max(0, ...firsts);
    const [runs] = await queryRows<{ n: number | string; first: number | string; last: number | string }>(
      db,
      sql`select count(*) as n, extract(epoch from min(posted_at)) * 1000 as first, extract(epoch from max(posted_at)) * 1000 as last from ${checkinRuns}`,
    );
    const jobsSeconds = (Number(runs?.last ?? 0) - Number(runs?.first ?? 0)) / 1000;
    const rateLimited = h.standIn.rateLimited;
    h.standIn.limitMessages(undefined);
    const within = lastMs / boundMs;
    const rows: Measured[] = [
      {
        scenario: `fan-out: ${o.projects} check-ins due in the same minute, 1 msg/s per channel and ${o.workspacePerSecond} msg/s per workspace: each posted − due`,
        samples: firsts,
        figures: {
          'fanout.seconds': lastMs / 1000,
          'fanout.boundSeconds': boundMs / 1000,
          'fanout.projects': o.projects,
          'fanout.rateLimited': rateLimited,
          'fanout.lostOrDoubled': o.projects - posted.size + doubled,
        },
        extra:
          `all posted ${(lastMs / 1000).toFixed(1)} s after the due minute; bound ${(boundMs / 1000).toFixed(0)} s (${o.projects} ÷ ${o.workspacePerSecond}/s), ${(within * 100).toFixed(0)}% of it (target ≤ 110%); ` +
          `${posted.size}/${o.projects} posted, ${doubled} twice, ${Number(runs?.n ?? 0)} run rows; ${rateLimited} calls answered 429`,
      },
    ];
    const notes = [
      `${driver}: fan-out: the check-in jobs posted their runs from ${((Number(runs?.first ?? 0) - due.getTime()) / 1000).toFixed(1)} s to ${((Number(runs?.last ?? 0) - due.getTime()) / 1000).toFixed(1)} s after the due minute (${Math.round(Number(runs?.n ?? 0) / Math.max(0.001, jobsSeconds))} jobs/s).`,
      `${driver}: fan-out set-up (${o.projects} projects, channels, schedules and their occurrence jobs) written in ${loadSeconds.toFixed(1)} s; due minute ${due.toISOString()}.`,
      ...problems.map((p) => `${driver}: ${p.slice(0, 400)}`),
    ];
    return { rows, notes };
  } finally {
    await h.stop();
  }
}
