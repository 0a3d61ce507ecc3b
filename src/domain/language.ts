/**
 * The languages Accord speaks, and the rule that picks one for a reader. Pure: the caller brings
 * what it knows (the person's own choice, Slack's locale, their partner's and the project's
 * default, the network's), this decides.
 */

export const languages = ['en', 'zh-CN', 'vi', 'lv', 'ha'] as const;
export type Language = (typeof languages)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

/** How people may write each language's code: `zh`, `zh-cn`, `zh-Hans`, `zh_CN`… all mean zh-CN. */
const spellings: Readonly<Record<string, Language>> = {
  en: 'en',
  'zh-cn': 'zh-CN',
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-hans-cn': 'zh-CN',
  vi: 'vi',
  'vi-vn': 'vi',
  lv: 'lv',
  'lv-lv': 'lv',
  ha: 'ha',
  'ha-ng': 'ha',
  'ha-latn': 'ha',
  'ha-latn-ng': 'ha',
};

/** A language code as a person types it; undefined when Accord does not speak it. */
export function parseLanguage(text: string): Language | undefined {
  const key = text.trim().toLowerCase().replace(/_/g, '-');
  if (/^en(-[a-z0-9]+)*$/.test(key)) return 'en';
  return spellings[key];
}

/**
 * What Slack's locale (users.info `include_locale`: `en-US`, `zh-CN`, `zh-TW`, `ja-JP` …) says.
 * Slack's interface offers English and Chinese among Accord's languages, not Vietnamese, Latvian
 * or Hausa, so only those two can come from here. Traditional Chinese (`zh-TW`) is not Simplified
 * Chinese and gives no answer.
 */
export function languageOfSlackLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const key = locale.trim().toLowerCase().replace(/_/g, '-');
  if (key === 'zh-cn' || key === 'zh-hans' || key === 'zh') return 'zh-CN';
  if (/^en(-[a-z0-9]+)*$/.test(key)) return 'en';
  return undefined;
}

export interface LanguageChoices {
  /** What the person chose with `/accord language` (never `auto`: that clears the choice). */
  own?: Language | undefined;
  /** Slack's locale for the person, as users.info gives it. */
  slackLocale?: string | undefined;
  /** The default of the partner the person belongs to (`partner set <slug> lang=…`). */
  partner?: Language | undefined;
  /** The language of the project the request is about, when there is one. */
  project?: Language | undefined;
  /** ACCORD_LANGUAGE, else English. */
  network: Language;
}

/**
 * The language to answer a person in. Their own choice first; then Slack's locale when it is
 * Chinese; then their partner's default, the project's, the network's. An English Slack locale
 * decides nothing: English is Slack's default and what everyone has whose language Slack does not
 * offer, so it cannot tell a Latvian who never changed it from an English speaker (who can say so
 * with `/accord language en`).
 */
export function readerLanguage(c: LanguageChoices): Language {
  if (c.own) return c.own;
  const slack = languageOfSlackLocale(c.slackLocale);
  if (slack && slack !== 'en') return slack;
  return c.partner ?? c.project ?? c.network;
}
