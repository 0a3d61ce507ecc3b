/**
 * Every action_id and callback_id Accord puts in Slack, in one place, so a listener and the
 * blocks that trigger it can never drift apart.
 */
export const actionIds = {
  changeApprove: 'change_request.approve',
  changeReject: 'change_request.reject',
} as const;
