import type { partner as source } from '../en/partner';
import type { Translation } from '../types';

export const partner: Translation<typeof source> = {};
