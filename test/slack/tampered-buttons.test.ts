import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { actionIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';

const TAMPERED = ['abc', '1e309', '-1', '0', '1.5', '99999999999999999999', ''];

describe.each(drivers)('buttons whose value was made by hand (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const lines: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ driver, log: createLogger('debug', (line) => lines.push(line)) });
    await givenPartner(h);
    const created = await h.ask(people.victor, 'project create rollout "Rollout" partners=acme');
    channel = /<#(C\w+)/.exec(created)?.[1] ?? '';
    expect(channel).not.toBe('');
    await h.slack.acceptInvitationsFor(people.pat);
    await h.settle();
    expect(await h.ask(people.victor, 'sev3 Calls drop', '/escalate', channel)).toContain('ESC-1');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each([actionIds.escalationAcknowledge, actionIds.escalationEscalate, actionIds.changeApprove])(
    '%s with a value Accord never set is refused plainly, logged as nothing worse than info',
    async (actionId) => {
      for (const value of TAMPERED) {
        const mark = lines.length;
        // A forged request: the value was made by hand.
        const res = await h.slack.forgedPress(people.pat, { channel, ts: '1.000001', actionId, value });
        expect(res.status).toBe(200);
        await h.settle();
        const replies = h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
        expect(replies, `value ${JSON.stringify(value)}`).toEqual([
          expect.stringContaining('That button does not belong to a message of Accord’s, so nothing was done.'),
        ]);
        const worse = lines.slice(mark).filter((l) => /"level":("(warn|error)"|[45]0)/.test(l));
        expect(worse, `value ${JSON.stringify(value)}`).toEqual([]);
      }
    },
  );
});
