import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationEvents, escalations, partners } from '../../src/db/schema';
import { createLogger } from '../../src/logger';
import { inputIds, viewIds } from '../../src/messages/ids';
import { drivers } from '../../src/testkit/databases';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';
import { SocketModeServer } from '../../src/testkit/socket-mode-server';
import { givenPartner, givenProject } from '../../src/testkit/given';
import { answers, chosen, typed, viewSubmission } from '../../src/testkit/forms';

/** A lone high surrogate, a lone low surrogate and a NUL: none of them can be stored as PostgreSQL text or jsonb. */
const HIGH = '\uD83D';
const LOW = '\uDC00';
const NUL = '\u0000';
const worse = (lines: string[]) => lines.filter((l) => /"level":("(warn|error)"|[45]0)/.test(l));

describe.each(drivers)('text PostgreSQL refuses, from every inbound surface (%s)', (driver) => {
  let h: Harness;
  let channel: string;
  const lines: string[] = [];
  const db = () => h.accord.database.db;
  const escalation = async (id: number) => (await db().select().from(escalations).where(eq(escalations.id, id)))[0];

  beforeAll(async () => {
    h = await startHarness({ driver, log: createLogger('debug', (line) => lines.push(line)) });
    await givenPartner(h);
    channel = (await givenProject(h, { accept: [people.pat] })).channelId;
  });
  afterAll(async () => {
    await h?.stop();
  });

  // Over HTTP a slash command is form-encoded, which cannot carry a lone surrogate (it arrives as
  // U+FFFD); the NUL does arrive. Socket Mode sends commands as JSON, which carries both (below).
  it('a slash command with a NUL in its text is answered and its text stored without it', async () => {
    const mark = lines.length;
    const reply = await h.ask(people.victor, `sev3 Calls${NUL} drop${NUL}${NUL} after 30 s`, '/escalate', channel);
    expect(reply).toMatch(/^:rotating_light: \*ESC-\d+\* raised for Acme Telecom/);
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    expect((await escalation(id))?.title).toBe('Calls drop after 30 s');
    expect(h.standIn.messagesIn(channel).some((m) => m.text.startsWith(`ESC-${id} `) && !m.text.includes(NUL))).toBe(
      true,
    );
    expect(worse(lines.slice(mark))).toEqual([]);
  });

  it('a form submission with lone surrogates and a NUL opens the escalation with the text cleaned', async () => {
    const opened = h.standIn.openedViews.length;
    expect((await h.slack.command(people.victor, '/escalate', '', channel)).status).toBe(200);
    await h.settle();
    const view = h.standIn.openedViews[opened];
    expect(view?.view.callback_id).toBe(viewIds.escalationRaise);
    const before = (await db().select().from(escalations)).length;
    const mark = lines.length;
    const title = `Queue${NUL} stuck ${HIGH} since ${LOW}noon`;
    const res = await h.slack.interaction(
      viewSubmission(
        people.victor,
        view,
        answers({ [inputIds.severity]: chosen('sev3'), [inputIds.title]: typed(title) }),
      ),
    );
    expect(res.status).toBe(200);
    await h.settle();
    const rows = await db().select().from(escalations);
    expect(rows).toHaveLength(before + 1);
    expect(rows.map((r) => r.title)).toContain('Queue stuck \uFFFD since \uFFFDnoon');
    const created = rows.find((r) => r.title === 'Queue stuck \uFFFD since \uFFFDnoon');
    expect(h.standIn.messagesIn(channel).some((m) => m.text.startsWith(`ESC-${created?.id} `))).toBe(true);
    // The person who submitted is not told anything went wrong.
    expect(h.standIn.messagesIn(`D${people.victor.id.slice(1)}`).filter((m) => m.text.includes('went wrong'))).toEqual(
      [],
    );
    expect(worse(lines.slice(mark))).toEqual([]);
  });

  it('a thread reply with lone surrogates and a NUL resolves the escalation with the summary cleaned', async () => {
    const reply = await h.ask(people.victor, 'sev3 Dial tone missing', '/escalate', channel);
    const id = Number(/ESC-(\d+)/.exec(reply)?.[1]);
    const parent = h.standIn.messagesIn(channel).find((m) => !m.threadTs && m.text.startsWith(`ESC-${id} `));
    expect(parent).toBeDefined();
    const mark = lines.length;
    const text = `resolved: swapped${NUL} the ${LOW}card ${HIGH}`;
    const message = h.standIn.postAsUser(people.pat.id, channel, text, parent?.ts);
    const res = await h.slack.event({
      type: 'message',
      channel,
      user: people.pat.id,
      text,
      ts: message.ts,
      event_ts: message.ts,
      thread_ts: parent?.ts,
      user_team: people.pat.teamId,
      channel_type: 'channel',
    });
    expect(res.status).toBe(200);
    await h.settle();
    expect(await escalation(id)).toMatchObject({
      status: 'resolved',
      resolution: 'swapped the \uFFFDcard \uFFFD',
      resolvedBy: people.pat.id,
    });
    const resolved = (await db().select().from(escalationEvents).where(eq(escalationEvents.escalationId, id))).filter(
      (e) => e.kind === 'resolved',
    );
    expect(resolved).toHaveLength(1);
    // Everyone in the thread sees it resolved.
    expect(
      h.standIn
        .messagesIn(channel)
        .some((m) => m.threadTs === parent?.ts && /resolved/i.test(m.text) && m.text.includes('swapped the')),
    ).toBe(true);
    expect(worse(lines.slice(mark))).toEqual([]);
  });
});

describe.each(drivers)('text PostgreSQL refuses, in a slash command over Socket Mode (%s)', (driver) => {
  let h: Harness;
  let server: SocketModeServer;
  const lines: string[] = [];

  beforeAll(async () => {
    server = new SocketModeServer();
    const url = await server.start();
    h = await startHarness({
      driver,
      log: createLogger('debug', (line) => lines.push(line)),
      env: { SLACK_APP_TOKEN: 'xapp-test-token' },
      beforeStart: (standIn) => (standIn.socketModeUrl = url),
    });
    await server.whenConnected();
  });
  afterAll(async () => {
    await h?.stop();
    await server?.stop();
  });

  it('answers a command whose text has lone surrogates and a NUL, and stores the text cleaned', async () => {
    const responseUrl = h.standIn.newResponseUrl();
    const text = `partner add globex "Globex${HIGH} Corp${NUL} ${LOW}Ltd"`;
    await server.send('slash_commands', {
      command: '/accord',
      text,
      user_id: people.alice.id,
      team_id: people.alice.teamId,
      channel_id: 'C0GENERAL',
      response_url: responseUrl,
      trigger_id: '1.socket.hostile',
    });
    const [reply] = await h.slack.waitForResponses(responseUrl, 1);
    await h.settle();
    expect(String(reply?.body.text)).toContain(':white_check_mark:');
    expect(String(reply?.body.text)).toContain('Globex\uFFFD Corp \uFFFDLtd');
    const stored = await h.accord.database.db.select().from(partners).where(eq(partners.slug, 'globex'));
    expect(stored.map((p) => p.name)).toEqual(['Globex\uFFFD Corp \uFFFDLtd']);
    expect(worse(lines)).toEqual([]);
  });
});
