import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'harshen da Accord zai ba ku amsa da shi; `auto` zai bar Accord ya sake zaɓa',
  'summary.partner set': 'tsohon harshen abokin hulɗa, ga mutanensa da ba su zaɓi nasu ba',
  'summary.project set': 'harshen saƙonnin da ake rabawa a tashar aiki (katuna, taruka, taƙaitawa)',
  'language.set': ':speech_balloon: Daga yanzu Accord zai ba ku amsa da {language}.',
  'language.auto':
    ':speech_balloon: Accord zai sake zaɓar muku harshe: Sinanci idan harshen Slack ɗinku Sinanci ne, in ba haka ba harshen abokin hulɗarku, na aikin ko na dukan cibiyar sadarwa. A yanzu shi ne {language}.',
  'language.missing': 'Ku faɗi harshe: {languages}, ko `auto` don Accord ya zaɓa.',
  'language.unknown': 'Accord ba ya jin `{typed}`. Harsuna: {languages}, ko `auto`.',
  'language.partnerSet': ':speech_balloon: Mutanen {partner} da ba su zaɓi harshe ba za su karanta da {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} ba shi da nasa harshe yanzu; mutanensa za su karanta da harshen dukan cibiyar ({language}) sai dai idan sun zaɓi wani.',
  'language.projectSet': ':speech_balloon: Saƙonnin da ake rabawa a tashar `{project}` za su kasance da {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` ba shi da nasa harshe yanzu: tasharsa za ta yi amfani da harshen dukan cibiyar ({language}).',
  'language.nothingToSet': 'Ku faɗi abin da za a saita: `lang=<harshe>` ({languages}, ko `auto`).',
  'language.noProjectOwner':
    'Masu gudanarwa na kamfani da mai aikin (<@{owner}>) ne kawai za su iya canza harshen aikin.',
};
