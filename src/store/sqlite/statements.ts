import type { Statement } from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.js";

/** How many distinct statements a connection keeps prepared (queries with ID lists vary in shape). */
const MAX_STATEMENTS = 256;
const dialect = new SQLiteSyncDialect();
const caches = new WeakMap<Db["$client"], Map<string, Statement>>();

/**
 * prepared compiles a drizzle `sql` query once per connection and shape: drizzle's `db.all(sql)`
 * prepares the statement again on every call, which was 8% of a list request (profiled).
 */
function prepared(db: Db, query: SQL): { st: Statement; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  let st = cache.get(text);
  if (st) {
    cache.delete(text);
  } else {
    st = db.$client.prepare(text);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, st);
  return { st, params };
}

/** all runs a query and returns its rows as objects keyed by column name. */
export function all<T>(db: Db, query: SQL): T[] {
  const { st, params } = prepared(db, query);
  return st.all(...params) as T[];
}

/** get runs a query and returns its first row, or undefined. */
export function get<T>(db: Db, query: SQL): T | undefined {
  const { st, params } = prepared(db, query);
  return st.get(...params) as T | undefined;
}

/** run runs a statement and returns how many rows it changed. */
export function run(db: Db, query: SQL): number {
  const { st, params } = prepared(db, query);
  return st.run(...params).changes;
}

const builders = new WeakMap<Db, Map<string, unknown>>();

/** once keeps one prepared drizzle query per connection and name (for the lookups every request makes). */
export function once<T>(db: Db, name: string, make: () => T): T {
  let m = builders.get(db);
  if (!m) builders.set(db, (m = new Map()));
  if (!m.has(name)) m.set(name, make());
  return m.get(name) as T;
}
