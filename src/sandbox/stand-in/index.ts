/**
 * The Slack stand-in: a local Slack Web API that tests and the sandbox drive the real Accord
 * against. server.ts is the HTTP side (the class SlackStandIn), store.ts what it knows, web-api/
 * the methods it answers (one file per family), partner-side.ts the other organisation's part in
 * Slack Connect.
 */
export { SlackApiError, CannotSee, NotAMember } from './errors';
export { SlackStandIn } from './server';
export { StandInStore } from './store';
export type * from './types';
