// @ts-check
/**
 * The thread that owns PGlite (src/db/pglite-thread.ts starts it). PGlite runs PostgreSQL compiled
 * to WebAssembly synchronously on the thread that calls it, so here it keeps its CPU off the event
 * loop that acknowledges Slack. It answers the messages of src/db/pglite-protocol.ts, one at a time
 * as PGlite itself takes them: a query outside a transaction waits while one is open, exactly as
 * it would in one thread.
 *
 * JavaScript, checked by tsc through the JSDoc types, because Node starts a worker from a file
 * without the loader of the thread that started it: a TypeScript worker would need tsx's loader
 * registered in every worker, about a second more per database opened (measured), and the tests
 * open one per file. As plain JavaScript it starts the same way from source (tsx, vitest) and
 * from the bundle (`npm run build` copies it beside dist/main.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @typedef {import('./pglite-protocol').ToWorker} ToWorker */
/** @typedef {import('./pglite-protocol').FromWorker} FromWorker */
/** @typedef {import('./pglite-protocol').WireError} WireError */
/** @typedef {import('@electric-sql/pglite').Transaction} Transaction */

const port = parentPort;
if (!port) throw new Error('src/db/pglite-worker.js runs as a worker thread');
/** @type {import('./pglite-protocol').WorkerData} */
const data = workerData;
const pg = new PGlite(data.dataDir, {
  ...(data.pgliteWasmModule && { pgliteWasmModule: data.pgliteWasmModule }),
  ...(data.initdbWasmModule && { initdbWasmModule: data.initdbWasmModule }),
});

/** Thrown inside PGlite's transaction to have it roll back; not an error anyone sees. */
const ROLLBACK = Symbol('rollback');

/**
 * The open transactions by session: PGlite's transaction handle, and how to end it.
 * @type {Map<number, { tx: Transaction, end: (commit: boolean) => void, ended: Promise<unknown> }>}
 */
const sessions = new Map();

/** @param {unknown} value */
const asText = (value) => value;

/** @param {FromWorker} message */
const reply = (message) => port.postMessage(message);

/**
 * PostgreSQL's fields of an error (SQLSTATE `code`, `detail`, `constraint`, `table` …) travel;
 * the parameters PGlite attaches do not, as they hold user data.
 * @param {unknown} err
 * @returns {WireError}
 */
function wireError(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  /** @type {Record<string, string | number | boolean>} */
  const fields = {};
  for (const [key, value] of Object.entries(err)) {
    if (key === 'params') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: err.name, message: err.message, fields };
}

/**
 * Opens a transaction and holds it open until the main thread ends it; resolves once BEGIN ran.
 * @param {number} session
 * @returns {Promise<void>}
 */
function begin(session) {
  return new Promise((begun, failed) => {
    /** @type {(commit: boolean) => void} */
    let end = () => undefined;
    /** @type {Promise<boolean>} */
    const decided = new Promise((resolve) => {
      end = resolve;
    });
    const ended = pg.transaction(async (tx) => {
      sessions.set(session, { tx, end, ended });
      begun();
      if (!(await decided)) throw ROLLBACK;
    });
    // Only a failed BEGIN rejects before `end`; afterwards `failed` is a no-op and `end` awaits it.
    ended.catch(failed);
  });
}

/**
 * @param {number} session
 * @param {boolean} commit
 */
async function end(session, commit) {
  const open = sessions.get(session);
  if (!open) throw new Error(`no open transaction ${session}`);
  sessions.delete(session);
  open.end(commit);
  try {
    await open.ended;
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
}

/** @param {ToWorker} m */
async function handle(m) {
  try {
    switch (m.op) {
      case 'query': {
        const target = m.session === 0 ? pg : sessions.get(m.session)?.tx;
        if (!target) throw new Error(`no open transaction ${m.session}`);
        const parsers = Object.fromEntries(m.textTypes.map((oid) => [oid, asText]));
        const r = await target.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
        reply({
          id: m.id,
          ok: true,
          result: { rows: r.rows, fields: r.fields.map((f) => ({ ...f })), affectedRows: r.affectedRows },
        });
        return;
      }
      case 'begin':
        await begin(m.session);
        break;
      case 'end':
        await end(m.session, m.commit);
        break;
      case 'close':
        await pg.close();
        break;
    }
    reply({ id: m.id, ok: true, result: undefined });
  } catch (err) {
    reply({ id: m.id, ok: false, error: wireError(err) });
  }
}

port.on('message', (/** @type {ToWorker} */ m) => void handle(m));
