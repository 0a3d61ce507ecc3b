import { parseConfig, type Config } from '../../config';

/** Who is in the sandbox's Slack, and the fixed configuration Accord runs with there. */

export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox-not-a-real-token';
export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret-not-real';
export const VENDOR_TEAM = 'T0VENDOR';
export const GENERAL = 'C0GENERAL';

export interface SandboxUser {
  name: string;
  id: string;
  teamId: string;
  /** What the user is when the sandbox starts; commands such as `admin add` change it. */
  hint: string;
  /** Where a Slack Connect invitation by email reaches them. */
  email?: string;
}

export const teamLabels: Readonly<Record<string, string>> = { T0VENDOR: 'vendor', T0ACME: 'Acme', T0GLOBEX: 'Globex' };

export const sandboxUsers: readonly SandboxUser[] = [
  { name: 'alice', id: 'U0ALICE', teamId: VENDOR_TEAM, hint: 'vendor admin via ACCORD_ADMIN_USER_IDS' },
  { name: 'victor', id: 'U0VICTOR', teamId: VENDOR_TEAM, hint: 'vendor member' },
  { name: 'vera', id: 'U0VERA', teamId: VENDOR_TEAM, hint: 'vendor member' },
  {
    name: 'pat',
    id: 'U0PAT',
    teamId: 'T0ACME',
    hint: 'partner user at Acme (Slack Connect)',
    email: 'pat@acme.example',
  },
  {
    name: 'quinn',
    id: 'U0QUINN',
    teamId: 'T0ACME',
    hint: 'partner user at Acme (Slack Connect)',
    email: 'quinn@acme.example',
  },
  {
    name: 'gus',
    id: 'U0GUS',
    teamId: 'T0GLOBEX',
    hint: 'partner user at Globex (Slack Connect)',
    email: 'gus@globex.example',
  },
];

export function sandboxConfig(apiUrl: string): Config {
  // Fixed fake values: the sandbox never reads the environment, so no real token can leak in.
  return parseConfig({
    SLACK_BOT_TOKEN: SANDBOX_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    ACCORD_ADMIN_USER_IDS: 'U0ALICE',
    ACCORD_TIMEZONE: 'UTC',
  });
}
