import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../src/testkit/harness';
import { people } from '../../src/testkit/world';
import { SocketModeServer } from '../../src/testkit/socket-mode-server';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let h: Harness;
  let server: SocketModeServer;
  beforeAll(async () => {
    server = new SocketModeServer();
    const url = await server.start();
    h = await startHarness({
      driver: 'pglite',
      env: { SLACK_APP_TOKEN: 'xapp-test-token' },
      beforeStart: (standIn) => (standIn.socketModeUrl = url),
    });
    await server.whenConnected();
  });
  afterAll(async () => {
    await h?.stop();
    await server?.stop();
  });

  it('opens the connection through SLACK_API_URL with the app token', () => {
    expect(h.standIn.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('answers slash commands in the acknowledgement of the envelope', async () => {
    const ack = await server.send('slash_commands', {
      command: '/accord',
      text: 'help admin',
      user_id: people.alice.id,
      team_id: people.alice.teamId,
      channel_id: 'C0GENERAL',
      response_url: h.standIn.newResponseUrl(),
      trigger_id: 't1',
    });
    expect(String(ack?.text)).toContain('/accord admin add @user');
  });

  it('runs commands that need the database and replies through response_url', async () => {
    const responseUrl = h.standIn.newResponseUrl();
    await server.send('slash_commands', {
      command: '/accord',
      text: 'whoami',
      user_id: people.victor.id,
      team_id: people.victor.teamId,
      channel_id: 'C0GENERAL',
      response_url: responseUrl,
      trigger_id: 't2',
    });
    const [reply] = await h.slack.waitForResponses(responseUrl, 1);
    expect(String(reply?.body.text)).toContain('vendor member');
  });

  it('handles events', async () => {
    await server.send('events_api', {
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      team_id: 'T0VENDOR',
      event: { type: 'app_home_opened', user: people.victor.id, tab: 'home', channel: 'D0X', event_ts: '1.1' },
    });
    await h.settle();
    expect(JSON.stringify(h.standIn.homeViews.get(people.victor.id))).toContain('vendor member');
  });

  it('still serves /healthz over HTTP', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
