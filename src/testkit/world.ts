import type { StandInChannel, StandInUser } from '../sandbox/stand-in/types';

/*
 * The world every test and benchmark shares: one vendor organisation, a partner organisation
 * joined by Slack Connect, and the people in them. A test that needs someone else names them
 * with `person` so ids follow the same pattern (U0<NAME>), and adds them with the harness's
 * `users` option.
 */

export const SIGNING_SECRET = 'test-signing-secret-not-real';
export const BOT_TOKEN = 'xoxb-test-not-a-real-token';
export const APP_TOKEN = 'xapp-test-token';

export const VENDOR_TEAM = 'T0VENDOR';
export const PARTNER_TEAM = 'T0PARTNER';
/** An organisation no partner is registered for: its people are guests. */
export const GUEST_TEAM = 'T0GUEST';

/** The vendor's own channel, where vendor people type commands unless a test says otherwise. */
export const GENERAL = 'C0GENERAL';
/**
 * A channel the vendor shares by Slack Connect with the other organisations of the tests: where a
 * user of another team's `ask` goes when the test names no channel (C0GENERAL is the vendor's own).
 */
export const CONNECT_CHANNEL = 'C0CONNECT';
/** 2026-03-02 09:00 UTC, a Monday: tests pin the clock here unless they say otherwise. */
export const PINNED_START = new Date('2026-03-02T09:00:00Z');

/** Someone of `teamId` named `name`, with the id U0<NAME>; `extra` sets guest, email, hidden profile …. */
export function person<const Extra extends Partial<Omit<StandInUser, 'id' | 'teamId' | 'name'>>>(
  name: string,
  teamId: string,
  extra?: Extra,
) {
  return { id: `U0${name.toUpperCase()}`, teamId, name, ...extra } as {
    id: string;
    teamId: string;
    name: string;
  } & Extra;
}

/** In every harness's workspace. */
export const people = {
  alice: person('alice', VENDOR_TEAM), // vendor admin (ACCORD_ADMIN_USER_IDS)
  victor: person('victor', VENDOR_TEAM), // vendor member
  vera: person('vera', VENDOR_TEAM), // vendor member
  pat: person('pat', PARTNER_TEAM), // user of a partner's workspace, Acme's lead in most tests
  hidden: person('hidden', PARTNER_TEAM, { hiddenProfile: true }), // users.info fails
} as const;

/** Another vendor member, added where a test wants one (`users: [quinn]`). */
export const quinn = person('quinn', VENDOR_TEAM);
/** Someone of an organisation that is no partner: a guest. */
export const gus = person('gus', GUEST_TEAM);

/** The partner most tests work with: Acme, whose Slack is PARTNER_TEAM and whose lead is pat. */
export const acme = { slug: 'acme', name: 'Acme Telecom', teamId: PARTNER_TEAM, lead: people.pat } as const;

export type ChannelSpec = Partial<StandInChannel> & { name: string };

/** The channels of every harness's workspace, made anew for each (the stand-in changes them). */
export const worldChannels = (): ChannelSpec[] => [
  { id: GENERAL, name: 'general' },
  { id: CONNECT_CHANNEL, name: 'vendor-partners', sharedWithTeams: new Set([PARTNER_TEAM]) },
];

/** The environment of an Accord in this world, talking to the Slack (stand-in) at `apiUrl`; `extra` adds or overrides. */
export function accordEnv(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    ACCORD_ADMIN_USER_IDS: people.alice.id,
    PORT: '0',
    ...extra,
  };
}
