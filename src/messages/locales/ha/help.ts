import type { help as source } from '../en/help';
import type { Translation } from '../types';

export const help: Translation<typeof source> = {
  'help.topic.basics': 'Farawa',
  'help.topic.partners': 'Abokan hulɗa (masu gudanarwa na kamfani mai samarwa)',
  'help.topic.projects': 'Ayyuka, RACI da buƙatun canji',
  'help.topic.escalations': 'Ƙarin ƙara da manufofin SLA',
  'help.topic.checkins': 'Bibiya da haɗurra',
  'help.topic.scores': 'Maki, KPI da ƙimar gamsuwa',
  'help.topic.settlement': 'Kwangiloli, amfani da daidaita lissafi (takardun lissafi: kowa)',
  'help.topic.admin': 'Masu gudanarwa na Accord',
  'help.section': '*{title}* (`/accord help {topic}`)',
  'help.line': '• `{usage}` — {summary}',
  'help.footer':
    'Bayanai: kalmomi, "rubutu a cikin alamar zance", `key=value`, @ambato, #tashoshi, tsawon lokaci kamar `1h30m`.',
  'help.tooManyTopics': 'Ku faɗi batu ɗaya kawai, ba fiye da haka ba.',
  'help.noSuchTopic':
    'Babu batun taimako mai suna `{typed}`.{near, select, none {} other { Ko kuna nufin `{near}`?}} Batutuwa: {topics}.',
  'summary.admin add': 'naɗa mai amfani na kamfani mai samarwa a matsayin mai gudanarwa na Accord',
  'summary.admin remove': 'cire ikon gudanarwa daga wanda aka ƙara ta Slack',
  'summary.admin list': 'su wane ne masu gudanarwa na Accord, da kuma inda ikonsu ya fito',
  'summary.vendor reinstate':
    'mayar da wani daga filin aikin kamfani mai samarwa wanda ya bar abokin hulɗa ya sake zama mamban kamfanin (kafin nan baƙo ne)',
  'summary.checkin schedule':
    'bibiya mai maimaituwa ta daidaitawa ko ta bitar haɗari: `weekly mon 10:00`, `weekdays 17:00`, `monthly 1 09:00` ko cron, a yankin lokacin aikin',
  'summary.checkin list': 'jadawalan bibiya na aikin da lokacin da kowanne zai gudana a gaba',
  'summary.checkin run':
    'aika bibiya yanzu, da lokutan tunatarwa da rufewa na jadawalin aikin na irin wannan (ko na jadawali <id>)',
  'summary.checkin remove': 'share jadawali (bibiyoyin da suka gabata da amsoshinsu suna nan)',
  'summary.risk add': 'rubuta haɗari R-<n> tare da yiwuwa × tasiri, mai alhaki da ranar bita',
  'summary.risk list': 'rajistar haɗurran aikin, mafi yawan maki a farko',
  'summary.risk update': 'canza ƙimar haɗari, mai alhaki, ranar bita ko matakan rage shi',
  'summary.risk close': 'rufe haɗari tare da bayani',
  'summary.escalate': 'ɗaga ƙarin ƙara a tashar aiki (ba tare da bayanai ba: fom)',
  'summary.escalation list': 'ƙarin ƙarar aiki da ke buɗe, ko duka',
  'summary.escalation ack': 'amince da ƙarin ƙarar da aka tura zuwa gare ku',
  'summary.escalation resolve': 'warware ƙarin ƙara tare da taƙaitaccen bayanin abin da aka yi',
  'summary.escalation cancel': 'soke ƙarin ƙarar da aka ɗaga bisa kuskure',
  'summary.sla set':
    'manufar SLA ta wani matakin tsanani, ga dukkan abokan hulɗa, ga wani abokin hulɗa ko ga wani aiki',
  'summary.sla show': 'manufofin SLA da ke aiki a yanzu',
  'summary.sla quota': 'ƙarin ƙara sev1 nawa wani aiki zai iya buɗewa a wata (0 yana cire iyaka)',
  'summary.help': 'abin da Accord zai iya yi; batu yana taƙaita shi',
  'summary.partner add': 'yi rajistar kamfanin abokin hulɗa (mutanen ƙungiyarsa ta Slack suna zama mambobinsa)',
  'summary.partner list': 'duk abokan hulɗa tare da matsayi, mataki da mambobi',
  'summary.partner show': 'mambobin abokin hulɗa, saɓa ƙa’idojinsa da takardun shaidarsa',
  'summary.partner member add': 'ƙara wani ga abokin hulɗa (`lead` ne ke fara karɓar ƙarin ƙararsa)',
  'summary.partner member remove':
    'cire wani daga abokin hulɗa (mutumin filin aikin kamfani mai samarwa zai zama baƙo, ba mamban kamfanin ba)',
  'summary.partner contact add':
    'imel da za a iya aika gayyatar Slack Connect zuwa gare shi, ga ƙungiyar da Accord bai san kowa a cikinta ba',
  'summary.partner contact remove': 'manta da imel ɗin tuntuɓar abokin hulɗa',
  'summary.partner stage': 'matsar da abokin hulɗa tsakanin matakin shiga, bunƙasa da balaga',
  'summary.partner violation': 'rubuta ƙaramin saɓa ƙa’ida (−5 maki) ko babba (bitar ficewa)',
  'summary.partner cert': 'rubuta takardar shaida ko horo, tare da tunatarwa kafin ta ƙare',
  'summary.partner exit':
    'abokin hulɗa ya fice: ana miƙa ayyukansa ga wani, mambobinsa sun rasa damar shiga, tarihi yana nan',
  'summary.project create':
    'aiki tare da tasharsa ta haɗin gwiwa, gayyatar abokan hulɗa (Slack Connect) da saƙon maraba',
  'summary.project list': 'ayyukan da za ku iya gani',
  'summary.project show': 'abokan hulɗar aiki, shugabansa da RACI (a tashar aikin, slug ba dole ba ne)',
  'summary.raci set':
    'wanda ke aiwatarwa (R), mai alhaki na ƙarshe (A), wanda ake tuntuɓa (C), wanda ake sanarwa (I) a wata ɗawainiya',
  'summary.raci show': 'teburin RACI na aikin',
  'summary.raci remove': 'cire ɗawainiya daga RACI',
  'summary.raci template': 'cika ɗawainiyoyin abokin hulɗa na wani matakin rayuwar abokin ciniki',
  'summary.change propose': 'buƙatar canji wadda mai alhaki na ƙarshe (A) ko shugaban aikin zai amince da ita',
  'summary.score':
    'makin ingancin sabis na abokin hulɗa, ma’aunin inganci da yanayin tafiya (kamfani mai samarwa: duk abokan hulɗa)',
  'summary.score weights': 'nauyin kowane ɓangare na maki (masu gudanarwa)',
  'summary.kpi target': 'maƙasudan KPI na abokin hulɗa, ko na asali ga kowa',
  'summary.kpi record': 'sakamakon KPI na abokin hulɗa na wani zango',
  'summary.rate': 'ƙimar gamsuwar abokin ciniki ga abokin hulɗa, 1–5',
  'summary.contract set': 'kwangilar abokin hulɗa: tsarin farashi, nau’in kuɗi da adadin caji (masu gudanarwa)',
  'summary.contract show': 'kwangilar abokin hulɗa',
  'summary.usage record': 'adadin amfani da aka auna na abokin hulɗa mai caji a minti ko a awa (masu gudanarwa)',
  'summary.deduct': 'ragi daga takardar lissafin abokin hulɗa, misali saboda saɓa ƙa’ida (masu gudanarwa)',
  'summary.adjust': 'ƙarin daidaita lissafi (ko gyara) a takardar lissafin abokin hulɗa (masu gudanarwa)',
  'summary.settle': 'daftarin takardun lissafi na wani zango, ana ɗora su nan a matsayin CSV (masu gudanarwa)',
  'summary.settle approve': 'amince da (kuma kulle) daftarin takardun lissafi na wani zango (masu gudanarwa)',
  'summary.statement': 'takardar lissafin abokin hulɗa na wani zango (abokan hulɗa: tasu kawai)',
  'summary.whoami': 'yadda Accord ke ganin ku: mai gudanarwa, mamban kamfani mai samarwa, mamban abokin hulɗa ko baƙo',
  'summary.checkin pause': 'dakatar da jadawali na ɗan lokaci',
  'summary.checkin resume': 'sake fara jadawalin da aka dakatar',
};
