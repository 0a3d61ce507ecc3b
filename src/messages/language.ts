import { languages, type Language } from '../domain/language';
import type { Translator } from './i18n/translator';
import { escapeText } from './mrkdwn';
import type { Reply } from './types';

/** Each language by its own name, the same in every language (a reader finds theirs at a glance). */
export const languageNames: Readonly<Record<Language, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  vi: 'Tiếng Việt',
  lv: 'latviešu',
  ha: 'Hausa',
};

/** `en` (English), `zh-CN` (简体中文) … for refusals that list them. */
const languageList = () => languages.map((l) => `\`${l}\` (${languageNames[l]})`).join(', ');

export const languageRefusals = {
  missing: () => (t: Translator) => t.msg('language.missing', { languages: languageList() }),
  unknown: (typed: string) => (t: Translator) => t.msg('language.unknown', { typed, languages: languageList() }),
  nothingToSet: () => (t: Translator) => t.msg('language.nothingToSet', { languages: languageList() }),
  notOwner: (owner: string) => (t: Translator) => t.msg('language.noProjectOwner', { owner }),
};

export const languageReplies = {
  /** Written in the language just chosen: the first words the person reads in it. */
  set: (t: Translator): Reply => ({ text: t.msg('language.set', { language: languageNames[t.language] }) }),
  auto: (t: Translator): Reply => ({ text: t.msg('language.auto', { language: languageNames[t.language] }) }),
  partnerSet: (t: Translator, partner: string, language: Language | undefined, network: Language): Reply => ({
    text:
      language === undefined
        ? t.msg('language.partnerCleared', { partner: escapeText(partner), language: languageNames[network] })
        : t.msg('language.partnerSet', { partner: escapeText(partner), language: languageNames[language] }),
  }),
  projectSet: (t: Translator, project: string, language: Language | undefined, network: Language): Reply => ({
    text:
      language === undefined
        ? t.msg('language.projectCleared', { project, language: languageNames[network] })
        : t.msg('language.projectSet', { project, language: languageNames[language] }),
  }),
};
