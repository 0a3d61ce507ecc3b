import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../../domain/language';
import { formatMoney, formatMoneyPlain } from '../../domain/money';
import { formatLocal } from '../../domain/time-zone';
import { catalogues, type MessageKey } from '../locales';

/** What a message's placeholders are filled with. */
export type MessageValues = Readonly<Record<string, string | number>>;

/**
 * Every word of one language: the catalogue's messages (ICU MessageFormat, through
 * intl-messageformat) and numbers, money and times in that language's conventions (Intl, CLDR).
 * Message builders take one and never concatenate words of their own.
 */
export interface Translator {
  readonly language: Language;
  /** The catalogue's message with its placeholders filled. */
  msg(key: MessageKey, values?: MessageValues): string;
  /** A count or a figure: `1,234.5` · `1.234,5` · `1234,5`. */
  number(n: number, fractionDigits?: number): string;
  /** An amount of hundredths in `currency`: `CNY 1,234.50` (English), `¥1,234.50`, `1234,50 €`. */
  money(cents: number | bigint, currency: string): string;
  /** A moment in `timeZone`, labelled with it. */
  dateTime(at: Date, timeZone: string): string;
  /** `a, b and c` in the language's own way. */
  list(items: readonly string[]): string;
}

/**
 * English keeps the network's neutral forms: ISO dates on the 24-hour clock and amounts led by
 * their ISO currency code, which read the same to an English speaker in any country. Every other
 * language formats through Intl with its own conventions (CLDR), the time zone named after.
 */
function english(): Translator {
  const catalogue = compiled('en');
  const list = new Intl.ListFormat('en', { type: 'conjunction' });
  return {
    language: 'en',
    msg: (key, values) => catalogue(key, values),
    number: (n, fractionDigits) =>
      new Intl.NumberFormat('en', fractionDigits === undefined ? {} : fixed(fractionDigits)).format(n),
    money: (cents, currency) => `${currency} ${formatMoney(cents)}`,
    dateTime: (at, timeZone) => formatLocal(at, timeZone),
    list: (items) => list.format(items),
  };
}

const fixed = (digits: number): Intl.NumberFormatOptions => ({
  minimumFractionDigits: digits,
  maximumFractionDigits: digits,
});

function localised(language: Exclude<Language, 'en'>): Translator {
  const catalogue = compiled(language);
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  const times = new Map<string, Intl.DateTimeFormat>();
  const timeFormat = (timeZone: string) => {
    let f = times.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      });
      times.set(timeZone, f);
    }
    return f;
  };
  return {
    language,
    msg: (key, values) => catalogue(key, values),
    number: (n, fractionDigits) =>
      new Intl.NumberFormat(language, fractionDigits === undefined ? {} : fixed(fractionDigits)).format(n),
    // Accord keeps every amount in hundredths (currencies with other minor units are refused), so
    // two decimals always, whatever CLDR would round the currency to.
    money: (cents, currency) =>
      // An exact decimal string (`-0.05`), which Intl formats without rounding through a float;
      // the cast is only TypeScript's lib, which types format() for numbers alone.
      new Intl.NumberFormat(language, { style: 'currency', currency, ...fixed(2) }).format(
        formatMoneyPlain(cents) as unknown as number,
      ),
    dateTime: (at, timeZone) => `${timeFormat(timeZone).format(at)} (${timeZone})`,
    list: (items) => list.format(items),
  };
}

/** The catalogue of `language`, each message parsed once, on first use. */
function compiled(language: Language): (key: MessageKey, values?: MessageValues) => string {
  const catalogue = catalogues[language];
  const formats = new Map<MessageKey, IntlMessageFormat>();
  return (key, values) => {
    let format = formats.get(key);
    if (!format) {
      // Slack's mrkdwn uses <…> for mentions and links: never tags here.
      format = new IntlMessageFormat(catalogue[key], language, undefined, { ignoreTag: true });
      formats.set(key, format);
    }
    return String(format.format(values));
  };
}

const translators = new Map<Language, Translator>();

/** The translator for `language` (one per language, kept). */
export function translator(language: Language): Translator {
  let t = translators.get(language);
  if (!t) {
    t = language === 'en' ? english() : localised(language);
    translators.set(language, t);
  }
  return t;
}

/** English, for what is written before anyone's language is known (and for the logs). */
export const en: Translator = translator('en');
