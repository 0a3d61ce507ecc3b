import type { StandInStore } from './store';

/** Reading a Web API call's arguments, which come form-encoded (all strings) or as JSON. */

export type Args = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function jsonish<T>(v: unknown): T | undefined {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return undefined;
    }
  }
  return v as T | undefined;
}

/** One Web API method: reads the call's arguments, changes the store, returns the answer's fields beside `ok: true` (or throws SlackApiError). */
export type WebApiMethod = (s: StandInStore, args: Args) => Record<string, unknown>;
