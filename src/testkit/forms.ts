import type { DriverUser } from '../sandbox/slack-driver';
import { VENDOR_TEAM } from './world';

/*
 * Form submissions as Slack sends them (view_submission), for tests that fill in a modal Accord
 * opened. Accord's inputs use the same id for the block and the action, so answers are keyed by
 * that one id.
 */

export type FormValue =
  { type: 'plain_text_input'; value: string | null } | { type: 'static_select'; selected_option: { value: string } };

export const typed = (value: string | null): FormValue => ({ type: 'plain_text_input', value });
export const chosen = (value: string): FormValue => ({ type: 'static_select', selected_option: { value } });

/** Slack's `state.values` for these answers. */
export const answers = (given: Record<string, FormValue>): Record<string, Record<string, FormValue>> =>
  Object.fromEntries(Object.entries(given).map(([id, value]) => [id, { [id]: value }]));

/** What a modal looks like once opened in the stand-in: its id and the view Accord sent. */
export interface OpenedForm {
  id: string;
  view: Record<string, unknown>;
}

/**
 * The view_submission of `form` by `user`, with `values` as Slack's `state.values` (see `answers`);
 * `team` is the workspace the form was opened in.
 */
export function viewSubmission(
  user: DriverUser,
  form: OpenedForm | undefined,
  values: Record<string, unknown>,
  team = VENDOR_TEAM,
) {
  return {
    type: 'view_submission',
    team: { id: team },
    user: { id: user.id, team_id: user.teamId },
    view: { ...form?.view, id: form?.id, state: { values } },
  };
}
