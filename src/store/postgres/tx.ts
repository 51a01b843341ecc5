import type pg from "pg";
import { named } from "./statements.js";

/** Query runs one statement on the transaction's connection and returns its rows. */
export type Query = <T = Record<string, unknown>>(text: string, values: unknown[]) => Promise<T[]>;

/**
 * inTransaction runs `fn` in one transaction on one pooled connection, its statements prepared once
 * per connection (statements.ts) and written as text, not built anew by drizzle on every call (a
 * third of the indexer's CPU, profiled).
 * A connection that fails to roll back is dropped from the pool, not reused.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const q: Query = async <R>(text: string, values: unknown[]) => (await client.query(named(text, values))).rows as R[];
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const out = await fn(q);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: unknown) => (broken = e as Error));
    throw err;
  } finally {
    client.release(broken);
  }
}
