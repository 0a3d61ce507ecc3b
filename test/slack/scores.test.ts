import { asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkinRuns,
  escalations,
  kpiReadings,
  kpiTargets,
  partners,
  projects,
  ratings,
  riskOverdueFlags,
  scoreWeights,
  slackOutbox,
} from '../../src/db/schema';
import { actionIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { gus, people, PINNED_START, quinn } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';

type User = { id: string; teamId: string };

const SCORE_USAGE = 'Usage: `/score [<partner>] [period=YYYY-MM|YYYY-Qn]`';
const NETWORK_REFUSAL =
  ':no_entry: Only vendor admins can manage partners, their stages, violations, certifications and exits.';
const SEE_REFUSAL = ':no_entry: Partner members can see their own partner’s score and statement only.';
const NO_EVIDENCE_COMPONENTS = [
  '• Acknowledgement within SLA: — (no escalations)',
  '• Resolution within SLA: — (no escalations)',
  '• Check-in answers: — (no check-ins expected)',
  '• Risk reviews on time: — (no risk reviews due)',
  '• Customer satisfaction: — (no ratings)',
  '• KPI targets met: — (no KPI targets)',
];

describe.each(drivers)('scores from real evidence (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  let acmeId: number;
  const db = () => h.accord.database.db;

  const at = async (iso: string) => {
    h.clock.set(new Date(iso));
    await h.settle();
  };
  const score = (user: User, text = '') => h.ask(user, text, '/score');
  const lineOf = (reply: string, label: string) =>
    reply.split('\n').find((l) => l.startsWith(`• ${label}:`) || l.startsWith(`${label}:`));
  const figure = async (label: string, text = 'acme', user: User = people.victor) =>
    lineOf(await score(user, text), label);

  const escalationMessage = (id: number) =>
    h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
  const raise = async (user: User, text: string) => {
    const reply = await h.ask(user, text, '/escalate', channel);
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    expect(id, reply).toBeGreaterThan(0);
    return id;
  };
  const escalationRow = async (id: number) => (await db().select().from(escalations).where(eq(escalations.id, id)))[0];
  const postInThread = async (user: User, parentTs: string | undefined, text: string) => {
    expect(parentTs).toBeDefined();
    const event = h.slack.postedMessageEvent(user, channel, text, parentTs);
    const res = await h.slack.event(event);
    expect(res.status).toBe(200);
    await h.settle();
  };

  const latestRun = async () => (await db().select().from(checkinRuns).orderBy(desc(checkinRuns.id)).limit(1))[0];
  const runMessageTs = async (runId: number) => {
    const [run] = await db().select().from(checkinRuns).where(eq(checkinRuns.id, runId));
    const [row] = run?.messageOutboxId
      ? await db().select().from(slackOutbox).where(eq(slackOutbox.id, run.messageOutboxId))
      : [];
    return row?.result?.ts;
  };
  const runCheckin = async (kind: 'sync' | 'risk') => {
    expect(await h.ask(people.victor, `checkin run ${kind}`, '/accord', channel)).toBe(
      `:white_check_mark: ${kind === 'sync' ? 'Sync' : 'Risk review'} check-in posted in the project channel, with the default timing, as the project has no ${kind === 'sync' ? 'sync' : 'risk review'} schedule: reminder after 4h, closes after 1d.`,
    );
    const run = await latestRun();
    expect(run?.kind).toBe(kind);
    return run?.id ?? 0;
  };

  beforeAll(async () => {
    h = await startHarness({
      driver,
      users: [quinn, gus],
    });
    await givenPartner(h);
    await h.ask(people.alice, 'partner add globex "Globex Corp"');
    await h.ask(people.alice, 'partner member add globex <@U0QUINN> lead confirm');
    await h.ask(people.alice, 'partner add initech "Initech"');
    await h.ask(people.alice, 'partner add hooli "Hooli"');
    await h.ask(people.victor, 'project create rollout "Rollout" partners=acme,globex tz=UTC');
    await h.slack.acceptInvitationsFor(people.pat);
    await h.settle();
    channel = (await db().select().from(projects).where(eq(projects.slug, 'rollout')))[0]?.channelId ?? '';
    acmeId = (await db().select().from(partners).where(eq(partners.slug, 'acme')))[0]?.id ?? 0;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('starts from the pinned clock, with no evidence for anybody', async () => {
    expect(h.clock.now().toISOString()).toBe(PINNED_START.toISOString());
    expect(channel).toMatch(/^C/);
    const reply = await score(people.victor, 'acme');
    expect(reply.split('\n').slice(0, 3)).toEqual([
      '*Acme Telecom · 2026-03*',
      'Score: no data',
      'Coefficient: 100% (nothing is held back without evidence)',
    ]);
  });

  describe('escalations', () => {
    const ids: Record<string, number> = {};

    it('counts an escalation for acknowledgement once acknowledged or past its deadline, never when cancelled', async () => {
      // Opened 2026-03-02 09:00. sev2: ack 1h, resolve 1d; sev3: ack 4h, resolve 3d.
      ids.e1 = await raise(people.victor, 'sev2 Calls drop after 30 seconds');
      ids.e2 = await raise(people.victor, 'sev3 Reports are late');
      ids.e3 = await raise(people.victor, 'sev2 IVR menu loops');
      ids.cancelled = await raise(people.victor, 'sev1 Everything is down');
      ids.byPartner = await raise(people.pat, 'sev4 Wrong invoice');
      for (const key of ['e1', 'e2', 'e3', 'cancelled'] as const)
        expect((await escalationRow(ids[key] ?? 0))?.targetPartnerId).toBe(acmeId);
      expect((await escalationRow(ids.byPartner ?? 0))?.targetPartnerId).toBeNull();
      expect(await h.ask(people.victor, `escalation cancel ESC-${ids.cancelled} "raised by mistake"`)).toContain(
        'cancelled',
      );

      expect(await figure('Acknowledgement within SLA')).toBe('• Acknowledgement within SLA: — (no escalations)');
      expect(await figure('Score')).toBe('Score: no data');

      await at('2026-03-02T09:30:00Z');
      const res = await h.slack.press(people.pat, {
        channel,
        ts: escalationMessage(ids.e1 ?? 0)?.ts ?? '',
        actionId: actionIds.escalationAcknowledge,
        value: String(ids.e1),
      });
      expect(res.status).toBe(200);
      await h.settle();
      expect((await escalationRow(ids.e1 ?? 0))?.acknowledgedAt?.toISOString()).toBe('2026-03-02T09:30:00.000Z');
      expect(await figure('Acknowledgement within SLA')).toBe(
        '• Acknowledgement within SLA: 100 (acknowledged 1 of 1 within SLA; weight 100%)',
      );
      expect(await figure('Resolution within SLA')).toBe('• Resolution within SLA: — (no resolutions due)');

      await at('2026-03-02T09:59:59Z');
      expect(await figure('Acknowledgement within SLA')).toContain('(acknowledged 1 of 1 within SLA;');
      await at('2026-03-02T10:00:00Z');
      expect(await figure('Acknowledgement within SLA')).toBe(
        '• Acknowledgement within SLA: 50 (acknowledged 1 of 2 within SLA; weight 100%)',
      );

      await at('2026-03-02T11:00:00Z');
      expect(await h.ask(people.pat, `escalation ack ESC-${ids.e3}`)).toContain(`ESC-${ids.e3} acknowledged`);
      expect(await figure('Acknowledgement within SLA')).toContain('(acknowledged 1 of 2 within SLA;');

      await at('2026-03-02T12:00:00Z');
      await postInThread(people.pat, escalationMessage(ids.e1 ?? 0)?.ts, 'resolved: restarted the media gateway');
      expect((await escalationRow(ids.e1 ?? 0))?.status).toBe('resolved');

      await at('2026-03-02T13:00:00Z');
      await postInThread(people.pat, escalationMessage(ids.e2 ?? 0)?.ts, 'on it');
      expect((await escalationRow(ids.e2 ?? 0))?.acknowledgedAt?.toISOString()).toBe('2026-03-02T13:00:00.000Z');
      expect(await h.ask(people.victor, `escalation ack ESC-${ids.byPartner}`)).toContain(
        `ESC-${ids.byPartner} acknowledged`,
      );
    });

    it('rescales the weights over the two components that have data', async () => {
      // ack 2/3 = 66.67 (weight 25 of 45), resolve 1/1 = 100 (weight 20 of 45): Y = 3666.67 / 45 = 81.48; P = 81.48 /
      // 90 = 90.53%.
      const reply = await score(people.victor, 'acme');
      expect(reply).toBe(
        [
          '*Acme Telecom · 2026-03*',
          'Score: 81.48/100',
          'Coefficient: 90.53%',
          '• Acknowledgement within SLA: 66.67 (acknowledged 2 of 3 within SLA; weight 55.56%)',
          '• Resolution within SLA: 100 (resolved 1 of 1 within SLA; weight 44.44%)',
          ...NO_EVIDENCE_COMPONENTS.slice(2),
          'Trend: 2025-10 no data → 2025-11 no data → 2025-12 no data → 2026-01 no data → 2026-02 no data → 2026-03 81.48',
          'To raise it most: Acknowledging every escalation within SLA would add 18.52 points.',
        ].join('\n'),
      );
      expect(await figure('Acknowledgement within SLA', 'globex')).toBe(
        '• Acknowledgement within SLA: — (no escalations)',
      );
    });

    it('counts a resolution once resolved or past its deadline, within SLA only when resolved in time', async () => {
      await at('2026-03-03T08:59:59Z');
      expect(await figure('Resolution within SLA')).toContain('(resolved 1 of 1 within SLA;');
      await at('2026-03-03T09:00:00Z');
      expect(await figure('Resolution within SLA')).toBe(
        '• Resolution within SLA: 50 (resolved 1 of 2 within SLA; weight 44.44%)',
      );
      await at('2026-03-03T10:00:00Z');
      expect(await h.ask(people.pat, `escalation resolve ESC-${ids.e3} "Fixed the menu tree"`)).toContain('resolved');
      expect(await figure('Resolution within SLA')).toContain('(resolved 1 of 2 within SLA;');
      await at('2026-03-05T09:00:00Z');
      expect(await figure('Resolution within SLA')).toContain('(resolved 1 of 3 within SLA;');
      await at('2026-03-06T10:00:00Z');
      expect(await h.ask(people.pat, `escalation resolve ESC-${ids.e2} "Report job moved"`)).toContain('resolved');
      expect(await figure('Resolution within SLA')).toBe(
        '• Resolution within SLA: 33.33 (resolved 1 of 3 within SLA; weight 44.44%)',
      );
      expect(await figure('Acknowledgement within SLA')).toBe(
        '• Acknowledgement within SLA: 66.67 (acknowledged 2 of 3 within SLA; weight 55.56%)',
      );
    });

    it('leaves out an open escalation until its deadline passes, and drops it again when cancelled', async () => {
      ids.e5 = await raise(people.victor, 'sev4 Typo on the portal');
      await at('2026-03-07T09:59:59Z');
      expect(await figure('Acknowledgement within SLA')).toContain('(acknowledged 2 of 3 within SLA;');
      await at('2026-03-07T10:00:00Z');
      expect(await figure('Acknowledgement within SLA')).toContain('(acknowledged 2 of 4 within SLA;');
      expect(await figure('Resolution within SLA')).toContain('(resolved 1 of 3 within SLA;');
      expect(await h.ask(people.victor, `escalation cancel ESC-${ids.e5} "duplicate"`)).toContain('cancelled');
      expect(await figure('Acknowledgement within SLA')).toContain('(acknowledged 2 of 3 within SLA;');
    });
  });

  describe('check-ins', () => {
    it('counts answers and misses of closed check-ins only', async () => {
      await at('2026-03-09T09:00:00Z');
      const first = await runCheckin('sync');
      expect((await latestRun())?.expected.slice().sort()).toEqual([people.pat.id, quinn.id].sort());
      await postInThread(people.pat, await runMessageTs(first), 'on track, numbers ported');
      expect(await figure('Check-in answers')).toBe('• Check-in answers: — (no check-ins expected)');

      await at('2026-03-10T09:00:00Z');
      expect((await latestRun())?.status).toBe('closed');
      expect(await figure('Check-in answers')).toBe('• Check-in answers: 100 (answered 1 of 1 check-in; weight 25%)');
      expect(await figure('Check-in answers', 'globex')).toBe(
        '• Check-in answers: 0 (answered 0 of 1 check-in; weight 100%)',
      );

      const second = await runCheckin('sync');
      await postInThread(quinn, await runMessageTs(second), 'at risk, waiting for the SIP trunk');
      await at('2026-03-11T09:00:00Z');
      // ack 25 + resolve 20 + check-ins 15 = 60.
      expect(await figure('Check-in answers')).toBe('• Check-in answers: 50 (answered 1 of 2 check-ins; weight 25%)');
      expect(await figure('Check-in answers', 'globex')).toBe(
        '• Check-in answers: 50 (answered 1 of 2 check-ins; weight 100%)',
      );
    });
  });

  describe('risk reviews', () => {
    const add = async (text: string) => {
      const reply = await h.ask(people.victor, `risk add ${text}`, '/accord', channel);
      const id = Number(/\*R-(\d+)\*/.exec(reply)?.[1]);
      expect(id, reply).toBeGreaterThan(0);
      return id;
    };
    let late: number;
    let vendorOwned: number;

    it('counts the partner’s reviews whose date has come, on time unless a risk check-in flagged them overdue', async () => {
      late = await add('"SIP trunk delivery late" category=connectivity owner=<@U0PAT> review=2026-03-11');
      await add('"Agent attrition" category=personnel owner=<@U0PAT> review=2026-03-13');
      await add('"Office move" category=facilities owner=<@U0PAT> review=2026-04-20');
      vendorOwned = await add('"Licence renewal" review=2026-03-11');
      expect(await figure('Risk reviews on time')).toBe(
        '• Risk reviews on time: 100 (made 1 of 1 risk review on time; weight 14.29%)',
      );

      await at('2026-03-12T09:00:00Z');
      const run = await runCheckin('risk');
      const flags = await db().select().from(riskOverdueFlags).orderBy(asc(riskOverdueFlags.riskId));
      expect(flags.map((f) => [f.riskId, f.runId])).toEqual([
        [late, run],
        [vendorOwned, run],
      ]);
      expect(await figure('Risk reviews on time')).toBe(
        '• Risk reviews on time: 0 (made 0 of 1 risk review on time; weight 14.29%)',
      );
      expect(await figure('Risk reviews on time', 'globex')).toBe('• Risk reviews on time: — (no risk reviews due)');
      await postInThread(people.pat, await runMessageTs(run), 'all ok this week');
      expect(await figure('Check-in answers')).toContain('(answered 1 of 2 check-ins;');

      await at('2026-03-12T23:59:59Z');
      expect(await figure('Risk reviews on time')).toContain('(made 0 of 1 risk review on time;');
      await at('2026-03-13T00:00:00Z');
      expect(await figure('Risk reviews on time')).toBe(
        '• Risk reviews on time: 50 (made 1 of 2 risk reviews on time; weight 14.29%)',
      );
      expect(await figure('Risk reviews on time', 'acme period=2026-04')).toBe(
        '• Risk reviews on time: — (no risk reviews due)',
      );
    });

    it('counts the risk check-in’s answers and misses with the other check-ins once it closes', async () => {
      await at('2026-03-13T09:00:00Z');
      expect(await figure('Check-in answers')).toBe(
        '• Check-in answers: 66.67 (answered 2 of 3 check-ins; weight 21.43%)',
      );
      expect(await figure('Check-in answers', 'globex')).toBe(
        '• Check-in answers: 33.33 (answered 1 of 3 check-ins; weight 100%)',
      );
    });
  });

  describe('ratings and KPIs', () => {
    it('averages ratings as (r − 1) / 4 × 100', async () => {
      await at('2026-03-16T10:00:00Z');
      expect(await h.ask(people.alice, 'rate acme 4')).toBe(':white_check_mark: Rating 4/5 recorded for `acme`.');
      expect(await h.ask(people.alice, 'rate acme 2 "slow"')).toBe(
        ':white_check_mark: Rating 2/5 recorded for `acme`.',
      );
      // (75 + 25) / 2 = 50.
      expect(await figure('Customer satisfaction')).toBe(
        '• Customer satisfaction: 50 (average rating 3.0 from 2 ratings; weight 22.22%)',
      );
      const rows = await db().select().from(ratings).orderBy(asc(ratings.id));
      expect(rows.map((r) => [r.rating, r.comment, r.ratedBy])).toEqual([
        [4, null, people.alice.id],
        [2, 'slow', people.alice.id],
      ]);
    });

    it('counts the share of KPI targets met, a partner’s own target replacing the default', async () => {
      expect(await h.ask(people.alice, 'kpi target default service_level&gt;=80% aht&lt;=400s')).toMatch(
        /^:white_check_mark: KPI targets for every partner without its own: service_level/,
      );
      expect(await h.ask(people.alice, 'kpi target acme aht&lt;=300s')).toMatch(
        /^:white_check_mark: KPI targets for `acme`: aht/,
      );
      const targets = await db().select().from(kpiTargets).orderBy(asc(kpiTargets.id));
      expect(
        targets.map((t) => [t.partnerId === null ? 'default' : t.partnerId, t.metric, t.op, t.value, t.unit]),
      ).toEqual([
        ['default', 'service_level', '>=', 80, '%'],
        ['default', 'aht', '<=', 400, 's'],
        [acmeId, 'aht', '<=', 300, 's'],
      ]);
      expect(await h.ask(people.alice, 'kpi record acme service_level=85% aht=320s')).toBe(
        ':white_check_mark: Recorded 2 KPI readings for `acme` in 2026-03.',
      );
      // service_level 85% ≥ 80% is met; aht 320s > 300s (acme's own target) is not, though it would meet the default
      // 400s.
      expect(await figure('KPI targets met')).toBe('• KPI targets met: 50 (met 1 of 2 KPI targets; weight 10%)');
      expect(await figure('KPI targets met', 'globex')).toBe('• KPI targets met: — (no KPI targets)');
    });

    it('takes the latest reading of a metric in the period', async () => {
      expect(await h.ask(people.alice, 'kpi record acme aht=320s period=2026-04')).toBe(
        ':white_check_mark: Recorded 1 KPI reading for `acme` in 2026-04.',
      );
      expect(await figure('KPI targets met', 'acme period=2026-04')).toBe(
        '• KPI targets met: 0 (met 0 of 1 KPI target; weight 100%)',
      );
      await h.ask(people.alice, 'kpi record acme aht=290s period=2026-04');
      expect(await figure('KPI targets met', 'acme period=2026-04')).toBe(
        '• KPI targets met: 100 (met 1 of 1 KPI target; weight 100%)',
      );
    });

    it('does not compare a reading in another unit with the target', async () => {
      await h.ask(people.alice, 'kpi record acme aht=32% period=2026-05');
      expect(await figure('KPI targets met', 'acme period=2026-05')).toBe('• KPI targets met: — (no KPI targets)');
      expect(await figure('Score', 'acme period=2026-05')).toBe('Score: no data');
    });

    it('refuses a rating outside 1–5 and records nothing', async () => {
      const before = await db().select().from(ratings);
      for (const text of ['rate acme 6', 'rate acme 0', 'rate acme 4.5']) {
        const [first, usage] = (await h.ask(people.alice, text)).split('\n');
        expect(first).toMatch(/^:warning: Give a rating from 1 to 5, not /);
        expect(usage).toBe('Usage: `/accord rate <partner> <1-5> ["comment"]`');
      }
      expect(await db().select().from(ratings)).toEqual(before);
    });

    it.each<[keyof typeof people, string, string]>([
      ['victor', 'rate acme 5', NETWORK_REFUSAL],
      ['pat', 'rate acme 5', NETWORK_REFUSAL],
      ['victor', 'kpi target default service_level&gt;=10%', NETWORK_REFUSAL],
      ['pat', 'kpi record acme service_level=100%', NETWORK_REFUSAL],
      ['alice', 'rate acme', ':warning: Give a rating from 1 to 5.\nUsage: `/accord rate <partner> <1-5> ["comment"]`'],
      [
        'alice',
        'kpi target acme service_level&gt;&gt;80',
        ':warning: `service_level&gt;&gt;80` is not a KPI target: the operator must be `<=` (at most) or `>=` (at least).\nUsage: `/accord kpi target <partner>|default <metric><=|>=<value> …`',
      ],
      [
        'alice',
        'kpi target acme',
        ':warning: Give at least one target, e.g. `service_level>=80%`.\nUsage: `/accord kpi target <partner>|default <metric><=|>=<value> …`',
      ],
      [
        'alice',
        'kpi record acme aht=320% service_level=90%',
        ':warning: `320%`: a percentage goes from 0 to 100.\nUsage: `/accord kpi record <partner> <metric>=<value> … [period=YYYY-MM|YYYY-Qn]`',
      ],
      [
        'alice',
        'kpi record acme aht=fast',
        ':warning: `fast` is not a number.\nUsage: `/accord kpi record <partner> <metric>=<value> … [period=YYYY-MM|YYYY-Qn]`',
      ],
      [
        'alice',
        'kpi record acme aht=300s period=2026-13',
        ':warning: `2026-13` is not a period: months run from 01 to 12.\nUsage: `/accord kpi record <partner> <metric>=<value> … [period=YYYY-MM|YYYY-Qn]`',
      ],
    ])('refuses %s `/accord %s` and records nothing', async (who, text, expected) => {
      const before = await Promise.all([
        db().select().from(ratings),
        db().select().from(kpiTargets),
        db().select().from(kpiReadings),
      ]);
      expect(await h.ask(people[who], text)).toBe(expected);
      const after = await Promise.all([
        db().select().from(ratings),
        db().select().from(kpiTargets),
        db().select().from(kpiReadings),
      ]);
      expect(after).toEqual(before);
    });
  });

  describe('violations', () => {
    it('takes 5 points off for a minor violation', async () => {
      await at('2026-03-17T10:00:00Z');
      // ack 66.67×25 + resolve 33.33×20 + check-ins 66.67×15 + risks 50×10 + satisfaction 50×20 + KPIs 50×10 =
      // 5333.33 → 53.33.
      expect(await figure('Score')).toBe('Score: 53.33/100');
      expect(await h.ask(people.alice, 'partner violation acme minor "Missed a customer callback"')).toBe(
        ':white_check_mark: Minor violation recorded for `acme`. It takes 5 points off the partner’s score for this period.',
      );
      const reply = await score(people.victor, 'acme');
      expect(lineOf(reply, 'Score')).toBe('Score: 48.33/100');
      expect(reply).toContain('\n• Minor violations: −5 points\n');
      expect(reply).not.toContain('exit review');
    });

    it('shows a major violation as an exit review warning, without taking points off', async () => {
      expect(await figure('Score', 'globex')).toBe('Score: 33.33/100');
      expect(
        await h.ask(people.alice, 'partner violation globex major "Customer data sent to the wrong party"'),
      ).toContain('Major violation recorded for `globex`.');
      const reply = await score(people.victor, 'globex');
      expect(lineOf(reply, 'Score')).toBe('Score: 33.33/100');
      expect(reply).toContain('\n:warning: A major violation this period: the partner is up for exit review.\n');
      expect(reply).not.toContain('Minor violations');
    });
  });

  describe('the formula', () => {
    it('shows every component with its figures and effective weight, the score and the coefficient', async () => {
      // 53.33 − 5 = 48.33; P = 48.33 / 90 × 100 = 53.7%. Resolving everything in time: 66.67 − 5 = 61.67, i.e. +13.34.
      expect(await score(people.victor, 'acme')).toBe(
        [
          '*Acme Telecom · 2026-03*',
          'Score: 48.33/100',
          'Coefficient: 53.7%',
          '• Acknowledgement within SLA: 66.67 (acknowledged 2 of 3 within SLA; weight 25%)',
          '• Resolution within SLA: 33.33 (resolved 1 of 3 within SLA; weight 20%)',
          '• Check-in answers: 66.67 (answered 2 of 3 check-ins; weight 15%)',
          '• Risk reviews on time: 50 (made 1 of 2 risk reviews on time; weight 10%)',
          '• Customer satisfaction: 50 (average rating 3.0 from 2 ratings; weight 20%)',
          '• KPI targets met: 50 (met 1 of 2 KPI targets; weight 10%)',
          '• Minor violations: −5 points',
          'Trend: 2025-10 no data → 2025-11 no data → 2025-12 no data → 2026-01 no data → 2026-02 no data → 2026-03 48.33',
          'To raise it most: Resolving every escalation within SLA would add 13.34 points.',
        ].join('\n'),
      );
    });

    it('keeps P at 100% from Y = 90 and takes Y / 90 below it', async () => {
      for (const r of [5, 5, 5, 5, 3]) await h.ask(people.alice, `rate hooli ${r}`);
      // (4 × 100 + 50) / 5 = 90.
      const ninety = await score(people.victor, 'hooli');
      expect(ninety.split('\n').slice(1, 3)).toEqual(['Score: 90/100', 'Coefficient: 100%']);
      expect(lineOf(ninety, 'Customer satisfaction')).toBe(
        '• Customer satisfaction: 90 (average rating 4.6 from 5 ratings; weight 100%)',
      );
      await h.ask(people.alice, 'rate hooli 4');
      // (4 × 100 + 50 + 75) / 6 = 87.5; P = 87.5 / 90 = 97.22%.
      const below = await score(people.victor, 'hooli');
      expect(below.split('\n').slice(1, 3)).toEqual(['Score: 87.5/100', 'Coefficient: 97.22%']);
      expect(below).toContain('\nTo raise it most: Ratings of 5 from every customer would add 12.5 points.');
    });

    it('reads `no data` and holds nothing back for a partner without evidence', async () => {
      expect(await score(people.victor, 'initech')).toBe(
        [
          '*Initech · 2026-03*',
          'Score: no data',
          'Coefficient: 100% (nothing is held back without evidence)',
          ...NO_EVIDENCE_COMPONENTS,
          'Trend: 2025-10 no data → 2025-11 no data → 2025-12 no data → 2026-01 no data → 2026-02 no data → 2026-03 no data',
        ].join('\n'),
      );
    });

    it('lets admins change the weights, which changes the score', async () => {
      expect(await h.ask(people.victor, 'score weights satisfaction=40')).toBe(NETWORK_REFUSAL);
      const [notNumber, usage] = (await h.ask(people.alice, 'score weights satisfaction=high')).split('\n');
      expect(notNumber).toMatch(/^:warning: `satisfaction=` takes a whole number from 0 to 100, not /);
      expect(usage).toBe(
        'Usage: `/accord score weights [ack=<n>] [resolve=<n>] [checkins=<n>] [risks=<n>] [satisfaction=<n>] [kpi=<n>]`',
      );
      expect(await h.ask(people.alice, 'score weights satisfaction=101')).toContain(
        'The weight of `satisfaction` must be a whole number from 0 to 100, not `101`.',
      );
      expect(
        await h.ask(people.alice, 'score weights ack=0 resolve=0 checkins=0 risks=0 satisfaction=0 kpi=0'),
      ).toContain(':warning: At least one weight must be above 0');
      expect(await db().select().from(scoreWeights)).toEqual([]);

      expect(await h.ask(people.alice, 'weights satisfaction=40', '/score')).toBe(
        ':white_check_mark: Score weights: ack 25 · resolve 20 · checkins 15 · risks 10 · satisfaction 40 · kpi 10.',
      );
      // (5333.33 + 20 × 50) / 120 = 52.78; − 5 = 47.78; P = 47.78 / 90 = 53.09%.
      const reply = await score(people.victor, 'acme');
      expect(reply.split('\n').slice(1, 9)).toEqual([
        'Score: 47.78/100',
        'Coefficient: 53.09%',
        '• Acknowledgement within SLA: 66.67 (acknowledged 2 of 3 within SLA; weight 20.83%)',
        '• Resolution within SLA: 33.33 (resolved 1 of 3 within SLA; weight 16.67%)',
        '• Check-in answers: 66.67 (answered 2 of 3 check-ins; weight 12.5%)',
        '• Risk reviews on time: 50 (made 1 of 2 risk reviews on time; weight 8.33%)',
        '• Customer satisfaction: 50 (average rating 3.0 from 2 ratings; weight 33.33%)',
        '• KPI targets met: 50 (met 1 of 2 KPI targets; weight 8.33%)',
      ]);
      expect(await h.ask(people.alice, 'score weights satisfaction=20')).toBe(
        ':white_check_mark: Score weights: ack 25 · resolve 20 · checkins 15 · risks 10 · satisfaction 20 · kpi 10.',
      );
      expect(await figure('Score')).toBe('Score: 48.33/100');
    });
  });

  describe('who sees which score', () => {
    it('gives a vendor user the table of all active partners, best score first', async () => {
      await h.ask(people.alice, 'partner add umbrella "Umbrella Corp"');
      expect(await h.ask(people.alice, 'partner exit umbrella reason="closed down" handover=acme')).toBe(
        [
          ':white_check_mark: *Umbrella Corp* has exited; its history is kept.',
          'It held no RACI roles.',
          'Its members lost access to Accord.',
        ].join('\n'),
      );
      const table = [
        '*Partner scores for 2026-03*',
        '• *Hooli* `hooli` — 87.5/100 · 97.22%',
        '• *Acme Telecom* `acme` — 48.33/100 · 53.7%',
        '• *Globex Corp* `globex` — 33.33/100 · 37.03% · :warning: exit review',
        '• *Initech* `initech` — no data',
      ].join('\n');
      expect(await score(people.victor)).toBe(table);
      expect(await score(people.alice)).toBe(table);
      expect(await score(people.victor, 'period=2026-02')).toBe(
        [
          '*Partner scores for 2026-02*',
          '• *Acme Telecom* `acme` — no data',
          '• *Globex Corp* `globex` — no data',
          '• *Hooli* `hooli` — no data',
          '• *Initech* `initech` — no data',
        ].join('\n'),
      );
    });

    it('gives a partner member their own partner’s score and nothing about another partner', async () => {
      const own = await score(people.pat);
      expect(own).toBe(await score(people.victor, 'acme'));
      expect(await score(people.pat, 'acme')).toBe(own);
      expect(await score(quinn)).toBe(await score(people.victor, 'globex'));
      expect(await score(people.pat, 'globex')).toBe(SEE_REFUSAL);
      expect(await score(people.pat, 'globex period=2026-02')).toBe(SEE_REFUSAL);
      expect(await score(people.pat, 'nosuch')).toBe(SEE_REFUSAL);
      expect(await score(quinn, 'acme')).toBe(SEE_REFUSAL);
      expect(await score(people.victor, 'nosuch')).toBe(':warning: There is no partner `nosuch`.');
    });

    it('refuses a guest', async () => {
      const refusal = `${SEE_REFUSAL} Accord does not know you yet: ask a vendor admin to add you to your partner.`;
      expect(await score(gus)).toBe(refusal);
      expect(await score(gus, 'acme')).toBe(refusal);
    });
  });

  describe('trend and periods', () => {
    it('shows evidence of earlier months in the trend of the last 6 periods', async () => {
      const now = h.clock.now();
      await at('2026-01-15T10:00:00Z');
      await h.ask(people.alice, 'rate acme 5');
      await at('2026-02-10T10:00:00Z');
      await h.ask(people.alice, 'rate acme 3');
      await at(now.toISOString());
      expect(await figure('Trend')).toBe(
        'Trend: 2025-10 no data → 2025-11 no data → 2025-12 no data → 2026-01 100 → 2026-02 50 → 2026-03 48.33',
      );
      const february = await score(people.victor, 'acme period=2026-02');
      expect(february.split('\n').slice(0, 3)).toEqual([
        '*Acme Telecom · 2026-02*',
        'Score: 50/100',
        'Coefficient: 55.56%',
      ]);
      expect(lineOf(february, 'Customer satisfaction')).toBe(
        '• Customer satisfaction: 50 (average rating 3.0 from 1 rating; weight 100%)',
      );
      expect(lineOf(february, 'Trend')).toBe(
        'Trend: 2025-09 no data → 2025-10 no data → 2025-11 no data → 2025-12 no data → 2026-01 100 → 2026-02 50',
      );
    });

    it('scores a quarter from all of its months', async () => {
      // Ratings 5, 3, 4, 2 → (100 + 50 + 75 + 25) / 4 = 62.5; (5333.33 − 1000 + 20 × 62.5) / 100 = 55.83; − 5 =
      // 50.83; P = 56.48%.
      const quarter = await score(people.victor, 'acme period=2026-Q1');
      expect(quarter.split('\n').slice(0, 3)).toEqual([
        '*Acme Telecom · 2026-Q1*',
        'Score: 50.83/100',
        'Coefficient: 56.48%',
      ]);
      expect(lineOf(quarter, 'Customer satisfaction')).toBe(
        '• Customer satisfaction: 62.5 (average rating 3.5 from 4 ratings; weight 20%)',
      );
      expect(lineOf(quarter, 'KPI targets met')).toBe('• KPI targets met: 50 (met 1 of 2 KPI targets; weight 10%)');
      expect(lineOf(quarter, 'Trend')).toBe(
        'Trend: 2024-Q4 no data → 2025-Q1 no data → 2025-Q2 no data → 2025-Q3 no data → 2025-Q4 no data → 2026-Q1 50.83',
      );
      expect(await score(people.victor, 'acme period=2026-q1')).toBe(quarter);
    });

    it.each([
      ['acme period=2026-13', '`2026-13` is not a period: months run from 01 to 12.'],
      ['acme period=2026-Q5', '`2026-Q5` is not a period: quarters run from Q1 to Q4.'],
      ['acme period=March', '`March` is not a period: use a month like `2026-03` or a quarter like `2026-Q1`.'],
      ['period=1969-12', '`1969-12` is not a period: the year must be 1970 or later.'],
    ])('refuses `/score %s` with the usage', async (text, sentence) => {
      expect(await score(people.victor, text)).toBe(`:warning: ${sentence}\n${SCORE_USAGE}`);
    });
  });
  describe('evidence that cannot be bent', () => {
    it('refuses a KPI reading in another unit than its target', async () => {
      await h.ask(people.alice, 'kpi target initech aht&lt;=300s');
      const before = (await db().select().from(kpiReadings)).length;
      expect(await h.ask(people.alice, 'kpi record initech aht=32%')).toMatch(/^:warning: .*second/);
      expect(await db().select().from(kpiReadings)).toHaveLength(before);
    });

    it('keeps a missed review in its period when the review date is moved later', async () => {
      const now = h.clock.now();
      await at('2026-05-01T09:00:00Z');
      const added = await h.ask(people.pat, 'risk add "Late review" review=2026-05-03', '/accord', channel);
      const id = Number(/R-(\d+)/.exec(added)?.[1]);
      await at('2026-05-04T09:00:00Z');
      await runCheckin('risk');
      const may = async () => lineOf(await score(people.victor, 'acme period=2026-05'), 'Risk reviews on time');
      expect(await may()).toContain('made 0 of 1 risk review on time');
      await h.ask(people.pat, `risk update R-${id} review=2026-06-20`, '/accord', channel);
      expect(await may()).toContain('made 0 of 1 risk review on time');
      await at(now.toISOString());
    });
  });
});
