/**
 * Property-based tests of every command's input handling: whatever is typed, the person gets a
 * clear message and nothing escapes as an exception, first without a database (prepareCommand),
 * then end to end through the signed HTTP path against both database drivers.
 *
 * fast-check picks a new seed each run and prints it (with the failing input, shrunk) when a
 * property fails; replay it with `FC_SEED=<seed> npx vitest run test/property`.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../src/db/schema';
import { AccordError, errorCodes } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { errorReply, unexpectedErrorReply } from '../../src/messages/replies';
import { prepareCommand, subcommands } from '../../src/slack/commands/registry';
import { helpTopics } from '../../src/messages/help';
import { slashCommands, type SlashCommand, type Subcommand } from '../../src/slack/commands/types';
import type { Actor } from '../../src/services/context';
import { describeActor } from '../../src/messages/access';
import { drivers } from '../../src/testkit/databases';
import { mentionWordsFor } from '../../src/sandbox/slack-driver';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { CONNECT_CHANNEL, people } from '../../src/testkit/world';

const seeded = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};

// ─── Generators ─────────────────────────────────────────────────────────────────────────────────

/** Values that mean something to some command, and values that look as if they might. */
const VALUES = [
  'acme',
  'Acme',
  'ACME',
  'globex',
  'ghost',
  'rollout',
  'default',
  'vendor',
  'none',
  'lead',
  'weights',
  'a',
  'x-',
  '-x',
  'a--b',
  'acme-telecom',
  'sev1',
  'sev2',
  'sev4',
  'sev5',
  'SEV1',
  'open',
  'all',
  'sync',
  'risk',
  'minor',
  'major',
  'access',
  'growth',
  'maturity',
  'churn',
  'acquisition',
  'gold',
  'registered',
  'diamond',
  'commission',
  'per_minute',
  'per_hour',
  'monthly',
  'hourly_plus_commission',
  'owner',
  'accountable',
  'admins',
  'ESC-1',
  'esc-2',
  'ESC-0',
  'ESC-99999999999999999999',
  'ESC--1',
  'R-1',
  'R-0',
  'R-x',
  '1',
  '2',
  '0',
  '5',
  '6',
  '-1',
  '007',
  '100',
  '101',
  '1e3',
  'NaN',
  'Infinity',
  '0x10',
  '1,000.50',
  '-0.50',
  '−12.00',
  '1,00',
  '.5',
  '5.',
  '0.001',
  '99999999999999999999',
  '1000000000000.01',
  '2026-03',
  '2026-3',
  '2026-Q1',
  '2026-q4',
  '2026-Q5',
  '2026-13',
  '1969-12',
  '0000-01',
  '2026-03-31',
  '2026-02-30',
  '2026-03-02T10:00',
  '2026-03-02T25:61',
  '15m',
  '1h30m',
  '0m',
  '4h',
  '30s',
  '99999999w',
  '31d',
  '24x7',
  'business',
  'USD',
  'usd',
  'JPY',
  'EUR',
  'US',
  'Europe/Riga',
  'Mars/Olympus',
  'UTC',
  'Etc/GMT+14',
  '"0 10 * * MON-FRI"',
  '"* * * * *"',
  '"0 0 31 2 *"',
  '"61 * * * *"',
  '"*/0 * * * *"',
  '"0 0 L * ?"',
  'service_level>=80%',
  'aht<=300s',
  'aht=280s',
  'x>=',
  '>=5',
  'acme:1,000.50,globex:200',
  'acme:x',
  'acme:1,acme:2',
  ':5',
  'T0PARTNER',
  'E0123',
  'T0',
  'team',
  '<@U0PAT|pat>',
  '<@U0PAT>',
  '<@U0VICTOR>',
  '<@U0ALICE|alice>',
  '<@U0NOBODY>',
  '<@U0HIDDEN|hidden>',
  '<#C0GENERAL|general>',
  '<#C0NOPE>',
  '<!channel>',
  '<!here|here>',
  '<!everyone>',
  '<!subteam^S0GRP|@grp>',
  '<https://evil.example|bank>',
  '<mailto:x@y.z>',
  '&lt;!channel&gt;',
  '&amp;',
  '&lt;',
  '@here',
  '@channel',
  '`',
  '```',
  '*bold*',
  '_',
  '~',
  '>',
  '<',
  '|',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
] as const;

const QUOTES = [
  ['"', '"'],
  ['“', '”'],
  ['‘', '’'],
  ['"', ''],
  ['“', '"'],
] as const;

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\r',
];
const EMOJI = ['🙂', '👩🏽‍💻', '🇱🇻', ':tada:', 'e\u0301', '漢字', 'مرحبا'];

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom(...VALUES, ...CONTROL, ...EMOJI, ' '), { maxLength: 6 }).map((parts) => parts.join(' ')),
);
const quoted = fc.tuple(fc.constantFrom(...QUOTES), text).map(([[open, close], body]) => `${open}${body}${close}`);
const number = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);
const value = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: quoted },
  { weight: 1, arbitrary: number },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROL, ...EMOJI) },
);
const unknownKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
  fc.constantFrom('constructor', '__proto__', 'toString', 'R', 'PROJECT', 'tz'),
);
const long = fc
  .tuple(
    fc.constantFrom('x', '<', '"a ', '🙂', '&lt;', 'a,', 'k=v ', '<@U0PAT> ', '\u0000'),
    fc.integer({ min: 200, max: 4_000 }),
  )
  .map(([unit, times]) => unit.repeat(times));

/** Names of the `key=` options a usage line mentions. */
function keysOf(usage: string): string[] {
  return [...new Set([...usage.matchAll(/([A-Za-z][A-Za-z0-9_-]*)=/g)].map((m) => m[1] ?? ''))];
}

function argPiece(keys: readonly string[]) {
  return fc.oneof(
    { weight: 6, arbitrary: value },
    {
      weight: keys.length > 0 ? 4 : 0,
      arbitrary: fc
        .tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), fc.boolean(), value)
        .map(([k, upper, v]) => `${upper ? k.toUpperCase() : k}=${v}`),
    },
    { weight: 1, arbitrary: fc.tuple(unknownKey, value).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('k=', '=v', '=', 'project=', 'a="b', 'R=,', 'levels=,,') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: long },
  );
}

const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '');

/** Argument text for a command with these options: up to 6 pieces, mostly separated. */
function argText(keys: readonly string[]) {
  return fc
    .array(fc.tuple(separator, argPiece(keys)), { maxLength: 6 })
    .map((pieces) => pieces.map(([sep, piece]) => `${sep}${piece}`).join(''));
}

/** The subcommand's words in any case, then its arguments. */
function commandText(sub: Subcommand) {
  return fc.tuple(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), typed(sub)).map(([upper, args]) => {
    const words = sub.name.split(' ').map((w, i) => (upper[i] ? w.toUpperCase() : w));
    return `${words.join(' ')}${args === '' ? '' : ' '}${args}`;
  });
}

/** How a subcommand can be typed: `/accord <name> …`, and `/escalate …` or `/score …` for theirs. */
function invocations(sub: Subcommand): Array<{ command: SlashCommand; text: fc.Arbitrary<string> }> {
  const out: Array<{ command: SlashCommand; text: fc.Arbitrary<string> }> = [
    { command: '/accord', text: commandText(sub) },
  ];
  const [first, ...rest] = sub.name.split(' ');
  const shorthand = slashCommands.find((c) => c === `/${first}`);
  if (shorthand && shorthand !== '/accord') {
    out.push({ command: shorthand, text: typed(sub).map((args) => [...rest, args].join(' ').trim()) });
  }
  return out;
}

// Plausible arguments, read off each usage line: filled with values that exist (or nearly), so that
// generated commands get past parsing and reach the services and the database.

const POOLS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^(slug|partner|partner-slug)$/, ['acme', 'globex', 'rollout', 'ghost', 'ACME', 'new-co', 'a', 'acme-telecom']],
  [
    /^(Name|title|activity|what happened|summary|reason|note|certification|comment|text)$/,
    [
      'Big launch',
      'Order handling',
      'Calls drop after 30 s',
      'ISO 27001',
      'x',
      '<!channel> now',
      '@here look',
      'a `tick`',
      '&lt;b&gt;',
      '  ',
      '🙂',
      'Onboarding',
    ],
  ],
  [/^(n|id)$/, ['1', '2', '3', '0', '10', '-1', '99999999999', '1.5']],
  [/^1-5$/, ['1', '3', '5', '0', '6']],
  [/^sev$/, ['sev1', 'sev2', 'sev4', 'sev5']],
  [/^dur$/, ['15m', '4h', '1h30m', '2d', '0m', '30s', '31d', '1w']],
  [/^(period|month)$/, ['2026-03', '2026-02', '2026-04', '2026-13', '1969-12']],
  [/^quarter$/, ['2026-Q1', '2026-q2', '2026-Q5']],
  [/^(date)$/, ['2026-03-31', '2026-12-01', '2026-02-30', '2025-01-01', 'tomorrow']],
  [/^datetime$/, ['2026-03-05T10:00', '2026-03-02T25:00', '2025-01-01T00:00']],
  [/^amount/, ['100', '1,000.50', '0.40', '12.50', '-5', '−12.00', '0', '1.005', '99999999999999999']],
  [/^code$/, ['USD', 'EUR', 'usd', 'JPY', 'XXX', 'US']],
  [/^IANA$/, ['Europe/Riga', 'UTC', 'America/New_York', 'Mars/Olympus', 'Etc/GMT+14']],
  [/^SlackTeamId$/, ['T0PARTNER', 'T0NEW', 'E0123', 'x']],
  [/^cron$/, ['0 10 * * MON-FRI', '*/15 * * * *', '0 0 31 2 *', '61 * * * *', '0 9 1 * *', '* * *']],
  [
    /^who$/,
    [
      'vendor',
      'acme',
      'globex',
      '<@U0PAT|pat>',
      '<@U0VICTOR>',
      'none',
      'lead',
      'owner',
      'admins',
      'accountable',
      '<!subteam^S0GRP|@grp>',
    ],
  ],
  [/^user$/, ['<@U0PAT|pat>', '<@U0VICTOR|victor>', '<@U0ALICE>', '<@U0STRANGER>', '<@U0NOBODY|nobody>', '@pat']],
  [/^channel$/, ['<#C0GENERAL|general>', '<#C0NOPE>', '#general']],
  [/^kpi-target$/, ['service_level>=80%', 'aht<=300s', 'csat>=4.5', 'x>=', 'aht<300']],
  [/^kpi-reading$/, ['aht=280s', 'service_level=85%', 'csat=4.2', 'x=', 'aht=abc']],
  [/^esc$/, ['ESC-1', 'ESC-2', 'esc-1', 'ESC-0', 'ESC-x']],
  [/^risk$/, ['R-1', 'R-2', 'r-1', 'R-0']],
  [/^accrued$/, ['acme:1,000.50', 'acme:100,globex:200', 'globex:5', 'acme:x', 'acme:1,acme:2']],
  [/^area$/, ['network', 'staffing', 'other', 'security']],
  [/^topic$/, [...Object.keys(helpTopics), 'HELP', 'constructor', 'nosuchtopic']],
];

function placeholder(name: string): fc.Arbitrary<string> {
  const pool = POOLS.find(([re]) => re.test(name))?.[1] ?? VALUES;
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: value });
}

/** Rewrites the usage shorthands that are not `<placeholder>`s into placeholders. */
function normaliseUsage(usage: string): string {
  return usage
    .replace('[topic]', '[<topic>]')
    .replace('<metric><=|>=<value>', '<kpi-target>')
    .replace('<metric>=<value>', '<kpi-reading>')
    .replace('<partner>:<amount>,…', '<accrued>')
    .replace(/ESC-<n>/g, '<esc>')
    .replace(/R-<n>/g, '<risk>')
    .replace(/#…/g, '<channel>')
    .replace(/@user/g, '<user>')
    .replace(/YYYY-MM-DDTHH:MM/g, '<datetime>')
    .replace(/YYYY-MM-DD/g, '<date>')
    .replace(/YYYY-Qn/g, '<quarter>')
    .replace(/YYYY-MM/g, '<month>')
    .replace(/=1-5/g, '=<1-5>')
    .replace(/"…"/g, '"<text>"')
    .replace(/=…/g, '=<text>');
}

/** Splits at `sep` outside […], <…> and "…". */
function splitTop(spec: string, sep: string): string[] {
  const out: string[] = [];
  let square = 0;
  let angle = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') square++;
    else if (!quoted && ch === ']') square--;
    else if (!quoted && ch === '<' && /[A-Za-z0-9]/.test(spec.charAt(i + 1))) angle++;
    else if (!quoted && ch === '>' && angle > 0) angle--;
    if (ch === sep && square === 0 && angle === 0 && !quoted) {
      if (current !== '') out.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') out.push(current);
  return out;
}

/** Space-separated usage items; a lone `…` repeats the item before it. */
function itemsOf(spec: string): fc.Arbitrary<string> {
  const arbs: Array<fc.Arbitrary<string>> = [];
  for (const item of splitTop(spec, ' ')) {
    const previous = arbs[arbs.length - 1];
    if (item === '…') {
      if (previous) arbs.push(fc.array(previous, { maxLength: 2 }).map((more) => more.join(' ')));
    } else arbs.push(alternativesOf(item));
  }
  return fc.tuple(...arbs).map((parts) => parts.filter((p) => p !== '').join(' '));
}

/** `a|b|c`: one of them; `key=a|b` keeps the key on every alternative. */
function alternativesOf(item: string): fc.Arbitrary<string> {
  const alternatives = splitTop(item, '|');
  const key = /^[A-Za-z][\w-]*=/.exec(alternatives[0] ?? '')?.[0];
  const full = alternatives.map((a, i) =>
    i > 0 && key !== undefined && !/^[A-Za-z][\w-]*=/.test(a) ? `${key}${a}` : a,
  );
  return full.length > 1 ? fc.oneof(...full.map(sequenceOf)) : sequenceOf(item);
}

/** Literal text, `<placeholder>`s, `"quoted"` parts, `[optional]` parts and `…` (more of the last placeholder). */
function sequenceOf(spec: string): fc.Arbitrary<string> {
  const parts: Array<fc.Arbitrary<string>> = [];
  let last: fc.Arbitrary<string> | undefined;
  let literal = '';
  const flush = () => {
    if (literal !== '') parts.push(fc.constant(literal));
    literal = '';
  };
  for (let i = 0; i < spec.length; i++) {
    const ch = spec.charAt(i);
    if (ch === '[') {
      const end = spec.indexOf(']', i);
      flush();
      parts.push(fc.option(itemsOf(spec.slice(i + 1, end)), { nil: '' }));
      i = end;
    } else if (ch === '"') {
      const end = spec.indexOf('"', i + 1);
      flush();
      parts.push(
        fc
          .tuple(
            fc.constantFrom(...QUOTES.slice(0, 3), ['"', '"'] as const, ['"', '"'] as const),
            sequenceOf(spec.slice(i + 1, end)),
          )
          .map(([[open, close], body]) => `${open}${body}${close}`),
      );
      i = end;
    } else if (ch === '<' && /[A-Za-z0-9]/.test(spec.charAt(i + 1))) {
      const end = spec.indexOf('>', i);
      flush();
      last = placeholder(spec.slice(i + 1, end));
      parts.push(last);
      i = end;
    } else if (ch === '…' || (ch === ',' && spec.charAt(i + 1) === '…')) {
      flush();
      const more = last;
      if (more) parts.push(fc.array(more, { maxLength: 2 }).map((xs) => xs.map((x) => `,${x}`).join('')));
      if (ch === ',') i++;
    } else literal += ch;
  }
  flush();
  return fc.tuple(...parts).map((xs) => xs.join(''));
}

/** Arguments as the usage line describes them, now and then with a piece of garbage mixed in. */
function plausibleArgs(sub: Subcommand): fc.Arbitrary<string> {
  const usage = normaliseUsage(sub.usage).replace(/^\/\S+\s*/, '');
  const words = sub.name.split(' ');
  const rest = usage.startsWith(sub.name) ? usage.slice(sub.name.length) : usage.slice(words.slice(1).join(' ').length);
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: argPiece(keysOf(sub.usage)) },
  );
  return fc.tuple(itemsOf(rest.trim()), extra).map(([args, more]) => (more === '' ? args : `${args} ${more}`));
}

/** How a subcommand can be typed, with plausible or arbitrary arguments. */
function typed(sub: Subcommand) {
  return fc.oneof({ weight: 3, arbitrary: plausibleArgs(sub) }, { weight: 1, arbitrary: argText(keysOf(sub.usage)) });
}

const anyText = fc.oneof(
  argText(['project', 'period', 'partner']),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...Object.keys(helpTopics)).map((t) => `help ${t}`),
);

// ─── Checks ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Slack's broadcast and user-group mentions. Accord writes none itself, so in a reply or an error
 * one could only have been built from the input.
 */
const PING = /<!(?:channel|here|everyone)\b|<!subteam\^/i;
const UNEXPECTED = unexpectedErrorReply('REFERENCE').text.split('REFERENCE')[0]?.slice(0, 40) ?? 'something went wrong';
/**
 * What Accord logs when an exception got past a handler. Other errors (Slack refusing a message
 * for good, say to a DM channel it cannot post in) are reported to the person and are fine here.
 */
const CRASH_LOG =
  /"msg":"(?:unexpected error while handling a request|a Slack listener failed|unhandled error in a Slack listener|could not deliver a reply to response_url)"/;
/** Signs of a message assembled from a value that was not there. */
const BROKEN = /\bundefined\b|\[object |\bNaN\b/;

function describeInput(command: string, text: string): string {
  return `${command} ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`;
}

/** prepareCommand's contract: a prepared command, or an AccordError the person can act on. */
function expectHandled(command: SlashCommand, text: string, channelId: string | undefined): void {
  const input = describeInput(command, text);
  let prepared;
  try {
    prepared = prepareCommand(command, text, channelId);
  } catch (err) {
    if (!(err instanceof AccordError)) {
      throw new Error(
        `prepareCommand threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)} for ${input}`,
        { cause: err },
      );
    }
    expect(errorCodes, input).toContain(err.code);
    expect(err.message.trim(), input).not.toBe('');
    if (err.code === 'USAGE') expect(err.details.usage?.trim(), `${input}: a USAGE error without a usage`).toBeTruthy();
    const reply = errorReply(err).text;
    expect(reply, input).not.toMatch(PING);
    if (!BROKEN.test(text)) expect(reply, input).not.toMatch(BROKEN);
    expect(reply.length, input).toBeLessThanOrEqual(3000);
    return;
  }
  switch (prepared.kind) {
    case 'run':
      expect(subcommands, input).toContain(prepared.sub);
      break;
    case 'reply':
      expect(prepared.text.trim(), input).not.toBe('');
      expect(prepared.text, input).not.toMatch(PING);
      break;
    case 'modal':
      expect(prepared.view.type, input).toBe('modal');
      break;
    default:
      throw new Error(`prepareCommand returned ${JSON.stringify(prepared)} for ${input}`);
  }
}

// ─── a. Without a database ──────────────────────────────────────────────────────────────────────

describe('prepareCommand on generated input', () => {
  const channel = fc.constantFrom(undefined, 'C0GENERAL', 'D0DIRECT', '');

  it.each(subcommands.map((s) => [s.name, s] as const))(
    '%s: a prepared command or a clear AccordError, nothing else',
    (_name, sub) => {
      for (const { command, text } of invocations(sub)) {
        fc.assert(
          fc.property(text, channel, (t, c) => expectHandled(command, t, c)),
          { numRuns: 200, ...seeded },
        );
      }
    },
  );

  it.each(slashCommands.map((c) => [c] as const))('%s with any text at all', (command) => {
    fc.assert(
      fc.property(anyText, channel, (t, c) => expectHandled(command, t, c)),
      { numRuns: 300, ...seeded },
    );
  });

  it('routes the subcommand words in any case to that subcommand', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...subcommands),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (sub, upper) => {
          const words = sub.name.split(' ').map((w, i) => (upper[i] ? w.toUpperCase() : w));
          try {
            const prepared = prepareCommand('/accord', words.join(' '), 'C0GENERAL');
            if (prepared.kind === 'run') expect(prepared.sub).toBe(sub);
          } catch (err) {
            // Without its arguments a subcommand explains itself with its own usage.
            expect(err).toBeInstanceOf(AccordError);
            expect((err as AccordError).details.usage).toBe(sub.usage);
          }
        },
      ),
      { numRuns: 200, ...seeded },
    );
  });
});

// ─── Regressions found by these properties ──────────────────────────────────────────────────────

/** The error prepareCommand throws for this text (fails when it prepares a command instead). */
function usageReply(text: string, command: SlashCommand = '/accord'): string {
  try {
    prepareCommand(command, text, 'C0GENERAL');
  } catch (err) {
    expect(err).toBeInstanceOf(AccordError);
    return errorReply(err as AccordError).text;
  }
  throw new Error(`${command} ${text} was accepted`);
}

describe('regressions', () => {
  it('`help constructor` (any Object.prototype name) is no topic, instead of an empty reply', () => {
    // Was: `word in helpTopics` found inherited keys, and the help for "topic constructor" was empty.
    expect(usageReply('help constructor')).toBe(
      ':warning: There is no help topic `constructor`. Topics: `basics`, `partners`, `projects`, `escalations`, `checkins`, `scores`, `settlement`, `admin`.\nUsage: `/accord help [topic]`',
    );
    expect(usageReply('help toString')).toContain('There is no help topic `toString`');
  });

  it('errors echo what was typed without pinging: help topics, mentions, syntax errors, amounts', () => {
    // Was: each of these put the typed `<!channel>` (or literal text typed as it) back into the reply raw.
    expect(usageReply('help <!channel>')).toContain('There is no help topic `&lt;!channel&gt;`');
    expect(usageReply('admin add <!here|here>')).toContain('`&lt;!here&gt;` is not a mention');
    expect(usageReply('partner list "&lt;!channel&gt;')).toContain('Unclosed quote starting at “&lt;!channel&gt;”');
    expect(usageReply('deduct acme <!everyone> "x"')).toContain('`&lt;!everyone&gt;` is not an amount');
    expect(usageReply('settle 2026-03 accrued="<!channel>"')).toContain(
      '`&lt;!channel&gt;` is not `<partner>:<amount>`',
    );
  });

  it('errors stay short when a mention or an option name is a page long', () => {
    // Was: the whole 10,000-character token or key was echoed back.
    expect(usageReply(`admin add ${'a,'.repeat(5000)}`).length).toBeLessThan(300);
    expect(usageReply(`partner list ${'x'.repeat(5000)}=v`).length).toBeLessThan(300);
    expect(usageReply(`partner list ${'x'.repeat(5000)}=v`)).toContain(`\`${'x'.repeat(39)}…=\``);
  });

  it('whoami shows a partner name typed with a ping as text', () => {
    // Was: the partner's name went into the reply unescaped, so a name such as `<!here> Acme` pinged.
    const actor: Actor = {
      userId: 'U0PAT',
      teamId: 'T0PARTNER',
      role: 'partner',
      adminSource: undefined,
      partners: [{ partnerId: 1, slug: 'acme', name: '<!here> Acme', lead: true }],
      language: 'en',
    };
    expect(describeActor(actor)).toBe('<@U0PAT>: member of &lt;!here&gt; Acme (lead).');
  });
});

// ─── b. End to end through Slack ────────────────────────────────────────────────────────────────

const RANDOM_RUNS = 110;
const STORED_RUNS = 5;

/** Broadcast mentions, a user-group mention, a disguised link, and the same typed as text. */
const PINGS = [
  '<!channel>',
  '<!here>',
  '<!here|here>',
  '<!everyone>',
  '<!subteam^S0GRP|@grp>',
  '&lt;!channel&gt;',
  '<https://evil.example|bank>',
  '@here',
  '@channel',
] as const;
const pingText = fc
  .tuple(
    fc.constantFrom(...PINGS.slice(0, 5)),
    fc.array(fc.constantFrom(...PINGS, 'Acme', 'launch', '🙂', '`x`', '*b*', '&amp;', 'R&amp;D'), { maxLength: 3 }),
  )
  .chain(([ping, rest]) => fc.shuffledSubarray([ping, ...rest], { minLength: rest.length + 1 }))
  .map((words) => words.join(' '));

const stranger = { id: 'U0STRANGER', teamId: 'T0ELSEWHERE', name: 'stranger' };
const USERS = [people.alice, people.victor, people.pat, stranger] as const;

describe.each(drivers)('commands through Slack on generated input (%s)', (driver) => {
  let h: Harness;
  let projectChannel = '';
  const errorLogs: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      driver,
      log: createLogger('error', (line) => errorLogs.push(line)),
      users: [stranger],
      beforeStart: (s) => {
        s.channels.get(CONNECT_CHANNEL)?.sharedWithTeams.add(stranger.teamId);
      },
    });
    await h.slack.join(people.pat, CONNECT_CHANNEL);
    await h.slack.join(stranger, CONNECT_CHANNEL);
    // A little data, so that generated commands reach the database and find things.
    const setup: Array<[(typeof USERS)[number], string]> = [
      [people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER'],
      [people.alice, 'partner add globex "Globex"'],
      [people.alice, 'partner member add acme <@U0PAT|pat> lead'],
      [people.victor, 'project create rollout "Rollout" partners=acme,globex tz=Europe/Riga'],
      [people.alice, 'contract set acme per_hour rate=12.50 currency=EUR'],
      [people.alice, 'contract set globex commission currency=USD'],
    ];
    for (const [user, text] of setup) expect(await h.ask(user, text), text).toMatch(/:white_check_mark:/);
    await h.slack.acceptInvitationsFor(people.pat);
    await h.settle();
    projectChannel =
      (await h.accord.database.db.select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    expect(projectChannel).not.toBe('');
    expect(await h.ask(people.pat, 'sev2 Calls drop after 30 s', '/escalate', projectChannel)).toMatch(/ESC-1/);
    expect(
      await h.ask(people.victor, 'risk add "Carrier outage" likelihood=3 impact=4', '/accord', projectChannel),
    ).toMatch(/R-1/);
    expect(await h.ask(people.victor, 'checkin schedule sync "0 10 * * MON-FRI"', '/accord', projectChannel)).toMatch(
      /:white_check_mark:/,
    );
    errorLogs.length = 0;
  });
  afterAll(async () => {
    await h?.stop();
  });

  /**
   * pat and the stranger are of other organisations, whose slash commands Slack does not deliver:
   * they send the same command as `@Accord …`, in the channel named when they are in it, or else in
   * a channel shared with them (a DM with Accord is not where a mention goes). Accord's private
   * answers to them are the replies, with what the Web API was sent (link_names and parse included).
   */
  async function mention(user: (typeof USERS)[number], command: SlashCommand, text: string, channel: string) {
    const where = h.standIn.channels.get(channel)?.members.has(user.id) ? channel : CONNECT_CHANNEL;
    const messages = h.standIn.messages.length;
    const ephemerals = h.standIn.ephemerals.length;
    const calls = h.standIn.calls.length;
    const said = await h.slack.say(user, `<@${h.standIn.botUserId}> ${mentionWordsFor(command, text)}`, where);
    await h.settle();
    const answered = h.standIn.calls
      .slice(calls)
      .filter(
        (c) =>
          c.response.ok === true &&
          ((c.method === 'chat.postEphemeral' && c.args.user === user.id) ||
            (c.method === 'chat.postMessage' && c.args.thread_ts === said.ts)),
      );
    return {
      status: 200,
      replies: answered.map((c) => c.args),
      openedForm: false,
      posted: [
        ...h.standIn.messages.slice(messages).filter((m) => m.ts !== said.ts),
        ...h.standIn.ephemerals.slice(ephemerals),
      ],
    };
  }

  /** Sends one command and collects everything the person and the channels got from it. */
  async function send(user: (typeof USERS)[number], command: SlashCommand, text: string, channel: string) {
    if (h.slack.slashCommandRefusal(user, command) !== undefined) return mention(user, command, text, channel);
    const views = h.standIn.openedViews.length;
    const messages = h.standIn.messages.length;
    const ephemerals = h.standIn.ephemerals.length;
    const res = await h.slack.command(user, command, text, channel);
    const replies: Array<Record<string, unknown>> = [];
    if (res.status === 200 && typeof res.json?.text === 'string') replies.push(res.json);
    else if (res.status === 200) {
      // Work after the acknowledgement answers at response_url; a form answers by opening.
      const deadline = Date.now() + 10_000;
      while (
        h.standIn.responsesTo(res.responseUrl).length === 0 &&
        h.standIn.openedViews.length === views &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    await h.settle();
    replies.push(...h.standIn.responsesTo(res.responseUrl).map((r) => r.body));
    return {
      status: res.status,
      replies,
      openedForm: h.standIn.openedViews.length > views,
      posted: [...h.standIn.messages.slice(messages), ...h.standIn.ephemerals.slice(ephemerals)],
    };
  }

  it(
    `answers ${RANDOM_RUNS} generated commands from four kinds of user with a clear reply, and stays up`,
    { timeout: 180_000 },
    async () => {
      const invocation = fc.constantFrom(...subcommands.flatMap(invocations));
      const generated = fc.oneof(
        { weight: 9, arbitrary: invocation.chain(({ command, text: t }) => t.map((text) => ({ command, text }))) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom(...slashCommands), anyText).map(([command, text]) => ({ command, text })),
        },
      );
      const channel = fc.constantFrom('project', 'C0GENERAL', 'D0DIRECT');
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(generated, fc.constantFrom(...USERS), channel, async ({ command, text }, user, where) => {
          const input = `${user.name}: ${describeInput(command, text)} in ${where}`;
          const logged = errorLogs.length;
          const r = await send(user, command, text, where === 'project' ? projectChannel : where);
          expect(r.status, input).toBe(200);
          if (r.replies.length === 0) expect(r.openedForm, `${input}: no reply and no form`).toBe(true);
          for (const body of r.replies) {
            expect(typeof body.text, input).toBe('string');
            const reply = String(body.text);
            expect(reply.trim(), input).not.toBe('');
            expect(reply, input).not.toContain(UNEXPECTED);
            expect(reply, input).not.toMatch(/<!(?:channel|here|everyone)\b/i);
            if (!BROKEN.test(text)) expect(reply, input).not.toMatch(BROKEN);
            // Without link_names (or parse=full) a typed `@channel` stays text; Accord never sets them.
            expect(body.link_names, input).toBeUndefined();
            expect(body.parse, input).toBeUndefined();
            expect(JSON.stringify(body.blocks ?? []), input).not.toMatch(/<!(?:channel|here|everyone)\b/i);
          }
          for (const m of r.posted) {
            expect(`${m.text} ${JSON.stringify(m.blocks ?? [])}`, `${input}: a message in ${m.channel}`).not.toMatch(
              PING,
            );
          }
          expect(
            errorLogs.slice(logged).filter((line) => CRASH_LOG.test(line)),
            input,
          ).toEqual([]);
        }),
        { numRuns: RANDOM_RUNS, timeout: 20_000, ...seeded },
      );
      console.info(
        `[${driver}] ${RANDOM_RUNS} generated commands through Slack in ${Math.round(performance.now() - started)} ms`,
      );

      // The app stayed up and still answers.
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
      expect(await h.ask(people.victor, 'help')).toContain('/accord help');
      expect(await h.ask(stranger, 'help basics')).toContain('@Accord whoami');
    },
  );

  it(
    `never turns names and titles typed with pings into pings, in replies or channel messages (${STORED_RUNS} runs)`,
    { timeout: 180_000 },
    async () => {
      // alice, an admin by configuration, does the vendor side: the generated commands before this may
      // have added victor to a partner and taken him out again, which leaves him a guest.
      let run = 0;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(pingText, async (typedText) => {
          run += 1;
          const partner = `ping-${run}`;
          const project = `ping-proj-${run}`;
          const messages = h.standIn.messages.length;
          const ephemerals = h.standIn.ephemerals.length;
          const logged = errorLogs.length;
          const replies: string[] = [];
          const ask = async (
            user: (typeof USERS)[number],
            text: string,
            command: SlashCommand = '/accord',
            channel = 'C0GENERAL',
          ) => {
            const r = await send(user, command, text, channel);
            expect(r.status, text).toBe(200);
            for (const body of r.replies) replies.push(`${String(body.text)} ${JSON.stringify(body.blocks ?? [])}`);
            return r.replies.map((b) => String(b.text)).join('\n');
          };
          // Stored from input: a partner name, a project name and customer, titles, an activity.
          expect(await ask(people.alice, `partner add ${partner} "${typedText}"`)).toMatch(/:white_check_mark:/);
          await ask(people.alice, `partner member add ${partner} <@U0PAT> lead`);
          expect(
            await ask(
              people.alice,
              `project create ${project} "${typedText}" partners=${partner} customer="${typedText}"`,
            ),
          ).toMatch(/:white_check_mark:/);
          await h.slack.acceptInvitationsFor(people.pat);
          await h.settle();
          const channel =
            (await h.accord.database.db.select().from(projects).where(eq(projects.slug, project)))[0]?.channelId ?? '';
          await ask(people.pat, `sev3 ${typedText}`, '/escalate', channel);
          await ask(people.alice, `risk add "${typedText}" mitigation="${typedText}"`, '/accord', channel);
          await ask(people.alice, `raci set "${typedText}" R=${partner} A=vendor`, '/accord', channel);
          await ask(people.alice, `change propose "${typedText}" activity="${typedText}"`, '/accord', channel);
          await ask(people.alice, `partner violation ${partner} minor "${typedText}"`);
          await ask(people.alice, `partner cert ${partner} "${typedText}" expires=2026-12-31`);
          // Read back by everyone who can see them.
          await ask(people.pat, 'whoami');
          await ask(people.pat, 'project list');
          await ask(people.alice, 'partner list');
          await ask(people.alice, `partner show ${partner}`);
          await ask(people.alice, 'project show', '/accord', channel);
          await ask(people.alice, 'escalation list all', '/accord', channel);
          await ask(people.pat, 'risk list all', '/accord', channel);
          await ask(people.alice, 'raci show', '/accord', channel);
          await ask(people.alice, partner, '/score');
          // What Accord posted: pat's own `@Accord …` messages hold the pings as typed.
          const ours = h.standIn.messages.slice(messages).filter((m) => m.user === h.standIn.botUserId);
          const posted = [...ours, ...h.standIn.ephemerals.slice(ephemerals)].map(
            (m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`,
          );
          for (const text of [...replies, ...posted]) {
            expect(text, JSON.stringify(typedText)).not.toMatch(PING);
            expect(text, JSON.stringify(typedText)).not.toContain(UNEXPECTED);
          }
          expect(errorLogs.slice(logged).filter((line) => CRASH_LOG.test(line))).toEqual([]);
        }),
        { numRuns: STORED_RUNS, timeout: 30_000, endOnFailure: true, ...seeded },
      );
      console.info(
        `[${driver}] ${STORED_RUNS} × 19 commands with stored pings in ${Math.round(performance.now() - started)} ms`,
      );
    },
  );
});
