import type { help as source } from '../en/help';
import type { Translation } from '../types';

export const help: Translation<typeof source> = {
  'help.topic.basics': 'Farawa',
  'help.topic.partners': 'Abokan hulɗa (masu gudanarwa na babban kamfani)',
  'help.topic.projects': 'Ayyuka, RACI da buƙatun canji',
  'help.topic.escalations': "Ƙorafe-ƙorafe da ƙa'idojin SLA",
  'help.topic.checkins': 'Bibiya da haɗurra',
  'help.topic.scores': 'Maki, KPI da ƙimar gamsuwa',
  'help.topic.settlement': 'Kwangiloli, yawan amfani da daidaita lissafi (bayanin lissafi: kowa)',
  'help.topic.admin': 'Masu gudanarwa na Accord',
  'help.section': '*{title}* (`/accord help {topic}`)',
  'help.line': '• `{usage}` — {summary}',
  'help.footer':
    'Bayanai: kalmomi, "rubutu a cikin alamar zance", `key=value`, @ambata, #tashoshi, tsawon lokaci kamar `1h30m`.',
  'help.tooManyTopics': 'A faɗi batu ɗaya kawai, ba fiye da haka ba.',
  'help.noSuchTopic':
    'Babu batun taimako mai suna `{typed}`.{near, select, none {} other { Ko kuna nufin `{near}`?}} Batutuwa: {topics}.',
  'summary.admin add': "naɗa ma'aikacin babban kamfani a matsayin mai gudanarwa na Accord",
  'summary.admin remove': 'cire ikon gudanarwa daga wanda aka ƙara ta Slack',
  'summary.admin list': 'su wane ne masu gudanarwa na Accord, da kuma inda ikonsu ya fito',
  'summary.vendor reinstate':
    "mayar da wani daga workspace ɗin babban kamfani wanda ya bar abokin hulɗa ya sake zama ma'aikacin babban kamfani (kafin nan baƙo ne)",
  'summary.checkin schedule':
    'bibiya mai maimaituwa (bibiyar ci gaban aiki ko bitar haɗari): `weekly mon 10:00`, `weekdays 17:00`, `monthly 1 09:00` ko cron, a yankin lokacin aikin',
  'summary.checkin list': 'jadawalan bibiya na aikin da lokacin da kowanne zai gudana a gaba',
  'summary.checkin run':
    'aika bibiya yanzu, da lokutan tunatarwa da rufewa na jadawalin bibiya na irin wannan a aikin (ko na jadawali <id>)',
  'summary.checkin remove': 'share jadawalin bibiya (bibiyoyin da suka gabata da amsoshinsu suna nan)',
  'summary.risk add': 'rubuta haɗari R-<n> tare da yiwuwar faruwa × tasiri, mai kula da haɗarin da ranar bita',
  'summary.risk list': 'rajistar haɗurran aikin, mafi yawan maki a farko',
  'summary.risk update':
    'canza yiwuwar faruwa da tasirin haɗari, mai kula da haɗarin, ranar bita ko matakan rage haɗari',
  'summary.risk close': 'rufe haɗari tare da bayani',
  'summary.escalate': 'shigar da ƙorafi a tashar aikin (ba tare da bayanai ba: fom)',
  'summary.escalation list': 'ƙorafe-ƙorafen aikin da ke a buɗe, ko duka',
  'summary.escalation ack': 'karɓi ƙorafin da aka kai muku',
  'summary.escalation resolve': 'warware ƙorafi tare da bayanin abin da aka yi',
  'summary.escalation cancel': 'soke ƙorafin da aka shigar bisa kuskure',
  'summary.sla set':
    "ƙa'idojin SLA na wani tsanani, ga dukan rukunin abokan hulɗa, ga wani abokin hulɗa ko ga wani aiki",
  'summary.sla show': "ƙa'idojin SLA da ke aiki a yanzu",
  'summary.sla quota': 'ƙorafe-ƙorafen sev1 nawa wani aiki zai iya buɗewa a wata (0 yana cire iyaka)',
  'summary.help': 'abin da Accord zai iya yi; batu yana taƙaita shi',
  'summary.partner add': "yi rajistar kamfanin abokin hulɗa (mutanen ƙungiyarsa ta Slack suna zama ma'aikatansa)",
  'summary.partner list': "duk abokan hulɗa tare da matsayi, zango da ma'aikata",
  'summary.partner show': "ma'aikatan abokin hulɗa, laifuffukansa da shaidar ƙwarewarsa",
  'summary.partner member add': 'ƙara wani ga abokin hulɗa (`lead`: wakili, wanda ke fara karɓar ƙorafe-ƙorafensa)',
  'summary.partner member remove':
    "cire wani daga abokin hulɗa (mutumin workspace ɗin babban kamfani zai zama baƙo, ba ma'aikacin babban kamfani ba)",
  'summary.partner contact add':
    'imel da za a iya aika gayyatar Slack Connect zuwa gare shi, ga kamfanin da Accord bai san kowa a cikinsa ba',
  'summary.partner contact remove': 'manta da imel ɗin tuntuɓar abokin hulɗa',
  'summary.partner stage': 'matsar da abokin hulɗa tsakanin zangon shiga, bunƙasa da cikakken girma',
  'summary.partner violation': 'rubuta ƙaramin laifi (a rage maki 5) ko babban laifi (bitar ficewa)',
  'summary.partner cert': "rubuta shaidar ƙwarewa ko horo, tare da tunatarwa kafin wa'adinta ya ƙare",
  'summary.partner exit':
    "abokin hulɗa ya fice: ana miƙa ayyukansa, ma'aikatansa sun rasa damar shiga, tarihi yana nan",
  'summary.project create':
    'aiki tare da tasharsa ta haɗin gwiwa, gayyatar abokan hulɗa (Slack Connect) da saƙon maraba',
  'summary.project list': 'ayyukan da za ku iya gani',
  'summary.project show':
    'abokan hulɗar aikin, mai kula da aikin da RACI (a tashar aikin, ba dole ba ne a rubuta slug)',
  'summary.raci set':
    'mai aiwatarwa (R), mai alhaki (A), wanda ake tuntuɓa (C), wanda ake sanar da shi (I) a wata ɗawainiya',
  'summary.raci show': 'teburin RACI na aikin',
  'summary.raci remove': 'cire ɗawainiya daga RACI',
  'summary.raci template': 'cika ɗawainiyoyin abokin hulɗa na wani zango a zagayen rayuwar abokin ciniki',
  'summary.change propose': 'buƙatar canji wadda mai alhaki (A) ko mai kula da aikin zai amince da ita',
  'summary.score':
    "makin ingancin sabis na abokin hulɗa, ma'aunin ingancin sabis da yanayin sauyi (babban kamfani: duk abokan hulɗa)",
  'summary.score weights': 'nauyin kowane ɓangare na maki (masu gudanarwa)',
  'summary.kpi target': 'manufofin KPI na abokin hulɗa, ko na asali ga kowa',
  'summary.kpi record': "ma'aunan KPI na abokin hulɗa na wani lokaci",
  'summary.rate': 'ƙimar gamsuwar abokin ciniki ga abokin hulɗa, 1–5',
  'summary.contract set': 'kwangilar abokin hulɗa: tsarin biya, kuɗi da farashi (masu gudanarwa)',
  'summary.contract show': 'kwangilar abokin hulɗa',
  'summary.usage record':
    'yawan amfani da aka auna na abokin hulɗa mai biya a kowane minti ko a kowace awa (masu gudanarwa)',
  'summary.deduct': 'ragi daga bayanin lissafin abokin hulɗa, misali saboda laifi (masu gudanarwa)',
  'summary.adjust': 'gyara a bayanin lissafin abokin hulɗa: ƙarin daidaita lissafi ko gyaran kuskure (masu gudanarwa)',
  'summary.settle': 'daftarin bayanin lissafi na wani lokaci, ana ɗora su nan a matsayin CSV (masu gudanarwa)',
  'summary.settle approve': 'amince da (kuma a kulle) daftarin bayanin lissafi na wani lokaci (masu gudanarwa)',
  'summary.statement': 'bayanin lissafin abokin hulɗa na wani lokaci (abokan hulɗa: nasu kawai)',
  'summary.whoami':
    "yadda Accord ke ganin ku: mai gudanarwa, ma'aikacin babban kamfani, ma'aikacin abokin hulɗa ko baƙo",
  'summary.checkin pause': 'dakatar da jadawalin bibiya na ɗan lokaci',
  'summary.checkin resume': 'sake fara jadawalin bibiya da aka dakatar',
};
