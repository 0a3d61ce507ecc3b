export const ACTIVITY_NAME_MAX = 100;

const LINE_BREAK_RE = /[\n\r\v\f\u0085\u2028\u2029]/;

/** The key activities are unique by within a project: case, spacing and Unicode form ignored. */
export function normaliseActivity(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The name trimmed, or why it cannot be an activity name. */
export function validateActivityName(name: string): string | { error: string } {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') return { error: 'Give the activity a name, e.g. `"Order handling"`.' };
  if (LINE_BREAK_RE.test(trimmed)) return { error: 'Keep the activity name on one line.' };
  const length = Array.from(trimmed).length;
  if (length > ACTIVITY_NAME_MAX) {
    return { error: `Activity names are at most ${ACTIVITY_NAME_MAX} characters; that one has ${length}.` };
  }
  return trimmed;
}
