import { common } from './common';
import { language } from './language';
import { help } from './help';
import { escalation } from './escalation';
import { checkin } from './checkin';
import { project } from './project';
import { partner } from './partner';
import { score } from './score';

/** The source catalogue: its keys are every message Accord has. */
export const catalogue = {
  ...common,
  ...language,
  ...help,
  ...escalation,
  ...checkin,
  ...project,
  ...partner,
  ...score,
} as const;
