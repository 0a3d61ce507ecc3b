/**
 * Usage lines tell the truth about what a command needs: for every subcommand an example is built
 * from its own usage line, with every item filled in. Leaving out an item shown plainly must be
 * refused with that usage; leaving out one shown in [brackets] must still be accepted.
 */
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../src/errors';
import { prepareCommand, subcommands } from '../../../src/slack/commands/registry';
import type { Subcommand } from '../../../src/slack/commands/types';

/** Values that pass parsing for each placeholder (the database is not consulted while parsing). */
const VALUES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(slug|partner|partner-slug)$/, 'acme'],
  [/^(Name|title|activity|what happened|summary|reason|note|certification|comment|text)$/, 'Calls drop'],
  [/^(n|id)$/, '2'],
  [/^1-5$/, '4'],
  [/^sev$/, 'sev2'],
  [/^dur$/, '15m'],
  [/^period$/, '2026-03'],
  [/^amount/, '100'],
  [/^code$/, 'EUR'],
  [/^IANA$/, 'Europe/Riga'],
  [/^SlackTeamId$/, 'T0ACME'],
  [/^cron$/, '0 10 * * MON-FRI'],
  [/^schedule$/, '"weekly mon 10:00"'],
  [/^who$/, 'vendor'],
  [/^area$/, 'network'],
  [/^topic$/, 'basics'],
  [/^user$/, '<@U0PAT|pat>'],
  // Slack sends a typed email escaped as a mailto link.
  [/^email$/, '<mailto:pat@acme.example|pat@acme.example>'],
  [/^channel$/, '<#C0GENERAL|general>'],
  [/^kpi-target$/, 'aht<=300s'],
  [/^kpi-reading$/, 'aht=280s'],
  [/^accrued$/, 'acme:100'],
];

/** Options whose placeholder means something of its own (an SLA level is no RACI party). */
const BY_KEY: Readonly<Record<string, string>> = { levels: 'lead,admins' };

/** Shorthands of the usage lines that are not `<placeholder>`s: a value, or a placeholder for one. */
const SHORTHANDS: ReadonlyArray<readonly [string | RegExp, string]> = [
  ['[topic]', '[<topic>]'],
  ['<metric><=|>=<value>', '<kpi-target>'],
  ['<metric>=<value>', '<kpi-reading>'],
  ['<partner>:<amount>,…', '<accrued>'],
  [/ESC-<n>/g, 'ESC-1'],
  [/R-<n>/g, 'R-1'],
  [/#…/g, '<channel>'],
  [/@user/g, '<user>'],
  [/YYYY-MM-DDTHH:MM/g, '2026-03-05T10:00'],
  [/YYYY-MM-DD/g, '2026-03-31'],
  [/YYYY-MM\|YYYY-Qn/g, '2026-03'],
  [/YYYY-MM/g, '2026-03'],
  [/=1-5/g, '=3'],
  [/"…"/g, '"Calls drop"'],
  [/=…/g, '=other'],
];

/**
 * Where an option is required or refused depending on another argument, the example (one text per
 * usage item, '' for one left out) and the items whose optionality depends, with the reason.
 */
const SPECIAL: Readonly<Record<string, { texts: readonly string[]; conditional: readonly string[] }>> = {
  // rate= is required for per-minute and per-hour contracts, fee= for monthly ones; each is refused by the others.
  'contract set': {
    texts: ['acme', 'per_minute', 'currency=EUR', 'rate=0.40', ''],
    conditional: ['[rate=<amount>]', '[fee=<amount>]'],
  },
};

/** Splits at spaces outside […], <…> and "…". */
function items(spec: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of spec) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '[' || ch === '<')) depth++;
    else if (!quoted && (ch === ']' || ch === '>')) depth--;
    if (ch === ' ' && depth === 0 && !quoted) {
      if (current !== '') out.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') out.push(current);
  return out;
}

/** The first of `a|b|c` at the top level (`key=a|b` keeps its key). */
function firstAlternative(item: string): string {
  let depth = 0;
  for (let i = 0; i < item.length; i++) {
    const ch = item.charAt(i);
    if (ch === '<' || ch === '[') depth++;
    else if (ch === '>' || ch === ']') depth--;
    else if (ch === '|' && depth === 0) return item.slice(0, i);
  }
  return item;
}

/** One usage item filled in with a value, its nested optional parts and repetitions left out. */
function fill(item: string): string {
  const bare = firstAlternative(item.replace(/\[[^\]]*\]/g, '').replace(/,?…/g, ''));
  const key = /^([A-Za-z][\w-]*)=/.exec(bare)?.[1];
  if (key !== undefined && Object.hasOwn(BY_KEY, key)) return `${key}=${BY_KEY[key]}`;
  return bare.replace(/<([^<>]+)>/g, (whole, name: string) => {
    const value = VALUES.find(([re]) => re.test(name))?.[1];
    if (value === undefined) throw new Error(`no example value for ${whole}`);
    return value;
  });
}

interface Item {
  usage: string;
  text: string;
  optional: boolean;
}

/** The usage line's items after the subcommand's own words, each with an example value. */
function exampleItems(sub: Subcommand): Item[] {
  let usage = sub.usage;
  for (const [from, to] of SHORTHANDS) usage = usage.replace(from, to);
  const words = sub.name.split(' ');
  const afterSlash = usage.replace(/^\/\S+\s*/, '');
  const rest = afterSlash.startsWith(sub.name)
    ? afterSlash.slice(sub.name.length)
    : afterSlash.slice(words.slice(1).join(' ').length);
  return items(rest.trim())
    .filter((item) => item !== '…')
    .map((item) => {
      const optional = item.startsWith('[') && item.endsWith(']');
      return { usage: item, text: fill(optional ? item.slice(1, -1) : item), optional };
    });
}

function outcome(
  sub: Subcommand,
  args: string,
): { ok: true } | { ok: false; message: string; usage: string | undefined } {
  try {
    prepareCommand('/accord', `${sub.name} ${args}`.trim(), 'C0GENERAL');
    return { ok: true };
  } catch (err) {
    if (!(err instanceof AccordError)) throw err;
    return { ok: false, message: err.message, usage: err.details.usage };
  }
}

const withArguments = subcommands.filter((s) => exampleItems(s).length > 0);

describe('usage lines', () => {
  it('show sla set’s options as optional, as the README does', () => {
    const sla = subcommands.find((s) => s.name === 'sla set');
    expect(sla?.usage).toBe(
      '/accord sla set <sev> [ack=<dur>] [resolve=<dur>] [levels=<who>,…] [step=<dur>] [repeat=<n>] [hours=24x7|business] [partner=<slug>|project=<slug>]',
    );
    expect(outcome(sla as Subcommand, 'sev2 resolve=4h')).toEqual({ ok: true });
  });

  it('cover the commands that take arguments', () => {
    expect(withArguments.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'sla set',
        'partner add',
        'project create',
        'escalate',
        'kpi record',
        'settle approve',
        'help',
      ]),
    );
  });

  const textsOf = (sub: Subcommand) => SPECIAL[sub.name]?.texts ?? exampleItems(sub).map((i) => i.text);

  it.each(withArguments.map((s) => [s.name, s] as const))('%s: the full example is accepted', (_name, sub) => {
    const full = textsOf(sub)
      .filter((t) => t !== '')
      .join(' ');
    expect(outcome(sub, full), full).toEqual({ ok: true });
  });

  it.each(withArguments.map((s) => [s.name, s] as const))(
    '%s: each plain item is required, each [bracketed] one is not',
    (_name, sub) => {
      const texts = textsOf(sub);
      const conditional = SPECIAL[sub.name]?.conditional ?? [];
      for (const [index, item] of exampleItems(sub).entries()) {
        if (texts[index] === '' || conditional.includes(item.usage)) continue;
        const without = texts.filter((t, i) => i !== index && t !== '').join(' ');
        const result = outcome(sub, without);
        if (item.optional) {
          expect(result, `\`${item.usage}\` is shown as optional, but \`${sub.name} ${without}\` is refused`).toEqual({
            ok: true,
          });
        } else {
          expect(result.ok, `\`${item.usage}\` is shown as required, but \`${sub.name} ${without}\` is accepted`).toBe(
            false,
          );
          if (!result.ok) expect(result.usage, without).toBe(sub.usage);
        }
      }
    },
  );
});
