/** Whether the runtime knows this IANA time zone (e.g. `Europe/Riga`). */
export function isValidTimeZone(tz: string): boolean {
  if (tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const partsFormatter = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = partsFormatter.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatter.set(tz, f);
  }
  return f;
}

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function formattedFields(at: Date, tz: string): Fields {
  const parts = Object.fromEntries(
    formatterFor(tz)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function formattedOffset(ms: number, tz: string): number {
  const f = formattedFields(new Date(ms), tz);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
}

// Formatting through Intl is the slow part of every time-zone calculation, and scores, business
// hours and schedules ask for the same hours again and again. A zone's offset is remembered per
// UTC hour, but only for hours in which it provably does not change (the same at both ends):
// an hour containing a DST change is always formatted exactly.
const HOUR_MS = 3_600_000;
const OFFSET_CACHE_LIMIT = 100_000;
const offsetCache = new Map<string, number | null>();

function offsetOfHour(ms: number, tz: string): number | undefined {
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${tz}|${hour}`;
  let cached = offsetCache.get(key);
  if (cached === undefined) {
    const start = formattedOffset(hour * HOUR_MS, tz);
    const end = formattedOffset(hour * HOUR_MS + HOUR_MS - 1000, tz);
    cached = start === end ? start : null;
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, cached);
  }
  return cached ?? undefined;
}

/** The wall-clock fields of `at` in `tz`. */
export function localFields(at: Date, tz: string): Fields {
  const ms = at.getTime();
  const offset = Number.isFinite(ms) ? offsetOfHour(ms, tz) : undefined;
  if (offset === undefined) return formattedFields(at, tz);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Milliseconds `tz` is ahead of UTC at the instant `at`. */
export function offsetMs(at: Date, tz: string): number {
  const f = localFields(at, tz);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `tz` names. A time that falls in a spring-forward gap moves
 * forward by the gap (02:30 becomes 03:30), as clocks do; in the repeated autumn hour the
 * earlier instant is taken.
 */
export function zonedToUtc(
  fields: { year: number; month: number; day: number; hour: number; minute: number },
  tz: string,
): Date {
  const naive = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute);
  // Two offsets around the guess cover both sides of a change.
  const candidates = [offsetMs(new Date(naive - 86_400_000), tz), offsetMs(new Date(naive + 86_400_000), tz)];
  const exact = candidates
    .map((off) => naive - off)
    .filter((t) => {
      const f = localFields(new Date(t), tz);
      return (
        f.year === fields.year &&
        f.month === fields.month &&
        f.day === fields.day &&
        f.hour === fields.hour &&
        f.minute === fields.minute
      );
    })
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // In the gap: the offset before the change, applied to the wall time, lands after the gap.
  return new Date(naive - Math.min(...candidates));
}

/** `YYYY-MM-DDTHH:MM` (or with a space) as a wall-clock time, or undefined when it is not one. */
export function parseLocalDateTime(
  text: string,
): { year: number; month: number; day: number; hour: number; minute: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  )
    return undefined;
  return { year, month, day, hour, minute };
}

/** `2026-03-10 14:00 Europe/Riga`. */
export function formatLocal(at: Date, tz: string): string {
  const f = localFields(at, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)} ${tz}`;
}

/** The calendar date of `at` in `tz`, as `YYYY-MM-DD` (how review dates and "today" are compared). */
export function localDate(at: Date, tz: string): string {
  const f = localFields(at, tz);
  return `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}
