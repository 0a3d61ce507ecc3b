import type { KnownBlock, View } from '@slack/types';
import { formatDuration } from '../../domain/duration';
import type { SlaMiss } from '../../domain/escalations/policy';
import { actionIds, inputIds, viewIds } from '../ids';
import { context, escapeText, mentionUser, section, truncate } from '../mrkdwn';
import type { SlackMessage } from '../types';
import type { EscalationStatus, Severity } from '../../domain/escalations/state';

export const escalationLabel = (id: number | string) => `ESC-${id}`;

/** Whom an escalation is for: its target partner, or the vendor team when it has none. */
export const targetNameOf = (partnerName: string | null | undefined) => partnerName ?? 'the vendor team';

export interface EscalationView {
  id: number;
  severity: Severity;
  requestedSeverity: Severity | null;
  title: string;
  targetName: string;
  status: EscalationStatus;
  openedBy: string;
  /** Already mrkdwn: the people of the level notified last. */
  notified: string;
  level: number;
  openedAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  breached: boolean;
  /** The SLA deadlines of the frozen policy, counted from the opening (none after an upgrade). */
  ackDue: Date | undefined;
  resolveDue: Date | undefined;
  /** Set when the acknowledgement came after its deadline. */
  ackMiss: SlaMiss | undefined;
  /** Every time of the message in the project's zone: `2026-03-02 10:15 Europe/Riga`. */
  formatTime: (at: Date) => string;
}

/** `25m after the 15m deadline (due 2026-03-02 10:15 Europe/Riga)`; business hours say so. */
export function missText(miss: SlaMiss, formatTime: (at: Date) => string): string {
  const business = miss.hours === 'business';
  const by =
    miss.lateMs >= 1000 ? `${formatDuration(miss.lateMs)}${business ? ' of business hours' : ''} after` : 'after';
  const outside = business && miss.lateMs < 1000 ? ', outside business hours' : '';
  return `${by} the ${formatDuration(miss.durationMs)}${business ? ' (business hours)' : ''} deadline (due ${formatTime(miss.deadline)})${outside}`;
}

/** The thread notice of an acknowledgement; a late one says by how much it missed the deadline. */
export function acknowledgedNotice(
  by: string,
  afterMs: number,
  miss: SlaMiss | undefined,
  formatTime: (at: Date) => string,
): string {
  const late = miss ? ` :warning: Late: acknowledged ${missText(miss, formatTime)}.` : '';
  return `:white_check_mark: Acknowledged by ${mentionUser(by)} after ${formatDuration(afterMs)}.${late}`;
}

/** The thread notice of a resolution; a late one says by how much it missed the deadline. */
export function resolvedNotice(
  by: string,
  afterMs: number,
  summary: string,
  miss: SlaMiss | undefined,
  formatTime: (at: Date) => string,
): string {
  const late = miss ? `\n:warning: Late: resolved ${missText(miss, formatTime)}.` : '';
  return `:white_check_mark: Resolved by ${mentionUser(by)} after ${formatDuration(afterMs)}: ${escapeText(summary)}${late}`;
}

const severityIcon: Readonly<Record<Severity, string>> = {
  sev1: ':red_circle:',
  sev2: ':large_orange_circle:',
  sev3: ':large_yellow_circle:',
  sev4: ':white_circle:',
};
const statusLabel: Readonly<Record<EscalationStatus, string>> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  cancelled: 'Cancelled',
};

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text },
  value,
  ...(style ? { style } : {}),
});

/** The escalation's channel message; it is updated in place as the escalation moves on. */
export function escalationMessage(e: EscalationView): SlackMessage {
  const label = escalationLabel(e.id);
  const head = `${severityIcon[e.severity]} *${label} · ${e.severity.toUpperCase()}: ${escapeText(truncate(e.title, 250))}*`;
  const lines = [`Raised by ${mentionUser(e.openedBy)} for ${escapeText(e.targetName)} · ${e.formatTime(e.openedAt)}`];
  if (e.requestedSeverity)
    lines.push(
      `Opened as ${e.severity} instead of ${e.requestedSeverity}: this project's monthly ${e.requestedSeverity} quota is used up.`,
    );
  const live = e.status === 'open' || e.status === 'acknowledged';
  const parts = [`*${statusLabel[e.status]}*`];
  if (e.status === 'open')
    parts.push(
      `level ${e.level}: ${e.notified}`,
      ...(e.ackDue ? [`acknowledgement due ${e.formatTime(e.ackDue)}`] : []),
    );
  if (e.status === 'resolved')
    parts[0] += ` by ${mentionUser(e.resolvedBy ?? '')}: ${escapeText(truncate(e.resolution ?? '', 500))}`;
  if (e.status === 'cancelled')
    parts[0] += ` by ${mentionUser(e.cancelledBy ?? '')}: ${escapeText(truncate(e.cancelReason ?? '', 500))}`;
  if (e.acknowledgedBy && e.acknowledgedAt) {
    parts.push(
      `acknowledged by ${mentionUser(e.acknowledgedBy)} at ${e.formatTime(e.acknowledgedAt)} (after ${formatDuration(Math.max(0, e.acknowledgedAt.getTime() - e.openedAt.getTime()))})`,
    );
    if (e.ackMiss) parts.push(`:warning: late: ${missText(e.ackMiss, e.formatTime)}`);
  }
  const resolveBy = e.resolveDue ? ` by ${e.formatTime(e.resolveDue)}` : ' in time';
  if (live && e.breached) parts.push(`:rotating_light: SLA breached: not resolved${resolveBy}`);
  else if (live && e.resolveDue) parts.push(`resolution due ${e.formatTime(e.resolveDue)}`);
  const status = parts.join(' · ');
  const blocks: KnownBlock[] = [section(`${head}\n${lines.join('\n')}`), context(status)];
  if (live) {
    const value = String(e.id);
    const elements = [
      ...(e.status === 'open' ? [button('Acknowledge', actionIds.escalationAcknowledge, value, 'primary')] : []),
      button('Resolve', actionIds.escalationResolve, value),
      button('Escalate now', actionIds.escalationEscalate, value, 'danger'),
      ...(e.requestedSeverity ? [button(`Upgrade to ${e.requestedSeverity}`, actionIds.escalationUpgrade, value)] : []),
    ];
    blocks.push({ type: 'actions', block_id: `escalation:${e.id}`, elements });
    // Once acknowledged, asking for an acknowledgement again would only confuse.
    blocks.push(
      context(
        e.status === 'open'
          ? 'Acknowledge with the button or a thread reply starting with `ack` or `on it`; resolve with `resolved: <summary>`.'
          : 'Resolve with the button or a thread reply `resolved: <summary>`.',
      ),
    );
  }
  const fallback = `${label} ${e.severity}: ${e.title} — ${statusLabel[e.status].toLowerCase()}`;
  return { text: escapeText(truncate(fallback, 300)), blocks };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** Asks for the resolution summary; private_metadata carries the escalation id. */
export function resolveModal(id: number, title: string): View {
  return {
    type: 'modal',
    callback_id: viewIds.escalationResolve,
    private_metadata: String(id),
    title: plain(`Resolve ${escalationLabel(id)}`),
    submit: plain('Resolve'),
    close: plain('Cancel'),
    blocks: [
      section(`*${escapeText(truncate(title, 250))}*`),
      {
        type: 'input',
        block_id: inputIds.summary,
        label: plain('What was done'),
        element: { type: 'plain_text_input', action_id: inputIds.summary, multiline: true, max_length: 2000 },
      },
    ],
  };
}

/**
 * `/escalate` with no arguments, or *Raise escalation* on the project card; private_metadata
 * carries the project's channel, and the form names the project when it is known.
 */
export function raiseModal(channelId: string, projectName?: string): View {
  const option = (sev: Severity, text: string) => ({ text: plain(text), value: sev });
  return {
    type: 'modal',
    callback_id: viewIds.escalationRaise,
    private_metadata: channelId,
    title: plain('Escalate'),
    submit: plain('Escalate'),
    close: plain('Cancel'),
    blocks: [
      ...(projectName !== undefined ? [context(`Project *${escapeText(truncate(projectName, 200))}*`)] : []),
      {
        type: 'input',
        block_id: inputIds.severity,
        label: plain('Severity'),
        element: {
          type: 'static_select',
          action_id: inputIds.severity,
          options: [
            option('sev1', 'sev1 — service down'),
            option('sev2', 'sev2 — badly degraded'),
            option('sev3', 'sev3 — partly affected'),
            option('sev4', 'sev4 — minor'),
          ],
        },
      },
      {
        type: 'input',
        block_id: inputIds.title,
        label: plain('What happened'),
        element: { type: 'plain_text_input', action_id: inputIds.title, max_length: 250 },
      },
      {
        type: 'input',
        block_id: inputIds.activity,
        optional: true,
        label: plain('Activity (its Accountable partner is the target)'),
        element: { type: 'plain_text_input', action_id: inputIds.activity, max_length: 100 },
      },
    ],
  };
}
