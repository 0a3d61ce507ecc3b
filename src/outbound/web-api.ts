import { ErrorCode, WebClient, type WebAPICallResult } from '@slack/web-api';
import type { Logger } from '../logger';

export type SlackResponse = WebAPICallResult & Record<string, unknown>;

/**
 * How a failed call should be treated. `uncertain` means Slack may have done the work even
 * though we saw no answer (a timeout, a 5xx), so a retry of a post must first look for it.
 */
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; reason: string; uncertain: boolean }
  | { kind: 'permanent'; error: string };

export class SlackCallError extends Error {
  constructor(
    readonly method: string,
    readonly failure: SlackFailure,
  ) {
    super(
      `${method}: ${failure.kind === 'rate_limited' ? `rate limited for ${failure.retryAfterMs} ms` : failure.kind === 'transient' ? failure.reason : failure.error}`,
    );
    this.name = 'SlackCallError';
  }
}

/** The Web API as the outbox worker and the few immediate calls (views.open, users.info) see it. */
export interface SlackCaller {
  call(method: string, args: Record<string, unknown>): Promise<SlackResponse>;
  /** POSTs raw bytes to an `upload_url` from files.getUploadURLExternal; fails with SlackCallError. */
  uploadBytes(url: string, body: Buffer): Promise<void>;
}

// Errors Slack documents as temporary; everything else `ok: false` is the request's own fault
// and will not get better by sending it again.
const retryablePlatformErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  original?: { message?: unknown };
  message?: unknown;
}

/** Retry-After is in seconds; a missing or unreadable one means one second. */
const retryAfterMs = (seconds: unknown) => Math.max(1, Number(seconds) || 1) * 1000;

/** A non-2xx HTTP answer: 429 waits, 5xx may have done the work, any other status will not change. */
function classifyHttpStatus(status: number, retryAfter?: unknown): SlackFailure {
  if (status === 429) return { kind: 'rate_limited', retryAfterMs: retryAfterMs(retryAfter) };
  if (status >= 500) return { kind: 'transient', reason: `HTTP ${status}`, uncertain: true };
  return { kind: 'permanent', error: `http_${status}` };
}

export function classifySlackError(err: unknown): SlackFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackErrorShape;
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterMs: retryAfterMs(e.retryAfter) };
    case ErrorCode.HTTPError:
      return classifyHttpStatus(Number(e.statusCode));
    case ErrorCode.PlatformError: {
      const error = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return retryablePlatformErrors.has(error)
        ? { kind: 'transient', reason: error, uncertain: false }
        : { kind: 'permanent', error };
    }
    case ErrorCode.RequestError:
      return {
        kind: 'transient',
        reason: `network: ${String(e.original?.message ?? e.message ?? 'request failed')}`,
        uncertain: true,
      };
    default:
      return { kind: 'transient', reason: String(e.message ?? err), uncertain: true };
  }
}

const UPLOAD = 'files upload URL';

export interface WebApiOptions {
  token: string;
  apiUrl: string;
  log: Logger;
  timeoutMs?: number;
}

/**
 * WebClient with its own retries switched off: the outbox decides when to retry, so a 429 or a
 * 5xx must come back to it at once rather than be retried inside the client for minutes.
 */
export function createWebApi({
  token,
  apiUrl,
  log,
  timeoutMs = 10_000,
}: WebApiOptions): SlackCaller & { client: WebClient } {
  const client = new WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...m: unknown[]) => log.warn(m.map(String).join(' ')),
      error: (...m: unknown[]) => log.error(m.map(String).join(' ')),
      setLevel: () => undefined,
      getLevel: () => 'info' as never,
      setName: () => undefined,
    },
  });
  return {
    client,
    async call(method, args) {
      try {
        return (await client.apiCall(method, args)) as SlackResponse;
      } catch (err) {
        throw new SlackCallError(method, classifySlackError(err));
      }
    },
    async uploadBytes(url, body) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
        const reason =
          e.name === 'TimeoutError'
            ? `timeout after ${timeoutMs} ms`
            : `network: ${String(e.cause?.message ?? e.message ?? err)}`;
        throw new SlackCallError(UPLOAD, { kind: 'transient', reason, uncertain: true });
      }
      // Read the answer to the end so the connection can be reused; its text says nothing we need.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok)
        throw new SlackCallError(UPLOAD, classifyHttpStatus(response.status, response.headers.get('retry-after')));
    },
  };
}
