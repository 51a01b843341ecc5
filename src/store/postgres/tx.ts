import type pg from "pg";

/** Query runs one statement on a client and returns its rows; a named one is prepared once per connection. */
export type Query = <T = Record<string, unknown>>(name: string | undefined, text: string, values: unknown[]) => Promise<T[]>;

/**
 * inTransaction runs `fn` in one transaction on one pooled connection, with statements that are
 * named, so PostgreSQL parses and plans each once per connection (drizzle sends every query
 * unnamed, and builds it anew in JavaScript on every call: a third of the indexer's CPU, profiled).
 * A connection that fails to roll back is dropped from the pool, not reused.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (q: Query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const q: Query = async <R>(name: string | undefined, text: string, values: unknown[]) =>
    (await client.query(name ? { name: `sandpit_${name}`, text, values } : { text, values })).rows as R[];
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
