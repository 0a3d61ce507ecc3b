import type { checkin as source } from '../en/checkin';
import type { Translation } from '../types';

export const checkin: Translation<typeof source> = {};
