import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type DatabaseOptions } from '../db/client';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (as in CI). */
export const drivers: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database
 * created from TEST_DATABASE_URL and dropped again by `close()`.
 */
export async function openTestDatabase(
  driver: Driver,
  options: DatabaseOptions = {},
): Promise<Database & { url?: string }> {
  if (driver === 'pglite') {
    const database = openDatabase({ kind: 'pglite-memory' }, options);
    await database.migrate();
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `accord_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 2 });
  const url = withDatabaseName(adminUrl, name);
  const database = openDatabase({ kind: 'postgres', url }, options);
  await database.migrate();
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end({ timeout: 2 });
    },
  };
}
