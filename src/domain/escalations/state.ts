export const severities = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof severities)[number];

/** Exact match only: callers lower-case user input first, so stored values stay canonical. */
export function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

export const escalationStatuses = ['open', 'acknowledged', 'resolved', 'cancelled'] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];

export type EscalationAction =
  { kind: 'acknowledge' } | { kind: 'resolve' } | { kind: 'cancel' } | { kind: 'escalate' } | { kind: 'upgrade' };

const PARTICIPLES: Readonly<Record<EscalationAction['kind'], string>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  cancel: 'cancelled',
  escalate: 'escalated',
  upgrade: 'upgraded',
};

/**
 * resolve is allowed from open because resolving implies acknowledgement. escalate and upgrade keep
 * the status: pulling in the next level (or undoing a quota downgrade) does not undo an
 * acknowledgement that already happened, and the ack SLA was met or missed either way.
 */
export function transition(
  status: EscalationStatus,
  action: EscalationAction,
): { ok: true; next: EscalationStatus } | { ok: false; error: string } {
  const kind = action?.kind;
  if (!Object.hasOwn(PARTICIPLES, kind)) return { ok: false, error: 'That cannot be done to an escalation.' };
  const done = PARTICIPLES[kind];
  if (status === 'resolved') {
    return {
      ok: false,
      error: kind === 'resolve' ? 'It is already resolved.' : `It is already resolved, so it cannot be ${done}.`,
    };
  }
  if (status === 'cancelled') {
    return {
      ok: false,
      error: kind === 'cancel' ? 'It is already cancelled.' : `It has been cancelled, so it cannot be ${done}.`,
    };
  }
  if (status !== 'open' && status !== 'acknowledged') {
    return { ok: false, error: 'That cannot be done to an escalation in its current state.' };
  }
  switch (kind) {
    case 'acknowledge':
      return status === 'open'
        ? { ok: true, next: 'acknowledged' }
        : { ok: false, error: 'It is already acknowledged.' };
    case 'resolve':
      return { ok: true, next: 'resolved' };
    case 'cancel':
      return { ok: true, next: 'cancelled' };
    case 'escalate':
    case 'upgrade':
      return { ok: true, next: status };
  }
}
