import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionWordsFor, SlackDriver, SlashCommandNotDelivered } from '../../src/sandbox/slack-driver';
import { SlackStandIn } from '../../src/sandbox/slack-stand-in';

const vendor = { id: 'U0VICTOR', teamId: 'T0VENDOR' };
const partner = { id: 'U0PAT', teamId: 'T0PARTNER' };
const NOT_VALID = '/accord is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.';

/** Slack's side of slash commands: what it delivers to the app, counted at a stand-in for the app. */
describe('slash commands from another organisation', () => {
  const received: string[] = [];
  let app: Server;
  let driver: SlackDriver;

  beforeAll(async () => {
    app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"ok"}');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const standIn = new SlackStandIn({
      teamId: 'T0VENDOR',
      users: [
        { ...vendor, name: 'victor' },
        { ...partner, name: 'pat' },
      ],
    });
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`, signingSecret: 'secret', standIn });
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
  });

  it('are not delivered: no request reaches the app, and the driver reports what Slack tells the user', async () => {
    expect(driver.slashCommandRefusal(partner, '/accord')).toBe(NOT_VALID);
    const refused = await driver.command(partner, '/accord', 'help').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(SlashCommandNotDelivered);
    expect(refused).toMatchObject({ command: '/accord', user: partner, slackSays: NOT_VALID });
    await expect(driver.commandReply(partner, '/escalate', 'sev2 Orders failing', 'C0PROJECT')).rejects.toThrow(/Slack does not deliver \/escalate from U0PAT of team T0PARTNER/);
    expect(received).toEqual([]);
  });

  it('are delivered from the installing team, and from another only when a test says it sends what Slack never would', async () => {
    expect(driver.slashCommandRefusal(vendor, '/accord')).toBeUndefined();
    expect((await driver.command(vendor, '/accord', 'help')).status).toBe(200);
    expect(received).toHaveLength(1);
    expect(new URLSearchParams(received[0]).get('user_id')).toBe(vendor.id);
    expect((await driver.command(partner, '/accord', 'help', 'C0GENERAL', { deliverFromAnyTeam: true })).status).toBe(200);
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
