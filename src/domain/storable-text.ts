/**
 * Text PostgreSQL will not store. A NUL is refused in `text` ("invalid byte sequence") and as
 * `\u0000` in `jsonb`. A lone surrogate is not Unicode at all: it has no UTF-8 form (drivers
 * differ in what they send for it), and in `jsonb`, where JSON.stringify writes it as `\ud83d`,
 * PostgreSQL refuses it. Every other code point is stored as given. With the `u` flag a
 * well-formed surrogate pair is one code point, so only lone halves match the range.
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the two things this has to find
const REFUSED = /[\u0000\uD800-\uDFFF]/gu;
const REPLACEMENT = '\uFFFD';

/** `text` with NULs dropped and each lone surrogate replaced by U+FFFD; the same string when it had neither. */
export function storableText(text: string): string {
  REFUSED.lastIndex = 0;
  if (!REFUSED.test(text)) return text;
  return text.replace(REFUSED, (ch) => (ch === '\u0000' ? '' : REPLACEMENT));
}

/**
 * A copy of a parsed JSON-like value with every string (object keys too) made storable. Parts
 * that needed no change are shared with the input, and a value with nothing to clean is returned
 * as it is, so the common case allocates nothing.
 */
export function storableStrings<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const cleaned = clean(item);
      if (cleaned !== item) {
        out ??= value.slice();
        out[i] = cleaned;
      }
    });
    return out ?? value;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const cleanKey = storableText(key);
      const cleaned = clean(item);
      if (cleanKey !== key || cleaned !== item) changed = true;
      return [cleanKey, cleaned] as const;
    });
    // fromEntries defines properties, so a `__proto__` key stays a key and never sets a prototype.
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
