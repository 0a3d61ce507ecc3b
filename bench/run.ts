/**
 * `npm run bench`: measurements, never assertions. Prints a table and writes bench/results.md.
 * Runs on PGlite, and on PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/clock';
import { OutboxWorker } from '../src/jobs/outbox-worker';
import { silentLogger } from '../src/logger';
import { SlackStandIn } from '../src/sandbox/slack-stand-in';
import { createOutboxGateway } from '../src/slack/gateway';
import { createWebApi } from '../src/slack/web-api';
import { openTestDatabase, type Driver } from '../test/support/databases';
import { BOT_TOKEN, people, startHarness } from '../test/support/harness';

interface Row {
  scenario: string;
  driver: Driver;
  n: number;
  p50: number;
  p99: number;
  max: number;
  extra: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function summarise(scenario: string, driver: Driver, samples: number[], extra = ''): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  return { scenario, driver, n: samples.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, extra };
}

/** `concurrency` clients each sending requests back to back until `total` are done. */
async function load(total: number, concurrency: number, send: () => Promise<void>): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started += 1;
        const t = performance.now();
        await send();
        samples.push(performance.now() - t);
      }
    }),
  );
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

async function commandLatency(driver: Driver): Promise<Row[]> {
  const h = await startHarness({ driver });
  try {
    const rows: Row[] = [];
    const help = await load(400, 20, async () => {
      const res = await h.slack.command(people.victor, '/accord', 'help');
      if (res.status !== 200) throw new Error(`help answered ${res.status}`);
    });
    rows.push(summarise('/accord help: ack (reply inside the ack)', driver, help.samples, `${Math.round(help.samples.length / help.seconds)} req/s`));
    const whoami = await load(400, 20, async () => {
      const res = await h.slack.command(people.victor, '/accord', 'whoami');
      if (res.status !== 200) throw new Error(`whoami answered ${res.status}`);
    });
    rows.push(summarise('/accord whoami: ack', driver, whoami.samples, `${Math.round(whoami.samples.length / whoami.seconds)} req/s`));
    const replies = await load(200, 20, async () => {
      await h.slack.commandReply(people.victor, '/accord', 'whoami');
    });
    rows.push(summarise('/accord whoami: until the reply arrives', driver, replies.samples, `${Math.round(replies.samples.length / replies.seconds)} req/s`));
    return rows;
  } finally {
    await h.stop();
  }
}

async function outboxThroughput(driver: Driver): Promise<Row> {
  const database = await openTestDatabase(driver);
  const standIn = new SlackStandIn({ botToken: BOT_TOKEN, users: Object.values(people) });
  await standIn.start();
  try {
    const channels = Array.from({ length: 50 }, (_, i) => standIn.addChannel({ name: `bench-${i}` }).id);
    const clock = new ManualClock(Date.now());
    const gateway = createOutboxGateway(clock);
    const total = 1000;
    for (let i = 0; i < total; i += 1) await gateway.postMessage(database.db, channels[i % channels.length] ?? '', { text: `message ${i}` });
    const worker = new OutboxWorker({ db: database.db, slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log: silentLogger }), clock, log: silentLogger, channelIntervalMs: 0 });
    const rounds: number[] = [];
    const t0 = performance.now();
    while (standIn.messages.length < total) {
      const t = performance.now();
      await worker.deliverDue();
      rounds.push(performance.now() - t);
    }
    const seconds = (performance.now() - t0) / 1000;
    return summarise('outbox: 1000 messages over 50 channels, per round (pacing off)', driver, rounds, `${Math.round(total / seconds)} msg/s`);
  } finally {
    await standIn.stop();
    await database.close();
  }
}

async function main(): Promise<void> {
  const drivers: Driver[] = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const rows: Row[] = [];
  for (const driver of drivers) {
    rows.push(...(await commandLatency(driver)));
    rows.push(await outboxThroughput(driver));
  }
  const fmt = (ms: number) => ms.toFixed(1);
  const table = [
    '| scenario | database | n | p50 ms | p99 ms | max ms | throughput |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${r.driver} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.extra} |`),
  ].join('\n');
  const header = `# Accord benchmarks\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, Node ${process.version}, against the local Slack stand-in over loopback (20 concurrent clients).\n\n`;
  console.log(table);
  writeFileSync(new URL('./results.md', import.meta.url), `${header}${table}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
