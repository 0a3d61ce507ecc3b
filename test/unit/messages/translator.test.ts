import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/messages/i18n/translator';

const at = new Date('2026-10-01T06:05:00Z');
/** CLDR keeps an amount and its currency together with no-break spaces. */
const nb = '\u00a0';

describe('numbers, money and times in each language’s conventions', () => {
  it('money: the currency and the separators of the language, always two decimals', () => {
    expect(translator('zh-CN').money(123450, 'CNY')).toBe('¥1,234.50');
    expect(translator('lv').money(123450, 'EUR')).toBe(`1234,50${nb}€`);
    expect(translator('lv').money(123456750, 'EUR')).toBe(`1${nb}234${nb}567,50${nb}€`);
    expect(translator('vi').money(123450, 'EUR')).toBe(`1.234,50${nb}€`);
    expect(translator('ha').money(123450, 'NGN')).toBe(`₦${nb}1,234.50`);
    // English keeps the network's form: the ISO code first.
    expect(translator('en').money(123450, 'EUR')).toBe('EUR 1,234.50');
  });

  it('money: exact beyond what a float holds, and negative amounts', () => {
    expect(translator('zh-CN').money(900719925474099199n, 'CNY')).toBe('¥9,007,199,254,740,991.99');
    expect(translator('lv').money(-5, 'EUR')).toBe(`-0,05${nb}€`);
  });

  it('dates and times in the project’s time zone, named', () => {
    expect(translator('zh-CN').dateTime(at, 'Asia/Shanghai')).toBe('2026年10月1日 14:05 (Asia/Shanghai)');
    expect(translator('lv').dateTime(at, 'Europe/Riga')).toBe('2026. g. 1. okt. 09:05 (Europe/Riga)');
    expect(translator('vi').dateTime(at, 'Asia/Ho_Chi_Minh')).toBe('13:05 1 thg 10, 2026 (Asia/Ho_Chi_Minh)');
    expect(translator('ha').dateTime(at, 'Africa/Lagos')).toBe('1 Okt, 2026, 07:05 (Africa/Lagos)');
    expect(translator('en').dateTime(at, 'Europe/Riga')).toBe('2026-10-01 09:05 Europe/Riga');
  });

  it('numbers and lists', () => {
    expect(translator('lv').number(1234.5, 1)).toBe('1234,5');
    expect(translator('vi').number(1234.5, 2)).toBe('1.234,50');
    expect(translator('zh-CN').list(['甲', '乙', '丙'])).toBe('甲、乙和丙');
    expect(translator('lv').list(['a', 'b', 'c'])).toBe('a, b un c');
    expect(translator('en').list(['a', 'b', 'c'])).toBe('a, b, and c');
  });
});
