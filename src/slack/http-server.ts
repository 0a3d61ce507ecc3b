import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { BufferedIncomingMessage } from '@slack/bolt';
import type { Logger } from '../logger';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_FUTURE_SKEW_S = 5 * 60;
/** Slack's largest payloads (a view submission with many inputs) are tens of kilobytes. */
export const MAX_SIGNED_BODY_BYTES = 1024 * 1024;
/** Without signature headers only Slack's `ssl_check=1&token=…` probe is worth reading. */
export const MAX_UNSIGNED_BODY_BYTES = 1024;

export interface HealthReport {
  healthy: boolean;
  body: Record<string, unknown>;
}

export interface HttpServerOptions {
  /** Bolt's HTTPReceiver listener; absent in Socket Mode, where only /healthz is served. */
  slackListener?: (req: IncomingMessage, res: ServerResponse) => void;
  health: () => Promise<HealthReport>;
  log: Logger;
  /** Real time, not the domain clock: request timestamps are stamped by Slack's real clock. */
  wallNowMs?: () => number;
}

export interface HttpServer {
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking requests; waits for the ones in flight. */
  close(): Promise<void>;
  readonly server: Server;
}

function send(res: ServerResponse, status: number, body?: Record<string, unknown>): void {
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body ? JSON.stringify(body) : undefined);
}

/**
 * Refuses a body before it is read: the connection is closed once the answer is written, so
 * whatever the client still sends is never read (Node would otherwise drain it to keep the
 * connection alive).
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  if (!res.headersSent) {
    res.writeHead(status, { connection: 'close' });
    res.end();
  }
  req.pause();
  res.once('finish', () => req.socket.destroySoon());
}

const hasSignatureHeaders = (req: IncomingMessage) =>
  typeof req.headers['x-slack-signature'] === 'string' && typeof req.headers['x-slack-request-timestamp'] === 'string';

/**
 * Reads a Slack request's body into memory, at most `limit` bytes of it, and hands it to Bolt
 * as a buffered request (Bolt reads `rawBody` rather than the stream when it is set). Bolt
 * itself would buffer a body of any size before it checks the signature.
 */
function readBounded(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  status: number,
  then: (req: BufferedIncomingMessage) => void,
): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    refuse(req, res, status);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  req.on('data', (chunk: Buffer) => {
    if (cut) return;
    size += chunk.length;
    if (size > limit) {
      cut = true;
      chunks.length = 0;
      refuse(req, res, status);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (cut) return;
    then(Object.assign(req, { rawBody: Buffer.concat(chunks, size) }));
  });
  req.on('error', () => {
    cut = true;
    chunks.length = 0;
  });
}

/**
 * Bolt's receiver refuses old request timestamps but accepts any in the future; a request stamped
 * far ahead could be replayed for as long as that. Refused here, before Bolt sees it.
 */
export function isTimestampTooFarAhead(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return false;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds - nowMs / 1000 > MAX_FUTURE_SKEW_S;
}

export function createHttpServer(o: HttpServerOptions): HttpServer {
  const wallNow = o.wallNowMs ?? Date.now;
  const sockets = new Set<Socket>();
  let closing = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const server = createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    if (closing) {
      res.setHeader('connection', 'close');
      send(res, 503, { error: 'shutting down' });
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      o.health().then(
        (report) => send(res, report.healthy ? 200 : 503, report.body),
        (err: unknown) => send(res, 503, { status: 'error', error: String(err) }),
      );
      return;
    }
    if (path === SLACK_EVENTS_PATH && req.method === 'POST' && o.slackListener) {
      if (isTimestampTooFarAhead(req.headers['x-slack-request-timestamp'], wallNow())) {
        o.log.warn('refused a Slack request stamped more than 5 minutes in the future');
        send(res, 401);
        return;
      }
      const listener = o.slackListener;
      const signed = hasSignatureHeaders(req);
      // Too large unsigned is refused as unsigned (401): it would be refused after reading anyway.
      readBounded(req, res, signed ? MAX_SIGNED_BODY_BYTES : MAX_UNSIGNED_BODY_BYTES, signed ? 413 : 401, (buffered) =>
        listener(buffered, res),
      );
      return;
    }
    send(res, 404, { error: 'not found' });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      // Idle keep-alive sockets would hold server.close() open forever.
      for (const s of sockets) s.destroy();
      await stopped;
    },
  };
}
