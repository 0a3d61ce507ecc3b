import { common } from './common';
import { language } from './language';
import { help } from './help';
import { escalation } from './escalation';
import { checkin } from './checkin';
import { project } from './project';
import { partner } from './partner';
import { score } from './score';
import type { Catalogue } from '../types';

export const catalogue: Catalogue = {
  ...common,
  ...language,
  ...help,
  ...escalation,
  ...checkin,
  ...project,
  ...partner,
  ...score,
};
