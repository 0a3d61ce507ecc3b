import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { escalations } from '../../db/schema';
import { ackLadderStep, breachLadderStep, slaDeadline, warningOffset } from '../../domain/escalations/policy';
import { addWorkingTime } from '../../domain/working-time';
import {
  ackWarning,
  breachedNotice,
  escalationReasons,
  levelNotifiedChannelNotice,
  levelNotifiedNotice,
  resolveWarning,
} from '../../messages/escalation/notices';
import { mentionUser } from '../../messages/mrkdwn';
import { loadEscalation, type EscalationRow, type LoadedEscalation } from './find-escalation';
import { addEvent, levelMentions, postInThread, projectTime, refreshMessage, type EscalationDeps } from './present';
import type { TimerRequest, Timers } from '../ports';

/** The job kind of every escalation timer (src/jobs/escalation-timer.ts runs them). */
export const ESCALATION_TIMER_JOB = 'escalation.timer';

export type TimerType = 'ack' | 'ackwarn' | 'resolvewarn' | 'breach';

/** What an escalation timer carries; `step` is the ladder step of an `ack` or `breach` timer. */
export interface EscalationTimer {
  escalationId: number;
  /** The escalation's generation when it was set: an upgrade starts a new one, and old timers do nothing. */
  generation: number;
  type: TimerType;
  step: number;
  /** When it was due, from which the next step of the ladder is counted. */
  dueAt: Date;
}

export interface EscalationTimerDeps extends EscalationDeps {
  timers: Timers;
}

const keyOf = (e: EscalationRow, type: TimerType, step?: number) =>
  `esc:${e.id}:${e.generation}:${type}${step === undefined ? '' : `:${step}`}`;
const after = (e: EscalationRow, tz: string, from: Date, ms: number) => addWorkingTime(from, ms, e.policy.hours, tz);

const timerOf = (e: EscalationRow, type: TimerType, dueAt: Date, step?: number): TimerRequest => ({
  kind: ESCALATION_TIMER_JOB,
  key: keyOf(e, type, step),
  dueAt,
  payload: { escalationId: e.id, generation: e.generation, type, ...(step === undefined ? {} : { step }) },
});

async function schedule(
  tx: DbOrTx,
  timers: Timers,
  now: Date,
  e: EscalationRow,
  type: TimerType,
  dueAt: Date,
  step?: number,
): Promise<void> {
  await timers.schedule(tx, now, timerOf(e, type, dueAt, step));
}

/**
 * The first ladder step, both warnings and the resolution deadline, counted from `from` (the
 * opening, or an upgrade). An acknowledged escalation gets no acknowledgement timers.
 */
export async function scheduleOpeningTimers(
  tx: DbOrTx,
  timers: Timers,
  now: Date,
  e: EscalationRow,
  tz: string,
  from: Date = e.openedAt,
): Promise<void> {
  const p = e.policy;
  const due: TimerRequest[] = [];
  if (e.status === 'open') {
    if (ackLadderStep(p, 1)) due.push(timerOf(e, 'ack', after(e, tz, from, p.ackMs), 1));
    due.push(timerOf(e, 'ackwarn', after(e, tz, from, warningOffset(p.ackMs))));
  }
  due.push(timerOf(e, 'resolvewarn', after(e, tz, from, warningOffset(p.resolveMs))));
  due.push(timerOf(e, 'breach', after(e, tz, from, p.resolveMs), 0));
  // All of them in one statement.
  await timers.schedule(tx, now, ...due);
}

/** Acknowledged: the ladder and its warning stop; the resolution timers stay. */
export const cancelAckTimers = (tx: DbOrTx, timers: Timers, now: Date, e: EscalationRow) =>
  timers.cancel(tx, now, `esc:${e.id}:${e.generation}:ack`);
/** Resolved, cancelled or starting over: nothing more is due. */
export const cancelAllTimers = (tx: DbOrTx, timers: Timers, now: Date, e: EscalationRow) =>
  timers.cancel(tx, now, `esc:${e.id}:`);

/** Ladder position k of the level last notified (0 = level 1 in round 1, at opening). */
export const ladderPosition = (e: EscalationRow) => (e.round - 1) * e.policy.levels.length + (e.level - 1);

/**
 * Notifies ladder step k: a thread reply mentioning the level's people and a notice in the
 * channel, recorded on the timeline; the escalation remembers where on the ladder it is.
 */
export async function notifyStep(
  tx: DbOrTx,
  deps: EscalationDeps,
  loaded: LoadedEscalation,
  now: Date,
  o: { levelIndex: number; round: number; reason: string; actor: string },
): Promise<void> {
  const e = loaded.escalation;
  const mentions = await levelMentions(tx, deps, loaded, o.levelIndex);
  const level = o.levelIndex + 1;
  const [current] = await tx
    .update(escalations)
    .set({ level, round: o.round, notifiedAt: now })
    .where(eq(escalations.id, e.id))
    .returning();
  await addEvent(tx, e.id, now, o.actor, 'notified', {
    level,
    round: o.round,
    users: mentions.users,
    reason: o.reason,
  });
  await postInThread(
    tx,
    deps,
    loaded,
    levelNotifiedNotice({
      reason: o.reason,
      level,
      mentions: mentions.text,
      open: e.status === 'open',
      targetName: loaded.target?.name,
    }),
  );
  await deps.gateway.postMessage(tx, loaded.project.channelId, {
    text: levelNotifiedChannelNotice(e.id, level, mentions.text),
  });
  await refreshMessage(tx, deps, loaded, current);
}

/**
 * The durable timer behind every SLA rule. It runs in the job's own transaction with the
 * escalation row locked, re-checks the state (a timer whose moment has passed does nothing), and
 * schedules the next step under a key that is unique for ever, so each notification happens once
 * across replicas and restarts.
 */
export async function runEscalationTimer(
  tx: DbOrTx,
  deps: EscalationTimerDeps,
  now: Date,
  timer: EscalationTimer,
): Promise<void> {
  const { type, step } = timer;
  const loaded = await loadEscalation(tx, timer.escalationId, true);
  const e = loaded.escalation;
  const tz = loaded.project.timeZone;
  const live = e.status === 'open' || e.status === 'acknowledged';
  if (!live || timer.generation !== e.generation) return;
  const p = e.policy;
  // The deadline the scores judge, counted from the opening; after an upgrade the timers count
  // from the upgrade instead, so no moment is named that the warning would contradict.
  const due = (durationMs: number) =>
    e.generation === 0 ? projectTime(loaded)(slaDeadline(e.openedAt, durationMs, p.hours, tz)) : undefined;
  switch (type) {
    case 'ack': {
      if (e.status !== 'open') return;
      const at = ackLadderStep(p, step);
      if (!at) return;
      const reason = escalationReasons.notAcknowledged(now.getTime() - e.openedAt.getTime());
      await notifyStep(tx, deps, loaded, now, { levelIndex: at.levelIndex, round: at.round, reason, actor: 'system' });
      if (ackLadderStep(p, step + 1))
        await schedule(tx, deps.timers, now, e, 'ack', after(e, tz, timer.dueAt, p.stepMs), step + 1);
      return;
    }
    case 'ackwarn': {
      if (e.status !== 'open') return;
      const mentions = await levelMentions(tx, deps, loaded, e.level - 1);
      await addEvent(tx, e.id, now, 'system', 'warned', { deadline: 'ack' });
      await postInThread(tx, deps, loaded, ackWarning(mentions.text, due(p.ackMs)));
      return;
    }
    case 'resolvewarn': {
      const who = e.acknowledgedBy
        ? mentionUser(e.acknowledgedBy)
        : (await levelMentions(tx, deps, loaded, e.level - 1)).text;
      await addEvent(tx, e.id, now, 'system', 'warned', { deadline: 'resolve' });
      await postInThread(tx, deps, loaded, resolveWarning(p.resolveMs, who, due(p.resolveMs)));
      return;
    }
    case 'breach': {
      const at = breachLadderStep(p, step);
      if (step === 0) {
        await tx.update(escalations).set({ breachedAt: now }).where(eq(escalations.id, e.id));
        await addEvent(tx, e.id, now, 'system', 'breached', { resolveMs: p.resolveMs });
        await deps.gateway.postMessage(tx, loaded.project.channelId, {
          text: breachedNotice(e.id, p.resolveMs, due(p.resolveMs)),
        });
      }
      if (at) {
        await notifyStep(tx, deps, { ...loaded, escalation: { ...e, breachedAt: e.breachedAt ?? now } }, now, {
          levelIndex: at.levelIndex,
          round: e.round,
          reason: escalationReasons.notResolved(p.resolveMs),
          actor: 'system',
        });
        if (breachLadderStep(p, step + 1))
          await schedule(tx, deps.timers, now, e, 'breach', after(e, tz, timer.dueAt, p.stepMs), step + 1);
      } else if (step === 0) {
        await refreshMessage(tx, deps, loaded);
      }
      return;
    }
  }
}

/** “Escalate now”: the next level at once; the ladder carries on from here. */
export async function escalateNowSteps(
  tx: DbOrTx,
  deps: EscalationTimerDeps,
  loaded: LoadedEscalation,
  now: Date,
  actor: string,
): Promise<number> {
  const e = loaded.escalation;
  const p = e.policy;
  const L = p.levels.length;
  const tz = loaded.project.timeZone;
  if (e.status === 'open') {
    const k = ladderPosition(e) + 1;
    const at = ackLadderStep(p, k) ?? { levelIndex: L - 1, round: e.round };
    await notifyStep(tx, deps, loaded, now, {
      levelIndex: at.levelIndex,
      round: at.round,
      reason: escalationReasons.escalateNow(actor),
      actor,
    });
    await deps.timers.cancel(tx, now, `esc:${e.id}:${e.generation}:ack:`);
    if (ackLadderStep(p, k + 1)) await schedule(tx, deps.timers, now, e, 'ack', after(e, tz, now, p.stepMs), k + 1);
    return at.levelIndex + 1;
  }
  const levelIndex = Math.min(e.level, L - 1);
  await notifyStep(tx, deps, loaded, now, {
    levelIndex,
    round: e.round,
    reason: escalationReasons.moreHelp(actor),
    actor,
  });
  return levelIndex + 1;
}
