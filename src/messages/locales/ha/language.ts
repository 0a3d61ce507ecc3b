import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'harshen da Accord zai ba ku amsa da shi; `auto` zai bar Accord ya sake zaɓa',
  'summary.partner set': "harshen asali na abokin hulɗa, ga ma'aikatansa da ba su zaɓi nasu ba",
  'summary.project set': 'harshen saƙonnin da ake rabawa a tashar aikin (katuna, bibiya, taƙaitawa)',
  'language.set': ':speech_balloon: Daga yanzu Accord zai ba ku amsa da {language}.',
  'language.auto':
    ':speech_balloon: Accord zai sake zaɓar muku harshe: Sinanci idan harshen Slack ɗinku Sinanci ne, in ba haka ba harshen abokin hulɗarku, na aikin ko na rukunin abokan hulɗa. A yanzu shi ne {language}.',
  'language.missing': 'Da fatan za a faɗi harshe: {languages}, ko `auto` don Accord ya zaɓa.',
  'language.unknown': 'Accord ba ya jin `{typed}`. Harsuna: {languages}, ko `auto`.',
  'language.partnerSet': ":speech_balloon: Ma'aikatan {partner} da ba su zaɓi harshe ba za su karanta da {language}.",
  'language.partnerCleared':
    ":speech_balloon: {partner} ba shi da nasa harshe yanzu; ma'aikatansa za su karanta da harshen rukunin abokan hulɗa ({language}) sai dai idan sun zaɓi wani.",
  'language.projectSet': ':speech_balloon: Saƙonnin da ake rabawa a tashar `{project}` za su kasance da {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` ba shi da nasa harshe yanzu: tasharsa za ta yi amfani da harshen rukunin abokan hulɗa ({language}).',
  'language.nothingToSet': 'Da fatan za a faɗi abin da za a saita: `lang=<harshe>` ({languages}, ko `auto`).',
  'language.noProjectOwner':
    'Masu gudanarwa na babban kamfani da mai kula da aikin (<@{owner}>) ne kawai za su iya canza harshen aikin.',
};
