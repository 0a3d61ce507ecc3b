import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  checkinAnswers,
  checkinRuns,
  escalations,
  jobs,
  partners,
  projects,
  recommendationMessages,
  recommendations,
  slackOutbox,
} from '../../src/db/schema';
import type { StandInMessage } from '../../src/sandbox/stand-in';
import { actionIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, people, PINNED_START, VENDOR_TEAM } from '../../src/testkit/world';
import { viewSubmission } from '../../src/testkit/forms';

type User = { id: string; teamId: string };

const ADMINS_ONLY =
  ':no_entry: Only vendor admins can manage partners, their stages, violations, certifications and exits.';

/** Every string under a `text` key, depth first: section text, context elements, button labels. */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    key === 'text' && typeof value === 'string' ? [value] : textsOf(value),
  );
}

const dmOf = (user: User) => `D${user.id.slice(1)}`;

describe.each(drivers)('lifecycle recommendations at month end (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const admins = [people.alice, people.vera] as const;
  /** `<admin id>:<recommendation id>` → ts of the DM that admin was sent. */
  const messageTs = new Map<string, string>();

  const at = async (iso: string) => {
    h.clock.set(new Date(iso));
    await h.settle();
  };
  const ok = async (user: User, text: string) => {
    const reply = await h.ask(user, text);
    expect(reply, text).toMatch(/^:white_check_mark:/);
  };
  const lifecycleJobs = async () =>
    (await db().select().from(jobs).where(eq(jobs.kind, 'lifecycle.month_end'))).sort(
      (a, b) => a.dueAt.getTime() - b.dueAt.getTime(),
    );
  const recommendationDms = (user: User): StandInMessage[] =>
    h.standIn.messagesIn(dmOf(user)).filter((m) => textsOf(m.blocks)[0]?.startsWith(':compass:'));
  const headOf = (m: StandInMessage) => textsOf(m.blocks)[0] ?? '';
  const partner = async (slug: string) => (await db().select().from(partners).where(eq(partners.slug, slug)))[0];
  const recommendation = async (slug: string, kind: 'promote' | 'exit_review' | 'training', period = '2026-05') => {
    const p = await partner(slug);
    const [row] = await db()
      .select()
      .from(recommendations)
      .where(
        and(
          eq(recommendations.partnerId, p?.id ?? -1),
          eq(recommendations.kind, kind),
          eq(recommendations.period, period),
        ),
      );
    expect(row, `${slug} ${kind} ${period}`).toBeDefined();
    return row as typeof recommendations.$inferSelect;
  };
  const dmFor = (user: User, id: number) => {
    const found = h.standIn
      .messagesIn(dmOf(user))
      .filter((m) => textsOf(m.blocks)[0]?.startsWith(':compass:') && m.ts === messageTs.get(`${user.id}:${id}`));
    expect(found, `${user.id} recommendation ${id}`).toHaveLength(1);
    return found[0] as StandInMessage;
  };
  const press = async (user: User, owner: User, id: number, actionId: string, { forged = false } = {}) => {
    const ts = messageTs.get(`${owner.id}:${id}`) ?? '';
    expect(ts).not.toBe('');
    const click = { channel: dmOf(owner), ts, actionId, value: String(id), blockId: `recommendation:${id}` };
    const res = forged ? await h.slack.forgedPress(user, click) : await h.slack.press(user, click);
    expect(res.status).toBe(200);
    await h.settle();
    return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
  };

  beforeAll(async () => {
    h = await startHarness({ driver });
    await ok(people.alice, 'partner add acme "Acme Telecom"');
    await ok(people.alice, 'partner add badco "Bad Co"');
    await ok(people.alice, 'partner add midco "Mid Co"');
    await ok(people.alice, 'partner add lowco "Low Co"');
    await ok(people.alice, 'admin add <@U0VERA>');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('queues the review of the current month at start, due when the next month begins', async () => {
    expect(h.clock.now().toISOString()).toBe(PINNED_START.toISOString());
    const queued = await lifecycleJobs();
    expect(
      queued.map((j) => ({ key: j.key, status: j.status, dueAt: j.dueAt.toISOString(), payload: j.payload })),
    ).toEqual([
      {
        key: 'lifecycle:2026-03',
        status: 'pending',
        dueAt: '2026-04-01T00:00:00.000Z',
        payload: { period: '2026-03' },
      },
    ]);
    for (const slug of ['acme', 'badco', 'midco', 'lowco']) expect((await partner(slug))?.stage).toBe('access');
  });

  it('closes March at the boundary and not before; one good month recommends nothing', async () => {
    await ok(people.alice, 'rate acme 5');
    await ok(people.alice, 'rate badco 5');
    await at('2026-03-31T23:59:59.999Z');
    expect((await lifecycleJobs()).map((j) => [j.key, j.status])).toEqual([['lifecycle:2026-03', 'pending']]);

    await at('2026-04-01T00:00:00.000Z');
    const queued = await lifecycleJobs();
    expect(queued.map((j) => [j.key, j.status, j.dueAt.toISOString()])).toEqual([
      ['lifecycle:2026-03', 'done', '2026-04-01T00:00:00.000Z'],
      ['lifecycle:2026-04', 'pending', '2026-05-01T00:00:00.000Z'],
    ]);
    expect(await db().select().from(recommendations)).toEqual([]);
    for (const admin of admins) expect(recommendationDms(admin)).toEqual([]);
  });

  it('after April, a partner rated 1 gets a training recommendation and two good months are not yet a promotion', async () => {
    await at('2026-04-01T09:00:00Z');
    await ok(people.alice, 'rate acme 5');
    await ok(people.alice, 'rate badco 5');
    await ok(people.alice, 'rate lowco 1');
    await at('2026-05-01T00:00:00Z');
    for (const admin of admins) {
      expect(recommendationDms(admin).map(headOf)).toEqual([
        ':compass: *Low Co* after 2026-04: Plan capability-improvement training.\nY was 0 in 2026-04, below 75.',
      ]);
    }
    expect((await db().select().from(recommendations)).map((r) => [r.kind, r.period, r.status])).toEqual([
      ['training', '2026-04', 'pending'],
    ]);
    expect((await lifecycleJobs()).map((j) => [j.key, j.status])).toEqual([
      ['lifecycle:2026-03', 'done'],
      ['lifecycle:2026-04', 'done'],
      ['lifecycle:2026-05', 'pending'],
    ]);
  });

  it('after the third good month, each admin gets one promotion DM with Apply / Dismiss; a major violation gets an exit review instead', async () => {
    await at('2026-05-04T09:00:00Z');
    await ok(people.alice, 'rate acme 5');
    await ok(people.alice, 'rate acme 4');
    await ok(people.alice, 'rate badco 5');
    await ok(people.alice, 'partner violation badco major "Shared customer data with a third party"');
    await ok(people.alice, 'rate midco 3');
    await ok(people.alice, 'rate midco 4');
    await ok(people.alice, 'rate lowco 1');
    const before = new Map(admins.map((a) => [a.id, recommendationDms(a).length]));

    await at('2026-06-01T00:00:00Z');
    const promote = await recommendation('acme', 'promote');
    expect(promote).toMatchObject({ status: 'pending', decidedBy: null });
    expect(promote.data).toMatchObject({ kind: 'promote', from: 'access', to: 'growth' });
    for (const admin of admins) {
      const fresh = recommendationDms(admin).slice(before.get(admin.id));
      expect(fresh.map(headOf).sort()).toEqual(
        [
          ':compass: *Acme Telecom* after 2026-05: Move to the growth stage.\nY at least 80 for 3 consecutive months (2026-03: 100, 2026-04: 100, 2026-05: 87.5).',
          ':compass: *Bad Co* after 2026-05: Start an exit review.\nA major violation in 2026-05.',
          ':compass: *Mid Co* after 2026-05: Plan capability-improvement training.\nY was 62.5 in 2026-05, below 75.',
          ':compass: *Low Co* after 2026-05: Start an exit review.\nY below 60 for 2 consecutive months (2026-04: 0, 2026-05: 0).',
          ':compass: *Low Co* after 2026-05: Plan capability-improvement training.\nY was 0 in 2026-05, below 75.',
        ].sort(),
      );
      const promotions = fresh.filter((m) => headOf(m).includes('Move to the'));
      expect(promotions).toHaveLength(1);
      const dm = promotions[0] as StandInMessage;
      expect(dm.text).toBe('Acme Telecom: Move to the growth stage');
      const actions = (dm.blocks ?? []).find((b) => (b as { type?: string }).type === 'actions') as
        { block_id: string; elements: Array<{ action_id: string; value: string; text: { text: string } }> } | undefined;
      expect(actions?.block_id).toBe(`recommendation:${promote.id}`);
      expect(actions?.elements.map((e) => [e.action_id, e.text.text, e.value])).toEqual([
        [actionIds.recommendationApply, 'Apply', String(promote.id)],
        [actionIds.recommendationDismiss, 'Dismiss', String(promote.id)],
      ]);
      for (const m of fresh) {
        const id = Number(
          /^recommendation:(\d+)$/.exec(String((m.blocks?.[1] as { block_id?: string } | undefined)?.block_id))?.[1],
        );
        expect(id).toBeGreaterThan(0);
        messageTs.set(`${admin.id}:${id}`, m.ts);
      }
    }
    expect(kindsIn(await db().select().from(recommendations), await db().select().from(partners), '2026-05')).toEqual(
      [
        ['acme', 'promote'],
        ['badco', 'exit_review'],
        ['lowco', 'exit_review'],
        ['lowco', 'training'],
        ['midco', 'training'],
      ].sort(),
    );
    const sent = await db()
      .select()
      .from(recommendationMessages)
      .where(eq(recommendationMessages.recommendationId, promote.id));
    expect(sent.map((s) => s.userId).sort()).toEqual([people.alice.id, people.vera.id].sort());
    expect((await partner('badco'))?.stage).toBe('access');
  });

  it('sends nothing more when the queue is settled again, and queues the next month', async () => {
    const messages = h.standIn.messages.length;
    const posts = h.standIn.callsTo('chat.postMessage').length;
    await h.settle();
    await at('2026-06-15T12:00:00Z');
    expect(h.standIn.messages.length).toBe(messages);
    expect(h.standIn.callsTo('chat.postMessage').length).toBe(posts);
    expect((await lifecycleJobs()).map((j) => [j.key, j.status, j.dueAt.toISOString()])).toEqual([
      ['lifecycle:2026-03', 'done', '2026-04-01T00:00:00.000Z'],
      ['lifecycle:2026-04', 'done', '2026-05-01T00:00:00.000Z'],
      ['lifecycle:2026-05', 'done', '2026-06-01T00:00:00.000Z'],
      ['lifecycle:2026-06', 'pending', '2026-07-01T00:00:00.000Z'],
    ]);
  });

  it('refuses a vendor member who presses Apply and changes nothing', async () => {
    const promote = await recommendation('acme', 'promote');
    const updates = h.standIn.callsTo('chat.update').length;
    // A forged request: Victor cannot see Alice's DM.
    expect(
      await press(people.victor, people.alice, promote.id, actionIds.recommendationApply, { forged: true }),
    ).toEqual([ADMINS_ONLY]);
    expect(
      await press(people.victor, people.alice, promote.id, actionIds.recommendationDismiss, { forged: true }),
    ).toEqual([ADMINS_ONLY]);
    expect((await partner('acme'))?.stage).toBe('access');
    expect((await recommendation('acme', 'promote')).status).toBe('pending');
    expect(h.standIn.callsTo('chat.update').length).toBe(updates);
    expect(textsOf(dmFor(people.alice, promote.id).blocks)).toContain('Apply');
  });

  it('applies a promotion: the partner moves to growth, both admins’ DMs lose their buttons, and it is audited', async () => {
    const promote = await recommendation('acme', 'promote');
    const updates = h.standIn.callsTo('chat.update').length;
    expect(await press(people.alice, people.alice, promote.id, actionIds.recommendationApply)).toEqual([
      ':white_check_mark: Acme Telecom is now in the growth stage.',
    ]);
    expect((await partner('acme'))?.stage).toBe('growth');
    const decided = await recommendation('acme', 'promote');
    expect(decided).toMatchObject({ status: 'applied', decidedBy: people.alice.id });
    expect(decided.decidedAt?.toISOString()).toBe('2026-06-15T12:00:00.000Z');

    const calls = h.standIn.callsTo('chat.update').slice(updates);
    expect(calls.map((c) => [c.args.channel, c.args.ts]).sort()).toEqual(
      admins.map((a) => [dmOf(a), messageTs.get(`${a.id}:${promote.id}`)]).sort(),
    );
    for (const admin of admins) {
      const dm = dmFor(admin, promote.id);
      expect(dm.edited).toBe(true);
      expect((dm.blocks ?? []).some((b) => (b as { type?: string }).type === 'actions')).toBe(false);
      expect(textsOf(dm.blocks)).toEqual([
        ':compass: *Acme Telecom* after 2026-05: Move to the growth stage.\nY at least 80 for 3 consecutive months (2026-03: 100, 2026-04: 100, 2026-05: 87.5).',
        `:white_check_mark: Applied by <@${people.alice.id}>.`,
      ]);
    }
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'recommendation'), eq(auditEvents.entityId, String(promote.id))));
    expect(audit.map((a) => ({ actor: a.actor, action: a.action, data: a.data, at: a.at.toISOString() }))).toEqual([
      {
        actor: people.alice.id,
        action: 'recommendation.applied',
        data: { partner: 'acme', kind: 'promote', period: '2026-05' },
        at: '2026-06-15T12:00:00.000Z',
      },
    ]);
  });

  it('refuses a second decision on the same recommendation, from either admin', async () => {
    const promote = await recommendation('acme', 'promote');
    const updates = h.standIn.callsTo('chat.update').length;
    const already = `:warning: That recommendation was already applied by <@${people.alice.id}>.`;
    expect(await press(people.alice, people.alice, promote.id, actionIds.recommendationApply)).toEqual([already]);
    expect(await press(people.vera, people.vera, promote.id, actionIds.recommendationApply)).toEqual([already]);
    expect(await press(people.vera, people.vera, promote.id, actionIds.recommendationDismiss)).toEqual([already]);
    expect(await recommendation('acme', 'promote')).toMatchObject({ status: 'applied', decidedBy: people.alice.id });
    expect((await partner('acme'))?.stage).toBe('growth');
    expect(h.standIn.callsTo('chat.update').length).toBe(updates);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'recommendation'), eq(auditEvents.entityId, String(promote.id))));
    expect(audit).toHaveLength(1);
  });

  it('dismisses a training recommendation without touching the partner', async () => {
    const training = await recommendation('midco', 'training');
    const before = await partner('midco');
    expect(await press(people.vera, people.vera, training.id, actionIds.recommendationDismiss)).toEqual([
      ':white_check_mark: Dismissed; nothing changed.',
    ]);
    expect(await partner('midco')).toEqual(before);
    expect(await recommendation('midco', 'training')).toMatchObject({ status: 'dismissed', decidedBy: people.vera.id });
    for (const admin of admins) {
      expect(textsOf(dmFor(admin, training.id).blocks)).toEqual([
        ':compass: *Mid Co* after 2026-05: Plan capability-improvement training.\nY was 62.5 in 2026-05, below 75.',
        `:heavy_multiplication_x: Dismissed by <@${people.vera.id}>.`,
      ]);
    }
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'recommendation'), eq(auditEvents.entityId, String(training.id))));
    expect(audit.map((a) => [a.actor, a.action])).toEqual([[people.vera.id, 'recommendation.dismissed']]);
  });

  it('applies an exit review: the partner is marked for exit review and keeps its stage', async () => {
    const exit = await recommendation('lowco', 'exit_review');
    expect(await partner('lowco')).toMatchObject({ exitReview: false, stage: 'access', status: 'active' });
    expect(await press(people.alice, people.alice, exit.id, actionIds.recommendationApply)).toEqual([
      ':white_check_mark: Low Co is marked for exit review.',
    ]);
    expect(await partner('lowco')).toMatchObject({ exitReview: true, stage: 'access', status: 'active' });
    expect(await recommendation('lowco', 'exit_review')).toMatchObject({
      status: 'applied',
      decidedBy: people.alice.id,
    });
    for (const admin of admins)
      expect(textsOf(dmFor(admin, exit.id).blocks)).toContain(`:white_check_mark: Applied by <@${people.alice.id}>.`);
  });

  it('refuses a promotion made stale by a stage set by hand, so the partner never moves back', async () => {
    await ok(people.alice, 'partner stage midco maturity');
    const [stale] = await db()
      .insert(recommendations)
      .values({
        partnerId: (await partner('midco'))?.id ?? -1,
        period: '2026-05',
        kind: 'promote',
        data: { kind: 'promote', from: 'access', to: 'growth', reason: 'three good months' },
        createdAt: h.clock.now(),
      })
      .returning();
    const res = await h.slack.press(people.alice, {
      channel: dmOf(people.alice),
      ts: '1.000000',
      actionId: actionIds.recommendationApply,
      value: String(stale?.id),
    });
    await h.settle();
    expect(h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text))).toEqual([
      expect.stringContaining('is in the maturity stage now, not access'),
    ]);
    expect((await partner('midco'))?.stage).toBe('maturity');
  });

  it('records a planned training without changing the partner', async () => {
    const training = await recommendation('lowco', 'training');
    const before = await partner('lowco');
    expect(textsOf(dmFor(people.vera, training.id).blocks)).toContain('Plan it');
    expect(await press(people.vera, people.vera, training.id, actionIds.recommendationApply)).toEqual([
      ':white_check_mark: Training for Low Co is recorded as planned.',
    ]);
    expect(await partner('lowco')).toEqual(before);
    expect(await recommendation('lowco', 'training')).toMatchObject({ status: 'applied', decidedBy: people.vera.id });
  });
});

function kindsIn(
  recs: Array<typeof recommendations.$inferSelect>,
  all: Array<typeof partners.$inferSelect>,
  period: string,
): string[][] {
  const slug = new Map(all.map((p) => [p.id, p.slug]));
  return recs
    .filter((r) => r.period === period)
    .map((r) => [slug.get(r.partnerId) ?? '?', r.kind])
    .sort();
}

describe.each(drivers)('App Home (%s)', (driver) => {
  let h: Harness;
  const db = () => h.accord.database.db;
  const channels: Record<string, string> = {};
  const escalationIds: Record<string, number> = {};

  const ok = async (user: User, text: string, command = '/accord', channel?: string) => {
    const reply = await h.ask(user, text, command, channel);
    expect(reply, text).toMatch(/^:white_check_mark:/);
    return reply;
  };
  const openHome = async (user: User) => {
    const published = h.standIn.callsTo('views.publish').length;
    const res = await h.slack.event({
      type: 'app_home_opened',
      user: user.id,
      channel: dmOf(user),
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    });
    expect(res.status).toBe(200);
    await h.settle();
    expect(h.standIn.callsTo('views.publish').length).toBe(published + 1);
    const view = h.standIn.homeViews.get(user.id) as { type?: string; blocks?: unknown[] } | undefined;
    expect(view?.type).toBe('home');
    return textsOf(view?.blocks);
  };
  const sectionOf = (texts: string[], title: string) => texts.find((t) => t.startsWith(`*${title}`));

  beforeAll(async () => {
    // Accord's own zone differs from UTC, so a time drawn in UTC regardless would show.
    h = await startHarness({ driver, users: [gus], env: { ACCORD_TIMEZONE: 'Europe/Riga' } });
    await ok(people.alice, 'partner add acme "Acme Telecom" team=T0PARTNER');
    await ok(people.alice, 'partner member add acme <@U0PAT> lead');
    await ok(people.alice, 'partner add globex "Globex Corp"');
    await ok(people.alice, 'rate acme 5');
    await ok(people.alice, 'rate globex 3');
    await ok(people.victor, 'project create rollout "Rollout" partners=acme tz=UTC');
    await ok(people.victor, 'project create billing "Billing" partners=globex tz=Europe/Riga');
    for (const p of await db().select().from(projects)) channels[p.slug] = p.channelId;
    await h.slack.join(people.alice, channels.billing ?? '');
    await ok(people.victor, 'raci set "Order handling" R=<@U0VICTOR> A=acme project=rollout');
    await ok(people.victor, 'raci set "Invoicing" R=globex A=<@U0VICTOR> project=billing');
    await ok(people.victor, 'raci set "Reporting" R=globex A=<@U0VERA> project=billing');
    await ok(people.victor, 'checkin schedule sync "0 10 * * 1"', '/accord', channels.rollout);
    await ok(people.victor, 'checkin schedule risk "0 14 * * 3"', '/accord', channels.billing);
    const raise = async (key: string, text: string, channel: string) => {
      const reply = await h.ask(people.victor, text, '/escalate', channel);
      escalationIds[key] = Number(/ESC-(\d+)/.exec(reply)?.[1]);
      expect(escalationIds[key], reply).toBeGreaterThan(0);
    };
    await raise('rollout', 'sev2 Calls drop after 30 seconds', channels.rollout ?? '');
    await raise('billing', 'sev3 Invoices are late', channels.billing ?? '');
    await raise('cancelled', 'sev4 Wrong logo', channels.rollout ?? '');
    await ok(
      people.victor,
      `escalation cancel ESC-${escalationIds.cancelled} "raised by mistake"`,
      '/accord',
      channels.rollout,
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows a vendor member every open escalation, their RACI roles, the next check-ins and the partner table', async () => {
    expect(h.clock.now().toISOString()).toBe(PINNED_START.toISOString());
    const texts = await openHome(people.victor);
    expect(texts).toContain('You are a *vendor member*: you create projects, set RACI and schedule check-ins.');
    expect(sectionOf(texts, 'Open escalations')).toBe(
      [
        '*Open escalations*',
        `• *ESC-${escalationIds.rollout}* sev2 — Calls drop after 30 seconds (open) in <#${channels.rollout}>`,
        `• *ESC-${escalationIds.billing}* sev3 — Invoices are late (open) in <#${channels.billing}>`,
      ].join('\n'),
    );
    expect(sectionOf(texts, 'Your RACI roles')).toBe(
      ['*Your RACI roles*', '• `rollout` *Order handling*: R', '• `billing` *Invoicing*: A'].join('\n'),
    );
    expect(sectionOf(texts, 'Next check-ins')).toBe(
      [
        '*Next check-ins*',
        '• `rollout` sync — 2026-03-02 10:00 UTC',
        '• `billing` risk — 2026-03-04 14:00 Europe/Riga',
      ].join('\n'),
    );
    expect(sectionOf(texts, 'Partner scores')).toBe(
      [
        '*Partner scores (2026-03)*',
        '• *Acme Telecom* — 100/100 · coefficient 100%',
        '• *Globex Corp* — 50/100 · coefficient 55.56%',
      ].join('\n'),
    );
    expect(texts.join('\n')).not.toContain('Wrong logo');
    expect(texts.at(-1)).toBe('Updated 2026-03-02 11:00 Europe/Riga');
    expect(texts.join('\n')).not.toContain('Waiting for your answer');

    const admin = await openHome(people.alice);
    expect(admin).toContain(
      'You are a *vendor admin*: you manage partners, SLA policies, scores, settlement and admins.',
    );
    expect(sectionOf(admin, 'Partner scores')).toBe(sectionOf(texts, 'Partner scores'));
    expect(sectionOf(admin, 'Your RACI roles')).toBe('*Your RACI roles*\n_none yet_');
  });

  it('shows a partner member only their partner’s score, escalations and RACI roles', async () => {
    const texts = await openHome(people.pat);
    const all = texts.join('\n');
    expect(texts).toContain(
      'You are a *partner member*: you raise and answer escalations and check-ins in your projects.',
    );
    expect(texts).toContain('Your partner: *Acme Telecom* (lead)');
    expect(sectionOf(texts, 'Open escalations')).toBe(
      [
        '*Open escalations*',
        `• *ESC-${escalationIds.rollout}* sev2 — Calls drop after 30 seconds (open) in <#${channels.rollout}>`,
      ].join('\n'),
    );
    expect(sectionOf(texts, 'Your RACI roles')).toBe(
      ['*Your RACI roles*', '• `rollout` *Order handling*: A'].join('\n'),
    );
    expect(sectionOf(texts, 'Next check-ins')).toBe(
      ['*Next check-ins*', '• `rollout` sync — 2026-03-02 10:00 UTC'].join('\n'),
    );
    expect(sectionOf(texts, 'Your partner’s score')).toBe(
      ['*Your partner’s score (2026-03)*', '• *Acme Telecom* — 100/100 · coefficient 100%'].join('\n'),
    );
    expect(sectionOf(texts, 'Partner scores')).toBeUndefined();
    for (const hidden of ['Globex', 'Invoices are late', 'billing', 'Invoicing', 'Reporting'])
      expect(all).not.toContain(hidden);
  });

  it('shows a guest only that they are not part of the vendor team, and no data', async () => {
    const texts = await openHome(gus);
    const all = texts.join('\n');
    expect(all).toContain('You are not part of the vendor team or any partner yet.');
    for (const section of ['Open escalations', 'Your RACI roles', 'Next check-ins', 'Partner scores', 'Your partner'])
      expect(all).not.toContain(section);
    for (const hidden of ['Acme', 'Globex', 'ESC-', 'rollout', 'billing']) expect(all).not.toContain(hidden);
  });

  it('shows a partner member their partner’s score even before it has a project', async () => {
    await ok(people.alice, 'partner add solo "Solo Services"');
    await ok(people.alice, 'partner member add solo <@U0VERA> lead confirm');
    await ok(people.alice, 'rate solo 5');
    const all = (await openHome(people.vera)).join('\n');
    expect(all).toContain('*Solo Services* — 100/100 · coefficient 100%');
  });

  it('drops an escalation from the App Home once it is no longer open', async () => {
    await ok(people.victor, `escalation cancel ESC-${escalationIds.billing} "duplicate"`, '/accord', channels.billing);
    expect(
      (
        await db()
          .select()
          .from(escalations)
          .where(eq(escalations.id, escalationIds.billing ?? 0))
      )[0]?.status,
    ).toBe('cancelled');
    const texts = await openHome(people.victor);
    expect(sectionOf(texts, 'Open escalations')).toBe(
      [
        '*Open escalations*',
        `• *ESC-${escalationIds.rollout}* sev2 — Calls drop after 30 seconds (open) in <#${channels.rollout}>`,
      ].join('\n'),
    );
  });

  it('shows a check-in of another zone at the project’s time, as the project channel does', async () => {
    // 09:00 in New York on Tuesday is 14:00 UTC, 16:00 in Riga, the billing project's zone.
    await ok(people.victor, 'checkin schedule sync "0 9 * * 2" tz=America/New_York', '/accord', channels.billing);
    const texts = await openHome(people.victor);
    expect(sectionOf(texts, 'Next check-ins')).toBe(
      [
        '*Next check-ins*',
        '• `rollout` sync — 2026-03-02 10:00 UTC',
        '• `billing` sync — 2026-03-03 16:00 Europe/Riga',
        '• `billing` risk — 2026-03-04 14:00 Europe/Riga',
      ].join('\n'),
    );
  });

  it('lists the open check-ins waiting for your answer, with an Answer button that works from the App Home, until you answer', async () => {
    await ok(people.victor, 'raci set "Collections" R=<@U0ALICE> A=<@U0VICTOR> project=billing');
    await ok(people.victor, 'checkin run sync', '/accord', channels.billing);
    const billingId = (await db().select().from(projects).where(eq(projects.slug, 'billing')))[0]?.id ?? -1;
    const [run] = await db().select().from(checkinRuns).where(eq(checkinRuns.projectId, billingId));
    expect(run?.expected).toEqual(expect.arrayContaining([people.victor.id, people.alice.id]));
    const runId = run?.id ?? -1;
    // Posted 09:00 UTC, closing a day later: 11:00 in Riga, the billing project's zone.
    const waitingLine = '• `billing` sync check-in — closes 2026-03-03 11:00 Europe/Riga';
    const waitingOf = (texts: string[]) => {
      const at = texts.indexOf('*Waiting for your answer*');
      return at < 0 ? [] : texts.slice(at, at + 3);
    };

    expect(waitingOf(await openHome(people.victor))).toEqual(['*Waiting for your answer*', waitingLine, 'Answer']);
    const home = h.standIn.homeViews.get(people.victor.id) as {
      blocks: Array<{ type: string; accessory?: { action_id: string; value: string } }>;
    };
    expect(home.blocks.filter((b) => b.accessory).map((b) => b.accessory)).toEqual([
      expect.objectContaining({ action_id: actionIds.checkinAnswer, value: String(runId) }),
    ]);
    // Pat's partner is not in billing: nothing of it is shown to Pat.
    expect((await openHome(people.pat)).join('\n')).not.toContain('Waiting for your answer');

    // A click on the App Home: Slack sends the view, and no channel or response_url.
    const pressOnHome = async (user: User, value: string) => {
      const opened = h.standIn.openedViews.length;
      const published = h.standIn.callsTo('views.publish').length;
      const res = await h.slack.interaction({
        type: 'block_actions',
        api_app_id: 'A0ACCORD',
        team: { id: VENDOR_TEAM, domain: 'vendor' },
        user: { id: user.id, team_id: user.teamId, username: user.id },
        trigger_id: `${Date.now()}.home`,
        container: { type: 'view', view_id: 'V0HOME' },
        view: {
          id: 'V0HOME',
          type: 'home',
          blocks: [],
          private_metadata: '',
          callback_id: '',
          state: { values: {} },
          hash: 'h',
        },
        actions: [
          {
            type: 'button',
            action_id: actionIds.checkinAnswer,
            block_id: 'b',
            value,
            text: { type: 'plain_text', text: 'Answer' },
            action_ts: String(Date.now() / 1000),
          },
        ],
      });
      expect(res.status).toBe(200);
      await h.settle();
      return {
        view: h.standIn.openedViews[opened],
        republished: h.standIn.callsTo('views.publish').length - published,
      };
    };
    const refused = await pressOnHome(people.pat, String(runId));
    expect(refused.view?.view).toMatchObject({
      type: 'modal',
      blocks: [{ type: 'section', text: { text: ':warning: That check-in no longer exists.' } }],
    });
    expect(refused.republished).toBe(1);

    const { view } = await pressOnHome(people.victor, String(runId));
    expect(view?.view).toMatchObject({ callback_id: viewIds.checkinAnswer, private_metadata: String(runId) });
    const values = {
      status: { status: { type: 'static_select', selected_option: { value: 'on_track' } } },
      progress: { progress: { type: 'plain_text_input', value: 'Invoices out' } },
      next_steps: { next_steps: { type: 'plain_text_input', value: 'Reminders' } },
    };
    const published = h.standIn.callsTo('views.publish').length;
    const submitted = await h.slack.interaction(viewSubmission(people.victor, view, values));
    expect(submitted.status).toBe(200);
    await h.settle();
    expect(
      await db()
        .select()
        .from(checkinAnswers)
        .where(and(eq(checkinAnswers.runId, runId), eq(checkinAnswers.userId, people.victor.id))),
    ).toHaveLength(1);
    // The App Home is redrawn at once, without the check-in just answered.
    expect(h.standIn.callsTo('views.publish').length).toBe(published + 1);
    const redrawn = textsOf((h.standIn.homeViews.get(people.victor.id) as { blocks: unknown[] }).blocks);
    expect(waitingOf(redrawn)).toEqual([]);
    expect(redrawn).toContain(
      '*Next check-ins*\n• `rollout` sync — 2026-03-02 10:00 UTC\n• `billing` sync — 2026-03-03 16:00 Europe/Riga\n• `billing` risk — 2026-03-04 14:00 Europe/Riga',
    );

    // Alice still owes an answer, until she replies in the check-in's thread.
    expect(waitingOf(await openHome(people.alice))).toEqual(['*Waiting for your answer*', waitingLine, 'Answer']);
    const [outbox] = await db()
      .select()
      .from(slackOutbox)
      .where(eq(slackOutbox.id, run?.messageOutboxId ?? -1));
    const parent = h.standIn.messagesIn(channels.billing ?? '').find((m) => !m.threadTs && m.ts === outbox?.result?.ts);
    expect(parent).toBeDefined();
    const reply = h.standIn.postAsUser(
      people.alice.id,
      channels.billing ?? '',
      'on track: invoices out, next: reminders',
      parent?.ts,
    );
    const event = {
      type: 'message',
      channel: channels.billing,
      user: people.alice.id,
      text: reply.text,
      ts: reply.ts,
      event_ts: reply.ts,
      thread_ts: parent?.ts,
      user_team: VENDOR_TEAM,
      channel_type: 'channel',
    };
    expect((await h.slack.event(event)).status).toBe(200);
    await h.settle();
    expect(
      await db()
        .select()
        .from(checkinAnswers)
        .where(and(eq(checkinAnswers.runId, runId), eq(checkinAnswers.userId, people.alice.id))),
    ).toHaveLength(1);
    expect(waitingOf(await openHome(people.alice))).toEqual([]);
  });
});
