import { z } from 'zod';
import { isValidTimeZone } from './domain/time-zone';

// The one place that reads the environment. Everything else receives a typed `Config`.

const userIdList = z
  .string()
  .transform((raw) => raw.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids such as U0123ABCD')));


const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user@host:5432/db')
    .optional(),
  ACCORD_DATA_DIR: z.string().min(1).default('./data'),
});

const envSchema = databaseEnv.extend({
  SLACK_BOT_TOKEN: z.string({ error: 'is required (the bot token, xoxb-…)' }).regex(/^xoxb-\S+$/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z
    .string({ error: 'is required (Basic Information → Signing Secret)' })
    .regex(/^\S{8,}$/, 'must be the app signing secret (at least 8 characters, no spaces)'),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: z
    .url({ error: 'must be an http(s) URL such as https://slack.com/api/' })
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL such as https://slack.com/api/')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`))
    .default('https://slack.com/api/'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535 (0 picks a free port)')
    .max(65535, 'must be between 0 and 65535 (0 picks a free port)')
    .default(3000),
  ACCORD_ADMIN_USER_IDS: userIdList.default([]),
  ACCORD_TIMEZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Riga').default('UTC'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string;
    appToken: string | undefined;
    apiUrl: string;
    mode: 'http' | 'socket';
  };
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  http: { port: number };
  accord: { adminUserIds: string[]; timeZone: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Accord cannot start, the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and the README's configuration table.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function parseEnv<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
  // Empty strings count as unset, as most deployment tools cannot express "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  return result.data;
}

function databaseOf(e: z.output<typeof databaseEnv>): Config['database'] {
  return e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.ACCORD_DATA_DIR };
}

/** What `npm run db:migrate` needs: the database settings alone, no Slack tokens. */
export function parseDatabaseConfig(env: Env): Config['database'] {
  return databaseOf(parseEnv(databaseEnv, env));
}

export function parseConfig(env: Env): Config {
  const e = parseEnv(envSchema, env);
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    database: databaseOf(e),
    http: { port: e.PORT },
    accord: { adminUserIds: e.ACCORD_ADMIN_USER_IDS, timeZone: e.ACCORD_TIMEZONE },
    logLevel: e.LOG_LEVEL,
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}

export function loadDatabaseConfig(): Config['database'] {
  return parseDatabaseConfig(process.env);
}
