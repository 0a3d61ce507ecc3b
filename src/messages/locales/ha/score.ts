import type { score as source } from '../en/score';
import type { Translation } from '../types';

export const score: Translation<typeof source> = {};
