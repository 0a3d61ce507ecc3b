import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { languages, parseLanguage, type Language } from './domain/language';
import { isValidTimeZone } from './domain/time-zone';

// The one place that reads the environment (and the .env file). Everything else receives a typed `Config`.

const userIdList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids such as U0123ABCD')));

const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL such as postgres://user@host:5432/db')
    .optional(),
  ACCORD_DATA_DIR: z.string().min(1).default('./data'),
});

const envSchema = databaseEnv.extend({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the bot token, xoxb-…)' })
    .regex(/^xoxb-\S+$/, 'must be a bot token starting with xoxb-'),
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
  SLACK_POSTS_PER_SECOND: z.coerce
    .number({ error: 'must be a number of messages per second' })
    .positive('must be more than 0')
    .optional(),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535 (0 picks a free port)')
    .max(65535, 'must be between 0 and 65535 (0 picks a free port)')
    .default(3000),
  ACCORD_ADMIN_USER_IDS: userIdList.default([]),
  ACCORD_TIMEZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Riga').default('UTC'),
  ACCORD_LANGUAGE: z
    .string()
    .transform((text, ctx) => {
      const language = parseLanguage(text);
      if (language === undefined) ctx.addIssue({ code: 'custom', message: `must be one of ${languages.join(', ')}` });
      return language ?? 'en';
    })
    .default('en'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string;
    appToken: string | undefined;
    apiUrl: string;
    mode: 'http' | 'socket';
    /** chat.postMessage calls per second for the whole workspace; unset: Slack's documented default. */
    postsPerSecond?: number;
  };
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  http: { port: number };
  accord: { adminUserIds: string[]; timeZone: string; language: Language };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const defaultHint =
  "Set the variables in the environment or in a .env file; .env.example lists them and the README's configuration table explains each.";

export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    hint = defaultHint,
  ) {
    super(
      `Accord cannot start, the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${hint}`,
    );
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

// ---- the .env file -------------------------------------------------------------------------

/**
 * Reads the text of a .env file: `NAME=value` lines, blank lines and `#` comments, an optional
 * `export ` in front, values bare (a `#` after a space starts a comment), in "double quotes"
 * (\n, \" and \\ understood) or 'single quotes' (taken as written), one line each. Anything else
 * is refused with its line number, never with its text, which may hold a token. Later lines win.
 */
export function parseEnvFile(text: string, path: string): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const at = `${path} line ${index + 1}`;
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0) {
      problems.push(`${at} is not NAME=value`);
    } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      problems.push(
        `${at}: the part before = is not a variable name (letters, digits and _, not starting with a digit)`,
      );
    } else {
      const value = envFileValue(line.slice(eq + 1).trim());
      if (typeof value === 'string') values[name] = value;
      else problems.push(`${at}: ${name} ${value.problem}`);
    }
  }
  if (problems.length > 0)
    throw new ConfigError(
      problems,
      `Fix ${path}, or remove it and set the variables in the environment; .env.example shows the format.`,
    );
  return values;
}

function envFileValue(rest: string): string | { problem: string } {
  const quote = rest[0];
  if (quote !== '"' && quote !== "'") return rest.replace(/\s+#.*$/, '');
  let value = '';
  for (let i = 1; i < rest.length; i += 1) {
    const c = rest[i] ?? '';
    if (c === quote) {
      if (!/^\s*(#.*)?$/.test(rest.slice(i + 1))) return { problem: 'has more text after its closing quote' };
      return value;
    }
    if (quote === '"' && c === '\\' && i + 1 < rest.length) {
      i += 1;
      const next = rest[i] ?? '';
      value += next === 'n' ? '\n' : next;
    } else {
      value += c;
    }
  }
  return { problem: `opens a quote (${quote}) that this line does not close; a value is one line` };
}

/**
 * The variables of the .env file at `path`, or undefined when there is none. A file that is
 * there but cannot be read or is malformed stops the start rather than being half-used.
 */
export function readEnvFile(path: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const reason =
      code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : err instanceof Error
            ? err.message
            : String(err);
    throw new ConfigError(
      [`${path} cannot be read (${reason})`],
      `Make ${path} readable, or remove it and set the variables in the environment.`,
    );
  }
  return parseEnvFile(text, path);
}

/**
 * `env` with the variables of the .env file at `path` added: a variable already in `env` wins,
 * even when set to an empty string (which is how to switch off a line of .env for one run).
 */
export function withEnvFile(env: Env, path: string): { env: Env; found: boolean } {
  const file = readEnvFile(path);
  if (!file) return { env, found: false };
  const merged: Env = { ...file };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return { env: merged, found: true };
}

/** Where `npm start` and `npm run db:migrate` look for .env: the directory they are started in. */
export const defaultEnvFile = (): string => resolve('.env');

function hintFor(path: string, found: boolean): string {
  return found
    ? `Accord read the environment and ${path} (a variable set in the environment wins); .env.example lists every variable and the README's configuration table explains each.`
    : `There is no ${path}: set the variables in the environment, or copy .env.example to .env in the directory Accord is started from. The README's configuration table explains each.`;
}

/** Runs `parse` on `env` plus the .env file, saying in any refusal whether the file was read. */
function withFile<T>(env: Env, path: string, parse: (env: Env) => T): T {
  const { env: merged, found } = withEnvFile(env, path);
  try {
    return parse(merged);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.problems, hintFor(path, found));
    throw err;
  }
}

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
      ...(e.SLACK_POSTS_PER_SECOND ? { postsPerSecond: e.SLACK_POSTS_PER_SECOND } : {}),
    },
    database: databaseOf(e),
    http: { port: e.PORT },
    accord: { adminUserIds: e.ACCORD_ADMIN_USER_IDS, timeZone: e.ACCORD_TIMEZONE, language: e.ACCORD_LANGUAGE },
    logLevel: e.LOG_LEVEL,
  };
}

/** The configuration of `npm start`: the environment, then the .env file for what it leaves unset. */
export function loadConfig(env: Env = process.env, envFile: string = defaultEnvFile()): Config {
  return withFile(env, envFile, parseConfig);
}

/** The database settings of `npm run db:migrate`, from the same places as `loadConfig`. */
export function loadDatabaseConfig(env: Env = process.env, envFile: string = defaultEnvFile()): Config['database'] {
  return withFile(env, envFile, parseDatabaseConfig);
}
