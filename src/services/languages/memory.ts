import type { Language } from '../../domain/language';

/**
 * The language each person was last answered in, per conversation (a project's language is a
 * default, so it can differ by channel). Slack wants a slash command acknowledged within three
 * seconds, and a typo or the help is answered in that acknowledgement: for someone seen in the
 * last few minutes, their language is known without the database. Per process: a change on this
 * replica forgets what it changes at once (`forget`, `clear`); another replica's memory of it
 * lapses within `ttlMs`, and every request that reaches the database refreshes it.
 */
export interface LanguageMemory {
  get(userId: string, channelId: string | undefined): Language | undefined;
  set(userId: string, channelId: string | undefined, language: Language): void;
  /** One person chose a language. */
  forget(userId: string): void;
  /** A partner's or a project's language changed: it may be anyone's default. */
  clear(): void;
}

export function createLanguageMemory(o: { limit?: number; ttlMs?: number; now?: () => number } = {}): LanguageMemory {
  const limit = o.limit ?? 10_000;
  const ttlMs = o.ttlMs ?? 5 * 60_000;
  const now = o.now ?? Date.now;
  const people = new Map<string, Map<string, { language: Language; at: number }>>();
  const where = (channelId: string | undefined) => channelId ?? '';
  return {
    get(userId, channelId) {
      const hit = people.get(userId)?.get(where(channelId));
      return hit && now() - hit.at < ttlMs ? hit.language : undefined;
    },
    set(userId, channelId, language) {
      const known = people.get(userId) ?? new Map<string, { language: Language; at: number }>();
      // Most recently seen last, so the oldest person is the first to go.
      people.delete(userId);
      people.set(userId, known);
      known.set(where(channelId), { language, at: now() });
      if (known.size > 50) known.delete(known.keys().next().value ?? '');
      if (people.size > limit) people.delete(people.keys().next().value ?? '');
    },
    forget: (userId) => void people.delete(userId),
    clear: () => people.clear(),
  };
}
