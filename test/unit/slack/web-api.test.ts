import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/outbound/outbox-retry';
import { isTimestampTooFarAhead } from '../../../src/slack/http-server';
import { classifySlackError } from '../../../src/outbound/web-api';

describe('classifySlackError', () => {
  it('turns a 429 into a wait of Retry-After seconds', () => {
    expect(classifySlackError({ code: ErrorCode.RateLimitedError, retryAfter: 30 })).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 30_000,
    });
  });
  it('treats 5xx and network errors as transient and possibly done', () => {
    expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 502 })).toEqual({
      kind: 'transient',
      reason: 'HTTP 502',
      uncertain: true,
    });
    expect(classifySlackError({ code: ErrorCode.RequestError, original: { message: 'ECONNRESET' } })).toMatchObject({
      kind: 'transient',
      uncertain: true,
    });
  });
  it('treats documented temporary platform errors as transient and the rest as permanent', () => {
    expect(classifySlackError({ code: ErrorCode.PlatformError, data: { error: 'internal_error' } })).toMatchObject({
      kind: 'transient',
      uncertain: false,
    });
    expect(classifySlackError({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } })).toEqual({
      kind: 'permanent',
      error: 'channel_not_found',
    });
    expect(classifySlackError({ code: ErrorCode.HTTPError, statusCode: 404 })).toEqual({
      kind: 'permanent',
      error: 'http_404',
    });
  });
});

describe('outbox backoff', () => {
  it('doubles from one second and stops growing at ten minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(600_000);
  });
});

describe('isTimestampTooFarAhead', () => {
  const now = 1_800_000_000_000;
  it('refuses timestamps more than five minutes ahead, and only those', () => {
    expect(isTimestampTooFarAhead(String(now / 1000 + 301), now)).toBe(true);
    expect(isTimestampTooFarAhead(String(now / 1000 + 300), now)).toBe(false);
    expect(isTimestampTooFarAhead(String(now / 1000 - 10_000), now)).toBe(false);
    expect(isTimestampTooFarAhead(undefined, now)).toBe(false);
    expect(isTimestampTooFarAhead('garbage', now)).toBe(false);
  });
});
