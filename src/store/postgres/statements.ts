import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pg } from "./client.js";

const dialect = new PgDialect();
/** How many query shapes get a server-side prepared statement (searches vary in shape). */
const MAX_NAMED = 500;
const names = new Map<string, string>();

/**
 * rows runs a query as a named prepared statement, so PostgreSQL parses and plans each shape once
 * per connection instead of on every call (drizzle's execute sends every query unnamed).
 */
export async function rows<T>(db: Pg, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `sandpit_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  const res = await db.$client.query(name ? { name, text, values: params } : { text, values: params });
  return res.rows as T[];
}
