import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Rows of a raw SQL query. postgres.js answers with an array and PGlite with `{ rows }`; the few
 * queries the query builder cannot express (DISTINCT ON heads, SKIP LOCKED claims) go through here.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows))
    return result.rows as T[];
  throw new Error('unexpected result shape from the database driver');
}

/** Timestamps go in as ISO text and are cast in SQL, which both drivers handle the same way. */
export const isoOf = (d: Date) => d.toISOString();
