import { tokenText, type ParsedArgs } from '../../domain/args/token';
import { formatDuration, parseDuration } from '../../domain/duration';
import { describePolicy, parseLevels, type Hours, type SlaOverride } from '../../domain/escalations/policy';
import { usageError } from '../../errors';
import { escalationLabel, parseEscalationRef } from '../../services/escalations/find-escalation';
import { listEscalations } from '../../services/escalations/list-escalations';
import { setQuota, setSlaPolicy, showSla } from '../../services/escalations/policies';
import { raiseEscalation } from '../../services/escalations/raise';
import { acknowledgeEscalation, cancelEscalation, resolveEscalation } from '../../services/escalations/transitions';
import { formatLocal } from '../../domain/time-zone';
import { missText, raiseModal } from '../../messages/escalation';
import { escapeText, mentionUser } from '../../messages/mrkdwn';
import { echoToken, oneOf, optionalNamed, refuseExtraPositional, refuseUnknownNamed, requireSlug, requireText } from './arg-helpers';
import { defineSubcommand } from './types';
import { isSeverity, severities, type Severity } from '../../domain/escalations/state';

export const ESCALATE = '/escalate sev1|sev2|sev3|sev4 <what happened> [activity="…"] [project=<slug>]';
const LIST = '/accord escalation list [open|all] [project=<slug>]';
const ACK = '/accord escalation ack ESC-<n>';
const RESOLVE = '/accord escalation resolve ESC-<n> "<summary>"';
const CANCEL = '/accord escalation cancel ESC-<n> "<reason>"';
const SLA_SET = '/accord sla set <sev> [ack=<dur>] [resolve=<dur>] [levels=<who>,…] [step=<dur>] [repeat=<n>] [hours=24x7|business] [partner=<slug>|project=<slug>]';
const SLA_SHOW = '/accord sla show [partner=<slug>|project=<slug>]';
const SLA_QUOTA = '/accord sla quota sev1=<n> [project=<slug>]';

const projectOption = (args: ParsedArgs) => (args.named.project === undefined ? undefined : requireSlug(args.named.project, 'project'));

function escalationRef(args: ParsedArgs): number {
  const token = args.positional[0];
  if (!token) throw usageError('Name the escalation, e.g. `ESC-12`.');
  const id = parseEscalationRef(tokenText(token));
  if (id === undefined) throw usageError(`\`${echoToken(token)}\` is not an escalation number; they look like \`ESC-12\`.`);
  return id;
}

function durationOption(args: ParsedArgs, key: string): number | undefined {
  const text = optionalNamed(args, key);
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw usageError(`\`${key}=${escapeText(text.slice(0, 20))}\` is not a duration; write e.g. \`15m\`, \`4h\`, \`2d\` or \`1h30m\`.`);
  return ms;
}

export const escalationSubcommands = [
  defineSubcommand({
    name: 'escalate',
    topic: 'escalations',
    usage: ESCALATE,
    summary: 'raise an escalation in a project channel (no arguments: a form)',
    parse({ args }) {
      refuseUnknownNamed(args, ['activity', 'project']);
      const [first, ...rest] = args.positional;
      if (!first && Object.keys(args.named).length === 0) return { modal: true as const };
      const word = first ? tokenText(first).toLowerCase() : undefined;
      if (!word || !isSeverity(word)) throw usageError(`Start with the severity: ${severities.map((s) => `\`${s}\``).join(', ')}${first ? ` (not \`${echoToken(first)}\`)` : ''}.`);
      const title = rest.map(tokenText).join(' ').trim();
      if (title.length === 0) throw usageError('Say what happened after the severity.');
      return { modal: false as const, severity: word, title, activity: optionalNamed(args, 'activity'), project: projectOption(args) };
    },
    modal: (parsed, channelId) => (parsed.modal ? raiseModal(channelId ?? '') : undefined),
    async run(ctx, parsed) {
      if (parsed.modal) throw usageError('Say what happened.');
      const r = await raiseEscalation({ ctx, input: { ...parsed } });
      const label = escalationLabel(r.escalation.id);
      const target = r.target ? escapeText(r.target.name) : 'the vendor team';
      const downgraded = r.downgraded ? ` It was opened as ${r.escalation.severity}: the project's monthly sev1 quota is used up; a vendor admin can upgrade it.` : '';
      const redirected = r.redirected ? ' Another partner is Accountable for that activity, so it goes to the vendor team, who will hand it on if needed.' : '';
      return { text: `:rotating_light: *${label}* raised for ${target}; level 1 has been notified in the channel.${redirected}${downgraded}` };
    },
  }),
  defineSubcommand({
    name: 'escalation list',
    topic: 'escalations',
    usage: LIST,
    summary: 'a project’s open escalations, or all of them',
    parse({ args }) {
      refuseUnknownNamed(args, ['project']);
      const which = oneOf(args.positional[0] ? tokenText(args.positional[0]) : 'open', ['open', 'all'] as const, 'filter');
      refuseExtraPositional(args, 1);
      return { which, project: projectOption(args) };
    },
    async run(ctx, input) {
      const { projectSlug, items, more } = await listEscalations({ ctx, input: { ...input } });
      if (items.length === 0) return { text: `\`${projectSlug}\` has no ${input.which === 'open' ? 'open ' : ''}escalations.` };
      const now = ctx.clock.now().getTime();
      const lines = items.map(({ escalation: e, targetName }) => {
        const age = formatDuration(Math.max(0, now - e.openedAt.getTime()));
        const state = e.status === 'acknowledged' ? `acknowledged by ${mentionUser(e.acknowledgedBy ?? '')}` : e.status === 'open' ? `open ${age}, level ${e.level}` : e.status;
        return `• *${escalationLabel(e.id)}* ${e.severity} — ${escapeText(e.title)} (${escapeText(targetName)}; ${state}${e.breachedAt ? ', SLA breached' : ''})`;
      });
      return { text: `*Escalations in \`${projectSlug}\`*\n${lines.join('\n')}${more ? '\n…and older ones.' : ''}` };
    },
  }),
  defineSubcommand({
    name: 'escalation ack',
    topic: 'escalations',
    usage: ACK,
    summary: 'acknowledge an escalation targeted at you',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      refuseExtraPositional(args, 1);
      return { id };
    },
    async run(ctx, input) {
      const r = await acknowledgeEscalation({ ctx, input });
      const late = r.miss ? ` :warning: Late: ${missText(r.miss, (at) => formatLocal(at, r.timeZone))}.` : '';
      return { text: `:white_check_mark: ${r.label} acknowledged after ${formatDuration(r.afterMs)}.${late}` };
    },
  }),
  defineSubcommand({
    name: 'escalation resolve',
    topic: 'escalations',
    usage: RESOLVE,
    summary: 'resolve an escalation with a summary of what was done',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      const summary = requireText(args.positional[1], 'Say how it was resolved, in quotes');
      refuseExtraPositional(args, 2);
      return { id, summary };
    },
    async run(ctx, input) {
      const r = await resolveEscalation({ ctx, input });
      return { text: `:white_check_mark: ${r.label} resolved.` };
    },
  }),
  defineSubcommand({
    name: 'escalation cancel',
    topic: 'escalations',
    usage: CANCEL,
    summary: 'cancel an escalation raised by mistake',
    parse({ args }) {
      refuseUnknownNamed(args, []);
      const id = escalationRef(args);
      const reason = requireText(args.positional[1], 'Give the reason, in quotes');
      refuseExtraPositional(args, 2);
      return { id, reason };
    },
    async run(ctx, input) {
      const r = await cancelEscalation({ ctx, input });
      return { text: `:white_check_mark: ${r.label} cancelled.` };
    },
  }),
  defineSubcommand({
    name: 'sla set',
    topic: 'escalations',
    usage: SLA_SET,
    summary: 'the SLA policy of a severity, network-wide, per partner or per project',
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
        if (!/^\d{1,2}$/.test(repeatText)) throw usageError(`\`repeat=${escapeText(repeatText.slice(0, 10))}\` is not a number of rounds (1–10).`);
        override.repeat = Number(repeatText);
      }
      const hours = optionalNamed(args, 'hours');
      if (hours !== undefined) override.hours = oneOf(hours, ['24x7', 'business'] as const, 'hours setting') satisfies Hours;
      const levelsToken = args.named.levels;
      if (levelsToken !== undefined) {
        const levels = parseLevels(levelsToken);
        if ('error' in levels) throw usageError(levels.error);
        override.levels = levels;
      }
      if (Object.keys(override).length === 0) throw usageError('Give at least one of ack=, resolve=, levels=, step=, repeat=, hours=.');
      const partner = args.named.partner === undefined ? undefined : requireSlug(args.named.partner, 'partner');
      return { severity, override, partner, project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await setSlaPolicy({ ctx, input: { ...input } });
      return { text: `:white_check_mark: ${input.severity} policy for ${r.label}: ${describePolicy(r.policy)}. Escalations opened from now on use it; open ones keep theirs.` };
    },
  }),
  defineSubcommand({
    name: 'sla show',
    topic: 'escalations',
    usage: SLA_SHOW,
    summary: 'the SLA policies in force',
    parse({ args }) {
      refuseUnknownNamed(args, ['partner', 'project']);
      refuseExtraPositional(args, 0);
      return { partner: args.named.partner === undefined ? undefined : requireSlug(args.named.partner, 'partner'), project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await showSla({ ctx, input: { ...input } });
      const lines = r.policies.map((p) => `• *${p.severity}*: ${describePolicy(p.policy)}${p.overridden ? '' : ' (default)'}`);
      const quota = r.quota !== undefined ? `\nMonthly sev1 quota: ${r.quota}.` : '';
      return { text: `*SLA policies for ${r.label}*\n${lines.join('\n')}${quota}` };
    },
  }),
  defineSubcommand({
    name: 'sla quota',
    topic: 'escalations',
    usage: SLA_QUOTA,
    summary: 'how many sev1 escalations a project may open per month (0 removes the limit)',
    parse({ args }) {
      refuseUnknownNamed(args, ['sev1', 'project']);
      refuseExtraPositional(args, 0);
      const text = optionalNamed(args, 'sev1');
      if (text === undefined || !/^\d{1,4}$/.test(text)) throw usageError('Give the monthly number, e.g. `sev1=2`.');
      return { perMonth: Number(text), project: projectOption(args) };
    },
    async run(ctx, input) {
      const r = await setQuota({ ctx, input: { ...input } });
      return {
        text:
          input.perMonth === 0
            ? `:white_check_mark: \`${r.project.slug}\` has no sev1 quota any more.`
            : `:white_check_mark: \`${r.project.slug}\` may open ${input.perMonth} sev1 escalation${input.perMonth === 1 ? '' : 's'} a month; past that they open as sev2.`,
      };
    },
  }),
];
