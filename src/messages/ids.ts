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
  cardRaiseEscalation: 'project_card.raise_escalation',
  cardAddRisk: 'project_card.add_risk',
  cardScore: 'project_card.score',
  cardStatement: 'project_card.statement',
  cardHelp: 'project_card.help',
} as const;

export const viewIds = {
  escalationRaise: 'escalation.raise',
  escalationResolve: 'escalation.resolve',
  checkinAnswer: 'checkin.answer',
  riskAdd: 'risk.add',
} as const;

/** block_id / action_id of the inputs in Accord's modals. */
export const inputIds = {
  severity: 'severity',
  title: 'title',
  activity: 'activity',
  summary: 'summary',
  riskCategory: 'risk_category',
  likelihood: 'likelihood',
  impact: 'impact',
  mitigation: 'mitigation',
} as const;
