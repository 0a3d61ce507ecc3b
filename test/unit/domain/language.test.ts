import { describe, expect, it } from 'vitest';
import { languageOfSlackLocale, parseLanguage, readerLanguage } from '../../../src/domain/language';

describe('language codes', () => {
  it('reads the ways people write them', () => {
    expect(parseLanguage('zh-CN')).toBe('zh-CN');
    expect(parseLanguage('zh')).toBe('zh-CN');
    expect(parseLanguage('ZH_cn')).toBe('zh-CN');
    expect(parseLanguage('zh-Hans')).toBe('zh-CN');
    expect(parseLanguage('vi')).toBe('vi');
    expect(parseLanguage('LV')).toBe('lv');
    expect(parseLanguage('ha')).toBe('ha');
    expect(parseLanguage('en-GB')).toBe('en');
    expect(parseLanguage('zh-TW')).toBeUndefined();
    expect(parseLanguage('fr')).toBeUndefined();
    expect(parseLanguage('')).toBeUndefined();
  });

  it('Slack’s locale gives Chinese or English, nothing else of ours', () => {
    expect(languageOfSlackLocale('zh-CN')).toBe('zh-CN');
    expect(languageOfSlackLocale('en-US')).toBe('en');
    expect(languageOfSlackLocale('zh-TW')).toBeUndefined();
    expect(languageOfSlackLocale('ja-JP')).toBeUndefined();
    expect(languageOfSlackLocale(undefined)).toBeUndefined();
  });
});

describe('the reader’s language', () => {
  const network = 'en' as const;
  it('is their own choice first, whatever else says', () => {
    expect(readerLanguage({ own: 'ha', slackLocale: 'zh-CN', partner: 'vi', project: 'lv', network })).toBe('ha');
  });
  it('then Slack’s locale when it is Chinese', () => {
    expect(readerLanguage({ slackLocale: 'zh-CN', partner: 'vi', project: 'lv', network })).toBe('zh-CN');
  });
  it('an English Slack locale decides nothing: the partner’s, then the project’s, then the network’s language', () => {
    expect(readerLanguage({ slackLocale: 'en-US', partner: 'vi', project: 'lv', network })).toBe('vi');
    expect(readerLanguage({ slackLocale: 'en-US', project: 'lv', network })).toBe('lv');
    expect(readerLanguage({ slackLocale: 'en-US', network: 'lv' })).toBe('lv');
    expect(readerLanguage({ network })).toBe('en');
  });
  it('a Slack locale Accord does not speak decides nothing either', () => {
    expect(readerLanguage({ slackLocale: 'ja-JP', project: 'vi', network })).toBe('vi');
  });
});
