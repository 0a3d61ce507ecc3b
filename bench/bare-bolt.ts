/**
 * The baseline of the `ack` bench scenario (bench/ack.ts): a Bolt app with nothing in it but the
 * three slash commands Accord answers, each acknowledged at once. Same Bolt, same receiver (HTTP,
 * POST /slack/events, signature checks, `processBeforeResponse: false`) as Accord's, so what is
 * left of the difference in acknowledgement latency is Accord's own.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLACK_EVENTS_PATH } from '../src/slack/http-server';

export interface BareBolt {
  port: number;
  stop(): Promise<void>;
}

export async function startBareBolt(o: {
  signingSecret: string;
  botToken: string;
  host?: string;
  port?: number;
}): Promise<BareBolt> {
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logLevel: LogLevel.ERROR,
  });
  // Bolt wants a token or an authorize function. A single-workspace token, like Accord's, but
  // with the bot's ids given so that nothing calls auth.test: this app talks to no Slack at all.
  const app = new App({
    receiver,
    token: o.botToken,
    botId: 'B0BARE',
    botUserId: 'U0BARE',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
  });
  for (const command of ['/accord', '/escalate', '/score']) {
    app.command(command, async ({ ack }) => {
      await ack();
    });
  }
  const server = (await app.start({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => app.stop().then(() => undefined),
  };
}
