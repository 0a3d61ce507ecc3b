/**
 * What the main thread and the PGlite worker (src/db/pglite-worker.js) say to each other. Every
 * message is structured-cloned by postMessage, so only data crosses: SQL text, parameters, rows.
 *
 * A session is 0 outside a transaction, or the number the main thread gave the transaction it
 * opened with `begin`; the worker runs that session's queries inside that transaction and nowhere
 * else, as PGlite's own `transaction()` does in one thread.
 */

export interface WorkerData {
  /** A data directory, or undefined for an in-memory database. */
  dataDir: string | undefined;
  /** PGlite's WebAssembly, compiled once by the main thread; PGlite compiles its own without them. */
  pgliteWasmModule: WebAssembly.Module | undefined;
  initdbWasmModule: WebAssembly.Module | undefined;
}

export type ToWorker =
  | {
      op: 'query';
      id: number;
      session: number;
      sql: string;
      params: unknown[];
      rowMode: 'array' | 'object';
      /** Type OIDs whose values come back as PostgreSQL's text, for the main thread's own parsers. */
      textTypes: number[];
    }
  | { op: 'begin'; id: number; session: number }
  | { op: 'end'; id: number; session: number; commit: boolean }
  | { op: 'close'; id: number };

export interface WireResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows: number | undefined;
}

/** An error as it crosses: its name and message, and PostgreSQL's fields (`code`, `detail`, `constraint` …). */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean>;
}

export type FromWorker =
  { id: number; ok: true; result: WireResults | undefined } | { id: number; ok: false; error: WireError };
