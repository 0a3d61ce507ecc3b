/** English, the source: every other language has exactly these keys and placeholders. */
export const language = {
  'summary.language': 'the language Accord answers you in; `auto` lets Accord choose again',
  'summary.partner set': 'a partner’s default language, for its people who have not chosen one',
  'summary.project set': 'the language of a project channel’s shared messages (cards, check-ins, summaries)',
  'language.set': ':speech_balloon: Accord will answer you in {language} from now on.',
  'language.auto':
    ':speech_balloon: Accord will choose your language again: your Slack language if it is Chinese, else your partner’s, the project’s or the network’s. For now that is {language}.',
  'language.missing': 'Name a language: {languages}, or `auto` to let Accord choose.',
  'language.unknown': 'Accord does not speak `{typed}`. Languages: {languages}, or `auto`.',
  'language.partnerSet': ':speech_balloon: People of {partner} who have not chosen a language will read {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} has no language of its own now; its people read the network’s ({language}) unless they choose one.',
  'language.projectSet': ':speech_balloon: Shared messages in the channel of `{project}` will be in {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` has no language of its own now: its channel reads the network’s ({language}).',
  'language.nothingToSet': 'Say what to set: `lang=<language>` ({languages}, or `auto`).',
  'language.noProjectOwner':
    'Only vendor admins and the project’s owner (<@{owner}>) can change the project’s language.',
} as const;
