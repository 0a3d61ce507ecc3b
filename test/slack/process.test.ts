import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/stand-in';
import { accordEnv, BOT_TOKEN, people, SIGNING_SECRET, VENDOR_TEAM } from '../../src/testkit/world';
import { PROCESS_TEST_TIMEOUT, REPLY_TIMEOUT, runningPort, startAccordProcess } from '../../src/testkit/process';

const runMain = (env: Record<string, string>, script?: string, cwd?: string) =>
  startAccordProcess(env, { script, cwd });

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

  it(
    'refuses to start with a bad configuration and names every problem',
    { timeout: PROCESS_TEST_TIMEOUT },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'accord-no-env-'));
      try {
        const run = runMain(
          { PORT: 'eighty', ACCORD_TIMEZONE: 'Mars/Olympus', SLACK_APP_TOKEN: 'not-a-token' },
          undefined,
          cwd,
        );
        expect(await run.exited).toBe(1);
        const out = run.output();
        for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'PORT', 'ACCORD_TIMEZONE'])
          expect(out).toContain(name);
        expect(out).toContain('Accord cannot start');
        // Where the settings could have come from, and how to give them.
        expect(out).toContain(
          `There is no ${join(cwd, '.env')}: set the variables in the environment, or copy .env.example to .env`,
        );
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );

  it(
    'reads .env from the directory it is started in, a variable set in the environment winning',
    { timeout: PROCESS_TEST_TIMEOUT },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'accord-env-'));
      // The environment sets PORT; were .env's PORT used, the start would be refused.
      writeFileSync(
        join(cwd, '.env'),
        [
          '# as copied from .env.example and filled in',
          `SLACK_BOT_TOKEN=${BOT_TOKEN}`,
          `export SLACK_SIGNING_SECRET="${SIGNING_SECRET}"`,
          `SLACK_API_URL=${standIn.apiUrl}`,
          'ACCORD_DATA_DIR=./pglite-data   # relative to where it starts',
          `ACCORD_ADMIN_USER_IDS=${people.alice.id}`,
          'PORT=eighty',
          '',
        ].join('\n'),
      );
      const run = runMain({ PORT: '0' }, undefined, cwd);
      try {
        const port = await runningPort(run);
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(await health.json()).toMatchObject({ database: 'up', driver: 'pglite' });
        expect(existsSync(join(cwd, 'pglite-data'))).toBe(true);
        // Requests are verified with the signing secret from .env, and the admin from .env is one.
        const slack = new SlackDriver({
          appUrl: `http://127.0.0.1:${port}/slack/events`,
          signingSecret: SIGNING_SECRET,
          standIn,
        });
        expect(await slack.commandReply(people.alice, '/accord', 'admin list', undefined, REPLY_TIMEOUT)).toContain(
          '<@U0ALICE>',
        );
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
      } finally {
        run.child.kill('SIGKILL');
        await run.exited;
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );

  it(
    'refuses a malformed .env by line number, without repeating what the line says',
    { timeout: PROCESS_TEST_TIMEOUT },
    async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'accord-bad-env-'));
      try {
        writeFileSync(join(cwd, '.env'), `SLACK_BOT_TOKEN=${BOT_TOKEN}\nSLACK_SIGNING_SECRET ${SIGNING_SECRET}\n`);
        const run = runMain({}, undefined, cwd);
        expect(await run.exited).toBe(1);
        const out = run.output();
        expect(out).toContain(`${join(cwd, '.env')} line 2 is not NAME=value`);
        expect(out).not.toContain(SIGNING_SECRET);
        // The database command reads the same file, and refuses it the same way.
        const migrate = runMain({}, 'src/db/migrate-cli.ts', cwd);
        expect(await migrate.exited).toBe(1);
        expect(migrate.output()).toContain(`${join(cwd, '.env')} line 2 is not NAME=value`);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );

  it('applies migrations with npm run db:migrate, idempotently', { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    for (let i = 0; i < 2; i += 1) {
      const run = runMain({ ACCORD_DATA_DIR: join(dataDir, 'migrate-only') }, 'src/db/migrate-cli.ts');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('Migrations applied (pglite).');
    }
  });

  it.each([
    ['an uncaught exception', "setTimeout(() => { throw new Error('boom from a timer'); }, 100)", 'uncaught exception'],
    [
      'an unhandled rejection',
      "setTimeout(() => { Promise.reject(new Error('boom from a promise')); }, 100)",
      'unhandled promise rejection',
    ],
  ])(
    'after %s logs one JSON line and exits non-zero',
    { timeout: PROCESS_TEST_TIMEOUT },
    async (_what, boom, message) => {
      // Loaded before Accord; goes off once Accord's HTTP server listens, as a bug in a callback would.
      const fault = `import { Server } from 'node:net'; const listen = Server.prototype.listen; Server.prototype.listen = function (...args) { this.once('listening', () => { ${boom}; }); return listen.apply(this, args); };`;
      const run = runMain({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: standIn.apiUrl,
        ACCORD_DATA_DIR: './pglite-data',
        PORT: '0',
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(fault)}`,
      });
      try {
        expect(await run.exited).toBe(1);
        const lines = run
          .output()
          .split('\n')
          .filter((l) => l.includes(message));
        expect(lines, run.output()).toHaveLength(1);
        const entry = JSON.parse(lines[0] ?? '') as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
        expect(entry.msg).toBe(`${message}: Accord stops so that its supervisor can start it again`);
        expect(String(entry.level)).toMatch(/error|50/);
        expect(JSON.stringify(entry.err)).toContain('boom from a');
      } finally {
        run.child.kill('SIGKILL');
      }
    },
  );

  it(
    'serves health and signed Slack requests on PGlite, and exits cleanly on SIGTERM',
    { timeout: PROCESS_TEST_TIMEOUT },
    async () => {
      const run = runMain(accordEnv(standIn.apiUrl, { ACCORD_DATA_DIR: dataDir }));
      try {
        const port = await runningPort(run);
        const base = `http://127.0.0.1:${port}`;
        const health = await fetch(`${base}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ database: 'up', driver: 'pglite' });
        const slack = new SlackDriver({ appUrl: `${base}/slack/events`, signingSecret: SIGNING_SECRET, standIn });
        const now = Math.floor(Date.now() / 1000);
        expect((await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { unsigned: true })).status).toBe(
          401,
        );
        expect(
          (await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { timestamp: now - 600 })).status,
        ).toBe(401);
        expect(
          (await slack.command(people.victor, '/accord', 'help', 'C0GENERAL', { timestamp: now + 600 })).status,
        ).toBe(401);
        const help = await slack.command(people.victor, '/accord', 'help');
        expect(help.status).toBe(200);
        expect(String(help.json?.text)).toContain('/accord admin list');
        expect(await slack.commandReply(people.alice, '/accord', 'admin list', undefined, REPLY_TIMEOUT)).toContain(
          '<@U0ALICE>',
        );
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
        expect(run.output()).toContain('Accord stopped');
      } finally {
        run.child.kill('SIGKILL');
      }
    },
  );
});
