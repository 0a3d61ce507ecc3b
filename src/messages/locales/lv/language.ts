import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'valoda, kurā Accord jums atbild; `auto` ļauj Accord to izvēlēties no jauna',
  'summary.partner set': 'partnera noklusējuma valoda tiem tā cilvēkiem, kas nav izvēlējušies savu',
  'summary.project set': 'projekta kanāla kopīgo ziņojumu valoda (kartītes, sapulces, kopsavilkumi)',
  'language.set': ':speech_balloon: Turpmāk Accord jums atbildēs šajā valodā: {language}.',
  'language.auto':
    ':speech_balloon: Accord atkal izvēlēsies jūsu valodu: ķīniešu, ja tāda ir jūsu Slack valoda, citādi jūsu partnera, projekta vai visa tīkla valodu. Pašlaik tā ir {language}.',
  'language.missing': 'Norādiet valodu: {languages} vai `auto`, lai Accord izvēlas pats.',
  'language.unknown': 'Accord nerunā valodā `{typed}`. Valodas: {languages} vai `auto`.',
  'language.partnerSet':
    ':speech_balloon: {partner} cilvēki, kas nav izvēlējušies valodu, lasīs šajā valodā: {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} vairs nav savas valodas; tā cilvēki lasīs visa tīkla valodā ({language}), ja paši neizvēlēsies citu.',
  'language.projectSet': ':speech_balloon: Kopīgie ziņojumi `{project}` kanālā būs šajā valodā: {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` vairs nav savas valodas: tā kanālā būs visa tīkla valoda ({language}).',
  'language.nothingToSet': 'Norādiet, ko iestatīt: `lang=<valoda>` ({languages} vai `auto`).',
  'language.noProjectOwner':
    'Projekta valodu var mainīt tikai piegādātāja administratori un projekta īpašnieks (<@{owner}>).',
};
