import { appHomeNotShownLines } from '../lines';
import type { Session } from '../session';
import { nowTs } from './ids';

/** home: the person opens their App Home, and Slack tells Accord (app_home_opened). */

export async function openHome(s: Session): Promise<string[]> {
  const { driver } = s.started();
  const refusal = s.standIn.appHomeRefusal(s.user.teamId);
  if (refusal !== undefined) return appHomeNotShownLines(refusal);
  const res = await driver.event({
    type: 'app_home_opened',
    user: s.user.id,
    channel: `D${s.user.id.slice(1)}`,
    tab: 'home',
    event_ts: nowTs(),
  });
  const published = () => s.transcript.pending.some((h) => h.kind === 'home' && h.userId === s.user.id);
  const lines = await s.settleAndFlushWith(published);
  const refused = res.status === 200 ? [] : [`Accord answered HTTP ${res.status} to app_home_opened.`];
  return [...lines.out, ...refused, ...(lines.seen ? [] : ['Accord published no App Home for you.'])];
}
