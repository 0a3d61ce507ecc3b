import { echo } from '../../messages/mrkdwn';

/** What slash-command text is made of, once read: its tokens, and how they read back. */

export type Token =
  | { kind: 'word'; value: string }
  | { kind: 'quoted'; value: string }
  | { kind: 'user'; id: string; label?: string }
  | { kind: 'channel'; id: string; label?: string }
  | { kind: 'usergroup'; id: string; label?: string }
  | { kind: 'special'; value: 'channel' | 'here' | 'everyone' }
  | { kind: 'link'; url: string; label?: string };

export interface ParsedArgs {
  positional: Token[];
  named: Record<string, Token>;
  /** Lower-cased keys given more than once, each listed once, in order of first repetition. */
  duplicates: string[];
}

/** Plain-text rendering that Slack displays the way the user wrote it. */
export function tokenText(t: Token): string {
  switch (t.kind) {
    case 'word':
    case 'quoted':
      return t.value;
    case 'user':
      return `<@${t.id}>`;
    case 'channel':
      return `<#${t.id}>`;
    case 'usergroup':
      return `<!subteam^${t.id}>`;
    case 'special':
      return `<!${t.value}>`;
    case 'link':
      return t.label === undefined ? `<${t.url}>` : `<${t.url}|${t.label}>`;
  }
}

/**
 * What the user typed, as inert mrkdwn for an error message: escaped, shortened, and in a code span
 * so nothing in it can ping a channel or a user group.
 */
export function echoToken(token: Token): string {
  let text: string;
  switch (token.kind) {
    case 'word':
    case 'quoted':
      text = token.value;
      break;
    case 'user':
      text = `@${token.label ?? token.id}`;
      break;
    case 'channel':
      text = `#${token.label ?? token.id}`;
      break;
    case 'usergroup':
      // Slack sends user group labels with their `@` already on.
      text = `@${(token.label ?? token.id).replace(/^@/, '')}`;
      break;
    case 'special':
      text = `@${token.value}`;
      break;
    case 'link':
      text = token.label ?? token.url;
      break;
  }
  return echo(text);
}
