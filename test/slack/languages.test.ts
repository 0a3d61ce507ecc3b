import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, partners, projects, userLanguages } from '../../src/db/schema';
import { translator } from '../../src/messages/i18n/translator';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people, quinn, VENDOR_TEAM } from '../../src/testkit/world';

/** A vendor member whose Slack is in Chinese (users.info `locale`). */
const lin = { id: 'U0LIN', teamId: VENDOR_TEAM, name: 'lin', locale: 'zh-CN' };

const helpTitle = (language: Parameters<typeof translator>[0]) => translator(language).msg('help.topic.basics');

describe.each(drivers)('the language of each reader (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const chosen = async (userId: string) =>
    (await db().select().from(userLanguages).where(eq(userLanguages.userId, userId)))[0]?.language;

  beforeAll(async () => {
    h = await startHarness({ driver, users: [quinn, lin] });
    expect(await h.ask(people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER')).toContain(':white_check_mark:');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers in English by default, and in Chinese to someone whose Slack is in Chinese', async () => {
    expect(await h.ask(people.victor, 'help')).toContain(helpTitle('en'));
    const help = await h.ask(lin, 'help');
    expect(help).toContain(helpTitle('zh-CN'));
    expect(help).not.toContain(helpTitle('en'));
    // Commands keep their words in every language.
    expect(help).toContain('`/accord escalation ack ESC-<n>`');
  });

  it('`/accord language` sets a person’s own language: the reply, the help and a typo’s refusal are in it', async () => {
    expect(await h.ask(people.victor, 'language lv')).toBe(
      translator('lv').msg('language.set', { language: 'latviešu' }),
    );
    expect(await chosen(people.victor.id)).toBe('lv');
    expect(await h.ask(people.victor, 'help')).toContain(helpTitle('lv'));
    // Answered in the acknowledgement itself, before any database work.
    const typo = await h.ask(people.victor, 'escalatoin list');
    expect(typo).toBe(
      ':warning: Nezināma komanda `escalatoin`. Vai domājāt `escalation`?\nLietojums: `/accord help [topic]`',
    );
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, 'user.language_set'));
    expect(audit).toEqual([expect.objectContaining({ actor: people.victor.id, data: { language: 'lv' } })]);
  });

  it('refuses a language it does not speak, in the asker’s language, and changes nothing', async () => {
    const reply = await h.ask(people.victor, 'language fr');
    expect(reply).toContain('Accord nerunā valodā `fr`');
    expect(reply).toContain('`zh-CN` (简体中文)');
    expect(reply).toContain('Lietojums: `/accord language en|zh-CN|vi|lv|ha|auto`');
    expect(await h.ask(people.victor, 'language')).toContain('Norādiet valodu');
    expect(await chosen(people.victor.id)).toBe('lv');
  });

  it('`auto` forgets the choice: Accord chooses again', async () => {
    const reply = await h.ask(people.victor, 'language auto');
    expect(reply).toBe(translator('en').msg('language.auto', { language: 'English' }));
    expect(await chosen(people.victor.id)).toBeUndefined();
    expect(await h.ask(people.victor, 'help')).toContain(helpTitle('en'));
    // A choice wins over Slack's own locale.
    expect(await h.ask(lin, 'language vi')).toContain('Tiếng Việt');
    expect(await h.ask(lin, 'help')).toContain(helpTitle('vi'));
  });

  it('a partner’s language is its people’s default; only admins set it', async () => {
    expect(await h.ask(people.alice, 'partner member add acme <@U0PAT> lead')).toContain(':white_check_mark:');
    expect(await h.ask(people.pat, 'help')).toContain(helpTitle('en'));
    expect(await h.ask(people.victor, 'partner set acme lang=vi')).toContain(':no_entry:');
    expect((await db().select().from(partners).where(eq(partners.slug, 'acme')))[0]?.language).toBeNull();
    expect(await h.ask(people.alice, 'partner set acme lang=ha')).toContain('Acme Telecom');
    expect((await db().select().from(partners).where(eq(partners.slug, 'acme')))[0]?.language).toBe('ha');
    expect(await h.ask(people.pat, 'help')).toContain(helpTitle('ha'));
    // The admin is answered in their own language, not the partner's.
    expect(await h.ask(people.alice, 'partner set acme lang=xx')).toContain('Accord does not speak `xx`');
    expect(await h.ask(people.alice, 'partner set acme')).toContain('Say what to set: `lang=<language>`');
    expect((await db().select().from(partners).where(eq(partners.slug, 'acme')))[0]?.language).toBe('ha');
  });

  it('a project’s language is the default in its channel; its owner or an admin sets it', async () => {
    expect(await h.ask(people.victor, 'project create riga "Riga rollout" partners=acme')).toContain('riga');
    const project = (await db().select().from(projects).where(eq(projects.slug, 'riga')))[0];
    const channel = project?.channelId ?? '';
    h.standIn.channels.get(channel)?.members.add(people.vera.id);
    expect(await h.ask(quinn, 'project set project=riga lang=lv')).toContain('<@U0VICTOR>');
    expect(await h.ask(people.victor, 'project set project=riga lang=lv')).toContain('`riga`');
    expect((await db().select().from(projects).where(eq(projects.slug, 'riga')))[0]?.language).toBe('lv');
    // Vera chose nothing: in the project's channel she reads Latvian, elsewhere the network's English.
    expect(await h.ask(people.vera, 'help', '/accord', channel)).toContain(helpTitle('lv'));
    expect(await h.ask(people.vera, 'help')).toContain(helpTitle('en'));
    // Pat's partner language (Hausa) comes before the project's.
    expect(await h.ask(people.alice, 'project set project=riga lang=auto')).toContain('English');
    expect((await db().select().from(projects).where(eq(projects.slug, 'riga')))[0]?.language).toBeNull();
  });
});
