import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalations, projects, risks } from '../../src/db/schema';
import type { StandInMessage } from '../../src/sandbox/stand-in';
import { actionIds, inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { PARTNER_TEAM, people } from '../../src/testkit/world';
import { givenPartner } from '../../src/testkit/given';
import { viewSubmission, type OpenedForm } from '../../src/testkit/forms';

type User = { id: string; teamId: string };
/** A member of another partner, in its own Slack organisation, in no project of Acme's. */
const gina = { id: 'U0GINA', teamId: 'T0GLOBEX', name: 'gina' };

const CARD_BUTTONS = [
  actionIds.cardRaiseEscalation,
  actionIds.cardAddRisk,
  actionIds.cardScore,
  actionIds.cardStatement,
  actionIds.cardHelp,
];

describe.each(drivers)('the project card (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  let projectId: number;
  let otherProjectId: number;
  const db = () => h.accord.database.db;

  const card = (): StandInMessage | undefined =>
    h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith('Welcome to Riga rollout'));
  const cardBlocks = () => JSON.stringify(card()?.blocks);
  const press = async (user: User, actionId: string, value: string = String(projectId)) => {
    const res = await h.slack.press(user, { channel, ts: card()?.ts ?? '', actionId, value });
    expect(res.status).toBe(200);
    await h.settle();
    return h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
  };
  /** Presses a button that opens a form: the view it ends up showing, and any reply. */
  const pressForm = async (user: User, actionId: string, value?: string) => {
    const opened = h.standIn.openedViews.length;
    const replies = await press(user, actionId, value);
    return { view: h.standIn.openedViews[opened], replies };
  };
  const submit = (user: User, view: OpenedForm | undefined, values: Record<string, unknown>) =>
    h.slack.interaction(viewSubmission(user, view, values));

  beforeAll(async () => {
    h = await startHarness({ driver, users: [gina] });
    // Acme's people are of Acme's own Slack organisation (T0PARTNER): they have no slash commands.
    await givenPartner(h);
    await h.ask(people.alice, 'partner add globex "Globex Services" team=T0GLOBEX');
    await h.ask(
      people.victor,
      'project create rollout "Riga rollout" partners=acme customer="Baltic Bank" tz=Europe/Riga',
    );
    await h.ask(people.victor, 'project create ops "Ops" partners=globex');
    const [rollout] = await db().select().from(projects).where(eq(projects.slug, 'rollout'));
    const [ops] = await db().select().from(projects).where(eq(projects.slug, 'ops'));
    channel = rollout?.channelId ?? '';
    projectId = rollout?.id ?? 0;
    otherProjectId = ops?.id ?? 0;
    await h.slack.acceptInvitationsFor(people.pat);
    await h.settle();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('is the channel’s welcome, pinned, with its five buttons carrying the project id', async () => {
    const message = card();
    expect(message?.user).toBe(h.standIn.botUserId);
    expect(h.standIn.pinsIn(channel).map((m) => m.ts)).toEqual([message?.ts]);
    expect(
      h.standIn
        .callsTo('pins.add')
        .filter((c) => c.args.channel === channel)
        .map((c) => c.args.timestamp),
    ).toEqual([message?.ts]);
    const actions = (
      message?.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual(
      CARD_BUTTONS.map((id) => [id, String(projectId)]),
    );
    expect(cardBlocks()).toContain('Welcome to Riga rollout');
    expect(cardBlocks()).toContain('<@U0VICTOR>');
    const [row] = await db().select().from(projects).where(eq(projects.id, projectId));
    expect(row?.cardOutboxId).not.toBeNull();
  });

  it('Raise escalation: a partner member of another organisation gets the form for this project and raises it', async () => {
    const { view, replies } = await pressForm(people.pat, actionIds.cardRaiseEscalation);
    expect(replies).toEqual([]);
    expect(view?.view).toMatchObject({ callback_id: viewIds.escalationRaise, private_metadata: channel });
    expect(JSON.stringify(view?.view.blocks)).toContain('Riga rollout');
    const values = {
      [inputIds.severity]: { [inputIds.severity]: { type: 'static_select', selected_option: { value: 'sev2' } } },
      [inputIds.title]: { [inputIds.title]: { type: 'plain_text_input', value: 'Orders failing' } },
      [inputIds.activity]: { [inputIds.activity]: { type: 'plain_text_input', value: null } },
    };
    expect((await submit(people.pat, view, values)).status).toBe(200);
    await h.settle();
    const [raised] = await db().select().from(escalations).where(eq(escalations.title, 'Orders failing'));
    // Raised by a partner member, it goes to the vendor.
    expect(raised).toMatchObject({ openedBy: people.pat.id, projectId, targetPartnerId: null, status: 'open' });
    // The card counts it.
    expect(card()?.edited).toBe(true);
    expect(cardBlocks()).toContain('*Escalations*: 1 waiting for acknowledgement');
  });

  it('Add risk: the form records the risk for the clicker’s own partner and announces it', async () => {
    const { view, replies } = await pressForm(people.pat, actionIds.cardAddRisk);
    expect(replies).toEqual([]);
    expect(view?.view).toMatchObject({ callback_id: viewIds.riskAdd, private_metadata: channel });
    const empty = await submit(people.pat, view, {
      [inputIds.title]: { [inputIds.title]: { type: 'plain_text_input', value: ' ' } },
    });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { [inputIds.title]: expect.any(String) } });
    const values = {
      [inputIds.title]: { [inputIds.title]: { type: 'plain_text_input', value: 'SIP trunk capacity' } },
      [inputIds.riskCategory]: {
        [inputIds.riskCategory]: { type: 'static_select', selected_option: { value: 'connectivity' } },
      },
      [inputIds.likelihood]: { [inputIds.likelihood]: { type: 'static_select', selected_option: { value: '4' } } },
      [inputIds.impact]: { [inputIds.impact]: { type: 'static_select', selected_option: { value: '5' } } },
      [inputIds.mitigation]: { [inputIds.mitigation]: { type: 'plain_text_input', value: 'Second trunk ordered' } },
    };
    expect((await submit(people.pat, view, values)).status).toBe(200);
    await h.settle();
    const [risk] = await db().select().from(risks).where(eq(risks.title, 'SIP trunk capacity'));
    expect(risk).toMatchObject({
      projectId,
      category: 'connectivity',
      likelihood: 4,
      impact: 5,
      ownerUserId: people.pat.id,
      createdBy: people.pat.id,
      mitigation: 'Second trunk ordered',
    });
    expect(risk?.partnerId).not.toBeNull();
    expect(
      h.standIn.messagesIn(channel).some((m) => m.text.includes('added *R-') && m.text.includes('SIP trunk capacity')),
    ).toBe(true);
  });

  it('Our score: the partner member sees their own partner only; the vendor sees the project’s partners', async () => {
    const [own] = await press(people.pat, actionIds.cardScore);
    expect(own).toContain('*Acme Telecom · ');
    expect(own).toContain('Score: ');
    expect(own).not.toContain('Globex');
    const [vendor] = await press(people.victor, actionIds.cardScore);
    expect(vendor).toContain('*Partner scores for 2026-03*');
    expect(vendor).toContain('Acme Telecom');
    expect(vendor).not.toContain('Globex');
  });

  it('Our statement: the partner member sees their partner’s latest approved statement; the vendor the latest period', async () => {
    expect(await press(people.pat, actionIds.cardStatement)).toEqual([
      expect.stringContaining('There is no approved statement for your partner yet.'),
    ]);
    await h.ask(people.alice, 'contract set acme monthly fee=1,000 currency=USD');
    await h.ask(people.alice, 'settle 2026-02');
    // A draft is the vendor's to see, not yet the partner's.
    expect(await press(people.pat, actionIds.cardStatement)).toEqual([
      expect.stringContaining('There is no approved statement'),
    ]);
    expect(await press(people.victor, actionIds.cardStatement)).toEqual([
      expect.stringContaining('*Acme Telecom · statement 2026-02* (_draft_'),
    ]);
    await h.ask(people.alice, 'settle approve 2026-02');
    const [approved] = await press(people.pat, actionIds.cardStatement);
    expect(approved).toContain('*Acme Telecom · statement 2026-02* (approved)');
    expect(approved).toContain('USD 1,000.00');
  });

  it('Help: how to reach Accord here without slash commands', async () => {
    const [help] = await press(people.pat, actionIds.cardHelp);
    expect(help).toContain('*Accord in `rollout`*');
    expect(help).toContain('`@Accord escalate sev2 Orders failing`');
  });

  it('is kept up to date: a RACI change re-renders it with chat.update', async () => {
    const updates = h.standIn.callsTo('chat.update').filter((c) => c.args.ts === card()?.ts).length;
    await h.ask(people.victor, 'raci set "Go-live" R=acme A=vendor', '/accord', channel);
    expect(h.standIn.callsTo('chat.update').filter((c) => c.args.ts === card()?.ts)).toHaveLength(updates + 1);
    expect(cardBlocks()).toContain('*Who does what*: 1 activity: Go-live (A: vendor).');
  });

  it('refuses a tampered value plainly, and a value of another project as not this channel’s card', async () => {
    const opened = h.standIn.openedViews.length;
    expect(await press(people.pat, actionIds.cardScore, 'abc')).toEqual([
      expect.stringContaining('That button does not belong to a message of Accord’s, so nothing was done.'),
    ]);
    const other = await press(people.pat, actionIds.cardStatement, String(otherProjectId));
    expect(other).toEqual([expect.stringContaining('That button does not belong to this channel’s project card')]);
    expect(other.join(' ')).not.toMatch(/Ops|Globex|ops/);
    // A form button with someone else's project id opens only the refusal.
    const { view } = await pressForm(people.pat, actionIds.cardRaiseEscalation, String(otherProjectId));
    expect(view?.view.callback_id).toBeUndefined();
    expect(JSON.stringify(view?.view.blocks)).toContain('That button does not belong to this channel’s project card');
    expect(h.standIn.openedViews).toHaveLength(opened + 1);
  });

  it('refuses a member of another partner who is not in the project, without naming anything of it', async () => {
    expect(PARTNER_TEAM).not.toBe(gina.teamId);
    // A forged request: gina cannot see this channel in Slack, so no client of hers could send the click.
    const message = card();
    const res = await h.slack.forgedPress(gina, {
      channel,
      ts: message?.ts ?? '',
      actionId: actionIds.cardScore,
      value: String(projectId),
    });
    expect(res.status).toBe(200);
    await h.settle();
    const [refused] = h.standIn.responsesTo(res.responseUrl).map((r) => String(r.body.text));
    expect(refused).toContain('That button does not belong to this channel’s project card');
    expect(refused).not.toMatch(/Acme|rollout/);
  });
});
