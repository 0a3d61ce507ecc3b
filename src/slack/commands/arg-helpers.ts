import { z } from 'zod';
import { tokenText, type ParsedArgs, type Token } from '../../domain/args/token';
import { usageError } from '../../errors';
import { echoTyped } from '../../messages/command-replies';
import { argumentRefusals } from '../../messages/argument-refusals';
import { parsePeriod, type Period } from '../../domain/period';

/** Parses with a zod schema; the first issue becomes the user's message, followed by the usage. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw usageError(issue?.message ?? argumentRefusals.notRight());
}

export const userToken = z.custom<Extract<Token, { kind: 'user' }>>(
  (t) => typeof t === 'object' && t !== null && (t as Token).kind === 'user',
  {
    // Shortened and escaped like every echo: the input may be a `<!channel>` or a page of text.
    error: (issue) => argumentRefusals.notAMention(echoToken(issue.input as Token)),
  },
);

/** No named arguments other than `allowed`; an unexpected one is named back to the user. */
export function refuseUnknownNamed(args: ParsedArgs, allowed: readonly string[]): void {
  const unknown = Object.keys(args.named).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw usageError(argumentRefusals.unknownOptions(unknown));
  }
  if (args.duplicates.length > 0) {
    throw usageError(argumentRefusals.repeatedOptions(args.duplicates));
  }
}

/** Exactly one `@user` mention and nothing else. */
export function parseSingleUser(args: ParsedArgs): string {
  refuseUnknownNamed(args, []);
  const [first, ...rest] = args.positional;
  if (!first) throw usageError(argumentRefusals.mentionTheUser());
  const user = parseWith(userToken, first);
  if (rest.length > 0) throw usageError(argumentRefusals.oneUserOnly());
  return user.id;
}

/** For subcommands that take nothing: anything given is named back with the usage. */
export function parseNoArguments(args: ParsedArgs, name: string): void {
  refuseUnknownNamed(args, []);
  if (args.positional.length > 0) throw usageError(argumentRefusals.takesNoArguments(name));
}

/** What the user typed, safe to show back: short, escaped, and unable to close a code span. */
export const echoToken = (t: Token) => echoTyped(tokenText(t));

const isText = (t: Token | undefined): t is Extract<Token, { kind: 'word' | 'quoted' }> =>
  t?.kind === 'word' || t?.kind === 'quoted';

/** A word or "quoted text"; `missing` says what to give when it is absent. */
export function requireText(token: Token | undefined, missing: string): string {
  if (!token) throw usageError(missing);
  if (!isText(token)) throw usageError(argumentRefusals.notPlainText(missing, echoToken(token)));
  return token.value;
}

/**
 * A slug word, e.g. a partner's or project's. Existing slugs are found whatever the case they are
 * typed in; a new one (`creating`) is taken as typed, so the verb can refuse capitals.
 */
export function requireSlug(token: Token | undefined, what: string, creating = false): string {
  if (!token) throw usageError(argumentRefusals.giveSlug(what));
  if (token.kind !== 'word') throw usageError(argumentRefusals.notASlug(echoToken(token), what));
  return creating ? token.value : token.value.toLowerCase();
}

/** The text of `key=value`, when given. */
export function optionalNamed(args: ParsedArgs, key: string): string | undefined {
  const token = args.named[key];
  if (token === undefined) return undefined;
  if (!isText(token)) throw usageError(argumentRefusals.optionTakesText(key, echoToken(token)));
  return token.value;
}

/** One of a fixed set of words, case-insensitive. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T {
  const word = value?.toLowerCase();
  const found = allowed.find((a) => a === word);
  if (found === undefined) {
    throw usageError(argumentRefusals.notOneOf(value === undefined ? undefined : echoTyped(value), what, allowed));
  }
  return found;
}

/** Nothing may follow the positional arguments a command reads. */
export function refuseExtraPositional(args: ParsedArgs, count: number): void {
  const extra = args.positional.slice(count);
  if (extra.length > 0) {
    const [first] = extra;
    throw usageError(argumentRefusals.unexpected(first ? echoToken(first) : '', extra.length - 1));
  }
}

/** `period=YYYY-MM|YYYY-Qn`, when given. */
export function periodOption(args: ParsedArgs): Period | undefined {
  const text = optionalNamed(args, 'period');
  if (text === undefined) return undefined;
  const period = parsePeriod(text);
  if ('error' in period) throw usageError(period.error);
  return period;
}
