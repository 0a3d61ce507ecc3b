/**
 * Memory scenario of `npm run bench` (see bench/run.ts): the resident memory of the Accord process
 * itself — in its own process, so neither the Slack stand-in nor the benchmark is counted; as
 * `npm start` runs it and from source — idle, then with many open escalations whose
 * timers are pending, and after a share of those timers have run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { escalations, jobs, partners, projects } from '../src/db/schema';
import { SlackDriver } from '../src/sandbox/slack-driver';
import { SlackStandIn } from '../src/sandbox/stand-in';
import { openTestDatabase } from '../src/testkit/databases';
import { accordEnv, BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../src/testkit/world';
import { runningPortIn } from '../src/testkit/process';
import { openEscalations } from './escalations';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc. */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** How Accord is started: as `npm start` runs it (the bundle), or from source under tsx. */
export const memoryEntries = {
  bundle: {
    label: '`npm start` (the esbuild bundle, `node --enable-source-maps dist/main.js`)',
    args: ['--enable-source-maps', 'dist/main.js'],
  },
  tsx: { label: 'from source (`node --import tsx src/main.ts`)', args: ['--import', 'tsx', 'src/main.ts'] },
} as const;

export async function memoryUse(o: {
  escalations: number;
  fire: number;
  entry: keyof typeof memoryEntries;
}): Promise<{ notes: string[]; targetMet: boolean }> {
  const entry = memoryEntries[o.entry];
  if (o.entry === 'bundle') execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
  await standIn.start();
  standIn.addChannel({ id: 'C0GENERAL', name: 'general' });
  const database = await openTestDatabase('postgres');
  if (!database.url) throw new Error('memory scenario needs PostgreSQL');
  let output = '';
  const child = spawn(process.execPath, [...entry.args], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ...accordEnv(standIn.apiUrl),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const pid = child.pid ?? 0;
    let port: string | undefined;
    for (let i = 0; i < 600 && !port; i += 1) {
      port = runningPortIn(output);
      if (!port) await sleep(100);
    }
    if (!port) throw new Error(`Accord did not start: ${output.slice(-500)}`);
    const slack = new SlackDriver({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      standIn,
    });
    for (const [user, text] of [
      [people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER'],
      [people.alice, 'partner member add acme <@U0PAT> lead'],
      [people.victor, 'project create memory "Memory" partners=acme'],
    ] as const) {
      const reply = await slack.commandReply(user, '/accord', text);
      if (!reply.includes(':white_check_mark:')) throw new Error(`set-up step \`${text}\` answered: ${reply}`);
    }
    await sleep(5000);
    const idle = residentMb(pid);

    const db = database.db;
    const [project] = await db.select().from(projects).where(eq(projects.slug, 'memory'));
    const [partner] = await db.select().from(partners).where(eq(partners.slug, 'acme'));
    if (!project || !partner) throw new Error('set-up left no project or partner');
    await openEscalations(
      { db, standIn },
      { projectId: project.id, channel: project.channelId, partnerId: partner.id },
      o.escalations,
      'memory',
    );
    // The App Home and the escalation list read the open escalations; the timers are what the runner holds.
    await slack.commandReply(people.victor, '/accord', 'escalation list', project.channelId);
    await slack.commandReply(people.victor, '/score', '');
    await sleep(5000);
    const loaded = residentMb(pid);

    // A share of the level-2 timers fall due now, so the runner and the outbox work through them.
    await db.execute(
      sql`update ${jobs} set due_at = now() where id in (select j.id from ${escalations} e join ${jobs} j on j.key = 'esc:' || e.id || ':0:ack:1' order by e.id limit ${o.fire})`,
    );
    for (let i = 0; i < 240; i += 1) {
      const [left] = await db
        .select({ n: sql<number>`count(*)` })
        .from(jobs)
        .where(sql`${jobs.status} = 'pending' and ${jobs.dueAt} <= now()`);
      if (Number(left?.n ?? 0) === 0) break;
      await sleep(500);
    }
    await sleep(3000);
    const worked = residentMb(pid);
    const fmt = (m: { rss: number; peak: number }) => `${Math.round(m.rss)} MB (peak so far ${Math.round(m.peak)} MB)`;
    const targetMet = Math.max(idle.peak, loaded.peak, worked.peak) < 250;
    return {
      targetMet,
      notes: [
        `postgres: memory of the Accord process alone, started ${entry.label} (NODE_ENV=production, resident set from /proc): idle ${fmt(idle)}; with ${o.escalations} open escalations (${o.escalations * 4} pending timers) after \`escalation list\` and \`/score\` ${fmt(loaded)}; after ${o.fire} of their level-2 timers ran and were posted ${fmt(worked)}. Target under 250 MB: ${targetMet ? 'met' : 'missed'}.`,
      ],
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await standIn.stop();
    await database.close();
  }
}
