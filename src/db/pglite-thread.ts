import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import type { FromWorker, ToWorker, WireError, WireResults, WorkerData } from './pglite-protocol';

/**
 * PGlite in a worker thread, seen from the main thread.
 *
 * PGlite is PostgreSQL compiled to WebAssembly and runs every statement synchronously on the
 * thread that calls it: in Accord's own thread, a busy minute of `/escalate` kept the event loop
 * from acknowledging Slack for seconds (bench: ack p99 2.9 s at 20 clients). Here the thread that
 * acknowledges only sends SQL and parameters and receives rows.
 *
 * Why a worker with its own small protocol (src/db/pglite-protocol.ts) rather than
 * `@electric-sql/pglite-socket` in a worker and postgres.js over it: the socket package pins an
 * exact PGlite version older than ours (0.2.17 wants 0.5.14; we run 0.5.16), and its path encodes
 * and decodes every row in the wire protocol twice more (PGlite → socket → postgres.js), where
 * postMessage clones what PGlite already parsed. This one keeps drizzle's own PGlite driver on
 * the main thread: the same SQL, result shapes and type parsing as PGlite in one thread, and
 * statement counting (`onQuery`) where drizzle builds the SQL.
 *
 * drizzle's PGlite driver calls only `query(sql, params, { rowMode, parsers })` and
 * `transaction(fn)` on its client (drizzle-orm/pglite/session.js); `PgliteThread` and
 * `ThreadSession` give it those. Parsers are functions and cannot be posted: the worker leaves the
 * types they are for as text, and they run here.
 */

/** What drizzle's PGlite driver uses of a PGlite client. */
export interface PgliteQueries {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
}

export interface PgliteTransactions extends PgliteQueries {
  transaction<T>(work: (tx: PgliteQueries) => Promise<T>): Promise<T>;
}

/** An error PostgreSQL raised in the worker, with its fields (SQLSTATE `code`, `detail`, `constraint` …). */
export class DatabaseError extends Error {
  declare code?: string;
  declare detail?: string;
  declare constraint?: string;
  declare table?: string;
  declare severity?: string;

  constructor(wire: WireError) {
    super(wire.message);
    Object.assign(this, wire.fields);
    this.name = wire.name;
  }
}

/** SQLSTATE 08006, connection failure: what `isDatabaseUnavailable` recognises, as for a lost server. */
const goneError = (why: string) =>
  new DatabaseError({ name: 'DatabaseError', message: `the PGlite thread is gone: ${why}`, fields: { code: '08006' } });

/** Resolved next to this file: src/db/ from source, dist/ from the bundle (package.json's build copies it there). */
const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

/**
 * PGlite's two WebAssembly modules, compiled once per process and handed to every worker (a
 * compiled module crosses to a worker without being compiled again), as PGlite in one thread
 * reuses what it compiled for the next instance. Tests and sandbox sessions open many databases
 * in one process: on a loaded machine the second and third opened in a process became ready in
 * 9–13 s each without this and in about 4 s with it, level with PGlite in one thread (indicative,
 * load average 8–14). Compiling runs on V8's background threads, not on the event loop; if it
 * fails, each worker falls back to PGlite compiling its own.
 */
// Node has WebAssembly.compile; the project's `lib` (no DOM) declares only WebAssembly's types.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } })
  .WebAssembly;
let compiled: Promise<Pick<WorkerData, 'pgliteWasmModule' | 'initdbWasmModule'>> | undefined;
function compiledModules(): Promise<Pick<WorkerData, 'pgliteWasmModule' | 'initdbWasmModule'>> {
  compiled ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const compile = async (file: string) => wasm.compile(await readFile(join(dist, file)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]);
    return { pgliteWasmModule, initdbWasmModule };
  })().catch(() => ({ pgliteWasmModule: undefined, initdbWasmModule: undefined }));
  return compiled;
}

type Pending = { resolve: (result: WireResults | undefined) => void; reject: (err: Error) => void };

export class PgliteThread implements PgliteTransactions {
  /** The worker, once PGlite's modules are compiled; messages wait on it in the order they were sent. */
  private readonly started: Promise<Worker>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextSession = 1;
  private gone: Error | undefined;
  private stopped = false;

  constructor(dataDir: string | undefined) {
    this.started = compiledModules().then((modules) => {
      const data: WorkerData = { dataDir, ...modules };
      const worker = new Worker(WORKER_URL, { workerData: data });
      // Like PGlite in one thread, an idle database keeps no process alive; a request in flight does.
      if (this.pending.size === 0) worker.unref();
      worker.on('message', (m: FromWorker) => this.settle(worker, m));
      worker.on('error', (err) => this.fail(goneError(err.message)));
      worker.on('exit', (code) => {
        this.stopped = true;
        this.fail(goneError(`exited with code ${code}`));
      });
      return worker;
    });
  }

  /** True once the worker thread has ended (after `close`, or if it died). */
  get exited(): boolean {
    return this.stopped;
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.queryIn(0, sql, params, options);
  }

  async queryIn<T>(session: number, sql: string, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const parsers = options?.parsers ?? {};
    const textTypes = Object.keys(parsers).map(Number);
    const result = await this.call({
      op: 'query',
      id: 0,
      session,
      sql,
      params,
      rowMode: options?.rowMode ?? 'object',
      textTypes,
    });
    if (!result) throw new Error('the PGlite thread answered a query without a result');
    if (textTypes.length > 0) parseColumns(result, parsers, options?.rowMode ?? 'object');
    return result as Results<T>;
  }

  async transaction<T>(work: (tx: PgliteQueries) => Promise<T>): Promise<T> {
    const session = this.nextSession;
    this.nextSession += 1;
    await this.call({ op: 'begin', id: 0, session });
    let result: T;
    try {
      result = await work(new ThreadSession(this, session));
    } catch (err) {
      // The work's error is what the caller needs; a failed ROLLBACK on top of it adds nothing.
      await this.call({ op: 'end', id: 0, session, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.call({ op: 'end', id: 0, session, commit: true });
    return result;
  }

  /** Closes PGlite (flushing a data directory) and ends the thread; what was still asked fails. */
  async close(): Promise<void> {
    if (this.gone) return;
    try {
      await this.call({ op: 'close', id: 0 });
    } finally {
      this.fail(goneError('closed'));
      const worker = await this.started;
      // An unref'd worker ending would let the process exit before its caller goes on (a
      // shutdown's last log line); held until it has ended.
      worker.ref();
      await worker.terminate();
    }
  }

  private call(message: ToWorker): Promise<WireResults | undefined> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      void this.started.then((worker) => {
        // Held while anything is asked (ref() is not counted, so calling it again is harmless); by the
        // time the worker has started, several calls may be waiting, so not only the first refs it.
        if (this.pending.size > 0) worker.ref();
        worker.postMessage({ ...message, id });
      });
    });
  }

  private settle(worker: Worker, m: FromWorker): void {
    const waiting = this.pending.get(m.id);
    if (!waiting) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) worker.unref();
    if (m.ok) waiting.resolve(m.result);
    else waiting.reject(new DatabaseError(m.error));
  }

  private fail(err: Error): void {
    this.gone ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

/** One transaction's queries, all sent to the worker's transaction of that session. */
class ThreadSession implements PgliteQueries {
  constructor(
    private readonly thread: PgliteThread,
    private readonly session: number,
  ) {}

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.thread.queryIn(this.session, sql, params, options);
  }
}

/** Runs the caller's parsers on the columns the worker left as text. */
function parseColumns(result: WireResults, parsers: NonNullable<QueryOptions['parsers']>, rowMode: 'array' | 'object') {
  result.fields.forEach((field, i) => {
    const parse = parsers[field.dataTypeID];
    if (!parse) return;
    for (const row of result.rows) {
      if (rowMode === 'array') {
        const values = row as unknown[];
        if (values[i] !== null) values[i] = parse(values[i] as string);
      } else {
        const values = row as Record<string, unknown>;
        if (values[field.name] !== null) values[field.name] = parse(values[field.name] as string);
      }
    }
  });
}
