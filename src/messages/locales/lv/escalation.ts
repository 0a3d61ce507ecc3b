import type { escalation as source } from '../en/escalation';
import type { Translation } from '../types';

export const escalation: Translation<typeof source> = {};
