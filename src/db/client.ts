import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { backfillEscalationDeadlines } from './backfill-deadlines';
import { PgliteThread } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the services see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Verbs that may run on their own or inside a caller's transaction accept either. */
export type DbOrTx = Db | Tx;

export type DatabaseTarget =
  { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' };

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /**
   * Runs pending migrations, then the data fills they need computed by our own rules (escalation
   * deadlines); safe to call on every start and from several replicas at once.
   */
  migrate(): Promise<void>;
  /** True when a trivial query answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The project's drizzle/ folder: two levels up from src/db/client.ts when run from source (tsx),
 * one up from dist/main.js when run from the bundle that `npm start` builds.
 */
export const migrationsFolder =
  ['../../drizzle', '../drizzle']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((dir) => existsSync(join(dir, 'meta', '_journal.json'))) ??
  fileURLToPath(new URL('../../drizzle', import.meta.url));

// Any fixed number works; it only has to be the same for every replica.
const MIGRATION_LOCK_ID = 4_214_207_001;

export interface DatabaseOptions {
  /**
   * Told of every statement drizzle sends (not the BEGIN and COMMIT of a transaction, which the
   * drivers issue themselves): for counting statements per command in tests and benchmarks.
   */
  onQuery?: (query: string, params: readonly unknown[]) => void;
}

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Database {
  return target.kind === 'postgres'
    ? openPostgres(target.url, options)
    : openPglite(target.kind === 'pglite' ? target.dataDir : undefined, options);
}

const loggerOf = ({ onQuery }: DatabaseOptions) =>
  onQuery ? { logger: { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } } : {};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Session limits of the pool's connections, sent as startup parameters. No statement of a command
 * or job needs anywhere near this long; one that does is stuck (a lock wait, a runaway plan) and is
 * better cancelled and retried than left holding a connection. A transaction left idle, e.g. by a
 * process that stopped between two statements, is ended by the server, so its row locks are freed.
 * Migrations run on their own connection without these limits.
 */
export const POOL_SESSION_LIMITS = { statement_timeout: 30_000, idle_in_transaction_session_timeout: 60_000 } as const;

function openPostgres(url: string, options: DatabaseOptions): Database {
  const client = postgres(url, {
    max: 10,
    onnotice: () => undefined,
    connection: { ...POOL_SESSION_LIMITS },
    // Timestamps are always written as Date objects; keep postgres.js from guessing types.
    connect_timeout: 10,
    // postgres.js counts failed connects pool-wide and waits 3^n/100 s (up to 20 s) before a
    // closed connection tries again, even once the server is back; a query handed to such a
    // connection waits that long. After a restart the pool must reconnect within a second.
    backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2),
  });
  const db = drizzlePostgres(client, { schema, ...loggerOf(options) }) as unknown as Db;
  tellLostCommits(db);
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // drizzle's advice: migrations on a dedicated single connection. The session advisory lock
      // makes replicas that start together wait for each other instead of racing.
      const conn = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await conn`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(conn), { migrationsFolder });
        // Under the same lock, so replicas starting together do not fill the same rows twice.
        await backfillEscalationDeadlines(drizzlePostgres(conn, { schema }) as unknown as Db);
        await conn`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await conn.end({ timeout: 5 });
      }
    },
    async ping(timeoutMs = 2000) {
      try {
        await withTimeout(client`select 1`.execute(), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * A transaction's work done and then the connection lost: that happened while it was being
 * committed, and the server may have committed it or not (a backend terminated just after writing
 * the commit record, before its answer got out, keeps the commit). Said so, rather than the
 * "nothing was changed" that a connection lost before the COMMIT allows.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super(
      'the database connection was lost while a transaction was being committed; it may or may not have been committed',
      { cause },
    );
    this.name = 'CommitOutcomeUnknownError';
  }
}

export const isCommitOutcomeUnknown = (err: unknown): err is CommitOutcomeUnknownError =>
  err instanceof CommitOutcomeUnknownError;

/** Makes `db.transaction` throw CommitOutcomeUnknownError for a connection lost at its COMMIT. */
function tellLostCommits(db: Db): void {
  const begin = db.transaction.bind(db);
  const transaction: Db['transaction'] = async (work, config) => {
    let workDone = false;
    try {
      return await begin(async (tx) => {
        const result = await work(tx);
        workDone = true;
        return result;
      }, config);
    } catch (err) {
      throw workDone && isDatabaseUnavailable(err) ? new CommitOutcomeUnknownError(err) : err;
    }
  };
  db.transaction = transaction;
}

/**
 * PGlite runs in a worker thread (src/db/pglite-thread.ts says why and how): the statements' CPU
 * stays off the event loop that acknowledges Slack. drizzle's PGlite driver runs here, on a client
 * that forwards its `query` and `transaction` calls to the worker.
 */
function openPglite(dataDir: string | undefined, options: DatabaseOptions): Database {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const thread = new PgliteThread(dataDir);
  // drizzle's driver is typed for the PGlite class but calls only what PgliteThread offers.
  const client = thread as unknown as PGlite;
  const db = drizzlePglite(client, { schema, ...loggerOf(options) }) as unknown as Db;
  tellLostCommits(db);
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
      await backfillEscalationDeadlines(db);
    },
    async ping(timeoutMs = 2000) {
      if (closed) return false;
      try {
        await withTimeout(db.execute(sql`select 1`), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await thread.close();
    },
  };
}

// postgres.js connection errors, socket errors, and SQLSTATEs for a server that is gone or going.
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether `err` (or what it wraps, as drizzle does) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth += 1) {
    if (typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
