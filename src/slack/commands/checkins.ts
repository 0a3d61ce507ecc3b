import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { checkinKinds, type CheckinKind } from '../../domain/checkins/questions';
import { parseDuration } from '../../domain/duration';
import { SCHEDULE_EXAMPLES } from '../../domain/schedule-words';
import { usageError } from '../../errors';
import { listSchedules } from '../../services/checkins/list-schedules';
import { removeSchedule } from '../../services/checkins/remove-schedule';
import { runCheckinNow } from '../../services/checkins/run-checkin-now';
import { scheduleCheckin } from '../../services/checkins/schedule-checkin';
import { setSchedulePaused } from '../../services/checkins/set-schedule-paused';
import { addRisk } from '../../services/risks/add-risk';
import { closeRisk } from '../../services/risks/close-risk';
import { listRisks } from '../../services/risks/list-risks';
import { updateRisk } from '../../services/risks/update-risk';
import { checkinUsage } from '../../messages/checkin/refusals';
import {
  pausedReply,
  ranNowReply,
  resumedReply,
  scheduledReply,
  scheduleListReply,
  scheduleRemovedReply,
} from '../../messages/checkin/replies';
import {
  echoToken,
  oneOf,
  optionalNamed,
  parseWith,
  refuseExtraPositional,
  refuseUnknownNamed,
  requireSlug,
  requireText,
  userToken,
} from './arg-helpers';
import { defineSubcommand } from './types';
import { parseRiskRef } from '../../domain/checkins/risks';
import { riskAddedReply, riskClosedReply, riskListReply, riskUpdatedReply, riskUsage } from '../../messages/risk';

const SCHEDULE =
  '/accord checkin schedule sync|risk <schedule> [tz=<IANA>] [remind=<dur>] [close=<dur>] [project=<slug>]';
const LIST = '/accord checkin list [project=<slug>]';
const RUN = '/accord checkin run sync|risk|<id> [project=<slug>]';
const PAUSE = '/accord checkin pause <id>';
const RESUME = '/accord checkin resume <id>';
const REMOVE = '/accord checkin remove <id>';
const RISK_ADD =
  '/accord risk add "<title>" [category=<area>|other] [likelihood=1-5] [impact=1-5] [owner=@user] [review=YYYY-MM-DD] [mitigation="…"] [project=<slug>]';
const RISK_LIST = '/accord risk list [open|all] [project=<slug>]';
const RISK_UPDATE =
  '/accord risk update R-<n> [title="…"] [category=…] [likelihood=1-5] [impact=1-5] [owner=@user] [review=YYYY-MM-DD] [mitigation="…"]';
const RISK_CLOSE = '/accord risk close R-<n> "<note>"';

const projectOption = (args: ParsedArgs) =>
  args.named.project === undefined ? undefined : requireSlug(args.named.project, 'project');

function kindArg(args: ParsedArgs): CheckinKind {
  const token = args.positional[0];
  return oneOf(token && tokenText(token), checkinKinds, 'check-in kind');
}

/**
 * The schedule: one quoted argument, or every plain word after the kind that is not `key=value`,
 * so `weekly mon 10:00`, `0 10 * * MON` and a 6-field cron with seconds all arrive whole.
 */
function scheduleArg(args: ParsedArgs): string {
  const words = args.positional.slice(1);
  const [first] = words;
  if (!first) throw usageError(checkinUsage.scheduleMissing(SCHEDULE_EXAMPLES));
  if (first.kind === 'quoted') {
    refuseExtraPositional(args, 2);
    return first.value;
  }
  const odd = words.find((t) => t.kind !== 'word');
  if (odd?.kind === 'quoted') throw usageError(checkinUsage.quotesOrNone(SCHEDULE_EXAMPLES));
  if (odd) throw usageError(checkinUsage.notPartOfSchedule(echoToken(odd), SCHEDULE_EXAMPLES));
  return words.map(tokenText).join(' ');
}

function durationArg(args: ParsedArgs, key: string): number | undefined {
  const text = optionalNamed(args, key);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw usageError(checkinUsage.notADuration(key, text));
  return ms;
}

function scheduleId(args: ParsedArgs): number {
  const token = args.positional[0];
  if (!token) throw usageError(checkinUsage.scheduleIdMissing());
  const text = tokenText(token).replace(/^#/, '');
  if (!/^\d{1,9}$/.test(text)) throw usageError(checkinUsage.notAScheduleId(echoToken(token)));
  refuseExtraPositional(args, 1);
  return Number(text);
}

function riskRef(args: ParsedArgs): number {
  const token = args.positional[0];
  if (!token) throw usageError(riskUsage.refMissing());
  const id = parseRiskRef(tokenText(token));
  if (id === undefined) throw usageError(riskUsage.notARef(echoToken(token)));
  return id;
}

function ownerOption(args: ParsedArgs): string | undefined {
  const token = args.named.owner;
  return token === undefined ? undefined : parseWith(userToken, token).id;
}

const riskFields = (args: ParsedArgs) => ({
  category: optionalNamed(args, 'category'),
  likelihood: optionalNamed(args, 'likelihood'),
  impact: optionalNamed(args, 'impact'),
  review: optionalNamed(args, 'review'),
  mitigation: optionalNamed(args, 'mitigation'),
  owner: ownerOption(args),
});

const RISK_KEYS = ['category', 'likelihood', 'impact', 'owner', 'review', 'mitigation'];

export const checkinSubcommands = [
  defineSubcommand({
    name: 'checkin schedule',
    topic: 'checkins',
    usage: SCHEDULE,
    parse({ args }) {
      refuseUnknownNamed(args, ['tz', 'remind', 'close', 'project']);
      const kind = kindArg(args);
      const schedule = scheduleArg(args);
      return {
        kind,
        schedule,
        timeZone: optionalNamed(args, 'tz'),
        remindMs: durationArg(args, 'remind'),
        closeMs: durationArg(args, 'close'),
        project: projectOption(args),
      };
    },
    async run(ctx, input) {
      const r = await scheduleCheckin({ ctx, input: { ...input } });
      return scheduledReply({ ...r.schedule, kind: input.kind, spec: r.spec, next: r.next });
    },
  }),
  defineSubcommand({
    name: 'checkin list',
    topic: 'checkins',
    usage: LIST,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      refuseExtraPositional(args, 0);
      return { project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await listSchedules({ ctx, input: { ...input } });
      return scheduleListReply(
        r.projectSlug,
        r.items.map(({ schedule, spec, next }) => ({ ...schedule, spec, next })),
        SCHEDULE,
      );
    },
  }),
  defineSubcommand({
    name: 'checkin run',
    topic: 'checkins',
    usage: RUN,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const token = args.positional[0];
      const id = token?.kind === 'word' ? /^#?(\d{1,9})$/.exec(token.value)?.[1] : undefined;
      refuseExtraPositional(args, 1);
      if (id === undefined) return { kind: kindArg(args), project: projectOption(args) };
      if (args.named.project !== undefined) throw usageError(checkinUsage.projectWithScheduleId());
      return { scheduleId: Number(id) };
    },
    async run(ctx, input) {
      const r = await runCheckinNow({ ctx, input: { ...input } });
      return ranNowReply({ kind: r.kind, scheduleId: r.schedule?.id, remindMs: r.remindMs, closeMs: r.closeMs });
    },
  }),
  ...(
    [
      ['pause', PAUSE, true],
      ['resume', RESUME, false],
    ] as const
  ).map(([verb, usage, paused]) =>
    defineSubcommand({
      name: `checkin ${verb}`,
      topic: 'checkins',
      usage,
      parse({ args }) {
        refuseUnknownNamed(args, []);
        return { id: scheduleId(args) };
      },
      async run(ctx, input) {
        const r = await setSchedulePaused({ ctx, input: { id: input.id, paused } });
        return paused
          ? pausedReply(input.id)
          : resumedReply(input.id, r.next ? { at: r.next, timeZone: r.schedule.timeZone } : undefined);
      },
    }),
  ),
  defineSubcommand({
    name: 'checkin remove',
    topic: 'checkins',
    usage: REMOVE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      return { id: scheduleId(args) };
    },
    async run(ctx, input) {
      await removeSchedule({ ctx, input: { ...input } });
      return scheduleRemovedReply(input.id);
    },
  }),
  defineSubcommand({
    name: 'risk add',
    topic: 'checkins',
    usage: RISK_ADD,
    parse({ args }) {
      refuseUnknownNamed(args, [...RISK_KEYS, 'project']);
      const title = requireText(args.positional[0], riskUsage.titleLabel);
      refuseExtraPositional(args, 1);
      return { title, ...riskFields(args), project: projectOption(args) };
    },
    async run(ctx, input) {
      return riskAddedReply(await addRisk({ ctx, input: { ...input } }));
    },
  }),
  defineSubcommand({
    name: 'risk list',
    topic: 'checkins',
    usage: RISK_LIST,
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const which = oneOf(
        args.positional[0] ? tokenText(args.positional[0]) : 'open',
        ['open', 'all'] as const,
        'filter',
      );
      refuseExtraPositional(args, 1);
      return { which, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await listRisks({ ctx, input: { ...input } });
      return riskListReply({ projectSlug: r.project.slug, which: input.which, items: r.items, today: r.today });
    },
  }),
  defineSubcommand({
    name: 'risk update',
    topic: 'checkins',
    usage: RISK_UPDATE,
    parse({ args }) {
      refuseUnknownNamed(args, [...RISK_KEYS, 'title']);
      const id = riskRef(args);
      refuseExtraPositional(args, 1);
      return { id, title: optionalNamed(args, 'title'), ...riskFields(args) };
    },
    async run(ctx, input) {
      const r = await updateRisk({ ctx, input: { ...input } });
      return riskUpdatedReply(r.risk.id, r.changes);
    },
  }),
  defineSubcommand({
    name: 'risk close',
    topic: 'checkins',
    usage: RISK_CLOSE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = riskRef(args);
      const note = requireText(args.positional[1], riskUsage.closeNoteLabel);
      refuseExtraPositional(args, 2);
      return { id, note };
    },
    async run(ctx, input) {
      return riskClosedReply((await closeRisk({ ctx, input: { ...input } })).id);
    },
  }),
];
