import { jsonish, str, type Args, type WebApiMethod } from '../args';
import { SlackApiError } from '../errors';
import type { StandInStore } from '../store';

/** views.*: the App Home (views.publish) and modals (views.open, views.update). */

/**
 * How long Slack honours a trigger_id (https://api.slack.com/interactivity/handling#modal_responses:
 * "trigger_id … expires in 3 seconds"). The stand-in knows when a trigger was issued when its id
 * starts with the issuing time in milliseconds, as the driver and the sandbox make them.
 */
const TRIGGER_LIFETIME_MS = 3000;

function publish(s: StandInStore, args: Args): Record<string, unknown> {
  const user = str(args.user_id);
  if (!user || !s.users.has(user)) throw new SlackApiError('user_not_found');
  const view = jsonish<Record<string, unknown>>(args.view);
  if (!view || view.type !== 'home') throw new SlackApiError('invalid_arguments');
  s.homeViews.set(user, view);
  return { view: { id: s.newId('V'), ...view } };
}

/**
 * views.open takes a trigger_id once (`exchanged_trigger_id`) and within its lifetime
 * (`expired_trigger_id`), as https://api.slack.com/methods/views.open lists.
 */
function openView(s: StandInStore, args: Args): Record<string, unknown> {
  const view = jsonish<Record<string, unknown>>(args.view);
  const triggerId = str(args.trigger_id);
  if (!view || !triggerId) throw new SlackApiError('invalid_arguments');
  if (s.usedTriggers.has(triggerId)) throw new SlackApiError('exchanged_trigger_id');
  const issued = /^(\d{13})\./.exec(triggerId)?.[1];
  if (issued !== undefined && Date.now() - Number(issued) > TRIGGER_LIFETIME_MS)
    throw new SlackApiError('expired_trigger_id');
  s.usedTriggers.add(triggerId);
  const id = s.newId('V');
  const hash = s.newHash();
  s.openedViews.push({ id, triggerId, view, hash, open: true });
  s.viewLog.push({ method: 'views.open', viewId: id, at: Date.now() });
  return { view: { id, hash, ...view } };
}

/**
 * views.update by view_id: the modal must be open (`not_found` otherwise), and a hash, when
 * given, must be the current one (`hash_conflict`), as https://api.slack.com/methods/views.update
 * documents; each update gives the view a new hash.
 */
function updateView(s: StandInStore, args: Args): Record<string, unknown> {
  const view = jsonish<Record<string, unknown>>(args.view);
  const viewId = str(args.view_id);
  if (!view || !viewId) throw new SlackApiError('invalid_arguments');
  const target = s.openedViews.find((v) => v.id === viewId);
  if (!target || !target.open) throw new SlackApiError('not_found');
  const hash = str(args.hash);
  if (hash !== undefined && hash !== target.hash) throw new SlackApiError('hash_conflict');
  target.view = view;
  target.hash = s.newHash();
  s.viewLog.push({ method: 'views.update', viewId, at: Date.now() });
  return { view: { id: viewId, hash: target.hash, ...view } };
}

export const views: Readonly<Record<string, WebApiMethod>> = {
  'views.publish': publish,
  'views.open': openView,
  'views.update': updateView,
};
