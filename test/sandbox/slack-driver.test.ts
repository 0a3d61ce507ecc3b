import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InteractionNotDelivered,
  mentionWordsFor,
  SlackDriver,
  SlashCommandNotDelivered,
} from '../../src/sandbox/slack-driver';
import { CannotSee, NotAMember, SlackStandIn } from '../../src/sandbox/stand-in';

const vendor = { id: 'U0VICTOR', teamId: 'T0VENDOR' };
const partner = { id: 'U0PAT', teamId: 'T0PARTNER' };
const NOT_VALID =
  '/accord is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.';

/** A stand-in for Accord's HTTP endpoint that only records the bodies Slack delivers to it. */
async function countingApp(received: string[], body = ''): Promise<Server> {
  const app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, body ? { 'content-type': 'application/json' } : {}).end(body);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  return app;
}

/** A Web API call to the stand-in with the bot's token, as Accord makes it. */
async function callSlack(
  standIn: SlackStandIn,
  method: string,
  args: Record<string, unknown>,
): Promise<{ ok: boolean; error?: string; invite_id?: string }> {
  const res = await fetch(`${standIn.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: boolean; error?: string; invite_id?: string };
}

/** Slack's side of slash commands: what it delivers to the app, counted at a stand-in for the app. */
describe('slash commands from another organisation', () => {
  const received: string[] = [];
  let app: Server;
  let driver: SlackDriver;

  beforeAll(async () => {
    app = await countingApp(received, '{"text":"ok"}');
    const standIn = new SlackStandIn({
      teamId: 'T0VENDOR',
      users: [
        { ...vendor, name: 'victor' },
        { ...partner, name: 'pat' },
      ],
    });
    driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`,
      signingSecret: 'secret',
      standIn,
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
  });

  it('are not delivered: no request reaches the app, and the driver reports what Slack tells the user', async () => {
    expect(driver.slashCommandRefusal(partner, '/accord')).toBe(NOT_VALID);
    const refused = await driver.command(partner, '/accord', 'help').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SlashCommandNotDelivered);
    expect(refused).toMatchObject({ command: '/accord', user: partner, slackSays: NOT_VALID });
    await expect(driver.commandReply(partner, '/escalate', 'sev2 Orders failing', 'C0PROJECT')).rejects.toThrow(
      /Slack does not deliver \/escalate from U0PAT of team T0PARTNER/,
    );
    expect(received).toEqual([]);
  });

  it('are delivered from the installing team, and from another only when a test says it sends what Slack never would', async () => {
    expect(driver.slashCommandRefusal(vendor, '/accord')).toBeUndefined();
    expect((await driver.command(vendor, '/accord', 'help')).status).toBe(200);
    expect(received).toHaveLength(1);
    expect(new URLSearchParams(received[0]).get('user_id')).toBe(vendor.id);
    expect((await driver.command(partner, '/accord', 'help', 'C0GENERAL', { deliverFromAnyTeam: true })).status).toBe(
      200,
    );
    expect(received).toHaveLength(2);
    expect(new URLSearchParams(received[1]).get('team_id')).toBe(partner.teamId);
  });

  it('have the same words after @Accord', () => {
    expect(mentionWordsFor('/accord', 'risk add "x"')).toBe('risk add "x"');
    expect(mentionWordsFor('/escalate', 'sev2 Orders failing')).toBe('escalate sev2 Orders failing');
    expect(mentionWordsFor('/escalate', '')).toBe('escalate');
    expect(mentionWordsFor('/score', 'acme')).toBe('score acme');
  });
});

/** Slack Connect's post-only access: a team invited with external_limited may post, not click. */
describe('clicks from a team with post-only access', () => {
  const received: string[] = [];
  let app: Server;
  let standIn: SlackStandIn;
  let driver: SlackDriver;
  const inviteShared = (channel: string, externalLimited: boolean) =>
    callSlack(standIn, 'conversations.inviteShared', {
      channel,
      user_ids: partner.id,
      ...(externalLimited ? {} : { external_limited: false }),
    });
  const press = (channel: string) =>
    driver.press(partner, { channel, ts: '1.000001', actionId: 'esc.ack', value: '1' });

  beforeAll(async () => {
    app = await countingApp(received);
    standIn = new SlackStandIn({
      teamId: 'T0VENDOR',
      users: [
        { ...vendor, name: 'victor' },
        { ...partner, name: 'pat' },
      ],
    });
    await standIn.start();
    standIn.addChannel({ id: 'C0LIMITED', name: 'limited', members: new Set([vendor.id]) });
    standIn.addChannel({ id: 'C0FULL', name: 'full', members: new Set([vendor.id]) });
    driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`,
      signingSecret: 'secret',
      standIn,
    });
  });
  afterAll(async () => {
    await standIn.stop();
    await new Promise((resolve) => app.close(resolve));
  });

  it('are not delivered where the invitation was limited (Slack’s default), and are where it said external_limited=false', async () => {
    const limited = await inviteShared('C0LIMITED', true);
    const full = await inviteShared('C0FULL', false);
    expect(limited.ok && full.ok).toBe(true);
    standIn.acceptInvitation(limited.invite_id ?? '', partner.id);
    standIn.acceptInvitation(full.invite_id ?? '', partner.id);

    expect(standIn.interactionRefusal(partner.teamId, 'C0LIMITED')).toMatch(/post-only access/);
    const refused = await press('C0LIMITED').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InteractionNotDelivered);
    expect(refused).toMatchObject({ user: partner, channel: 'C0LIMITED' });
    expect(received).toEqual([]);

    expect(standIn.interactionRefusal(partner.teamId, 'C0FULL')).toBeUndefined();
    expect(standIn.interactionRefusal(vendor.teamId, 'C0LIMITED')).toBeUndefined();
    expect((await press('C0FULL')).status).toBe(200);
    expect(received).toHaveLength(1);
  });
});

/** Slack's membership rules: who may post, who gets an ephemeral, who can see a button to press. */
describe('channel membership', () => {
  const received: string[] = [];
  let app: Server;
  let standIn: SlackStandIn;
  let driver: SlackDriver;
  const guest = { id: 'U0GUEST', teamId: 'T0ELSEWHERE' };
  const api = (method: string, args: Record<string, unknown>) => callSlack(standIn, method, args);

  const eventTypes = (from: number) =>
    received.slice(from).map((b) => (JSON.parse(b) as { event: { type: string } }).event.type);

  beforeAll(async () => {
    app = await countingApp(received);
    standIn = new SlackStandIn({
      teamId: 'T0VENDOR',
      users: [
        { ...vendor, name: 'victor' },
        { ...partner, name: 'pat', email: 'pat@partner.example' },
        { ...guest, name: 'guest' },
      ],
    });
    await standIn.start();
    standIn.addChannel({ id: 'C0PROJECT', name: 'project' });
    standIn.addChannel({ id: 'G0SECRET', name: 'secret', isPrivate: true });
    driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`,
      signingSecret: 'secret',
      standIn,
    });
  });
  afterAll(async () => {
    await standIn.stop();
    await new Promise((resolve) => app.close(resolve));
  });

  it('lets only members post, and sends their ephemerals only to members', async () => {
    expect(() => standIn.postAsUser(vendor.id, 'C0PROJECT', 'hello')).toThrow(NotAMember);
    await expect(driver.say(partner, 'hello', 'C0PROJECT')).rejects.toThrow(/U0PAT is not a member of #project/);
    expect(await api('chat.postEphemeral', { channel: 'C0PROJECT', user: vendor.id, text: 'only you' })).toMatchObject({
      ok: false,
      error: 'user_not_in_channel',
    });
    expect(standIn.ephemerals).toEqual([]);
    const before = received.length;
    expect((await driver.join(vendor, 'C0PROJECT')).status).toBe(200);
    expect(eventTypes(before)).toEqual(['member_joined_channel']);
    expect(await api('chat.postEphemeral', { channel: 'C0PROJECT', user: vendor.id, text: 'only you' })).toMatchObject({
      ok: true,
    });
    expect(standIn.postAsUser(vendor.id, 'C0PROJECT', 'hello').user).toBe(vendor.id);
  });

  it('brings someone of another organisation in only through their invitation, accepted', async () => {
    await expect(driver.join(partner, 'C0PROJECT')).rejects.toThrow(/not shared with T0PARTNER/);
    expect(
      (
        await api('conversations.inviteShared', {
          channel: 'C0PROJECT',
          emails: 'pat@partner.example',
          external_limited: false,
        })
      ).ok,
    ).toBe(true);
    const before = received.length;
    await driver.acceptInvitationsFor(partner);
    expect(eventTypes(before)).toEqual(['shared_channel_invite_accepted', 'channel_shared', 'member_joined_channel']);
    expect(standIn.channels.get('C0PROJECT')?.members.has(partner.id)).toBe(true);
    expect(standIn.pendingInvitations()).toEqual([]);
    expect((await driver.say(partner, 'hello', 'C0PROJECT')).user).toBe(partner);
  });

  it('delivers a click only from someone who can see the channel; a forged one is sent as it is', async () => {
    const click = { ts: '1.000001', actionId: 'esc.ack', value: '1' };
    // pat's organisation now shares #project; guest's shares nothing; nobody but members sees #secret.
    expect(standIn.canSee(partner.id, 'C0PROJECT')).toBe(true);
    expect(standIn.canSee(guest.id, 'C0PROJECT')).toBe(false);
    expect(standIn.canSee(vendor.id, 'G0SECRET')).toBe(false);
    const before = received.length;
    await expect(driver.press(guest, { ...click, channel: 'C0PROJECT' })).rejects.toThrow(CannotSee);
    await expect(driver.press(vendor, { ...click, channel: 'G0SECRET' })).rejects.toThrow(CannotSee);
    expect(received).toHaveLength(before);
    expect((await driver.press(partner, { ...click, channel: 'C0PROJECT' })).status).toBe(200);
    expect((await driver.forgedPress(guest, { ...click, channel: 'C0PROJECT' })).status).toBe(200);
    expect(received).toHaveLength(before + 2);
  });
});
