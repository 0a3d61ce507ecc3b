import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';
import { BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../support/harness';

function runMain(env: Record<string, string>, script = 'src/main.ts'): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  // tsx as a loader in the one process (its CLI would be a parent that a SIGKILL leaves orphaned).
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start (the real process)', () => {
  let standIn: SlackStandIn;
  let dataDir: string;
  beforeAll(async () => {
    standIn = new SlackStandIn({ teamId: VENDOR_TEAM, botToken: BOT_TOKEN, users: Object.values(people) });
    await standIn.start();
    dataDir = mkdtempSync(join(tmpdir(), 'accord-start-'));
  });
  afterAll(async () => {
    await standIn?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start with a bad configuration and names every problem', async () => {
    const run = runMain({ PORT: 'eighty', ACCORD_TIMEZONE: 'Mars/Olympus', SLACK_APP_TOKEN: 'not-a-token' });
    expect(await run.exited).toBe(1);
    const out = run.output();
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'PORT', 'ACCORD_TIMEZONE']) expect(out).toContain(name);
    expect(out).toContain('Accord cannot start');
  });

  it('applies migrations with npm run db:migrate, idempotently', async () => {
    for (let i = 0; i < 2; i += 1) {
      const run = runMain({ ACCORD_DATA_DIR: join(dataDir, 'migrate-only') }, 'src/db/migrate-cli.ts');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('Migrations applied (pglite).');
    }
  });

  it('serves health and signed Slack requests on PGlite, and exits cleanly on SIGTERM', async () => {
    const run = runMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: standIn.apiUrl,
      ACCORD_DATA_DIR: dataDir,
      ACCORD_ADMIN_USER_IDS: people.alice.id,
      PORT: '0',
    });
    try {
      const port = await waitFor(() => /"msg":"Accord is running","port":(\d+)/.exec(run.output())?.[1]);
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ database: 'up', driver: 'pglite' });
      const slack = new SlackDriver({ appUrl: `${base}/slack/events`, signingSecret: SIGNING_SECRET, standIn });
      const now = Math.floor(Date.now() / 1000);
      expect((await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { unsigned: true })).status).toBe(401);
      expect((await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { timestamp: now - 600 })).status).toBe(401);
      expect((await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { timestamp: now + 600 })).status).toBe(401);
      const help = await slack.command(people.victor, '/accord', 'help');
      expect(help.status).toBe(200);
      expect(String(help.json?.text)).toContain('/accord admin list');
      expect(await slack.commandReply(people.alice, '/accord', 'admin list')).toContain('<@U0ALICE>');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('Accord stopped');
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});
