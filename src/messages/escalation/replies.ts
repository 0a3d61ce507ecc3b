import { formatDuration } from '../../domain/duration';
import { describePolicy, type SlaMiss, type SlaPolicy } from '../../domain/escalations/policy';
import type { EscalationStatus, Severity } from '../../domain/escalations/state';
import { formatLocal } from '../../domain/time-zone';
import { escalationLabel, missText, targetNameOf } from './message';
import { escapeText, mentionUser } from '../mrkdwn';
import type { Reply } from '../types';

// What the person who asked is told about escalations and SLA policies: the answers of the
// commands, buttons and forms.

export interface RaisedView {
  id: number;
  severity: Severity;
  /** The target partner's name; undefined when it went to the vendor team. */
  targetName: string | undefined;
  downgraded: boolean;
  redirected: boolean;
}

export function raisedReply(r: RaisedView): Reply {
  const target = r.targetName !== undefined ? escapeText(r.targetName) : 'the vendor team';
  const downgraded = r.downgraded
    ? ` It was opened as ${r.severity}: the project's monthly sev1 quota is used up; a vendor admin can upgrade it.`
    : '';
  const redirected = r.redirected
    ? ' Another partner is Accountable for that activity, so it goes to the vendor team, who will hand it on if needed.'
    : '';
  return {
    text: `:rotating_light: *${escalationLabel(r.id)}* raised for ${target}; level 1 has been notified in the channel.${redirected}${downgraded}`,
  };
}

export interface EscalationListLine {
  id: number;
  severity: Severity;
  title: string;
  status: EscalationStatus;
  level: number;
  openedAt: Date;
  acknowledgedBy: string | null;
  breached: boolean;
  /** The target partner's name; null when it is the vendor team's. */
  partnerName: string | null;
}

export function escalationListReply(o: {
  projectSlug: string;
  which: 'open' | 'all';
  items: readonly EscalationListLine[];
  more: boolean;
  now: Date;
}): Reply {
  if (o.items.length === 0)
    return { text: `\`${o.projectSlug}\` has no ${o.which === 'open' ? 'open ' : ''}escalations.` };
  const now = o.now.getTime();
  const lines = o.items.map((e) => {
    const age = formatDuration(Math.max(0, now - e.openedAt.getTime()));
    const state =
      e.status === 'acknowledged'
        ? `acknowledged by ${mentionUser(e.acknowledgedBy ?? '')}`
        : e.status === 'open'
          ? `open ${age}, level ${e.level}`
          : e.status;
    return `• *${escalationLabel(e.id)}* ${e.severity} — ${escapeText(e.title)} (${escapeText(targetNameOf(e.partnerName))}; ${state}${e.breached ? ', SLA breached' : ''})`;
  });
  return { text: `*Escalations in \`${o.projectSlug}\`*\n${lines.join('\n')}${o.more ? '\n…and older ones.' : ''}` };
}

export function acknowledgedReply(r: {
  id: number;
  afterMs: number;
  miss: SlaMiss | undefined;
  timeZone: string;
}): Reply {
  const late = r.miss ? ` :warning: Late: ${missText(r.miss, (at) => formatLocal(at, r.timeZone))}.` : '';
  return {
    text: `:white_check_mark: ${escalationLabel(r.id)} acknowledged after ${formatDuration(r.afterMs)}.${late}`,
  };
}

export const resolvedReply = (id: number): Reply => ({ text: `:white_check_mark: ${escalationLabel(id)} resolved.` });
export const cancelledReply = (id: number): Reply => ({ text: `:white_check_mark: ${escalationLabel(id)} cancelled.` });

/** To whoever pressed *Escalate now*. */
export const escalatedNowReply = (id: number, level: number) =>
  `:rotating_light: ${escalationLabel(id)} escalated to level ${level}.`;
/** To the vendor admin who pressed *Upgrade*. */
export const upgradedReply = (id: number) => `:arrow_up: ${escalationLabel(id)} upgraded.`;

/** The title of the resolve form while it loads. */
export const resolveFormTitle = 'Resolve';

/** *Resolve* was pressed but Slack would not open the form; `value` is the button's value. */
export function resolveFormNotOpened(value: string | undefined): Reply {
  const label = /^[1-9]\d{0,15}$/.test(value ?? '') ? escalationLabel(value ?? '') : 'ESC-<n>';
  return {
    text: `:warning: Slack would not open the form; reply \`resolved: <summary>\` in the thread, or use \`/accord escalation resolve ${label} "<summary>"\`.`,
  };
}

/** Shown inside the forms next to a field left empty. */
export const escalationFormErrors = {
  severity: 'Pick a severity.',
  title: 'Say what happened.',
  summary: 'Say what was done to resolve it.',
};

/** Where an SLA policy applies. */
export type SlaScopeView = { kind: 'network' } | { kind: 'partner'; slug: string } | { kind: 'project'; slug: string };

export function slaScopeLabel(scope: SlaScopeView): string {
  switch (scope.kind) {
    case 'network':
      return 'the whole network';
    case 'partner':
      return `partner \`${scope.slug}\``;
    case 'project':
      return `project \`${scope.slug}\``;
  }
}

export const slaPolicySetReply = (severity: Severity, scope: SlaScopeView, policy: SlaPolicy): Reply => ({
  text: `:white_check_mark: ${severity} policy for ${slaScopeLabel(scope)}: ${describePolicy(policy)}. Escalations opened from now on use it; open ones keep theirs.`,
});

export function slaOverviewReply(o: {
  scope: SlaScopeView;
  policies: ReadonlyArray<{ severity: Severity; policy: SlaPolicy; overridden: boolean }>;
  quota: number | undefined;
}): Reply {
  const lines = o.policies.map(
    (p) => `• *${p.severity}*: ${describePolicy(p.policy)}${p.overridden ? '' : ' (default)'}`,
  );
  const quota = o.quota !== undefined ? `\nMonthly sev1 quota: ${o.quota}.` : '';
  return { text: `*SLA policies for ${slaScopeLabel(o.scope)}*\n${lines.join('\n')}${quota}` };
}

export function slaQuotaReply(projectSlug: string, perMonth: number): Reply {
  return {
    text:
      perMonth === 0
        ? `:white_check_mark: \`${projectSlug}\` has no sev1 quota any more.`
        : `:white_check_mark: \`${projectSlug}\` may open ${perMonth} sev1 escalation${perMonth === 1 ? '' : 's'} a month; past that they open as sev2.`,
  };
}
