/**
 * Every action_id and callback_id Accord puts in Slack, in one place, so a listener and the
 * blocks that trigger it can never drift apart.
 */
export const actionIds = {
  changeApprove: 'change_request.approve',
  changeReject: 'change_request.reject',
  escalationAcknowledge: 'escalation.acknowledge',
  escalationResolve: 'escalation.resolve',
  escalationEscalate: 'escalation.escalate_now',
  escalationUpgrade: 'escalation.upgrade',
  /** Opens the escalation form: offered where no trigger_id exists yet (an `@Accord escalate` mention). */
  escalationOpenForm: 'open_escalation_form',
  checkinAnswer: 'checkin.answer',
  riskFromProblem: 'risk.from_problem',
  recommendationApply: 'recommendation.apply',
  recommendationDismiss: 'recommendation.dismiss',
} as const;

export const viewIds = {
  escalationRaise: 'escalation.raise',
  escalationResolve: 'escalation.resolve',
  checkinAnswer: 'checkin.answer',
} as const;

/** block_id / action_id of the inputs in Accord's modals. */
export const inputIds = {
  severity: 'severity',
  title: 'title',
  activity: 'activity',
  summary: 'summary',
} as const;
