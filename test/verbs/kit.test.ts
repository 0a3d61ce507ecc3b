import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, jobs, partners, projects, slackOutbox } from '../../src/db/schema';
import { raiseEscalation } from '../../src/services/escalations/raise';
import { drivers } from '../../src/testkit/databases';
import { useVerbKit } from '../../src/testkit/verbs';
import { people } from '../../src/testkit/world';

/** The kit's promise: each verb test starts from an empty database, whatever the one before it did. */
describe.each(drivers)('verb test kit (%s)', (driver) => {
  const kit = useVerbKit(driver);
  const rowsIn = async (tx: Parameters<Parameters<typeof kit.run>[0]>[0]['tx']) => ({
    partners: (await tx.select({ n: count() }).from(partners))[0]?.n,
    projects: (await tx.select({ n: count() }).from(projects))[0]?.n,
    outbox: (await tx.select({ n: count() }).from(slackOutbox))[0]?.n,
    jobs: (await tx.select({ n: count() }).from(jobs))[0]?.n,
    audit: (await tx.select({ n: count() }).from(auditEvents))[0]?.n,
  });

  it.each([1, 2])('run %i: builds a partner, a project and an escalation on an empty database', (n) =>
    kit.run(async (w) => {
      expect(await rowsIn(w.tx)).toEqual({ partners: 0, projects: 0, outbox: 0, jobs: 0, audit: 0 });
      const acme = await w.givenPartner();
      const rollout = await w.givenProject();
      const { escalation } = await raiseEscalation({
        ctx: await w.verbContext(people.victor, rollout.channelId),
        input: { project: undefined, severity: 'sev2', title: `Calls drop (${n})`, activity: undefined },
      });
      // Ids do not start again (sequences are outside transactions), so tests name rows by what they return.
      expect(escalation).toMatchObject({ projectId: rollout.id, targetPartnerId: acme.id, status: 'open' });
      expect((await w.sent('chat.postMessage')).map((s) => s.text)).toEqual([
        'Welcome to Rollout: the project card.',
        `ESC-${escalation.id} sev2: Calls drop (${n}) — open`,
      ]);
      expect(await rowsIn(w.tx)).toMatchObject({ partners: 1, projects: 1 });
    }),
  );

  it('a failing verb test fails, and its rows are gone too', async () => {
    await expect(
      kit.run(async (w) => {
        await w.givenPartner();
        throw new Error('the test failed here');
      }),
    ).rejects.toThrow('the test failed here');
    await kit.run(async (w) => expect(await rowsIn(w.tx)).toMatchObject({ partners: 0, audit: 0 }));
  });
});
