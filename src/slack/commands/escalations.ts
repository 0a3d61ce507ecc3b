import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { parseDuration } from '../../domain/duration';
import { parseLevels, type Hours, type SlaOverride } from '../../domain/escalations/policy';
import { usageError } from '../../errors';
import { parseEscalationRef } from '../../services/escalations/find-escalation';
import { listEscalations } from '../../services/escalations/list-escalations';
import { setQuota, setSlaPolicy, showSla } from '../../services/escalations/policies';
import { raiseEscalation } from '../../services/escalations/raise';
import { acknowledgeEscalation } from '../../services/escalations/acknowledge-escalation';
import { cancelEscalation } from '../../services/escalations/cancel-escalation';
import { resolveEscalation } from '../../services/escalations/resolve-escalation';
import { raiseModal } from '../../messages/escalation/message';
import { escalationUsage } from '../../messages/escalation/refusals';
import {
  acknowledgedReply,
  cancelledReply,
  escalationListReply,
  raisedReply,
  resolvedReply,
  slaOverviewReply,
  slaPolicySetReply,
  slaQuotaReply,
} from '../../messages/escalation/replies';
import {
  echoToken,
  oneOf,
  optionalNamed,
  refuseExtraPositional,
  refuseUnknownNamed,
  requireSlug,
  requireText,
} from './arg-helpers';
import { defineSubcommand } from './types';
import { isSeverity, severities, type Severity } from '../../domain/escalations/state';

export const ESCALATE = '/escalate sev1|sev2|sev3|sev4 <what happened> [activity="…"] [project=<slug>]';
const LIST = '/accord escalation list [open|all] [project=<slug>]';
const ACK = '/accord escalation ack ESC-<n>';
const RESOLVE = '/accord escalation resolve ESC-<n> "<summary>"';
const CANCEL = '/accord escalation cancel ESC-<n> "<reason>"';
const SLA_SET =
  '/accord sla set <sev> [ack=<dur>] [resolve=<dur>] [levels=<who>,…] [step=<dur>] [repeat=<n>] [hours=24x7|business] [partner=<slug>|project=<slug>]';
const SLA_SHOW = '/accord sla show [partner=<slug>|project=<slug>]';
const SLA_QUOTA = '/accord sla quota sev1=<n> [project=<slug>]';

const projectOption = (args: ParsedArgs) =>
  args.named.project === undefined ? undefined : requireSlug(args.named.project, 'project');

function escalationRef(args: ParsedArgs): number {
  const token = args.positional[0];
  if (!token) throw usageError(escalationUsage.refMissing());
  const id = parseEscalationRef(tokenText(token));
  if (id === undefined) throw usageError(escalationUsage.notARef(echoToken(token)));
  return id;
}

function durationOption(args: ParsedArgs, key: string): number | undefined {
  const text = optionalNamed(args, key);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw usageError(escalationUsage.notADuration(key, text));
  return ms;
}

export const escalationSubcommands = [
  defineSubcommand({
    name: 'escalate',
    topic: 'escalations',
    usage: ESCALATE,
    parse({ args }) {
      refuseUnknownNamed(args, ['activity', 'project']);
      const [first, ...rest] = args.positional;
      if (!first && Object.keys(args.named).length === 0) return { modal: true as const };
      const word = first ? tokenText(first).toLowerCase() : undefined;
      if (!word || !isSeverity(word))
        throw usageError(escalationUsage.severityFirst(severities, first ? echoToken(first) : undefined));
      const title = rest.map(tokenText).join(' ').trim();
      if (title.length === 0) throw usageError(escalationUsage.titleMissing());
      return {
        modal: false as const,
        severity: word,
        title,
        activity: optionalNamed(args, 'activity'),
        project: projectOption(args),
      };
    },
    modal: (parsed, channelId) => (parsed.modal ? raiseModal(channelId ?? '') : undefined),
    async run(ctx, parsed) {
      if (parsed.modal) throw usageError(escalationUsage.whatHappened());
      const r = await raiseEscalation({ ctx, input: { ...parsed } });
      return raisedReply({
        id: r.escalation.id,
        severity: r.escalation.severity,
        targetName: r.target?.name,
        downgraded: r.downgraded,
        redirected: r.redirected,
      });
    },
  }),
  defineSubcommand({
    name: 'escalation list',
    topic: 'escalations',
    usage: LIST,
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
      const { projectSlug, items, more } = await listEscalations({ ctx, input: { ...input } });
      return escalationListReply({
        projectSlug,
        which: input.which,
        items: items.map(({ escalation: e, partnerName }) => ({ ...e, breached: e.breachedAt !== null, partnerName })),
        more,
        now: ctx.clock.now(),
      });
    },
  }),
  defineSubcommand({
    name: 'escalation ack',
    topic: 'escalations',
    usage: ACK,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      refuseExtraPositional(args, 1);
      return { id };
    },
    async run(ctx, input) {
      return acknowledgedReply(await acknowledgeEscalation({ ctx, input }));
    },
  }),
  defineSubcommand({
    name: 'escalation resolve',
    topic: 'escalations',
    usage: RESOLVE,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      const summary = requireText(args.positional[1], escalationUsage.resolveSummaryLabel);
      refuseExtraPositional(args, 2);
      return { id, summary };
    },
    async run(ctx, input) {
      return resolvedReply((await resolveEscalation({ ctx, input })).id);
    },
  }),
  defineSubcommand({
    name: 'escalation cancel',
    topic: 'escalations',
    usage: CANCEL,
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      const reason = requireText(args.positional[1], escalationUsage.cancelReasonLabel);
      refuseExtraPositional(args, 2);
      return { id, reason };
    },
    async run(ctx, input) {
      return cancelledReply((await cancelEscalation({ ctx, input })).id);
    },
  }),
  defineSubcommand({
    name: 'sla set',
    topic: 'escalations',
    usage: SLA_SET,
    parse({ args }) {
      refuseUnknownNamed(args, ['ack', 'resolve', 'levels', 'step', 'repeat', 'hours', 'partner', 'project']);
      const sevToken = args.positional[0];
      const severity = oneOf(sevToken && tokenText(sevToken), severities, 'severity') as Severity;
      refuseExtraPositional(args, 1);
      const override: SlaOverride = {};
      const ack = durationOption(args, 'ack');
      const resolve = durationOption(args, 'resolve');
      const step = durationOption(args, 'step');
      if (ack !== undefined) override.ackMs = ack;
      if (resolve !== undefined) override.resolveMs = resolve;
      if (step !== undefined) override.stepMs = step;
      const repeatText = optionalNamed(args, 'repeat');
      if (repeatText !== undefined) {
        if (!/^\d{1,2}$/.test(repeatText)) throw usageError(escalationUsage.notRounds(repeatText));
        override.repeat = Number(repeatText);
      }
      const hours = optionalNamed(args, 'hours');
      if (hours !== undefined)
        override.hours = oneOf(hours, ['24x7', 'business'] as const, 'hours setting') satisfies Hours;
      const levelsToken = args.named.levels;
      if (levelsToken !== undefined) {
        const levels = parseLevels(levelsToken);
        if ('error' in levels) throw usageError(levels.error);
        override.levels = levels;
      }
      if (Object.keys(override).length === 0) throw usageError(escalationUsage.nothingToSet());
      const partner = args.named.partner === undefined ? undefined : requireSlug(args.named.partner, 'partner');
      return { severity, override, partner, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await setSlaPolicy({ ctx, input: { ...input } });
      return slaPolicySetReply(input.severity, r.scope, r.policy);
    },
  }),
  defineSubcommand({
    name: 'sla show',
    topic: 'escalations',
    usage: SLA_SHOW,
    parse({ args }) {
      refuseUnknownNamed(args, ['partner', 'project']);
      refuseExtraPositional(args, 0);
      return {
        partner: args.named.partner === undefined ? undefined : requireSlug(args.named.partner, 'partner'),
        project: projectOption(args),
      };
    },
    async run(ctx, input) {
      return slaOverviewReply(await showSla({ ctx, input: { ...input } }));
    },
  }),
  defineSubcommand({
    name: 'sla quota',
    topic: 'escalations',
    usage: SLA_QUOTA,
    parse({ args }) {
      refuseUnknownNamed(args, ['sev1', 'project']);
      refuseExtraPositional(args, 0);
      const text = optionalNamed(args, 'sev1');
      if (text === undefined || !/^\d{1,4}$/.test(text)) throw usageError(escalationUsage.quotaNumber());
      return { perMonth: Number(text), project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await setQuota({ ctx, input: { ...input } });
      return slaQuotaReply(r.project.slug, input.perMonth);
    },
  }),
];
