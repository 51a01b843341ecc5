import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Pg } from "./client.js";

const dialect = new PgDialect();
/** How many query shapes get a server-side prepared statement (searches vary in shape). */
const MAX_NAMED = 500;
const names = new Map<string, string>();

/**
 * named turns a statement into node-postgres's query config with a name per text, so PostgreSQL
 * parses and plans each shape once per connection instead of on every call (drizzle's execute
 * sends every query unnamed). Past MAX_NAMED shapes, statements go unnamed.
 */
export function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `sandpit_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name ? { name, text, values } : { text, values };
}

/** rows runs a drizzle query as a named prepared statement (see named). */
export async function rows<T>(db: Pg, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await db.$client.query(named(text, params))).rows as T[];
}
