import { z } from 'zod';
import { tokenText, type ParsedArgs, type Token } from '../../domain/args';
import { usageError } from '../../errors';

/** Parses with a zod schema; the first issue becomes the user's message, followed by the usage. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, usage: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw usageError(issue?.message ?? 'Those arguments are not right.', usage);
}

export const userToken = z.custom<Extract<Token, { kind: 'user' }>>((t) => typeof t === 'object' && t !== null && (t as Token).kind === 'user', {
  error: (issue) => `Mention the user with @ (e.g. \`@alice\`); \`${tokenText(issue.input as Token)}\` is not a mention.`,
});

/** No named arguments other than `allowed`; an unexpected one is named back to the user. */
export function refuseUnknownNamed(args: ParsedArgs, allowed: readonly string[], usage: string): void {
  const unknown = Object.keys(args.named).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw usageError(`I don't know the option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `\`${k}=\``).join(', ')}.`, usage);
  }
  if (args.duplicates.length > 0) {
    throw usageError(`${args.duplicates.map((k) => `\`${k}=\``).join(', ')} given more than once; give each option once.`, usage);
  }
}

/** Exactly one `@user` mention and nothing else. */
export function parseSingleUser(args: ParsedArgs, usage: string): string {
  refuseUnknownNamed(args, [], usage);
  const [first, ...rest] = args.positional;
  if (!first) throw usageError('Mention the user, e.g. `@alice`.', usage);
  const user = parseWith(userToken, first, usage);
  if (rest.length > 0) throw usageError('Give one user only.', usage);
  return user.id;
}

/** For subcommands that take nothing: anything given is named back with the usage. */
export function parseNoArguments(args: ParsedArgs, name: string, usage: string): void {
  refuseUnknownNamed(args, [], usage);
  if (args.positional.length > 0) throw usageError(`\`${name}\` takes no arguments.`, usage);
}
