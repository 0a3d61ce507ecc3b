import { ConfigError, loadDatabaseConfig } from '../config';
import { openDatabase } from './client';

// `npm run db:migrate` needs only the database settings, so it does not ask for Slack tokens.
async function main(): Promise<void> {
  const database = openDatabase(loadDatabaseConfig());
  try {
    await database.migrate();
    console.log(`Migrations applied (${database.kind}).`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
