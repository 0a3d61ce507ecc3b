import type { Language } from '../../domain/language';
import { catalogue as en } from './en';
import { catalogue as ha } from './ha';
import { catalogue as lv } from './lv';
import type { Catalogue } from './types';
import { catalogue as vi } from './vi';
import { catalogue as zhCN } from './zh-CN';

export type { Catalogue, MessageKey } from './types';

/**
 * One catalogue per language, English the source (src/messages/locales/<language>/<area>.ts, the
 * same areas and keys in each; test/unit/messages/catalogues.test.ts checks the placeholders).
 */
export const catalogues: Readonly<Record<Language, Catalogue>> = { en, 'zh-CN': zhCN, vi, lv, ha };
