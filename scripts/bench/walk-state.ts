import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/** query runs one read on a Sandpit's store: its SQLite file (in `where`, a data folder) or PostgreSQL (a URL). */
async function query<T>(store: "sqlite" | "postgres", where: string, text: string): Promise<T | undefined> {
  if (store === "sqlite") {
    const db = new Database(path.join(where, "sandpit.db"), { readonly: true });
    try {
      return db.prepare(text).get() as T | undefined;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: where });
  await client.connect();
  try {
    return (await client.query(text)).rows[0] as T | undefined;
  } finally {
    await client.end();
  }
}

/** indexedCount is how many messages a store's index holds. */
export async function indexedCount(store: "sqlite" | "postgres", where: string): Promise<number> {
  return (await query<{ n: number }>(store, where, "SELECT CAST(count(*) AS INTEGER) AS n FROM messages"))?.n ?? 0;
}

/** fullWalkAt is when the poller last finished a full walk of Mailpit (indexer_state). */
export async function fullWalkAt(store: "sqlite" | "postgres", where: string): Promise<string | undefined> {
  return (await query<{ value: string }>(store, where, "SELECT value FROM indexer_state WHERE key = 'last_full_reconcile'"))?.value;
}
