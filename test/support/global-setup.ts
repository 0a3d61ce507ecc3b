import postgres from 'postgres';

/** Fails fast, with one clear line, when TEST_DATABASE_URL is set but the server is not there. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer there (${String(err)}).`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}
