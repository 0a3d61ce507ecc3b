import type { language as source } from '../en/language';
import type { Translation } from '../types';

export const language: Translation<typeof source> = {
  'summary.language': 'valoda, kurā Accord Jums atbild; `auto` ļauj Accord to izvēlēties no jauna',
  'summary.partner set': 'partnera noklusējuma valoda tiem tā pārstāvjiem, kuri nav izvēlējušies savu',
  'summary.project set': 'projekta kanāla kopīgo ziņojumu valoda (kartītes, aptaujas, kopsavilkumi)',
  'language.set': ':speech_balloon: Turpmāk Accord Jums atbildēs šajā valodā: {language}.',
  'language.auto':
    ':speech_balloon: Accord atkal izvēlēsies Jūsu valodu: ķīniešu, ja tāda ir Jūsu Slack valoda, citādi partnera, projekta vai partneru tīkla valodu. Pašlaik tā ir {language}.',
  'language.missing': 'Norādiet valodu: {languages} vai `auto`, lai Accord izvēlētos pats.',
  'language.unknown': 'Accord nerunā valodā `{typed}`. Valodas: {languages} vai `auto`.',
  'language.partnerSet':
    ':speech_balloon: {partner} pārstāvji, kuri nav izvēlējušies valodu, lasīs šajā valodā: {language}.',
  'language.partnerCleared':
    ':speech_balloon: {partner} vairs nav savas valodas; tā pārstāvji lasīs partneru tīkla valodā ({language}), ja paši neizvēlēsies citu.',
  'language.projectSet': ':speech_balloon: Kopīgie ziņojumi `{project}` kanālā būs šajā valodā: {language}.',
  'language.projectCleared':
    ':speech_balloon: `{project}` vairs nav savas valodas: tā kanālā būs partneru tīkla valoda ({language}).',
  'language.nothingToSet': 'Norādiet, ko iestatīt: `lang=<valoda>` ({languages} vai `auto`).',
  'language.noProjectOwner':
    'Projekta valodu var mainīt tikai ražotāja administratori un projekta vadītājs (<@{owner}>).',
};
