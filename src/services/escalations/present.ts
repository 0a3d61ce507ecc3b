import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escalationEvents, escalations, type EscalationEventKind } from '../../db/schema';
import { slaDeadline, slaMiss } from '../../domain/escalations/policy';
import { formatLocal } from '../../domain/time-zone';
import { escalationMessage, targetNameOf } from '../../messages/escalation/message';
import { mentionList } from '../../messages/escalation/notices';
import type { SlackMessage } from '../../messages/types';
import type { AccordSettings } from '../context';
import { refreshProjectCard } from '../projects/project-card';
import type { EscalationRow, LoadedEscalation } from './find-escalation';
import { usersForLevel } from './levels';
import type { SlackGateway } from '../ports';

export interface EscalationDeps {
  gateway: SlackGateway;
  settings: AccordSettings;
}

export async function addEvent(
  tx: DbOrTx,
  escalationId: number,
  at: Date,
  actor: string,
  kind: EscalationEventKind,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(escalationEvents).values({ escalationId, at, actor, kind, data });
}

export interface EventInput {
  at: Date;
  actor: string;
  kind: EscalationEventKind;
  data?: Record<string, unknown>;
}

/** Several events of one escalation in one statement, in the order given. */
export async function addEvents(tx: DbOrTx, escalationId: number, events: readonly EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insert(escalationEvents)
    .values(events.map((e) => ({ escalationId, at: e.at, actor: e.actor, kind: e.kind, data: e.data ?? {} })));
}

export async function levelMentions(
  tx: DbOrTx,
  deps: EscalationDeps,
  loaded: LoadedEscalation,
  levelIndex: number,
): Promise<{ users: string[]; text: string }> {
  const spec = loaded.escalation.policy.levels[levelIndex] ?? { kind: 'owner' as const };
  const users = await usersForLevel(tx, deps.settings, loaded, spec);
  return { users, text: mentionList(users) };
}

/** Every time an escalation's messages show is in its project's zone, labelled. */
export const projectTime = (loaded: LoadedEscalation) => (at: Date) => formatLocal(at, loaded.project.timeZone);

export async function renderEscalation(
  tx: DbOrTx,
  deps: EscalationDeps,
  loaded: LoadedEscalation,
): Promise<SlackMessage> {
  const e = loaded.escalation;
  const notified = await levelMentions(tx, deps, loaded, e.level - 1);
  const tz = loaded.project.timeZone;
  const p = e.policy;
  return escalationMessage({
    id: e.id,
    severity: e.severity,
    requestedSeverity: e.requestedSeverity,
    title: e.title,
    targetName: targetNameOf(loaded.target?.name),
    status: e.status,
    openedBy: e.openedBy,
    notified: notified.text,
    level: e.level,
    openedAt: e.openedAt,
    acknowledgedBy: e.acknowledgedBy,
    acknowledgedAt: e.acknowledgedAt,
    resolvedBy: e.resolvedBy,
    resolution: e.resolution,
    cancelledBy: e.cancelledBy,
    cancelReason: e.cancelReason,
    breached: e.breachedAt !== null,
    // After an upgrade the timers count from the upgrade, so the opening's deadlines are not shown.
    ackDue: e.generation === 0 ? slaDeadline(e.openedAt, p.ackMs, p.hours, tz) : undefined,
    resolveDue: e.generation === 0 ? slaDeadline(e.openedAt, p.resolveMs, p.hours, tz) : undefined,
    ackMiss: e.acknowledgedAt ? slaMiss(e.openedAt, e.acknowledgedAt, p.ackMs, p.hours, tz) : undefined,
    formatTime: projectTime(loaded),
  });
}

/** Brings the channel message up to date with the escalation's row (re-read, so it is current). */
/**
 * Updates the escalation's message to its state in the database. `current`: the caller holds the
 * row as it now is (e.g. from its UPDATE … RETURNING), so it need not be read again.
 */
export async function refreshMessage(
  tx: DbOrTx,
  deps: EscalationDeps,
  loaded: LoadedEscalation,
  current?: EscalationRow,
): Promise<void> {
  if (loaded.escalation.messageOutboxId === null) return;
  const row = current ?? (await tx.select().from(escalations).where(eq(escalations.id, loaded.escalation.id)))[0];
  if (!row) return;
  const fresh = { ...loaded, escalation: row };
  // The message was posted in the project's channel (raiseEscalation), so its lane is known.
  await deps.gateway.updateMessage(
    tx,
    { outboxId: row.messageOutboxId ?? 0, channel: loaded.project.channelId },
    await renderEscalation(tx, deps, fresh),
  );
}

/** After a change of status: the escalation's message, and the project card, which counts open and acknowledged escalations. */
export async function refreshMessageAndCard(tx: DbOrTx, deps: EscalationDeps, loaded: LoadedEscalation): Promise<void> {
  await refreshMessage(tx, deps, loaded);
  await refreshProjectCard(tx, deps.gateway, loaded.project.id);
}

/** A reply in the escalation's thread (or in the channel when its message is unknown). */
export async function postInThread(
  tx: DbOrTx,
  deps: EscalationDeps,
  loaded: LoadedEscalation,
  text: string,
  reportTo?: string,
): Promise<void> {
  const parent = loaded.escalation.messageOutboxId;
  await deps.gateway.postMessage(
    tx,
    loaded.project.channelId,
    { text },
    { ...(parent !== null ? { threadOf: { outboxId: parent } } : {}), ...(reportTo ? { reportTo } : {}) },
  );
}
