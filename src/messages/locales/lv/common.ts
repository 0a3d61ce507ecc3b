import type { common as source } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof source> = {
  'error.usage': 'Lietojums: `{usage}`',
  'command.didYouMean': 'Nezināma komanda `{typed}`. Vai domājāt `{meant}`?',
  'command.needsOneMoreWord': 'Pēc `/accord {family}` vajag vēl vienu vārdu:',
  'command.noSuch': 'Komanda `{typed}` nav zināma. Komandas: {commands}.',
  'reply.databaseUnavailable':
    ':hourglass_flowing_sand: Accord pašlaik nevar sasniegt savu datubāzi, tāpēc nekas netika mainīts. Lūdzu, mēģiniet vēlreiz pēc minūtes.',
  'reply.commitOutcomeUnknown':
    ':hourglass_flowing_sand: Accord zaudēja savienojumu ar datubāzi tieši saglabāšanas brīdī, tāpēc nevar pateikt, vai izmaiņas tika saglabātas. Pirms mēģināt vēlreiz, lūdzu, pārbaudiet, vai tās ir saglabātas (piemēram, ar atbilstošo `list` vai `show` komandu), lai tas netiktu izdarīts divreiz.',
  'reply.unexpectedError':
    ':x: Atvainojiet, Accord pusē radās kļūda, un nekas netika mainīts. Ja tas atkārtojas, nododiet administratoram šo atsauces kodu: `{referenceId}`.',
  'reply.incompleteCommand':
    ':warning: Slack nosūtīja šo komandu bez laukiem, kas Accord ir nepieciešami (lietotājs un teksts); lūdzu, mēģiniet vēlreiz.',
  'reply.formNotOpened':
    ':warning: Slack neatvēra veidlapu; ierakstiet komandu kopā ar argumentiem, piemēram, `/escalate sev2 Calls drop after 30 s`.',
  'reply.queuedOpening': ':hourglass_flowing_sand: Saņemts. Accord pašlaik ir noslogots:',
  'reply.queuedAhead':
    '{ahead, plural, zero {pirms Jūsu pieprasījuma ir vēl # pieprasījumu} one {pirms Jūsu pieprasījuma ir vēl # pieprasījums} other {pirms Jūsu pieprasījuma ir vēl # pieprasījumi}}. Atbilde parādīsies šeit; nav jāsūta vēlreiz.',
};
