/**
 * Acknowledgement scenario of `npm run bench` (see bench/run.ts): how fast signed slash commands
 * are acknowledged at a fixed rate, Accord against a bare Bolt app (bench/bare-bolt.ts).
 *
 * Open loop: requests go out on a fixed schedule whether or not the earlier ones have been
 * answered, so a slow app cannot slow the load down and hide its own queueing. Latency is from
 * writing the request to the end of the HTTP response (the acknowledgement). Each app runs in a
 * child process of its own (bench/ack-server.ts), started the same way; this process only sends.
 * Accord runs with its scheduler, job runner and outbox, so the work after each ack (database
 * writes, replies to response_url, channel messages to the Slack stand-in) competes with the acks.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { signSlackRequest } from '../src/sandbox/slack-driver';
import type { Driver } from '../src/testkit/databases';
import { people, SIGNING_SECRET } from '../src/testkit/world';
import type { Measured } from './escalations';

// ---- the conversation with bench/ack-server.ts ----------------------------------------------

interface Channel {
  id: string;
  name: string;
}

/** Measured inside a server process over one phase. Times in ms (event-loop delay: how late a 2 ms timer ran); busy and cpu as fractions. */
export interface PhaseStats {
  delayP50: number;
  delayP99: number;
  delayMax: number;
  delayMean: number;
  /** Event-loop utilisation (performance.eventLoopUtilization). */
  busy: number;
  /** CPU time (user + system) per second of the phase; above 1 means more than one core. */
  cpu: number;
  gcMs: number;
  gcCount: number;
  rssMb: number;
  /** Replies that reached response_url during the phase. */
  replies: number;
  /** Slack messages still waiting in the outbox at the end of the phase. */
  pendingOutbox: number;
  /** Warnings and errors Accord logged during the phase. */
  problems: string[];
}

export type AckToChild =
  | { type: 'phase-start'; label: string }
  | { type: 'phase-end' }
  | { type: 'settle'; timeoutMs: number }
  | { type: 'stop' };

export type AckFromChild =
  | { type: 'ready'; port: number; responseBase?: string; channels?: { general: Channel; project: Channel } }
  | { type: 'phase-started' }
  | { type: 'phase-stats'; stats: PhaseStats }
  | { type: 'settled'; ms: number; done: boolean; pendingOutbox: number }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };

type AppKind = 'accord' | 'bare';
const appName: Record<AppKind, string> = { accord: 'Accord', bare: 'bare Bolt' };

class Server {
  private readonly inbox: AckFromChild[] = [];
  private waiter: (() => void) | undefined;
  private exited = false;

  private constructor(
    readonly kind: AppKind,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (m: AckFromChild) => {
      this.inbox.push(m);
      this.waiter?.();
    });
    child.on('exit', () => {
      this.exited = true;
      this.waiter?.();
    });
  }

  /** Forks bench/ack-server.ts with the same Node flags for either app; Accord on `driver`'s database. */
  static start(kind: AppKind, driver: Driver): Server {
    const entry = fileURLToPath(new URL('./ack-server.ts', import.meta.url));
    return new Server(
      kind,
      fork(entry, [kind, driver], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
  }

  async next<T extends AckFromChild['type']>(type: T, timeoutMs: number): Promise<Extract<AckFromChild, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type || m.type === 'failed');
      const m = i >= 0 ? this.inbox.splice(i, 1)[0] : undefined;
      if (m?.type === 'failed') throw new Error(`the ${appName[this.kind]} process failed: ${m.error}`);
      if (m) return m as Extract<AckFromChild, { type: T }>;
      if (this.exited) throw new Error(`the ${appName[this.kind]} process exited while the bench waited for '${type}'`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the ${appName[this.kind]} process sent no '${type}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  send(m: AckToChild): void {
    this.child.send(m);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      this.send({ type: 'stop' });
      await this.next('stopped', 60_000);
    } catch {
      // It is killed below.
    }
    if (!this.exited && this.child.pid !== undefined) this.child.kill();
  }
}

// ---- the load --------------------------------------------------------------------------------

const TIMEOUT_MS = 3000;

interface LoadResult {
  /** Latencies of the answered requests, and TIMEOUT_MS for each that timed out (a lower bound). */
  samples: number[];
  sent: number;
  ok: number;
  /** Answers other than 200, by status. */
  statuses: Map<number, number>;
  timeouts: number;
  connectionErrors: number;
  /** Connection errors by code. */
  errorCodes: Map<string, number>;
  /** Requests per second actually written, first to last. */
  sentRate: number;
  /** 200 answers per second, from the first request written to the last answer. */
  answeredRate: number;
  /** How late the generator wrote requests against their schedule. */
  lagP99: number;
  lagMax: number;
  /** Event-loop delay of this process during the phase. */
  generatorDelayMax: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `total` requests from `body(i)`, the i-th written at t0 + i / rate s whatever happened to the earlier ones. */
async function openLoop(port: number, rate: number, total: number, body: (i: number) => string): Promise<LoadResult> {
  // Idle sockets are let go after 2 s, before the server's 5 s keep-alive timeout can close one
  // just as a request is written to it (which would show up here as a connection error).
  const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 2000 });
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const samples: number[] = [];
  const lags: number[] = [];
  const statuses = new Map<number, number>();
  let ok = 0;
  let timeouts = 0;
  let connectionErrors = 0;
  const errorCodes = new Map<string, number>();
  let firstSent = 0;
  let lastSent = 0;
  let lastAnswer = 0;
  const interval = 1000 / rate;

  const fire = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const payload = body(i);
      const timestamp = Math.floor(Date.now() / 1000);
      let timedOut = false;
      const req = request({
        agent,
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest(SIGNING_SECRET, timestamp, payload),
        },
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timed out'));
      }, TIMEOUT_MS);
      req.on('response', (res) => {
        // Destroyed by the timeout mid-body: counted by the request's own 'error' below.
        res.on('error', () => undefined);
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          const t = performance.now();
          if (res.statusCode === 200) {
            ok += 1;
            samples.push(t - start);
            lastAnswer = Math.max(lastAnswer, t);
          } else {
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
          }
          resolve();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (timedOut) {
          timeouts += 1;
          samples.push(TIMEOUT_MS);
        } else {
          connectionErrors += 1;
          const code = err.code ?? err.message;
          errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
        }
        resolve();
      });
      const start = performance.now();
      lags.push(start - due);
      if (i === 0) firstSent = start;
      lastSent = start;
      req.end(payload);
    });

  const pending: Array<Promise<void>> = [];
  const t0 = performance.now() + 20;
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // A late timer sends everything that fell due meanwhile: the schedule, not the timer, sets the rate.
      while (next < total && t0 + next * interval <= now) {
        pending.push(fire(next, t0 + next * interval));
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
      else done();
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  await Promise.all(pending);
  delay.disable();
  agent.destroy();
  const sortedLags = [...lags].sort((a, b) => a - b);
  return {
    samples,
    sent: total,
    ok,
    statuses,
    timeouts,
    connectionErrors,
    errorCodes,
    sentRate: total > 1 ? (total - 1) / ((lastSent - firstSent) / 1000) : total,
    answeredRate: ok / Math.max(0.001, (lastAnswer - firstSent) / 1000),
    lagP99: percentile(sortedLags, 99),
    lagMax: sortedLags.at(-1) ?? 0,
    generatorDelayMax: delay.max / 1e6,
  };
}

// ---- the scenario ----------------------------------------------------------------------------

export interface AckOptions {
  /** Requests per second, each for `seconds`, in this order. */
  rates: number[];
  seconds: number;
  /** Which commands (help, score, escalate); all by default. */
  commands?: string[];
}

interface CommandSpec {
  key: string;
  label: string;
  command: string;
  text: (phase: string, i: number) => string;
  channel: 'general' | 'project';
}

// `/score` goes before `/escalate`: every escalation the `/escalate` phases open is evidence in
// the score table, and thousands of them would make `/score`'s own work (not its ack) the subject.
const commandSpecs: CommandSpec[] = [
  { key: 'help', label: '/accord help', command: '/accord', text: () => 'help', channel: 'general' },
  {
    key: 'score',
    label: '/score (vendor user: the partner table)',
    command: '/score',
    text: () => '',
    channel: 'general',
  },
  {
    key: 'escalate',
    label: '/escalate sev3 <title> (project channel: opens an escalation)',
    command: '/escalate',
    text: (phase, i) => `sev3 ack bench ${phase} ${i}`,
    channel: 'project',
  },
];

const WARM_UP_REQUESTS = 100;
const WARM_UP_RATE = 100;
/** How long to wait after an Accord phase for the work it left behind, before the next phase. */
const DRAIN_LIMIT_MS = 180_000;

const f1 = (n: number) => n.toFixed(1);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function errorText(r: LoadResult): string {
  const parts = [
    ...[...r.statuses].map(([status, n]) => `${n}× HTTP ${status}`),
    ...(r.timeouts > 0 ? [`${r.timeouts} timed out (> ${TIMEOUT_MS / 1000} s, counted as ${TIMEOUT_MS} ms)`] : []),
    ...(r.connectionErrors > 0
      ? [`${r.connectionErrors} connection errors: ${[...r.errorCodes].map(([code, n]) => `${n}× ${code}`).join(', ')}`]
      : []),
  ];
  return `errors ${r.sent - r.ok}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function processText(s: PhaseStats): string {
  return `event-loop delay p50 ${f1(s.delayP50)} / p99 ${f1(s.delayP99)} / max ${f1(s.delayMax)} ms, loop busy ${pct(s.busy)}, CPU ${pct(s.cpu)}, GC ${Math.round(s.gcMs)} ms in ${s.gcCount} pauses, RSS ${Math.round(s.rssMb)} MB`;
}

export async function ackLatency(driver: Driver, o: AckOptions): Promise<{ rows: Measured[]; notes: string[] }> {
  const specs = o.commands ? commandSpecs.filter((c) => o.commands?.includes(c.key)) : commandSpecs;
  const load0 = loadavg()[0] ?? 0;
  const rows: Measured[] = [];
  const notes: string[] = [];
  const servers = { accord: Server.start('accord', driver), bare: Server.start('bare', driver) };
  try {
    const [accordReady, bareReady] = await Promise.all([
      servers.accord.next('ready', 120_000),
      servers.bare.next('ready', 120_000),
    ]);
    const { responseBase, channels } = accordReady;
    if (!responseBase || !channels) throw new Error('the Accord process sent no response_url base or channels');
    const ports: Record<AppKind, number> = { accord: accordReady.port, bare: bareReady.port };

    let requestId = 0;
    const bodyFor = (spec: CommandSpec, phase: string) => (i: number) => {
      const channel = channels[spec.channel];
      requestId += 1;
      return new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: people.victor.teamId,
        team_domain: 'vendor',
        channel_id: channel.id,
        channel_name: channel.name,
        user_id: people.victor.id,
        user_name: people.victor.name,
        command: spec.command,
        text: spec.text(phase, i),
        api_app_id: 'A0ACCORD',
        is_enterprise_install: 'false',
        // Both apps get the same requests; only Accord replies to response_url (the stand-in in its process).
        response_url: `${responseBase}/response/ack${requestId}`,
        trigger_id: `${Date.now()}.${randomUUID()}`,
      }).toString();
    };

    /** One phase against one app; for Accord, then waits for the work it left behind. */
    const phase = async (app: AppKind, spec: CommandSpec, rate: number, total: number, tag: string) => {
      const server = servers[app];
      server.send({ type: 'phase-start', label: `${spec.key}-${tag}` });
      await server.next('phase-started', 30_000);
      const load = await openLoop(ports[app], rate, total, bodyFor(spec, tag));
      server.send({ type: 'phase-end' });
      const { stats } = await server.next('phase-stats', 60_000);
      server.send({ type: 'settle', timeoutMs: DRAIN_LIMIT_MS });
      const settled = await server.next('settled', DRAIN_LIMIT_MS + 60_000);
      return { load, stats, settled };
    };

    const pOf = (samples: number[], p: number) =>
      percentile(
        [...samples].sort((a, b) => a - b),
        p,
      );
    for (const spec of specs) {
      for (const app of ['bare', 'accord'] as const) await phase(app, spec, WARM_UP_RATE, WARM_UP_REQUESTS, 'warm-up');
      for (const rate of o.rates) {
        const total = Math.round(rate * o.seconds);
        const label = `ack @${rate}/s open loop, ${o.seconds} s: ${spec.label}`;
        const loadAt = loadavg()[0] ?? 0;
        const bare = await phase('bare', spec, rate, total, `${rate}`);
        await sleep(1000);
        const accord = await phase('accord', spec, rate, total, `${rate}`);
        await sleep(1000);
        const bareP99 = pOf(bare.load.samples, 99);
        const accordP99 = pOf(accord.load.samples, 99);
        // p99 over 30 s is at the mercy of a few stalls of a busy machine; the medians say more about the everyday gap.
        const p50Ratio = pOf(accord.load.samples, 50) / Math.max(0.001, pOf(bare.load.samples, 50));
        const ratio = accordP99 / Math.max(0.001, bareP99);
        const achieved = (r: LoadResult) =>
          `${f1(r.sentRate)} req/s sent, ${f1(r.answeredRate)} answered/s; ${errorText(r)}`;
        rows.push({
          scenario: `${label} — bare Bolt`,
          samples: bare.load.samples,
          extra: `${achieved(bare.load)}; process: ${processText(bare.stats)}`,
        });
        const drained = accord.settled.done
          ? `work left behind done ${f1(accord.settled.ms / 1000)} s after the phase`
          : `work left behind NOT done ${DRAIN_LIMIT_MS / 1000} s after the phase (${accord.settled.pendingOutbox} messages still in the outbox)`;
        rows.push({
          scenario: `${label} — Accord`,
          samples: accord.load.samples,
          figures: {
            [`ack.${spec.key}.${rate}.ratio`]: ratio,
            [`ack.${spec.key}.${rate}.accordP99`]: accordP99,
            [`ack.${spec.key}.${rate}.bareP99`]: bareP99,
            [`ack.${spec.key}.${rate}.drainS`]: accord.settled.done ? accord.settled.ms / 1000 : Infinity,
            // CPU-seconds per second of the phase, spread over the requests of one second.
            [`ack.${spec.key}.${rate}.cpuMs`]: (accord.stats.cpu * 1000) / rate,
          },
          extra:
            `p99 ${f1(ratio)}× bare Bolt's (${f1(accordP99)} / ${f1(bareP99)} ms), p50 ${f1(p50Ratio)}×; ${achieved(accord.load)}; ` +
            `process: ${processText(accord.stats)}; ${accord.stats.replies} replies reached response_url during the phase, ${accord.stats.pendingOutbox} messages in the outbox at its end; ${drained}`,
        });
        const lagging = [bare, accord].filter((p) => p.load.lagMax > 20).map((p) => `${p.load.lagMax.toFixed(0)} ms`);
        notes.push(
          `ack @${rate}/s ${spec.key}: load average ${loadAt.toFixed(1)} before the pair; generator writes late against the schedule p99 ${f1(bare.load.lagP99)} / ${f1(accord.load.lagP99)} ms (bare / Accord), max ${f1(bare.load.lagMax)} / ${f1(accord.load.lagMax)} ms; generator event-loop delay max (2 ms timer, interval included) ${f1(bare.load.generatorDelayMax)} / ${f1(accord.load.generatorDelayMax)} ms` +
            `${lagging.length > 0 ? ' (the generator fell behind its schedule at times: those requests went out late, in a burst)' : ''}.`,
        );
        for (const p of accord.stats.problems) notes.push(`Accord logged during ack @${rate}/s ${spec.key}: ${p}`);
      }
    }
    notes.push(
      `ack: each app in a child process of its own (\`node --import tsx bench/ack-server.ts accord|bare\`), this process only writes requests (keep-alive agent, up to 512 sockets, a fresh one per phase), open loop at a fixed rate; ` +
        `latency from writing the request to the end of its response; per command a warm-up of ${WARM_UP_REQUESTS} requests at ${WARM_UP_RATE}/s to each app first, then per rate bare Bolt then Accord, with Accord's left-over work (replies, outbox) finished before the next phase. ` +
        `Accord runs as src/testkit/harness.ts starts it (Slack stand-in in the same process, per-channel pacing off) on the real clock with its scheduler, job runner and outbox; one partner with a lead and one shared project, all commands typed by a vendor member. ` +
        `"Event-loop delay" is how late a 2 ms timer ran in the app's process over the phase (monitorEventLoopDelay less its 2 ms interval); "loop busy" its event-loop utilisation (busy includes time the process waited for a CPU). Load average ${load0.toFixed(1)} at the start of the scenario, ${(loadavg()[0] ?? 0).toFixed(1)} at its end (${cpus().length} CPUs shared by the generator, both apps and PostgreSQL).`,
    );
    return { rows, notes };
  } finally {
    await Promise.all([servers.accord.stop(), servers.bare.stop()]);
  }
}
