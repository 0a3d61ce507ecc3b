import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseDatabaseConfig } from '../../src/config';

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
      slack: { botToken: 'xoxb-1-2-abc', signingSecret: 'abcdef0123456789', appToken: undefined, apiUrl: 'https://slack.com/api/', mode: 'http' },
      database: { kind: 'pglite', dataDir: './data' },
      http: { port: 3000 },
      accord: { adminUserIds: [], timeZone: 'UTC' },
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
    });
    expect(config.slack).toMatchObject({ mode: 'socket', appToken: 'xapp-1-A-b', apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://accord@db:5432/accord' });
    expect(config.http.port).toBe(8080);
    expect(config.accord).toEqual({ adminUserIds: ['U01', 'W02'], timeZone: 'Europe/Riga' });
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ ...valid, SLACK_APP_TOKEN: '', DATABASE_URL: ' ' }).slack.mode).toBe('http');
  });

  it('names every bad or missing variable in one error', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token', PORT: '70000', SLACK_API_URL: 'ftp://x', DATABASE_URL: 'mysql://x', ACCORD_ADMIN_USER_IDS: 'alice', ACCORD_TIMEZONE: 'Nowhere/Land' });
    expect(problems).toEqual([
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/db',
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb-',
      'SLACK_SIGNING_SECRET is required (Basic Information → Signing Secret)',
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/',
      'PORT must be between 0 and 65535 (0 picks a free port)',
      'ACCORD_ADMIN_USER_IDS must be Slack user ids such as U0123ABCD',
      'ACCORD_TIMEZONE must be an IANA time zone such as Europe/Riga',
    ]);
  });

  it('parses the database settings alone for db:migrate', () => {
    expect(parseDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(parseDatabaseConfig({ DATABASE_URL: 'postgresql://u@h/db' })).toEqual({ kind: 'postgres', url: 'postgresql://u@h/db' });
    expect(() => parseDatabaseConfig({ DATABASE_URL: 'nope' })).toThrow(ConfigError);
  });
});
