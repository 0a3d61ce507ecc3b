import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { languages, type Language } from '../../../src/domain/language';
import { translator } from '../../../src/messages/i18n/translator';
import { catalogues, type MessageKey } from '../../../src/messages/locales';
import { summaryKey } from '../../../src/messages/command-replies';
import { subcommands } from '../../../src/slack/commands/registry';

const source = catalogues.en;
const keys = Object.keys(source) as MessageKey[];

/** The placeholders of a message (plural and select arguments included), by name. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (
        e.type === TYPE.argument ||
        e.type === TYPE.number ||
        e.type === TYPE.date ||
        e.type === TYPE.time ||
        e.type === TYPE.select ||
        e.type === TYPE.plural
      )
        found.add(e.value);
      if (e.type === TYPE.select || e.type === TYPE.plural)
        for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

/** The plural arguments of a message with the categories each offers. */
function plurals(message: string): Array<{ name: string; categories: string[] }> {
  const out: Array<{ name: string; categories: string[] }> = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.plural) out.push({ name: e.value, categories: Object.keys(e.options) });
      if (e.type === TYPE.select || e.type === TYPE.plural)
        for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return out;
}

/** Values for every placeholder of `message`: numbers where it counts, words elsewhere. */
function sampleValues(message: string, n: number): Record<string, string | number> {
  const counted = new Set(plurals(message).map((p) => p.name));
  return Object.fromEntries(placeholders(message).map((name) => [name, counted.has(name) ? n : `‹${name}›`]));
}

const others = languages.filter((l): l is Exclude<Language, 'en'> => l !== 'en');

describe('the message catalogues', () => {
  it.each(others)('%s has every key of the English catalogue and no other', (language) => {
    const catalogue = catalogues[language];
    expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
  });

  it.each(others)('%s keeps every placeholder of each English message, and adds none', (language) => {
    const catalogue = catalogues[language];
    const differing = keys.filter((k) => placeholders(catalogue[k]).join() !== placeholders(source[k]).join());
    expect(differing).toEqual([]);
  });

  it.each(languages)('%s: every message formats, with every plural form the language has', (language) => {
    const t = translator(language);
    for (const key of keys)
      for (const n of [0, 1, 2, 5, 11, 21])
        expect(() => t.msg(key, sampleValues(source[key], n)), `${language} ${key}`).not.toThrow();
  });

  it.each(languages)('%s: a plural offers the categories the language uses (always `other`)', (language) => {
    const rules = new Intl.PluralRules(language);
    const used = new Set([0, 1, 2, 5, 11, 21, 101].map((n) => rules.select(n)));
    const catalogue = catalogues[language];
    const missing = keys.flatMap((k) =>
      plurals(catalogue[k]).flatMap((p) =>
        // A category the message has no branch for falls to `other`: allowed only when there is one.
        p.categories.includes('other') ? [] : [`${k} {${p.name}}: no other (uses ${[...used].join(', ')})`],
      ),
    );
    expect(missing).toEqual([]);
  });

  it('has a help summary for every subcommand, in every language', () => {
    const missing = subcommands.map((s) => summaryKey(s.name)).filter((k) => !(k in source));
    expect(missing).toEqual([]);
    for (const language of languages)
      for (const s of subcommands) expect(translator(language).msg(summaryKey(s.name)).length).toBeGreaterThan(3);
  });

  it.each(others)('%s translates: a message is English only where it is all code, names and marks', (language) => {
    const catalogue = catalogues[language];
    // What stays as written in every language: code spans, mentions, placeholders, emoji codes.
    const prose = (m: string) =>
      m
        .replace(/`[^`]*`/g, '')
        .replace(/<[^>]*>/g, '')
        .replace(/\{[^{}]*\}/g, '')
        .replace(/:[a-z0-9_+-]+:/g, '')
        .replace(/\b(Accord|Slack|Connect|RACI|ESC|sev[1-4]|SLA|KPI|CSV|ID)\b/g, '')
        .trim();
    const same = keys.filter((k) => prose(source[k]).length > 12 && prose(catalogue[k]) === prose(source[k]));
    expect(same).toEqual([]);
  });
});

describe('plural forms', () => {
  it('Latvian has three: 1 and 21 one, 2 and 5 other, 0 and 11 zero', () => {
    const lv = translator('lv');
    const ahead = (n: number) => lv.msg('reply.queuedAhead', { ahead: n });
    expect(ahead(1)).toMatch(/^pirms Jūsu pieprasījuma ir vēl 1 pieprasījums\./);
    expect(ahead(21)).toMatch(/ 21 pieprasījums\./);
    expect(ahead(2)).toMatch(/ 2 pieprasījumi\./);
    expect(ahead(5)).toMatch(/ 5 pieprasījumi\./);
    expect(ahead(11)).toMatch(/ 11 pieprasījumu\./);
    expect(ahead(0)).toMatch(/ 0 pieprasījumu\./);
  });

  it('English has two; Chinese and Vietnamese one form for every number', () => {
    expect(translator('en').msg('reply.queuedAhead', { ahead: 1 })).toMatch(/^1 request is ahead/);
    expect(translator('en').msg('reply.queuedAhead', { ahead: 21 })).toMatch(/^21 requests are ahead/);
    const zh = (n: number) => translator('zh-CN').msg('reply.queuedAhead', { ahead: n });
    expect(zh(1).replace('1', 'N')).toBe(zh(5).replace('5', 'N'));
    const vi = (n: number) => translator('vi').msg('reply.queuedAhead', { ahead: n });
    expect(vi(1).replace('1', 'N')).toBe(vi(21).replace('21', 'N'));
  });
});
