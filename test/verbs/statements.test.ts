import { describe, expect, it } from 'vitest';
import { acknowledgeEscalation } from '../../src/services/escalations/acknowledge-escalation';
import { raiseEscalation } from '../../src/services/escalations/raise';
import { drivers } from '../../src/testkit/databases';
import { useVerbKit, type VerbWorld } from '../../src/testkit/verbs';
import { people } from '../../src/testkit/world';

/**
 * How many statements a verb sends, as `npm run bench` reports them per command: the counter sees
 * exactly what the verb does, and raising, the hot path, stays within its limit.
 */
describe.each(drivers)('statements per verb (%s)', (driver) => {
  const kit = useVerbKit(driver);

  /** A vendor member raises a sev2 in a project's channel; the statements it sent. */
  async function raiseCounted(w: VerbWorld) {
    await w.givenPartner();
    const rollout = await w.givenProject();
    const victor = await w.verbContext(people.victor, rollout.channelId);
    const raised = await w.statementsOf(() =>
      raiseEscalation({
        ctx: victor,
        input: { project: undefined, severity: 'sev2', title: 'Calls drop', activity: undefined },
      }),
    );
    return { rollout, raised };
  }

  it('counts every statement of raising and acknowledging an escalation, and only theirs', () =>
    kit.run(async (w) => {
      const { rollout, raised } = await raiseCounted(w);
      const pat = await w.verbContext(people.pat, rollout.channelId);
      const acked = await w.statementsOf(() =>
        acknowledgeEscalation({ ctx: pat, input: { id: raised.result.escalation.id } }),
      );
      for (const { statements } of [raised, acked]) {
        expect(statements.some((q) => /^insert into "slack_outbox"/.test(q))).toBe(true);
        expect(statements.some((q) => /^insert into "audit_events"/.test(q))).toBe(true);
      }
      expect(raised.statements.filter((q) => /^insert into "escalations"/.test(q))).toHaveLength(1);
      expect(acked.statements.filter((q) => /^update "escalations"/.test(q))).toHaveLength(1);
      // Nothing of the set-up before, or of the next verb, is counted with a verb.
      expect(raised.statements.some((q) => /^insert into "partners"/.test(q))).toBe(false);
      expect(acked.statements.some((q) => /^insert into "escalations"/.test(q))).toBe(false);
      console.log(`[${driver}] statements: raise ${raised.statements.length}, acknowledge ${acked.statements.length}`);
    }));

  // Raising is the hot path (every `/escalate`): policies of three scopes, the project with its
  // partners, the events, the timers and the card's contents each in one statement. (The kit runs
  // each test in a transaction, so on PGlite drizzle logs the verb's SAVEPOINT and RELEASE too.)
  it('raises an escalation in at most 11 statements, one per table written or read', () =>
    kit.run(async (w) => {
      const { raised } = await raiseCounted(w);
      const count = (re: RegExp) => raised.statements.filter((q) => re.test(q)).length;
      expect(count(/^insert into "escalation_events"/)).toBe(1);
      expect(count(/^insert into "jobs"/)).toBe(1);
      expect(count(/from "sla_policies"/)).toBe(1);
      expect(raised.statements.filter((q) => !/^(release )?savepoint /.test(q)).length).toBeLessThanOrEqual(11);
    }));
});
