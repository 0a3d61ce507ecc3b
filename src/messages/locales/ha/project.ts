import type { project as source } from '../en/project';
import type { Translation } from '../types';

export const project: Translation<typeof source> = {};
