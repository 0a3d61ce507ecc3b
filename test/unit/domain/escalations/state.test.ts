import { describe, expect, it } from 'vitest';
import {
  escalationStatuses,
  isSeverity,
  severities,
  transition,
  type EscalationAction,
  type EscalationStatus,
} from '../../../../src/domain/escalations/state';

describe('constants', () => {
  it('lists severities and statuses in order', () => {
    expect(severities).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
    expect(escalationStatuses).toEqual(['open', 'acknowledged', 'resolved', 'cancelled']);
  });

  it('recognises severities exactly', () => {
    for (const s of severities) expect(isSeverity(s)).toBe(true);
    for (const s of ['SEV1', 'sev0', 'sev5', 'sev', '', ' sev1', 'p1']) expect(isSeverity(s)).toBe(false);
  });
});

describe('transition', () => {
  const a = (kind: EscalationAction['kind']): EscalationAction => ({ kind }) as EscalationAction;
  type Row = [EscalationStatus, EscalationAction['kind'], EscalationStatus | string];
  const allowed: Row[] = [
    ['open', 'acknowledge', 'acknowledged'],
    ['open', 'resolve', 'resolved'],
    ['open', 'cancel', 'cancelled'],
    ['open', 'escalate', 'open'],
    ['open', 'upgrade', 'open'],
    ['acknowledged', 'resolve', 'resolved'],
    ['acknowledged', 'cancel', 'cancelled'],
    ['acknowledged', 'escalate', 'acknowledged'],
    ['acknowledged', 'upgrade', 'acknowledged'],
  ];
  const refused: Row[] = [
    ['acknowledged', 'acknowledge', 'It is already acknowledged.'],
    ['resolved', 'acknowledge', 'It is already resolved, so it cannot be acknowledged.'],
    ['resolved', 'resolve', 'It is already resolved.'],
    ['resolved', 'cancel', 'It is already resolved, so it cannot be cancelled.'],
    ['resolved', 'escalate', 'It is already resolved, so it cannot be escalated.'],
    ['resolved', 'upgrade', 'It is already resolved, so it cannot be upgraded.'],
    ['cancelled', 'acknowledge', 'It has been cancelled, so it cannot be acknowledged.'],
    ['cancelled', 'resolve', 'It has been cancelled, so it cannot be resolved.'],
    ['cancelled', 'cancel', 'It is already cancelled.'],
    ['cancelled', 'escalate', 'It has been cancelled, so it cannot be escalated.'],
    ['cancelled', 'upgrade', 'It has been cancelled, so it cannot be upgraded.'],
  ];

  it.each(allowed)('%s + %s → %s', (status, action, next) => {
    expect(transition(status, a(action))).toEqual({ ok: true, next });
  });

  it.each(refused)('%s + %s is refused: %s', (status, action, error) => {
    expect(transition(status, a(action))).toEqual({ ok: false, error });
  });

  it('covers every status × action pair', () => {
    const pairs = new Set([...allowed, ...refused].map(([s, k]) => `${s}/${k}`));
    expect(pairs.size).toBe(escalationStatuses.length * 5);
  });

  it('never mentions an id in its messages', () => {
    for (const [status, action] of refused) {
      const result = transition(status, a(action));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toMatch(/ESC-|\d/);
    }
  });

  it('refuses unknown input without throwing', () => {
    expect(transition('open', a('explode' as EscalationAction['kind'])).ok).toBe(false);
    expect(transition('closed' as EscalationStatus, a('resolve')).ok).toBe(false);
  });
});
