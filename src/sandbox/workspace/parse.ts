/** Reading what the person typed: start times and field=value assignments. */

/** `2026-03-02T09:00:00Z`, `2026-03-02 09:00`, `2026-03-02`; no zone means UTC. */
export function parseStartTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(text))
    return undefined;
  const normalised = text.replace(' ', 'T');
  const withZone =
    normalised.length === 10
      ? `${normalised}T00:00Z`
      : /(?:Z|[+-]\d{2}:?\d{2})$/i.test(normalised)
        ? normalised
        : `${normalised}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `title="Big outage" sev=sev1` → fields; a string is the reason it could not be read. */
export function parseAssignments(text: string): Map<string, string> | string {
  const fields = new Map<string, string>();
  const item = /\s*([^\s=]+)=(?:"([^"]*)"|“([^”]*)”|(\S*))/y;
  const source = text.trim();
  while (item.lastIndex < source.length) {
    const match = item.exec(source);
    if (!match) return 'Write the fields as field=value, with values that contain spaces in "quotes".';
    fields.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return fields;
}
