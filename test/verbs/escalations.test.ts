import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { escalations, slaPolicies, slaQuotas } from '../../src/db/schema';
import { AccordError } from '../../src/errors';
import { raiseEscalation } from '../../src/services/escalations/raise';
import { acknowledgeEscalation } from '../../src/services/escalations/acknowledge-escalation';
import { cancelEscalation } from '../../src/services/escalations/cancel-escalation';
import { resolveEscalation } from '../../src/services/escalations/resolve-escalation';
import { upgradeEscalation } from '../../src/services/escalations/upgrade-escalation';
import { drivers } from '../../src/testkit/databases';
import { useVerbKit, type VerbWorld } from '../../src/testkit/verbs';
import { gus, people } from '../../src/testkit/world';

/** The escalation verbs called directly: what they store, which timers they set and cancel, what they would post. */
describe.each(drivers)('escalation verbs (%s)', (driver) => {
  const kit = useVerbKit(driver);
  const HOUR = 3_600_000;

  async function raised(w: VerbWorld, severity: 'sev1' | 'sev2' | 'sev3' | 'sev4' = 'sev2') {
    await w.givenPartner();
    const rollout = await w.givenProject();
    const { escalation } = await raiseEscalation({
      ctx: await w.verbContext(people.victor, rollout.channelId),
      input: { project: undefined, severity, title: 'Calls drop', activity: undefined },
    });
    return { rollout, escalation, key: `esc:${escalation.id}:0:` };
  }
  const refusal = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AccordError);
    return err instanceof AccordError ? `${err.code}: ${err.message}` : '';
  };

  it('raising posts the escalation in the project channel and sets its timers from the sev2 policy', () =>
    kit.run(async (w) => {
      const { rollout, escalation, key } = await raised(w);
      const posted = (await w.sent('chat.postMessage')).at(-1);
      expect(posted).toMatchObject({
        channel: rollout.channelId,
        text: `ESC-${escalation.id} sev2: Calls drop — open`,
      });
      const at = (ms: number) => new Date(w.clock.now().getTime() + ms);
      expect(await w.timers(key)).toEqual([
        { kind: 'escalation.timer', key: `${key}ackwarn`, dueAt: at(0.75 * HOUR) },
        { kind: 'escalation.timer', key: `${key}ack:1`, dueAt: at(HOUR) },
        { kind: 'escalation.timer', key: `${key}resolvewarn`, dueAt: at(0.75 * 24 * HOUR) },
        { kind: 'escalation.timer', key: `${key}breach:0`, dueAt: at(24 * HOUR) },
      ]);
    }));

  it('the partner lead acknowledges: the acknowledgement timers go, the resolve ones stay, the thread is told', () =>
    kit.run(async (w) => {
      const { rollout, escalation, key } = await raised(w);
      w.clock.advance(20 * 60_000);
      const result = await acknowledgeEscalation({
        ctx: await w.verbContext(people.pat, rollout.channelId),
        input: { id: escalation.id },
      });
      expect(result).toMatchObject({ id: escalation.id, afterMs: 20 * 60_000, miss: undefined });
      expect((await w.timers(key)).map((t) => t.key)).toEqual([`${key}resolvewarn`, `${key}breach:0`]);
      expect((await w.sent('chat.postMessage')).at(-1)?.text).toBe(
        ':white_check_mark: Acknowledged by <@U0PAT> after 20m.',
      );
      const [row] = await w.tx.select().from(escalations).where(eq(escalations.id, escalation.id));
      expect(row).toMatchObject({ status: 'acknowledged', acknowledgedBy: people.pat.id });
    }));

  it('a second acknowledgement is refused, says by whom, and changes nothing', () =>
    kit.run(async (w) => {
      const { rollout, escalation } = await raised(w);
      await acknowledgeEscalation({
        ctx: await w.verbContext(people.pat, rollout.channelId),
        input: { id: escalation.id },
      });
      const sent = (await w.sent()).length;
      expect(
        await refusal(
          acknowledgeEscalation({
            ctx: await w.verbContext(people.victor, rollout.channelId),
            input: { id: escalation.id },
          }),
        ),
      ).toBe(`CONFLICT: ESC-${escalation.id}: It is already acknowledged. (acknowledged by <@U0PAT>)`);
      expect((await w.sent()).length).toBe(sent);
    }));

  it('someone of another organisation cannot acknowledge, and learns nothing about it', () =>
    kit.run(async (w) => {
      const { rollout, escalation, key } = await raised(w);
      const timers = await w.timers(key);
      const answer = await refusal(
        acknowledgeEscalation({ ctx: await w.verbContext(gus, rollout.channelId), input: { id: escalation.id } }),
      );
      expect(answer).toMatch(/^FORBIDDEN: /);
      expect(answer).not.toContain('Calls drop');
      expect(await w.timers(key)).toEqual(timers);
    }));

  it('resolving cancels every timer; cancelling needs a reason', () =>
    kit.run(async (w) => {
      const { rollout, escalation, key } = await raised(w);
      const ctx = await w.verbContext(people.pat, rollout.channelId);
      expect(await refusal(resolveEscalation({ ctx, input: { id: escalation.id, summary: '  ' } }))).toBe(
        'VALIDATION: Say how it was resolved, e.g. `resolved: restarted the SIP trunk`.',
      );
      await resolveEscalation({ ctx, input: { id: escalation.id, summary: 'restarted the trunk' } });
      expect(await w.timers(key)).toEqual([]);
      expect(
        await refusal(
          cancelEscalation({ ctx: await w.verbContext(people.victor), input: { id: escalation.id, reason: '' } }),
        ),
      ).toBe('VALIDATION: Give the reason, e.g. `/accord escalation cancel ESC-12 "raised twice"`.');
    }));

  it('stores the ack and resolve deadlines of the frozen policy at raise, and those of the stricter one at upgrade', () =>
    kit.run(async (w) => {
      await w.givenPartner();
      const rollout = await w.givenProject({ timeZone: 'Europe/Riga' });
      const now = w.clock.now();
      for (const severity of ['sev1', 'sev2'] as const)
        await w.tx.insert(slaPolicies).values({
          scope: 'project',
          scopeId: rollout.id,
          severity,
          override: { hours: 'business' },
          updatedBy: people.alice.id,
          updatedAt: now,
        });
      // No sev1 left this month: it opens as a sev2, which an admin then upgrades.
      await w.tx
        .insert(slaQuotas)
        .values({ projectId: rollout.id, severity: 'sev1', perMonth: 0, updatedBy: people.alice.id, updatedAt: now });
      const { escalation } = await raiseEscalation({
        ctx: await w.verbContext(people.victor, rollout.channelId),
        input: { project: undefined, severity: 'sev1', title: 'Calls drop', activity: undefined },
      });
      const deadlines = async () => {
        const [row] = await w.tx
          .select({ ack: escalations.ackDeadline, resolve: escalations.resolveDeadline })
          .from(escalations)
          .where(eq(escalations.id, escalation.id));
        return row;
      };
      // Monday 11:00 in Riga; sev2 on business hours: 1 working hour, and 24 (7 + 9 + 8, Wednesday 17:00).
      expect(escalation.severity).toBe('sev2');
      expect(await deadlines()).toEqual({
        ack: new Date('2026-03-02T10:00:00Z'),
        resolve: new Date('2026-03-04T15:00:00Z'),
      });
      w.clock.advance(2 * HOUR);
      await upgradeEscalation({ ctx: await w.verbContext(people.alice), input: { id: escalation.id } });
      // sev1 (15 minutes, 4 hours) counted from the opening, as the scores always judged an upgraded escalation.
      expect(await deadlines()).toEqual({
        ack: new Date('2026-03-02T09:15:00Z'),
        resolve: new Date('2026-03-02T13:00:00Z'),
      });
    }));
});
