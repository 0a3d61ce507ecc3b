import { randomUUID } from 'node:crypto';

/** Ids and timestamps as Slack makes them for what a person does. */

export const responseIdOf = (url: string) => url.split('/').pop() ?? '';
// The issuing time leads the id, so the stand-in can tell when a trigger expired.
export const newTriggerId = () => `${Date.now()}.${randomUUID()}`;
export const nowTs = () => (Date.now() / 1000).toFixed(6);
