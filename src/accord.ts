import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { createLimiter, InFlight, type Limiter } from './in-flight';
import { JobRunner, type JobHandler } from './jobs/job-queue';
import { jobHandlers } from './jobs';
import { jobTimers } from './jobs/timers';
import { DEFAULT_METHOD_RATES, OutboxWorker } from './outbound/outbox-worker';
import { createPump, type Pump } from './jobs/pump';
import { startScheduler } from './jobs/scheduler';
import { createLogger, type Logger } from './logger';
import type { RequestServices } from './slack/pipeline';
import type { AccordSettings } from './services/context';
import { ensureLifecycleReview } from './services/scores/lifecycle';
import type { MembershipSource } from './services/resolve-actor';
import { createLanguageMemory } from './services/languages/memory';
import { createMembershipSource } from './services/partners/memberships';
import { createSlackApp, type SlackApp } from './slack/app';
import { createSlackChannels } from './outbound/channels';
import { createSlackDirectory } from './outbound/directory';
import { createSlackViews } from './outbound/views';
import { createOutboxGateway } from './outbound/outbox';
import { createHttpServer, type HttpServer } from './slack/http-server';
import { SlackCallError, createWebApi, type SlackCaller } from './outbound/web-api';

export interface AccordOptions {
  config: Config;
  /**
   * The one notion of "now" for the whole instance: timers, due dates, timestamps on records, and
   * the outbox's due times, pacing and retries, which are stored and compared in the same
   * database as everything else. Only the transport (request signatures, HTTP timeouts) keeps to
   * the wall clock, as Slack does.
   */
  clock?: Clock;
  database?: Database;
  log?: Logger;
  /** Per-channel pacing of Slack posts; 1000 ms matches Slack's limit, 0 turns it off. */
  channelIntervalMs?: number;
  /** chat.postMessage calls per second for the whole workspace (default: config, then Slack's documented figure). */
  postsPerSecond?: number;
  /** Start the node-cron heartbeat (off in tests and the sandbox, which drive time themselves). */
  runScheduler?: boolean;
  host?: string;
  memberships?: MembershipSource;
  extraJobHandlers?: Record<string, JobHandler>;
  /** How long a Slack Web API call may take before it counts as failed (default 10 s). */
  slackTimeoutMs?: number;
  /** Most jobs one batch of the job runner claims (default 50 on PostgreSQL, 10 on PGlite). */
  jobBatchSize?: number;
  /** Where work after an acknowledgement waits (default: 16 at once on PostgreSQL, 4 on PGlite). */
  afterAck?: Limiter;
}

export interface Accord {
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
  /** Runs every due job and delivers every deliverable message, until nothing due is left. */
  settle(): Promise<void>;
  readonly database: Database;
  readonly slack: SlackCaller;
  readonly outbox: OutboxWorker;
  readonly jobs: JobRunner;
  /** Available once started. */
  readonly services: RequestServices;
  readonly vendorTeamId: string;
}

const postRates = (perSecond: number | undefined) =>
  perSecond === undefined ? {} : { methodRates: { ...DEFAULT_METHOD_RATES, 'chat.postMessage': perSecond } };

/** Composition root: config → database → Slack gateway → Bolt → scheduler. */
export function createAccord(options: AccordOptions): Accord {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? openDatabase(config.database);
  const web = createWebApi({
    token: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    log: log.child({ component: 'web-api' }),
    timeoutMs: options.slackTimeoutMs,
  });
  const inFlight = new InFlight();

  const outbox = new OutboxWorker({
    db: database.db,
    slack: web,
    clock,
    log: log.child({ component: 'outbox' }),
    channelIntervalMs: options.channelIntervalMs,
    ...postRates(options.postsPerSecond ?? config.slack.postsPerSecond),
  });
  const gateway = createOutboxGateway(clock);
  // vendorTeamId is learnt from auth.test at start; the rest is known from the configuration.
  const settings: AccordSettings = {
    vendorTeamId: '',
    botUserId: '',
    configAdminIds: new Set(config.accord.adminUserIds),
    defaultTimeZone: config.accord.timeZone,
    defaultLanguage: config.accord.language,
  };
  const jobs = new JobRunner({
    db: database.db,
    clock,
    log: log.child({ component: 'jobs' }),
    concurrency: database.kind === 'postgres' ? 4 : 1,
    // PGlite is one connection: while a batch holds it, a command waits, so its batches stay small
    // and short. On PostgreSQL 50 savepoints stay under the 64 subtransactions a backend caches.
    batchSize: options.jobBatchSize ?? (database.kind === 'postgres' ? 50 : 10),
    batchBudgetMs: database.kind === 'postgres' ? 250 : 50,
    handlers: { ...jobHandlers({ gateway, settings, timers: jobTimers }), ...options.extraJobHandlers },
  });
  const onError = (what: string) => (err: unknown) =>
    log.error(`${what} round failed; retrying on the next tick`, { err });
  // Counts work done by the background pumps, so settle() can tell a quiet round from one in
  // which a pump did the work for it.
  let progress = 0;
  const counted = (n: number) => {
    progress += n;
    return n;
  };
  const outboxPump: Pump = createPump(async () => counted(await outbox.deliverDue()), onError('outbox'));
  // Rows held back by the workspace's rate may go a few milliseconds from now: come back then
  // rather than at the next heartbeat, which would leave most of each second unused.
  let throttleWake: NodeJS.Timeout | undefined;
  outboxPump.onIdle(() => {
    const until = outbox.throttledUntil;
    if (!until || throttleWake) return;
    throttleWake = setTimeout(
      () => {
        throttleWake = undefined;
        outboxPump.kick();
      },
      Math.max(0, until.getTime() - clock.now().getTime()),
    );
    throttleWake.unref();
  });
  const jobPump: Pump = createPump(async () => counted(await jobs.runDue()), onError('jobs'));

  let services: RequestServices | undefined;
  let vendorTeamId: string | undefined;
  let slackApp: SlackApp | undefined;
  let http: HttpServer | undefined;
  let scheduler: { stop(): Promise<void> } | undefined;
  let stopping: Promise<void> | undefined;

  async function identify(): Promise<{ teamId: string; botUserId: string }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const res = await web.call('auth.test', {});
        if (typeof res.team_id !== 'string') throw new Error('auth.test answered without a team_id');
        return { teamId: res.team_id, botUserId: typeof res.user_id === 'string' ? res.user_id : '' };
      } catch (err) {
        if (err instanceof SlackCallError && err.failure.kind === 'permanent') {
          throw new Error(`Slack refused SLACK_BOT_TOKEN (${err.failure.error}). Check the token and SLACK_API_URL.`);
        }
        if (attempt >= 5) throw err;
        log.warn('auth.test failed; retrying', { attempt, err });
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  async function health() {
    const up = await database.ping(1500);
    return {
      healthy: up,
      body: {
        status: up ? 'ok' : 'degraded',
        database: up ? 'up' : 'down',
        driver: database.kind,
        mode: config.slack.mode,
      },
    };
  }

  return {
    database,
    slack: web,
    outbox,
    jobs,
    get services() {
      if (!services) throw new Error('Accord has not been started');
      return services;
    },
    get vendorTeamId() {
      if (!vendorTeamId) throw new Error('Accord has not been started');
      return vendorTeamId;
    },
    async start() {
      await database.migrate();
      const identity = await identify();
      vendorTeamId = identity.teamId;
      settings.vendorTeamId = vendorTeamId;
      settings.botUserId = identity.botUserId;
      // The month-end review chain starts with the first start; later ones queue the next.
      await ensureLifecycleReview(database.db, jobTimers, clock.now(), settings.defaultTimeZone);
      services = {
        db: database.db,
        clock,
        gateway,
        directory: createSlackDirectory(web, log),
        channels: createSlackChannels(web, log),
        views: createSlackViews(web, log),
        timers: jobTimers,
        settings,
        log,
        memberships: options.memberships ?? createMembershipSource(database.db),
        languageMemory: createLanguageMemory({ now: () => clock.now().getTime() }),
        afterCommit: () => outboxPump.kick(),
        afterAck: options.afterAck ?? createLimiter(database.kind === 'postgres' ? 16 : 4),
      };
      slackApp = createSlackApp({ config, services, inFlight, log });
      const receiver = slackApp.receiver;
      http = createHttpServer({
        slackListener: receiver ? (req, res) => receiver.requestListener(req, res) : undefined,
        health,
        log,
      });
      const port = await http.listen(config.http.port, options.host);
      if (config.slack.mode === 'socket') await slackApp.app.start();
      if (options.runScheduler ?? true)
        scheduler = startScheduler({ db: database.db, clock, log, jobs: jobPump, outbox: outboxPump });
      // Whatever fell due while no replica was running goes out now rather than at the first tick.
      jobPump.kick();
      outboxPump.kick();
      log.info('Accord is running', { port, mode: config.slack.mode, database: database.kind, vendorTeamId });
      return { port };
    },
    async settle() {
      for (let round = 0; round < 1000; round += 1) {
        const before = progress;
        await inFlight.drain();
        await Promise.all([jobPump.idle(), outboxPump.idle()]);
        const ran = await jobs.runDue();
        const delivered = await outbox.deliverDue();
        await Promise.all([jobPump.idle(), outboxPump.idle()]);
        if (ran === 0 && delivered === 0 && progress === before && inFlight.size === 0) return;
      }
      throw new Error('settle(): work kept arriving after 1000 rounds');
    },
    stop() {
      stopping ??= (async () => {
        await scheduler?.stop();
        clearTimeout(throttleWake);
        await http?.close();
        if (config.slack.mode === 'socket') await slackApp?.app.stop();
        await inFlight.drain();
        await Promise.all([jobPump.stop(), outboxPump.stop()]);
        await database.close();
        log.info('Accord stopped');
      })();
      return stopping;
    },
  };
}
