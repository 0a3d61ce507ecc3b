/**
 * Escalation scenarios of `npm run bench` (see bench/run.ts): how fast `/escalate` is answered,
 * and how late SLA timers fire with many escalations open, on the real clock and the real scheduler.
 */
import { eq, sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock';
import type { Db } from '../src/db/client';
import { queryRows } from '../src/db/rows';
import { escalationEvents, escalations, jobs, partners, projects, slackOutbox } from '../src/db/schema';
import { defaultPolicies, warningOffset } from '../src/domain/escalations/policy';
import { createLogger } from '../src/logger';
import type { SlackStandIn, StandInMessage } from '../src/sandbox/stand-in';
import { ESCALATION_TIMER_JOB } from '../src/services/escalations/timers';
import { laneOfChannel } from '../src/outbound/outbox';
import type { Driver } from '../src/testkit/databases';
import { startHarness, type Harness } from '../src/testkit/harness';
import { people } from '../src/testkit/world';
import { escalateCost, statementLog } from './statements';

/** Raw samples of one table row; bench/run.ts turns them into percentiles. */
export interface Measured {
  scenario: string;
  samples: number[];
  extra: string;
  /** Named figures the goals table reads (bench/goals.ts), e.g. `timers.p99Ms`; run.ts prefixes the driver. */
  figures?: Record<string, number>;
}

export type Range = { from: number; to: number };

/**
 * Opens the bench's own statements (setting due times, counting what was done), so that the
 * EXPLAIN check of bench/statements.ts, which looks at what Accord sends, leaves them out.
 */
export const BENCH_OWN = sql.raw('/* bench */ ');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Slack shows the user an error when a slash command is not acknowledged within 3 seconds. */
const SLACK_GIVES_UP_MS = 3000;
export const percentile = (samples: readonly number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** A partner with a lead and a project shared with it, set up the way an admin would; the project's ids. */
export async function setUpProject(
  h: Harness,
  slug: string,
): Promise<{ projectId: number; channel: string; partnerId: number }> {
  for (const text of [
    'partner add acme "Acme Telecom" team=T0PARTNER',
    'partner member add acme <@U0PAT> lead',
    `project create ${slug} "Bench ${slug}" partners=acme`,
  ]) {
    const reply = await h.ask(people.alice, text);
    if (!reply.includes(':white_check_mark:')) throw new Error(`set-up step \`${text}\` answered: ${reply}`);
  }
  const db = h.accord.database.db;
  const [project] = await db.select().from(projects).where(eq(projects.slug, slug));
  const [partner] = await db.select().from(partners).where(eq(partners.slug, 'acme'));
  if (!project || !partner) throw new Error('set-up left no project or partner');
  return { projectId: project.id, channel: project.channelId, partnerId: partner.id };
}

/**
 * `/escalate sev3 …` typed in the project channel by `concurrency` users back to back: the HTTP
 * acknowledgement, and the time until the escalation's message is in the channel (through the
 * transaction, the outbox and the Web API).
 */
export async function escalateLatency(driver: Driver, total = 400, concurrency = 20): Promise<Measured[]> {
  const log = statementLog();
  const h = await startHarness({ driver, onQuery: log.onQuery });
  try {
    const { channel } = await setUpProject(h, 'bench');
    await escalateCost(h, log, channel, 3, 'warm-up');
    // One at a time, each until its reply and channel message are out: everything it sent is its own.
    const alone = await escalateCost(h, log, channel, 10, 'counted');
    log.pause();

    const sentAt = new Map<number, number>();
    const endToEnd: number[] = [];
    let lastArrival = 0;
    const onMessage = (m: StandInMessage) => {
      const i = /sev3: load test (\d+) /.exec(m.text)?.[1];
      const t0 = i === undefined ? undefined : sentAt.get(Number(i));
      if (t0 === undefined || m.channel !== channel) return;
      lastArrival = performance.now();
      endToEnd.push(lastArrival - t0);
    };
    h.standIn.on('message', onMessage);

    const acks: number[] = [];
    // A request that gets no answer (a reset connection, an HTTP error) is what Slack would see as
    // a failure: counted, reported and taken as 3 s (when Slack gives up), not a reason to stop.
    const failures = new Map<string, number>();
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next;
          next += 1;
          const t = performance.now();
          sentAt.set(i, t);
          try {
            const res = await h.slack.command(people.victor, '/escalate', `sev3 load test ${i}`, channel);
            if (res.status === 200) acks.push(performance.now() - t);
            else {
              acks.push(SLACK_GIVES_UP_MS);
              failures.set(`HTTP ${res.status}`, (failures.get(`HTTP ${res.status}`) ?? 0) + 1);
            }
          } catch (err) {
            acks.push(SLACK_GIVES_UP_MS);
            const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
            failures.set(cause, (failures.get(cause) ?? 0) + 1);
          }
        }
      }),
    );
    const failed = [...failures].map(([what, n]) => `${n}× ${what}`).join(', ');
    const ackSeconds = (performance.now() - t0) / 1000;
    for (const deadline = Date.now() + 30_000; endToEnd.length < total && Date.now() < deadline;) await sleep(20);
    h.standIn.off('message', onMessage);
    const missing = total - endToEnd.length;
    const posted = `${Math.round(endToEnd.length / ((lastArrival - t0) / 1000))} escalations/s${missing > 0 ? `; ${missing} never arrived within 30 s` : ''}`;
    return [
      {
        scenario: `/escalate sev3: ack, ${concurrency} clients back to back`,
        samples: acks,
        extra: `${Math.round(total / ackSeconds)} req/s${failed ? `; NOT answered (counted as 3000 ms): ${failed}` : ''}; alone, its whole work (reply, channel message and card included) is ${alone.statements.toFixed(1)} statements (${alone.command.toFixed(1)} of them the request's own) and ${alone.cpuMs.toFixed(1)} ms CPU of this process (the stand-in's included)`,
        figures: {
          'escalate.ackP99': percentile(acks, 99),
          'escalate.statements': alone.statements,
          'escalate.commandStatements': alone.command,
        },
      },
      { scenario: '/escalate sev3: until its message is in the channel', samples: endToEnd, extra: posted },
    ];
  } finally {
    await h.stop();
  }
}

const DAY = 24 * 60 * 60_000;
const BATCH = 1000;

/**
 * The channel message of an escalation as if the bot had posted it. The stand-in keeps the bot's
 * membership in `botIsMember`, not among the channel's `members` (which `postAsUser` checks), so
 * the message is stored here the way chat.postMessage stores it.
 */
function postAsBot(standIn: SlackStandIn, channel: string, text: string): StandInMessage {
  const conversation = standIn.channels.get(channel);
  if (!conversation?.botIsMember) throw new Error(`the bot is not in ${channel}`);
  const message: StandInMessage = { channel, ts: standIn.nextTs(), user: standIn.botUserId, text };
  standIn.addMessage(message);
  return message;
}

/**
 * Open sev2 escalations as `raiseEscalation` leaves them (row, delivered channel message, events,
 * all four timers), written in bulk because raising thousands through Slack would take minutes.
 * Every ack:1 timer is parked a day ahead; the caller moves them to the moments it wants.
 */
export async function openEscalations(
  h: { db: Db; standIn: SlackStandIn },
  at: { projectId: number; channel: string; partnerId: number },
  count: number,
  label: string,
): Promise<Range> {
  const db = h.db;
  const now = new Date();
  const policy = defaultPolicies.sev2;
  const plus = (ms: number) => new Date(now.getTime() + ms);
  let from = Number.MAX_SAFE_INTEGER;
  let to = 0;
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const titles = Array.from({ length: n }, (_, j) => `${label} ${done + j}`);
    const posted = titles.map((title) => ({
      title,
      text: `sev2: ${title} — open`,
      ts: postAsBot(h.standIn, at.channel, `sev2: ${title} — open`).ts,
    }));
    const messages = await db
      .insert(slackOutbox)
      .values(
        posted.map((p) => ({
          lane: laneOfChannel(at.channel),
          method: 'chat.postMessage',
          payload: { channel: at.channel, text: p.text },
          status: 'sent' as const,
          attempts: 1,
          nextAttemptAt: now,
          result: { channel: at.channel, ts: p.ts },
          createdAt: now,
          sentAt: now,
        })),
      )
      .returning({ id: slackOutbox.id });
    const rows = await db
      .insert(escalations)
      .values(
        posted.map((p, j) => ({
          projectId: at.projectId,
          severity: 'sev2' as const,
          title: p.title,
          targetPartnerId: at.partnerId,
          policy,
          notifiedAt: now,
          openedBy: people.victor.id,
          openedAt: now,
          messageOutboxId: messages[j]?.id ?? null,
        })),
      )
      .returning({ id: escalations.id });
    await db.insert(escalationEvents).values(
      rows.flatMap((r) => [
        {
          escalationId: r.id,
          at: now,
          actor: people.victor.id,
          kind: 'opened' as const,
          data: { severity: 'sev2', target: 'acme' },
        },
        { escalationId: r.id, at: now, actor: 'system', kind: 'notified' as const, data: { level: 1, round: 1 } },
      ]),
    );
    const timer = (id: number, type: string, dueAt: Date, step?: number) => ({
      kind: ESCALATION_TIMER_JOB,
      key: `esc:${id}:0:${type}${step === undefined ? '' : `:${step}`}`,
      dueAt,
      payload: { escalationId: id, generation: 0, type, ...(step === undefined ? {} : { step }) },
      createdAt: now,
    });
    await db
      .insert(jobs)
      .values(
        rows.flatMap((r) => [
          timer(r.id, 'ack', plus(DAY), 1),
          timer(r.id, 'ackwarn', plus(warningOffset(policy.ackMs))),
          timer(r.id, 'resolvewarn', plus(warningOffset(policy.resolveMs))),
          timer(r.id, 'breach', plus(policy.resolveMs), 0),
        ]),
      );
    for (const r of rows) {
      from = Math.min(from, r.id);
      to = Math.max(to, r.id);
    }
  }
  return { from, to };
}

/** Records when each job is marked done, by the database's own clock, in the job's transaction. */
export async function recordCompletions(db: Db): Promise<void> {
  await db.execute(
    sql`create table bench_job_done (job_id bigint not null, done_at timestamptz not null default clock_timestamp())`,
  );
  await db.execute(
    sql.raw(
      `create function bench_job_done() returns trigger language plpgsql as $$ begin insert into bench_job_done (job_id) values (new.id); return new; end $$`,
    ),
  );
  await db.execute(
    sql.raw(
      `create trigger bench_job_done after update of status on jobs for each row when (new.status = 'done' and old.status = 'pending') execute function bench_job_done()`,
    ),
  );
}

const ackKey = sql`'esc:' || e.id || ':0:ack:1'`;

async function countDone(db: Db, range: Range): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`${BENCH_OWN}select count(*) as n from escalations e join jobs j on j.key = ${ackKey} join bench_job_done d on d.job_id = j.id where e.id between ${range.from} and ${range.to}`,
  );
  return Number(row?.n ?? 0);
}

async function waitForDone(db: Db, range: Range, count: number, until: number): Promise<number> {
  for (;;) {
    const done = await countDone(db, range);
    if (done >= count || Date.now() > until) return done;
    await sleep(1000);
  }
}

/** Per escalation: the level-2 notification happened once, by one run of its timer, and nothing else. */
async function exactlyOnce(db: Db, range: Range): Promise<{ once: number; twice: number; retried: number }> {
  const [row] = await queryRows<Record<'once' | 'twice' | 'retried', number | string>>(
    db,
    sql`${BENCH_OWN}with d as (select job_id, count(*) as n from bench_job_done group by job_id),
             v as (select escalation_id, count(*) as n from escalation_events where kind = 'notified' and data->>'level' = '2' group by escalation_id)
        select count(*) filter (where e.level = 2 and v.n = 1 and d.n = 1 and j.status = 'done' and j.attempts = 1) as once,
               count(*) filter (where d.n > 1 or v.n > 1) as twice,
               count(*) filter (where j.attempts > 1) as retried
        from escalations e join jobs j on j.key = ${ackKey}
        left join d on d.job_id = j.id left join v on v.escalation_id = e.id
        where e.id between ${range.from} and ${range.to}`,
  );
  return { once: Number(row?.once ?? 0), twice: Number(row?.twice ?? 0), retried: Number(row?.retried ?? 0) };
}

/** Lateness of each ack:1 timer: when its transaction marked it done, and when the runner claimed it. */
async function lateness(
  db: Db,
  range: Range,
): Promise<{ committed: number[]; claimed: number[]; doneTimes: number[] }> {
  const rows = await queryRows<{ committed: number | string; claimed: number | string; done: number | string }>(
    db,
    sql`${BENCH_OWN}select extract(epoch from (d.done_at - j.due_at)) * 1000 as committed,
               extract(epoch from (j.finished_at - j.due_at)) * 1000 as claimed,
               extract(epoch from d.done_at) * 1000 as done
        from escalations e join jobs j on j.key = ${ackKey} join bench_job_done d on d.job_id = j.id
        where e.id between ${range.from} and ${range.to}`,
  );
  return {
    committed: rows.map((r) => Number(r.committed)),
    claimed: rows.map((r) => Number(r.claimed)),
    doneTimes: rows.map((r) => Number(r.done)).sort((a, b) => a - b),
  };
}

export interface TimerOptions {
  /** Open escalations whose ack:1 timers all fall due evenly over `spreadMs`, a few seconds after loading. */
  count: number;
  spreadMs: number;
  /** How long to keep waiting after the last one was due before counting what is left as late. */
  graceMs: number;
  /** Then this many more, due over `pacedSpreadMs`: a rate the runner can keep up with. */
  paced: number;
  pacedSpreadMs: number;
  /** Then this many more, all due at once, to see how many jobs a second the runner gets through. */
  backlog: number;
}

export interface Fired {
  committed: number[];
  claimed: number[];
  /** Lateness, when the wait ended, of those not done by then. */
  unfinished: number[];
  once: Awaited<ReturnType<typeof exactlyOnce>>;
  jobsPerSecond: number;
}

/** Spreads the ack:1 timers of `range` over `spreadMs` from a few seconds from now and waits for them. */
export async function fireStaggered(
  db: Db,
  range: Range,
  spreadMs: number,
  graceMs: number,
  problems: string[],
): Promise<Fired> {
  const count = range.to - range.from + 1;
  // Set in one statement after loading, so how long loading took cannot eat into the due times.
  const start = Date.now() + 3000;
  const step = spreadMs / Math.max(1, count - 1);
  await db.execute(sql`${BENCH_OWN}update jobs set due_at = ${new Date(start).toISOString()}::timestamptz + (e.n * ${step}::float8) * interval '1 millisecond'
                       from (select j.id, row_number() over (order by j.id) - 1 as n from escalations x join jobs j on j.key = 'esc:' || x.id || ':0:ack:1'
                             where x.id between ${range.from} and ${range.to}) e
                       where jobs.id = e.id`);
  if (Date.now() > start) problems.push(`setting the due times ended ${Date.now() - start} ms after the first was due`);
  await waitForDone(db, range, count, start + spreadMs + graceMs);
  const cutOff = new Date();
  // Stops the rest, so the next phase measures its own timers and the counts below hold still.
  await db.execute(
    sql`${BENCH_OWN}update jobs set status = 'cancelled', finished_at = now() from escalations e where jobs.key = ${ackKey} and jobs.status = 'pending' and e.id between ${range.from} and ${range.to}`,
  );
  const { committed, claimed, doneTimes } = await lateness(db, range);
  const left = await queryRows<{ late: number | string }>(
    db,
    sql`${BENCH_OWN}select extract(epoch from (${cutOff.toISOString()}::timestamptz - j.due_at)) * 1000 as late from escalations e join jobs j on j.key = ${ackKey}
        where j.status = 'cancelled' and e.id between ${range.from} and ${range.to}`,
  );
  const seconds = ((doneTimes.at(-1) ?? 0) - (doneTimes[0] ?? 0)) / 1000;
  return {
    committed,
    claimed,
    unfinished: left.map((u) => Number(u.late)),
    once: await exactlyOnce(db, range),
    jobsPerSecond: Math.round(doneTimes.length / Math.max(0.001, seconds)),
  };
}

function firedRows(
  label: string,
  count: number,
  spreadMs: number,
  graceMs: number,
  f: Fired,
  withFigures = false,
): Measured[] {
  const onceText = `${f.once.once}/${count} exactly once${f.once.twice ? `, ${f.once.twice} more than once` : ', none twice'}${f.once.retried ? `, ${f.once.retried} retried` : ''}`;
  const leftText =
    f.unfinished.length > 0
      ? `; ${f.unfinished.length} not done ${Math.round(graceMs / 1000)} s after the last was due, counted at their lateness then (a lower bound)`
      : '';
  return [
    {
      scenario: `escalation timers, ${label} due over ${Math.round(spreadMs / 1000)} s (${Math.round(count / (spreadMs / 1000))}/s): level 2 notified (job marked done) − due`,
      samples: [...f.committed, ...f.unfinished],
      extra: `${onceText}${leftText}; ran ${f.jobsPerSecond} jobs/s`,
      ...(withFigures
        ? {
            figures: {
              'timers.p99Ms': percentile([...f.committed, ...f.unfinished], 99),
              'timers.notOnce': count - f.once.once + f.once.twice,
            },
          }
        : {}),
    },
    {
      scenario: '…same timers: runner took the job (jobs.finished_at) − due',
      samples: f.claimed,
      extra: `${f.claimed.length} done`,
    },
  ];
}

/**
 * SLA timers with `count` escalations open: Accord on the real clock with its own scheduler, each
 * ack:1 timer due at a staggered moment; lateness = when its transaction marked it done (the
 * level-2 notification written; the commit follows at once) − due.
 */
export async function timerLateness(driver: Driver, o: TimerOptions): Promise<{ rows: Measured[]; notes: string[] }> {
  const problems: string[] = [];
  const log = createLogger('warn', (line) => {
    if (problems.length < 5) problems.push(line);
  });
  const h = await startHarness({ driver, log, accord: { clock: systemClock, runScheduler: true } });
  try {
    const db = h.accord.database.db;
    const target = await setUpProject(h, 'timers');
    const on = { db, standIn: h.standIn };
    await recordCompletions(db);
    const rssBefore = process.memoryUsage().rss;
    const loadStart = performance.now();
    const range = await openEscalations(on, target, o.count, 'timer');
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const rssLoaded = process.memoryUsage().rss;

    const rows: Measured[] = [];
    const all = await fireStaggered(db, range, o.spreadMs, o.graceMs, problems);
    rows.push(...firedRows(`all ${o.count} open`, o.count, o.spreadMs, o.graceMs, all, true));
    const rssAfter = process.memoryUsage().rss;

    if (o.paced > 0) {
      const more = await openEscalations(on, target, o.paced, 'paced');
      const paced = await fireStaggered(db, more, o.pacedSpreadMs, o.graceMs, problems);
      rows.push(
        ...firedRows(`${o.paced} more of ${o.count + o.paced} open`, o.paced, o.pacedSpreadMs, o.graceMs, paced),
      );
    }

    if (o.backlog > 0) {
      const more = await openEscalations(on, target, o.backlog, 'backlog');
      const t = Date.now();
      await db.execute(
        sql`${BENCH_OWN}update jobs set due_at = ${new Date(t).toISOString()}::timestamptz from escalations e where jobs.key = ${ackKey} and e.id between ${more.from} and ${more.to}`,
      );
      const drained = await waitForDone(db, more, o.backlog, Date.now() + o.graceMs);
      const { doneTimes } = await lateness(db, more);
      const gaps = doneTimes.slice(1).map((d, i) => d - (doneTimes[i] ?? d));
      const seconds = ((doneTimes.at(-1) ?? t) - t) / 1000;
      const backlogOnce = await exactlyOnce(db, more);
      rows.push({
        scenario: `escalation timers, ${o.backlog} more due at once: time between completions`,
        samples: gaps,
        figures: { 'jobs.perSecond': drained / Math.max(0.001, seconds) },
        extra: `${Math.round(drained / Math.max(0.001, seconds))} jobs/s; ${backlogOnce.once}/${o.backlog} exactly once${drained < o.backlog ? ` (${o.backlog - drained} left when the wait ended)` : ''}`,
      });
    }
    const [pendingOutbox] = await db
      .select({ n: sql<number>`count(*)` })
      .from(slackOutbox)
      .where(eq(slackOutbox.status, 'pending'));
    const notes = [
      `${driver}: loaded ${o.count} open escalations (${o.count * 4} pending timers) in ${loadSeconds.toFixed(1)} s; resident memory ${mb(rssBefore)} before loading, ${mb(rssLoaded)} after, ${mb(rssAfter)} after their timers ran` +
        `${driver === 'pglite' ? ' (PGlite runs inside this process, so its memory is included)' : ''}; ${Number(pendingOutbox?.n ?? 0)} Slack messages still queued in the outbox at the end (one channel, pacing off).`,
      ...problems.map((p) => `${driver}: ${p.slice(0, 400)}`),
    ];
    return { rows, notes };
  } finally {
    await h.stop();
  }
}
