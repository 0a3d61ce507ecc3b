import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { checkinRuns, escalations, projects } from '../../src/db/schema';
import { actionIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';
import { answers, chosen, viewSubmission } from '../../src/testkit/forms';

type User = { id: string; teamId: string };

/** The database calls Accord makes (any query or transaction it starts) and the modal calls Slack takes, in order. */
const timeline: string[] = [];
const QUERY_METHODS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute', 'transaction']);

function watched(database: Database): Database {
  const db = new Proxy(database.db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (typeof prop === 'string' && QUERY_METHODS.has(prop)) timeline.push('db');
        return fn.apply(target, args);
      };
    },
  });
  return { ...database, db };
}

describe.each(drivers)('modals open inside the trigger window (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  let projectId: number;
  const db = () => h.accord.database.db;

  const messageStarting = (prefix: string) =>
    h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(prefix));
  /** Presses a button and returns what happened from the click on: database work and modal calls. */
  const press = async (user: User, ts: string, actionId: string, value: string) => {
    timeline.length = 0;
    const res = await h.slack.press(user, { channel, ts, actionId, value });
    expect(res.status).toBe(200);
    await h.settle();
    return { steps: [...timeline], replies: h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text)) };
  };
  /** The loading view first, before any query; then the database; then the form, by the loading view's id and hash. */
  const expectOpenedBeforeTheDatabase = (steps: string[]) => {
    expect(steps[0]).toBe('views.open');
    const update = steps.indexOf('views.update');
    expect(update).toBeGreaterThan(1);
    expect(steps.slice(1, update)).toContain('db');
    const [opened] = h.standIn.viewLog.filter((v) => v.method === 'views.open').slice(-1);
    const [updated] = h.standIn.viewLog.filter((v) => v.method === 'views.update').slice(-1);
    expect(updated?.viewId).toBe(opened?.viewId);
    const openCall = h.standIn.callsTo('views.open').at(-1);
    const updateCall = h.standIn.callsTo('views.update').at(-1);
    expect(updateCall?.args.hash).toBe((openCall?.response.view as { hash?: string } | undefined)?.hash);
    expect(JSON.stringify((openCall?.args as { view?: unknown }).view)).toContain('Loading');
  };

  beforeAll(async () => {
    h = await startHarness({ driver, wrapDatabase: watched });
    h.standIn.on('call', (method: string) => {
      if (method === 'views.open' || method === 'views.update') timeline.push(method);
    });
    await givenPartner(h);
    await h.ask(people.victor, 'project create rollout "Rollout" partners=acme');
    const [row] = await db().select().from(projects).where(eq(projects.slug, 'rollout'));
    channel = row?.channelId ?? '';
    projectId = row?.id ?? 0;
    await h.slack.acceptInvitationsFor(people.pat);
    await h.settle();
  });
  beforeEach(() => h.standIn.clearFaults());
  afterAll(async () => {
    await h?.stop();
  });

  it('the project card’s Raise escalation and Add risk', async () => {
    const card = messageStarting('Welcome to Rollout')?.ts ?? '';
    const raise = await press(people.pat, card, actionIds.cardRaiseEscalation, String(projectId));
    expectOpenedBeforeTheDatabase(raise.steps);
    expect(h.standIn.openedViews.at(-1)?.view.callback_id).toBe(viewIds.escalationRaise);
    const risk = await press(people.pat, card, actionIds.cardAddRisk, String(projectId));
    expectOpenedBeforeTheDatabase(risk.steps);
    expect(h.standIn.openedViews.at(-1)?.view.callback_id).toBe(viewIds.riskAdd);
  });

  it('an escalation’s Resolve', async () => {
    await h.ask(people.victor, 'sev3 Slow exports', '/escalate', channel);
    const [e] = await db().select().from(escalations).where(eq(escalations.title, 'Slow exports'));
    const ts = messageStarting(`ESC-${e?.id} `)?.ts ?? '';
    const { steps } = await press(people.pat, ts, actionIds.escalationResolve, String(e?.id));
    expectOpenedBeforeTheDatabase(steps);
    expect(h.standIn.openedViews.at(-1)?.view.callback_id).toBe(viewIds.escalationResolve);
  });

  it('a check-in’s Answer, and its form answered without the database when an answer is missing', async () => {
    await h.ask(people.victor, 'checkin run sync', '/accord', channel);
    const [run] = await db().select().from(checkinRuns).where(eq(checkinRuns.projectId, projectId));
    const ts = messageStarting('Project sync')?.ts ?? '';
    const { steps } = await press(people.pat, ts, actionIds.checkinAnswer, String(run?.id));
    expectOpenedBeforeTheDatabase(steps);
    const form = h.standIn.openedViews.at(-1);
    expect(form?.view.callback_id).toBe(viewIds.checkinAnswer);
    timeline.length = 0;
    const incomplete = await h.slack.interaction(
      viewSubmission(people.pat, form, answers({ status: chosen('on_track') })),
    );
    expect(incomplete.json).toMatchObject({
      response_action: 'errors',
      errors: { progress: 'Please answer this question.' },
    });
    expect(timeline).toEqual([]);
  });

  it('`/escalate` with no arguments: the loading view opens before the delivery is claimed', async () => {
    timeline.length = 0;
    const res = await h.slack.command(people.victor, '/escalate', '', channel);
    expect(res.status).toBe(200);
    await h.settle();
    expectOpenedBeforeTheDatabase([...timeline]);
    expect(h.standIn.openedViews.at(-1)?.view.callback_id).toBe(viewIds.escalationRaise);
  });

  it('a form closed before it was filled in: Slack refuses the update, and a refusal reaches the person by response_url', async () => {
    const card = messageStarting('Welcome to Rollout')?.ts ?? '';
    const closeAtOnce = (method: string, _args: unknown, answer: { body: { view?: { id?: string } } }) => {
      if (method === 'views.open' && answer.body.view?.id) h.standIn.closeView(answer.body.view.id);
    };
    h.standIn.on('call', closeAtOnce);
    try {
      const { replies } = await press(people.pat, card, actionIds.cardRaiseEscalation, '999999');
      expect(h.standIn.callsTo('views.update').at(-1)?.response).toMatchObject({ ok: false, error: 'not_found' });
      expect(replies).toEqual([expect.stringContaining('That button does not belong to this channel’s project card')]);
    } finally {
      h.standIn.off('call', closeAtOnce);
    }
  });
});
