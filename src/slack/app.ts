import { App, HTTPReceiver, type AnyMiddlewareArgs, type Middleware } from '@slack/bolt';
import type { Config } from '../config';
import type { InFlight } from '../in-flight';
import { toBoltLogger, type Logger } from '../logger';
import type { RequestServices } from './commands/execute';
import { registerCommandListeners } from './listeners/commands';
import { registerEventListeners } from './listeners/events';
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

function trackInFlight(inFlight: InFlight): Middleware<AnyMiddlewareArgs> {
  return async ({ next }) => {
    await inFlight.track(next());
  };
}

export function createSlackApp({ config, services, inFlight, log }: SlackAppOptions): SlackApp {
  const logger = toBoltLogger(log, config.logLevel);
  const clientOptions = { slackApiUrl: config.slack.apiUrl };
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (config.slack.mode === 'socket') {
    app = new App({ token: config.slack.botToken, appToken: config.slack.appToken, socketMode: true, clientOptions, logger });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      processBeforeResponse: false,
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
    app = new App({ token: config.slack.botToken, receiver, clientOptions, logger });
  }
  app.use(trackInFlight(inFlight));
  app.use(dedupeEvents(services.db, services.clock, log));
  registerCommandListeners(app, services);
  registerEventListeners(app, services);
  app.error(async (err) => {
    log.error('unhandled error in a Slack listener', { err });
  });
  return { app, receiver };
}
