import { echo } from '../../messages/mrkdwn';

/**
 * `accrued=acme:1,000.50,globex:200`: commas both separate entries and group thousands, so a new
 * entry starts only at a comma followed by `<slug>:`. Amounts are parsed by the caller.
 */
export function splitAccruedList(text: string): Array<{ partner: string; amount: string }> | { error: string } {
  const parts = text.split(/,(?=\s*[^,:\s]+\s*:)/);
  const entries: Array<{ partner: string; amount: string }> = [];
  for (const part of parts) {
    const m = /^\s*([^:\s]+)\s*:\s*(\S.*?)\s*$/.exec(part);
    if (!m?.[1] || !m[2])
      return {
        error: `${echo(part.trim())} is not \`<partner>:<amount>\`; write e.g. \`accrued=acme:1,000.50,globex:200\`.`,
      };
    entries.push({ partner: m[1].toLowerCase(), amount: m[2] });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.partner))
      return { error: `${echo(e.partner)} is given twice in \`accrued=\`; give each partner once.` };
    seen.add(e.partner);
  }
  return entries;
}
