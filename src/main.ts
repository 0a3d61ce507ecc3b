import { createAccord } from './accord';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  // Last resort: an error nothing caught leaves the process in a state nobody can vouch for, so
  // it says so in one log line and exits non-zero for its supervisor to start it again. Nothing
  // is lost: pending Slack writes are outbox rows and timers are job rows, both in the database.
  const lastResort = (what: string) => (err: unknown) => {
    log.error(`${what}: Accord stops so that its supervisor can start it again`, { err });
    process.exit(1);
  };
  process.on('uncaughtException', lastResort('uncaught exception'));
  process.on('unhandledRejection', lastResort('unhandled promise rejection'));
  const accord = createAccord({ config, log });
  const shutdown = (signal: string) => {
    log.info('shutting down: finishing work in flight', { signal });
    const force = setTimeout(() => {
      log.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    accord.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('error during shutdown', { err });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await accord.start();
  } catch (err) {
    log.error('Accord could not start', { err });
    await accord.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
