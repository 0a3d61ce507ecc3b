import type { common as source } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof source> = {
  'error.usage': 'Yadda ake amfani: `{usage}`',
  'command.didYouMean': 'Ba a san umarnin `{typed}` ba. Ko kuna nufin `{meant}`?',
  'command.needsOneMoreWord': '`/accord {family}` yana buƙatar ƙarin kalma ɗaya:',
  'command.noSuch': 'Ba a gane `{typed}` ba. Umarnai: {commands}.',
  'reply.databaseUnavailable':
    ':hourglass_flowing_sand: Accord ba ya iya isa ga rumbun bayanansa a yanzu, don haka ba a canza komai ba. Da fatan za a sake gwadawa bayan minti ɗaya.',
  'reply.commitOutcomeUnknown':
    ':hourglass_flowing_sand: Haɗin Accord da rumbun bayanansa ya katse daidai lokacin da yake ajiye wannan, don haka ba zai iya sanin ko an ajiye ba. Kafin a sake gwadawa, da fatan za a duba ko yana nan (misali da umarnin `list` ko `show` da ya dace), don kada a yi shi sau biyu.',
  'reply.unexpectedError':
    ':x: Yi haƙuri, an sami matsala a ɓangaren Accord kuma ba a canza komai ba. Idan ya sake faruwa, a ba wa mai gudanarwa wannan lambar bincike: `{referenceId}`.',
  'reply.incompleteCommand':
    ':warning: Slack ya aiko da wannan umarnin ba tare da bayanan da Accord ke buƙata ba (mai amfani da rubutu); da fatan za a sake gwadawa.',
  'reply.formNotOpened':
    ':warning: Slack bai buɗe fom ɗin ba; a rubuta umarnin tare da bayanansa, misali `/escalate sev2 Calls drop after 30 s`.',
  'reply.queuedOpening': ':hourglass_flowing_sand: An karɓa. Accord yana da aiki sosai a yanzu:',
  'reply.queuedAhead':
    '{ahead, plural, one {akwai buƙata # a gaban taku} other {akwai buƙatu # a gaban taku}}. Amsar za ta zo nan; babu buƙatar sake aikawa.',
};
