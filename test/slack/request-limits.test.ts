import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';

const MiB = 1024 * 1024;

interface Sent {
  status: number;
  /** Bytes the client had handed to the socket when the answer arrived. */
  sentBytes: number;
  ms: number;
}

/**
 * Streams `totalBytes` of form data to the app, generating each chunk only when the socket
 * wants more, and stops as soon as the answer arrives (or the server closes the connection).
 */
function streamPost(url: string, totalBytes: number, headers: IncomingHttpHeaders): Promise<Sent> {
  const started = Date.now();
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    const finish = (status: number) => {
      if (done) return;
      done = true;
      resolve({ status, sentBytes: sent, ms: Date.now() - started });
      req.destroy();
    };
    req.on('response', (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
    const pump = () => {
      while (!done && sent < totalBytes) {
        const piece = totalBytes - sent >= chunk.length ? chunk : chunk.subarray(0, totalBytes - sent);
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!done && sent >= totalBytes) req.end();
    };
    req.flushHeaders();
    pump();
  });
}

/** Sends only the headers, declaring a body that never comes. */
function declareOnly(url: string, contentLength: number, headers: IncomingHttpHeaders): Promise<Sent> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(contentLength),
        ...headers,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBytes: 0, ms: Date.now() - started });
      req.destroy();
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

const forgedSignature = () => ({
  'x-slack-signature': `v0=${'0'.repeat(64)}`,
  'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
});

describe.each(drivers)('request size limits on /slack/events (%s)', (driver) => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness({ driver });
    url = `${h.baseUrl}/slack/events`;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a 512 MB unsigned stream without reading it, and memory stays flat', { timeout: 60_000 }, async () => {
    const before = process.memoryUsage().rss;
    const res = await streamPost(url, 512 * MiB, {});
    const grown = process.memoryUsage().rss - before;
    expect(res.status).toBe(401);
    expect(res.sentBytes).toBeLessThan(64 * MiB);
    expect(grown).toBeLessThan(50 * MiB);
  });

  it(
    'cuts a 512 MB stream with signature headers at 1 MiB with 413, and memory stays flat',
    { timeout: 60_000 },
    async () => {
      const before = process.memoryUsage().rss;
      const res = await streamPost(url, 512 * MiB, forgedSignature());
      const grown = process.memoryUsage().rss - before;
      expect(res.status).toBe(413);
      expect(res.sentBytes).toBeLessThan(64 * MiB);
      expect(grown).toBeLessThan(50 * MiB);
    },
  );

  it('answers 413 to a declared 2 MB body at once, before any of it is sent', { timeout: 15_000 }, async () => {
    const res = await declareOnly(url, 2 * MiB, forgedSignature());
    expect(res.status).toBe(413);
    expect(res.ms).toBeLessThan(5000);
  });

  it('answers 401 to a declared 2 MB unsigned body at once', { timeout: 15_000 }, async () => {
    const res = await declareOnly(url, 2 * MiB, {});
    expect(res.status).toBe(401);
  });

  it('still answers a signed command, and a signed body just under the limit is read', async () => {
    expect(await h.ask(people.victor, 'help')).toContain('/accord whoami');
    // A well-signed, large (but allowed) command body is verified and handled as usual.
    const res = await h.slack.command(people.victor, '/accord', `help ${'x'.repeat(900 * 1024)}`);
    expect(res.status).toBe(200);
  });

  it('answers Slack’s unsigned ssl_check probe', async () => {
    const res = await h.slack.post('ssl_check=1&token=legacy-verification-token', 'application/x-www-form-urlencoded', {
      unsigned: true,
    });
    expect(res.status).toBe(200);
  });
});
