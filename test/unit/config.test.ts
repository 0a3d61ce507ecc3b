import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  loadDatabaseConfig,
  parseConfig,
  parseDatabaseConfig,
  parseEnvFile,
  withEnvFile,
} from '../../src/config';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(valid);
    expect(config).toEqual({
      slack: {
        botToken: 'xoxb-1-2-abc',
        signingSecret: 'abcdef0123456789',
        appToken: undefined,
        apiUrl: 'https://slack.com/api/',
        mode: 'http',
      },
      database: { kind: 'pglite', dataDir: './data' },
      http: { port: 3000 },
      accord: { adminUserIds: [], timeZone: 'UTC', language: 'en' },
      logLevel: 'info',
    });
  });

  it('reads every variable into typed values', () => {
    const config = parseConfig({
      ...valid,
      SLACK_APP_TOKEN: 'xapp-1-A-b',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_URL: 'postgres://accord@db:5432/accord',
      PORT: '8080',
      ACCORD_ADMIN_USER_IDS: ' U01, W02 ,,',
      ACCORD_TIMEZONE: 'Europe/Riga',
      ACCORD_LANGUAGE: 'zh_cn',
      SLACK_POSTS_PER_SECOND: '2.5',
    });
    expect(config.slack).toMatchObject({
      mode: 'socket',
      appToken: 'xapp-1-A-b',
      apiUrl: 'http://127.0.0.1:9999/api/',
      postsPerSecond: 2.5,
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://accord@db:5432/accord' });
    expect(config.http.port).toBe(8080);
    expect(config.accord).toEqual({ adminUserIds: ['U01', 'W02'], timeZone: 'Europe/Riga', language: 'zh-CN' });
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ ...valid, SLACK_APP_TOKEN: '', DATABASE_URL: ' ' }).slack.mode).toBe('http');
  });

  it('names every bad or missing variable in one error', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: '70000',
      SLACK_API_URL: 'ftp://x',
      DATABASE_URL: 'mysql://x',
      ACCORD_ADMIN_USER_IDS: 'alice',
      ACCORD_TIMEZONE: 'Nowhere/Land',
      ACCORD_LANGUAGE: 'fr',
    });
    expect(problems).toEqual([
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/db',
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
      'SLACK_SIGNING_SECRET is required (Basic Information → Signing Secret)',
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
      'PORT must be between 0 and 65535 (0 picks a free port)',
      'ACCORD_ADMIN_USER_IDS must be Slack user ids such as U0123ABCD',
      'ACCORD_TIMEZONE must be an IANA time zone such as Europe/Riga',
      'ACCORD_LANGUAGE must be one of en, zh-CN, vi, lv, ha',
    ]);
  });

  it('parses the database settings alone for db:migrate', () => {
    expect(parseDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(parseDatabaseConfig({ DATABASE_URL: 'postgresql://u@h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@h/db',
    });
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'nope' })).toThrow(ConfigError);
  });
});

describe('the .env file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-dotenv-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const envFile = (text: string) => {
    const path = join(dir, '.env');
    writeFileSync(path, text);
    return path;
  };
  const refusal = (run: () => unknown): ConfigError => {
    try {
      run();
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
    throw new Error('expected a ConfigError');
  };

  it('fills in what the environment leaves unset; what the environment sets wins, even when empty', () => {
    const path = envFile(
      [
        'SLACK_BOT_TOKEN=xoxb-from-file',
        'SLACK_SIGNING_SECRET=file-secret-0123',
        'PORT=4000',
        'SLACK_APP_TOKEN=xapp-from-file',
        'LOG_LEVEL=debug',
      ].join('\n'),
    );
    const env = { PORT: '5000', SLACK_APP_TOKEN: '', LOG_LEVEL: undefined };
    const config = loadConfig(env, path);
    expect(config.slack).toMatchObject({
      botToken: 'xoxb-from-file',
      signingSecret: 'file-secret-0123',
      appToken: undefined,
      mode: 'http',
    });
    expect(config.http.port).toBe(5000);
    expect(config.logLevel).toBe('debug');
    // The environment object itself is left as it was.
    expect(env).toEqual({ PORT: '5000', SLACK_APP_TOKEN: '', LOG_LEVEL: undefined });
    expect(withEnvFile({ PORT: '5000' }, path)).toMatchObject({
      found: true,
      env: { PORT: '5000', SLACK_BOT_TOKEN: 'xoxb-from-file' },
    });
  });

  it('is optional: without one the environment alone is used', () => {
    const path = join(dir, '.env');
    expect(withEnvFile(valid, path)).toEqual({ env: valid, found: false });
    expect(loadConfig(valid, path).slack.botToken).toBe('xoxb-1-2-abc');
    expect(loadDatabaseConfig({ DATABASE_URL: 'postgres://u@h/db' }, path)).toEqual({
      kind: 'postgres',
      url: 'postgres://u@h/db',
    });
  });

  it('is read for db:migrate too', () => {
    const path = envFile('DATABASE_URL=postgres://accord@db:5432/accord\n');
    expect(loadDatabaseConfig({}, path)).toEqual({ kind: 'postgres', url: 'postgres://accord@db:5432/accord' });
  });

  it('reads comments, export, quotes and inline comments as a shell would', () => {
    const text = [
      '\uFEFF# a comment',
      '',
      '  export A=plain value  # trailing comment',
      'B="double # not a comment \\"quoted\\" \\\\ line\\nbreak"  # comment',
      "C='single \\n as written'",
      'D=',
      'E = spaced',
      'F=a=b#c',
      'A=last wins\r',
    ].join('\n');
    expect(parseEnvFile(text, '.env')).toEqual({
      A: 'last wins',
      B: 'double # not a comment "quoted" \\ line\nbreak',
      C: 'single \\n as written',
      D: '',
      E: 'spaced',
      F: 'a=b#c',
    });
  });

  it('refuses a malformed file by line number, naming every bad line and never its value', () => {
    const path = envFile(
      [
        'SLACK_BOT_TOKEN xoxb-secret-1',
        'MY-VAR=1',
        'OK=fine',
        'SLACK_SIGNING_SECRET="unterminated-secret',
        "Q='x' trailing-secret",
      ].join('\n'),
    );
    const err = refusal(() => loadConfig({}, path));
    expect(err.problems).toEqual([
      `${path} line 1 is not NAME=value`,
      `${path} line 2: the part before = is not a variable name (letters, digits and _, not starting with a digit)`,
      `${path} line 4: SLACK_SIGNING_SECRET opens a quote (") that this line does not close; a value is one line`,
      `${path} line 5: Q has more text after its closing quote`,
    ]);
    for (const value of ['xoxb-secret-1', 'unterminated-secret', 'trailing-secret'])
      expect(err.message).not.toContain(value);
    expect(err.message).toContain(`Fix ${path}, or remove it and set the variables in the environment`);
  });

  it('reads .env.example as it is, so that a copy of it is a valid start', () => {
    const example = parseEnvFile(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'), '.env.example');
    expect(Object.keys(example)).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'ACCORD_ADMIN_USER_IDS']);
  });

  it('refuses a file that is there but cannot be read', () => {
    const err = refusal(() => loadConfig(valid, dir));
    expect(err.problems).toEqual([`${dir} cannot be read (it is a directory)`]);
  });

  it('says in a refusal whether it read the file, and how to give the settings', () => {
    const missing = join(dir, '.env');
    expect(refusal(() => loadConfig({}, missing)).message).toContain(
      `There is no ${missing}: set the variables in the environment, or copy .env.example to .env`,
    );
    const path = envFile('SLACK_BOT_TOKEN=xoxb-1\n');
    const err = refusal(() => loadConfig({}, path));
    expect(err.problems).toEqual(['SLACK_SIGNING_SECRET is required (Basic Information → Signing Secret)']);
    expect(err.message).toContain(`Accord read the environment and ${path} (a variable set in the environment wins)`);
  });
});
