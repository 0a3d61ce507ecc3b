import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger';

import { vendorGuestReason } from '../../../src/services/resolve-actor';
import { createSlackDirectory } from '../../../src/outbound/directory';
import type { SlackCaller } from '../../../src/outbound/web-api';
import type { SlackAccount, SlackDirectory } from '../../../src/services/ports';

/** users.info as Slack answers it, counting calls; `fail` users get an error as hidden profiles do. */
function fakeSlack(users: Record<string, Record<string, unknown> | 'fail'>) {
  const calls: string[] = [];
  const caller: SlackCaller = {
    async call(method, args) {
      expect(method).toBe('users.info');
      const id = String(args.user);
      calls.push(id);
      const user = users[id];
      if (!user || user === 'fail') throw new Error('user_not_found');
      return { ok: true, user: { id, ...user } };
    },
    async uploadBytes() {
      throw new Error('not used');
    },
  };
  return { caller, calls };
}

describe('the Slack directory (users.info behind a cache)', () => {
  it('reads the team and Slack’s guest flags, and keeps them with the team: one call per user', async () => {
    const { caller, calls } = fakeSlack({
      U1: { team_id: 'T0VENDOR', is_restricted: false, is_ultra_restricted: false },
      U2: { team_id: 'T0VENDOR', is_restricted: true, is_ultra_restricted: false },
      U3: { team_id: 'T0VENDOR', is_restricted: true, is_ultra_restricted: true },
      U4: { team_id: 'T0VENDOR' },
    });
    const directory = createSlackDirectory(caller, silentLogger, () => 0);
    expect(await directory.accountOf('U1')).toEqual({ teamId: 'T0VENDOR', restricted: false, ultraRestricted: false });
    expect(await directory.accountOf('U2')).toEqual({ teamId: 'T0VENDOR', restricted: true, ultraRestricted: false });
    expect(await directory.accountOf('U3')).toEqual({ teamId: 'T0VENDOR', restricted: true, ultraRestricted: true });
    expect(await directory.accountOf('U4')).toEqual({ teamId: 'T0VENDOR', restricted: false, ultraRestricted: false });
    expect(await directory.teamOf('U2')).toBe('T0VENDOR');
    expect(calls).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  it('answers undefined when Slack will not tell, and asks again after 30 seconds only', async () => {
    let now = 0;
    const { caller, calls } = fakeSlack({ U9: 'fail' });
    const directory = createSlackDirectory(caller, silentLogger, () => now);
    expect(await directory.accountOf('U9')).toBeUndefined();
    expect(await directory.teamOf('U9')).toBeUndefined();
    now = 29_000;
    await directory.accountOf('U9');
    expect(calls).toEqual(['U9']);
    now = 31_000;
    await directory.accountOf('U9');
    expect(calls).toEqual(['U9', 'U9']);
  });
});

describe('vendorGuestReason: when someone of the vendor workspace is not a vendor member', () => {
  const directoryOf = (account: SlackAccount | undefined): SlackDirectory => ({
    teamOf: async () => account?.teamId,
    accountOf: async () => account,
  });
  const full: SlackAccount = { teamId: 'T0VENDOR', restricted: false, ultraRestricted: false };
  const cases: Array<[string, SlackAccount | undefined, boolean, string | undefined]> = [
    ['a full member who never left a partner', full, false, undefined],
    ['a full member who left a partner and was not reinstated', full, true, 'left-partner'],
    ['a multi-channel guest', { ...full, restricted: true }, false, 'slack-guest'],
    ['a single-channel guest flagged ultra-restricted only', { ...full, ultraRestricted: true }, false, 'slack-guest'],
    ['a Slack guest who also left a partner', { ...full, restricted: true }, true, 'slack-guest'],
    ['someone Slack will not show just now', undefined, false, 'unconfirmed'],
  ];
  it.each(cases)('%s', async (_case, account, leftPartner, expected) => {
    expect(await vendorGuestReason(directoryOf(account), 'U1', async () => leftPartner)).toBe(expected);
  });
});
