import { echo } from './mrkdwn';

/*
 * Why the arguments of a command were refused, shared by every command (src/slack/commands/arg-helpers.ts
 * reads them). Texts the user typed arrive already echoed (`shown`), short and inert.
 */

/** An option's name as typed, for a message: keys are plain `[a-z0-9_-]` but may be a page long. */
const optionName = (key: string) => `\`${echo(key, { span: false })}=\``;

export const argumentRefusals = {
  notAMention: (shown: string) => `Mention the user with @ (e.g. \`@alice\`); \`${shown}\` is not a mention.`,
  notRight: () => 'Those arguments are not right.',
  unknownOptions: (keys: readonly string[]) =>
    `I don't know the option${keys.length > 1 ? 's' : ''} ${keys.map(optionName).join(', ')}.`,
  repeatedOptions: (keys: readonly string[]) =>
    `${keys.map(optionName).join(', ')} given more than once; give each option once.`,
  mentionTheUser: () => 'Mention the user, e.g. `@alice`.',
  oneUserOnly: () => 'Give one user only.',
  takesNoArguments: (name: string) => `\`${name}\` takes no arguments.`,
  notPlainText: (missing: string, shown: string) => `${missing} (\`${shown}\` is not plain text).`,
  giveSlug: (what: string) => `Give the ${what} slug.`,
  notASlug: (shown: string, what: string) =>
    `\`${shown}\` is not a ${what} slug: slugs are single words such as \`acme-telecom\`.`,
  optionTakesText: (key: string, shown: string) => `\`${key}=\` takes plain text; \`${shown}\` is not.`,
  notOneOf: (shown: string | undefined, what: string, allowed: readonly string[]) =>
    `${shown === undefined ? `Give the ${what}` : `\`${shown}\` is not a ${what}`}: use ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
  unexpected: (shown: string, more: number) =>
    `I did not expect \`${shown}\`${more > 0 ? ` and ${more} more` : ''} here. Text with spaces goes in "double quotes".`,
};
