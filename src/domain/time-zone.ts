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
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormatter.set(tz, f);
  }
  return f;
}

/** The wall-clock fields of `at` in `tz`. */
export function localFields(at: Date, tz: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(formatterFor(tz).formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
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
export function zonedToUtc(fields: { year: number; month: number; day: number; hour: number; minute: number }, tz: string): Date {
  const naive = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute);
  // Two offsets around the guess cover both sides of a change.
  const candidates = [offsetMs(new Date(naive - 86_400_000), tz), offsetMs(new Date(naive + 86_400_000), tz)];
  const exact = candidates
    .map((off) => naive - off)
    .filter((t) => {
      const f = localFields(new Date(t), tz);
      return f.year === fields.year && f.month === fields.month && f.day === fields.day && f.hour === fields.hour && f.minute === fields.minute;
    })
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // In the gap: the offset before the change, applied to the wall time, lands after the gap.
  return new Date(naive - Math.min(...candidates));
}

/** `YYYY-MM-DDTHH:MM` (or with a space) as a wall-clock time, or undefined when it is not one. */
export function parseLocalDateTime(text: string): { year: number; month: number; day: number; hour: number; minute: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

/** `2026-03-10 14:00 Europe/Riga`. */
export function formatLocal(at: Date, tz: string): string {
  const f = localFields(at, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)} ${tz}`;
}
