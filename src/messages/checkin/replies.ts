import type { CheckinKind } from '../../domain/checkins/questions';
import type { CronSpec } from '../../domain/cron/spec';
import { formatDuration } from '../../domain/duration';
import { hasWords, scheduleInWords } from '../../domain/schedule-words';
import { formatLocal } from '../../domain/time-zone';
import { escapeText } from '../mrkdwn';
import type { Reply } from '../types';

// What the person who asked is told about check-ins: the answers of the commands, buttons and forms.

/** `every Monday at 10:00 Europe/Riga (\`0 10 * * 1\`)`, or the cron alone when it has no short wording. */
function scheduleText(spec: CronSpec, timeZone: string): string {
  const words = scheduleInWords(spec, timeZone);
  return hasWords(spec) ? `${words} (\`${spec.source}\`)` : words;
}

const kindWords = (kind: CheckinKind) => (kind === 'sync' ? 'sync' : 'risk review');

/** The timing a schedule was stored with. */
export interface ScheduleTimingView {
  id: number;
  timeZone: string;
  remindMs: number;
  closeMs: number;
}

export function scheduledReply(
  s: ScheduleTimingView & { kind: CheckinKind; spec: CronSpec; next: Date | undefined },
): Reply {
  const next = s.next ? ` Next: ${formatLocal(s.next, s.timeZone)}.` : '';
  return {
    text: `:white_check_mark: Check-in schedule ${s.id}: ${kindWords(s.kind)} ${scheduleText(s.spec, s.timeZone)}, reminder after ${formatDuration(s.remindMs)}, closes after ${formatDuration(s.closeMs)}.${next}`,
  };
}

export interface ScheduleListLine extends ScheduleTimingView {
  kind: CheckinKind;
  cron: string;
  paused: boolean;
  /** Undefined only for a stored cron this version no longer reads. */
  spec: CronSpec | undefined;
  next: Date | undefined;
}

/** `scheduleUsage` is the usage line of `/accord checkin schedule`, offered when there is none. */
export function scheduleListReply(
  projectSlug: string,
  items: readonly ScheduleListLine[],
  scheduleUsage: string,
): Reply {
  if (items.length === 0)
    return { text: `\`${projectSlug}\` has no check-in schedules. Add one with \`${scheduleUsage}\`.` };
  const lines = items.map((s) => {
    const when = s.spec ? scheduleText(s.spec, s.timeZone) : `\`${escapeText(s.cron)}\` (${s.timeZone})`;
    const state = s.paused ? ' — paused' : s.next ? ` — next ${formatLocal(s.next, s.timeZone)}` : '';
    return `• *${s.id}* ${s.kind} — ${when}, remind ${formatDuration(s.remindMs)}, close ${formatDuration(s.closeMs)}${state}`;
  });
  return { text: `*Check-ins of \`${projectSlug}\`*\n${lines.join('\n')}` };
}

/** `scheduleId` is the schedule whose timing the check-in took; undefined when it took the defaults. */
export function ranNowReply(r: {
  kind: CheckinKind;
  scheduleId: number | undefined;
  remindMs: number;
  closeMs: number;
}): Reply {
  const timing = `reminder after ${formatDuration(r.remindMs)}, closes after ${formatDuration(r.closeMs)}`;
  const from =
    r.scheduleId !== undefined
      ? `with schedule ${r.scheduleId}’s timing`
      : `with the default timing, as the project has no ${kindWords(r.kind)} schedule`;
  const kind = kindWords(r.kind);
  return {
    text: `:white_check_mark: ${kind.charAt(0).toUpperCase()}${kind.slice(1)} check-in posted in the project channel, ${from}: ${timing}.`,
  };
}

export const pausedReply = (id: number): Reply => ({ text: `:white_check_mark: Check-in schedule ${id} paused.` });

export function resumedReply(id: number, next: { at: Date; timeZone: string } | undefined): Reply {
  return {
    text: `:white_check_mark: Check-in schedule ${id} resumed${next ? `; next ${formatLocal(next.at, next.timeZone)}` : ''}.`,
  };
}

export const scheduleRemovedReply = (id: number): Reply => ({
  text: `:white_check_mark: Check-in schedule ${id} removed.`,
});

/** The title of the answer form while it loads. */
export const answerFormTitle = 'Check-in';

/** *Answer* was pressed but Slack would not open the form. */
export const answerFormNotOpened = (): Reply => ({
  text: ':warning: Slack would not open the form; reply in the check-in’s thread instead.',
});

/** A form answer that no longer matched the check-in's questions; `errors` are the per-question messages. */
export const answerNotRecorded = (errors: Record<string, string>): Reply => ({
  text: `:warning: Your answer was not recorded: ${Object.values(errors).join(' ')} Press *Answer* again.`,
});
