/**
 * `npx tsx bench/outbox-fanout.ts [messages] [perSecond]` (PostgreSQL, TEST_DATABASE_URL): the
 * outbox alone against Slack's posting limits, without the job engine that writes the check-ins in
 * the fan-out scenario. That many messages, one per channel, already queued; the stand-in limits
 * chat.postMessage to 1/s per channel and `perSecond` for the workspace, the worker is told the
 * same rate. Prints how long until all are in Slack against the bound (messages ÷ rate), the 429s,
 * and any lost or doubled. Measures only; writes nothing.
 */
import { systemClock } from '../src/clock';
import { createLogger } from '../src/logger';
import { createOutboxGateway } from '../src/outbound/outbox';
import { OutboxWorker } from '../src/outbound/outbox-worker';
import { createWebApi } from '../src/outbound/web-api';
import { SlackStandIn } from '../src/sandbox/stand-in';
import { openTestDatabase } from '../src/testkit/databases';
import { BOT_TOKEN } from '../src/testkit/world';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const perSecond = Number(process.argv[3] ?? 100);
  const database = await openTestDatabase('postgres');
  const standIn = new SlackStandIn({ botToken: BOT_TOKEN });
  await standIn.start();
  try {
    const gateway = createOutboxGateway(systemClock);
    const channels = Array.from({ length: total }, (_, i) => `CFAN${String(i).padStart(6, '0')}`);
    for (const id of channels) standIn.addChannel({ id, name: id.toLowerCase() });
    for (let from = 0; from < total; from += 500)
      await database.db.transaction(async (tx) => {
        for (const c of channels.slice(from, from + 500)) await gateway.postMessage(tx, c, { text: `check-in ${c}` });
      });
    const log = createLogger('error');
    const worker = new OutboxWorker({
      db: database.db,
      slack: createWebApi({ token: BOT_TOKEN, apiUrl: standIn.apiUrl, log }),
      clock: systemClock,
      log,
      channelIntervalMs: 1000,
      methodRates: { 'chat.postMessage': perSecond },
    });
    standIn.limitMessages({ perChannelPerSecond: 1, workspacePerSecond: perSecond });
    const t0 = Date.now();
    const deadline = t0 + (total / perSecond) * 3000;
    while (standIn.messages.length < total && Date.now() < deadline) {
      const handled = await worker.deliverDue();
      const until = worker.throttledUntil;
      const wait = handled > 0 ? 0 : until ? Math.max(0, until.getTime() - Date.now()) : 20;
      await new Promise((r) => setTimeout(r, wait));
    }
    const seconds = (Date.now() - t0) / 1000;
    const perChannel = new Map<string, number>();
    for (const m of standIn.messages) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
    const doubled = [...perChannel.values()].filter((n) => n > 1).length;
    console.log(
      `${standIn.messages.length}/${total} posted in ${seconds.toFixed(1)} s; bound ${(total / perSecond).toFixed(0)} s; ` +
        `${standIn.rateLimited} calls answered 429; ${doubled} doubled; ${total - perChannel.size} lost`,
    );
  } finally {
    await standIn.stop();
    await database.close();
  }
}

void main();
