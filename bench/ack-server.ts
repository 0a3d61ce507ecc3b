/**
 * The server side of the `ack` bench scenario (bench/ack.ts), one per child process, so the load
 * generator never shares an event loop with the app it measures:
 *
 *   node --import tsx bench/ack-server.ts accord   Accord as src/testkit/harness.ts starts it (Slack
 *                                                  stand-in, fresh PostgreSQL database from
 *                                                  TEST_DATABASE_URL, or in-memory PGlite with
 *                                                  `pglite` after it), but on the real clock with its
 *                                                  scheduler, job runner and outbox running, and a
 *                                                  partner, its lead and a shared project set up
 *   node --import tsx bench/ack-server.ts bare     bench/bare-bolt.ts
 *
 * Started with an IPC channel (child_process.fork): it sends `ready` with its port, then answers
 * the generator's messages (see AckToChild): per measured phase its event-loop delay
 * (monitorEventLoopDelay), event-loop utilisation, CPU and GC time; `settle` waits until Accord has
 * finished the work its acknowledgements left behind. BENCH_ACK_PROFILE=<dir> also writes a CPU
 * profile of each phase there (it slows the app down: for finding out where the time goes, not
 * for the table).
 */
import { eq, sql } from 'drizzle-orm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { systemClock } from '../src/clock';
import { slackOutbox } from '../src/db/schema';
import { createLogger } from '../src/logger';
import type { Driver } from '../src/testkit/databases';
import { startHarness, type Harness } from '../src/testkit/harness';
import { BOT_TOKEN, people, SIGNING_SECRET } from '../src/testkit/world';
import type { AckFromChild, AckToChild, PhaseStats } from './ack';
import { startBareBolt } from './bare-bolt';
import { setUpProject as setUpSharedProject } from './escalations';

const kind = process.argv[2];
const driverArg = process.argv[3] ?? 'postgres';
if ((kind !== 'accord' && kind !== 'bare') || (driverArg !== 'postgres' && driverArg !== 'pglite')) {
  console.error('usage: node --import tsx bench/ack-server.ts accord|bare [postgres|pglite] (started by bench/ack.ts)');
  process.exit(2);
}
const driver: Driver = driverArg;

const send = (m: AckFromChild) => process.send?.(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RESOLUTION_MS = 2;
/** The histogram holds whole intervals between the timer's runs; less the interval, what is left is how late it ran. */
const lateMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

/** bench/escalations.ts's partner, lead and shared project, then one `/escalate` and one `/score` to warm up. */
async function setUpProject(h: Harness): Promise<{ id: string; name: string }> {
  const { channel } = await setUpSharedProject(h, 'ackbench');
  const warmUp = await h.ask(people.victor, 'sev3 warm-up', '/escalate', channel);
  if (!warmUp.includes(':rotating_light:')) throw new Error(`/escalate answered: ${warmUp}`);
  const score = await h.ask(people.victor, '', '/score');
  if (!score.includes('Acme Telecom')) throw new Error(`/score answered: ${score}`);
  return { id: channel, name: h.standIn.channels.get(channel)?.name ?? 'ackbench' };
}

/** What either app offers the phase bookkeeping below. */
interface Served {
  port: number;
  /** Replies received at response_url so far (Accord's stand-in; 0 for the bare app). */
  replies(): number;
  pendingOutbox(): Promise<number>;
  /** Waits until the work the acknowledged requests started is done; false if `timeoutMs` ran out. */
  settle(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

const problems: string[] = [];

async function startAccord(): Promise<
  Served & {
    responseBase: string;
    channels: { general: { id: string; name: string }; project: { id: string; name: string } };
  }
> {
  const log = createLogger('warn', (line) => {
    if (problems.length < 10) problems.push(line.slice(0, 400));
  });
  const h = await startHarness({ driver, log, accord: { clock: systemClock, runScheduler: true } });
  const project = await setUpProject(h);
  const db = h.accord.database.db;
  return {
    port: h.port,
    responseBase: h.standIn.apiUrl.replace(/\/api\/$/, ''),
    channels: { general: { id: 'C0GENERAL', name: 'general' }, project },
    replies: () => h.standIn.responses.length,
    async pendingOutbox() {
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(slackOutbox)
        .where(eq(slackOutbox.status, 'pending'));
      return Number(row?.n ?? 0);
    },
    async settle(timeoutMs) {
      let done = false;
      await Promise.race([h.settle().then(() => (done = true)), sleep(timeoutMs)]);
      return done;
    },
    stop: () => h.stop(),
  };
}

async function startBare(): Promise<Served> {
  const bare = await startBareBolt({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  return {
    port: bare.port,
    replies: () => 0,
    pendingOutbox: async () => 0,
    settle: async () => true,
    stop: () => bare.stop(),
  };
}

async function main(): Promise<void> {
  let served: Served;
  let ready: AckFromChild;
  if (kind === 'accord') {
    const accord = await startAccord();
    served = accord;
    ready = { type: 'ready', port: accord.port, responseBase: accord.responseBase, channels: accord.channels };
  } else {
    served = await startBare();
    ready = { type: 'ready', port: served.port };
  }

  // The same instruments in both processes, reset at the start of every phase.
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let gcMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  let phase = { label: '', t0: 0, elu: performance.eventLoopUtilization(), cpu: process.cpuUsage(), replies: 0 };
  const profileDir = process.env.BENCH_ACK_PROFILE;
  const session = profileDir ? new Session() : undefined;
  if (session && profileDir) {
    mkdirSync(profileDir, { recursive: true });
    session.connect();
    await session.post('Profiler.enable');
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await served.stop().catch((err: unknown) => console.error(err));
    send({ type: 'stopped' });
    process.exit(code);
  };
  process.on('disconnect', () => void stop(0));

  process.on('message', (raw: AckToChild) => {
    void (async () => {
      switch (raw.type) {
        case 'phase-start':
          if (session) await session.post('Profiler.start');
          delay.reset();
          gcMs = 0;
          gcCount = 0;
          phase = {
            label: raw.label,
            t0: performance.now(),
            elu: performance.eventLoopUtilization(),
            cpu: process.cpuUsage(),
            replies: served.replies(),
          };
          send({ type: 'phase-started' });
          return;
        case 'phase-end': {
          const seconds = (performance.now() - phase.t0) / 1000;
          const elu = performance.eventLoopUtilization(phase.elu);
          const cpu = process.cpuUsage(phase.cpu);
          const stats: PhaseStats = {
            delayP50: lateMs(delay.percentile(50)),
            delayP99: lateMs(delay.percentile(99)),
            delayMax: lateMs(delay.max),
            delayMean: lateMs(delay.mean),
            busy: elu.utilization,
            cpu: (cpu.user + cpu.system) / 1e6 / seconds,
            gcMs,
            gcCount,
            rssMb: process.memoryUsage().rss / 2 ** 20,
            replies: served.replies() - phase.replies,
            pendingOutbox: await served.pendingOutbox(),
            problems: problems.splice(0),
          };
          if (session && profileDir) {
            const { profile } = await session.post('Profiler.stop');
            writeFileSync(
              join(profileDir, `${kind}-${phase.label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`),
              JSON.stringify(profile),
            );
          }
          send({ type: 'phase-stats', stats });
          return;
        }
        case 'settle': {
          const t = performance.now();
          const done = await served.settle(raw.timeoutMs);
          send({ type: 'settled', ms: performance.now() - t, done, pendingOutbox: await served.pendingOutbox() });
          return;
        }
        case 'stop':
          await stop(0);
          return;
      }
    })().catch((err: unknown) => {
      send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });

  send(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
