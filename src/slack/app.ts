import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Config } from '../config';
import type { InFlight } from '../in-flight';
import { toBoltLogger, type Logger } from '../logger';
import type { RequestServices } from './pipeline';
import { registerActionListeners } from './listeners/actions';
import { registerCommandListeners } from './listeners/commands';
import { registerViewListeners } from './listeners/views';
import { registerEventListeners } from './listeners/events';
import { storableStrings } from '../domain/storable-text';
import { dedupeEvents } from './middleware/dedupe-events';
import { SLACK_EVENTS_PATH } from './http-server';

export interface SlackApp {
  app: App;
  /** The HTTP request listener for POST /slack/events (HTTP mode only). */
  receiver: HTTPReceiver | undefined;
}

export interface SlackAppOptions {
  config: Config;
  services: RequestServices;
  inFlight: InFlight;
  log: Logger;
}

/**
 * The receiver's hand-off to the app is the one door every request passes through, after its
 * signature is checked, in HTTP and Socket Mode alike. Two things happen there:
 * - Bolt acknowledges an event before its middleware runs, so middleware cannot see all of the
 *   work: from the moment a request is accepted until its listeners finish, it counts as in
 *   flight (for shutdown and for settle()).
 * - Text PostgreSQL refuses (NUL, lone surrogates) is cleaned out of the whole payload, so that
 *   commands, form values, buttons and messages reach the listeners storable and nothing deeper
 *   has to think about it.
 */
function trackProcessing(receiver: Receiver, app: App, inFlight: InFlight): void {
  const tracked = Object.create(app) as App;
  tracked.processEvent = (event) => inFlight.track(app.processEvent({ ...event, body: storableStrings(event.body) }));
  receiver.init(tracked);
}

export function createSlackApp({ config, services, inFlight, log }: SlackAppOptions): SlackApp {
  const logger = toBoltLogger(log, config.logLevel);
  const clientOptions = { slackApiUrl: config.slack.apiUrl };
  let receiver: HTTPReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  if (config.slack.mode === 'socket') {
    // installerOptions.clientOptions is how the Socket Mode client learns SLACK_API_URL
    // (for apps.connections.open).
    socketReceiver = new SocketModeReceiver({
      appToken: config.slack.appToken ?? '',
      logger,
      installerOptions: { clientOptions },
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      processBeforeResponse: false,
      // Answer a request no listener took before Slack's own 3-second timeout, not after it.
      unhandledRequestTimeoutMillis: 2500,
      unhandledRequestHandler: ({ response }) => {
        log.warn('a Slack request matched no listener');
        if (!response.headersSent) {
          response.writeHead(404);
          response.end();
        }
      },
      // A listener that throws after ack() must not turn into a 5xx (Slack would retry an
      // event that was in fact handled); the error is already logged with a reference id.
      processEventErrorHandler: async ({ error, response }) => {
        log.error('a Slack listener failed', { err: error });
        if (!response.headersSent) {
          response.writeHead(200);
          response.end();
        }
        return true;
      },
    });
  }
  const anyReceiver: Receiver = receiver ?? (socketReceiver as Receiver);
  const app = new App({ token: config.slack.botToken, receiver: anyReceiver, clientOptions, logger });
  trackProcessing(anyReceiver, app, inFlight);
  app.use(dedupeEvents(services.db, services.clock, log));
  registerCommandListeners(app, services);
  registerEventListeners(app, services);
  registerActionListeners(app, services);
  registerViewListeners(app, services);
  app.error(async (err) => {
    log.error('unhandled error in a Slack listener', { err });
  });
  return { app, receiver };
}
