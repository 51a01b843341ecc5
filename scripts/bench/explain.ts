import path from "node:path";
import Database from "better-sqlite3";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { parseSearchQuery } from "../../src/lib/search-query.js";
import { POSTGRES } from "../../src/store/postgres/mailbox.js";
import { countSql, pageSql } from "../../src/store/sql/mailbox-sql.js";
import { SQLITE } from "../../src/store/sqlite/mailbox.js";

/** Where a bench Sandpit keeps its data: its SQLite file's folder, or its PostgreSQL URL. */
export type StoreAt = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

/**
 * explainSearch returns the plans of a search's count and page queries for one user, as the store
 * runs them (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL), to see what the
 * planner starts from at the bench's size.
 */
export async function explainSearch(at: StoreAt, email: string, query: string): Promise<string> {
  const q = { terms: parseSearchQuery(query), start: 0, limit: 50 };
  if (at.kind === "sqlite") {
    const db = new Database(path.join(at.dataDir, "sandpit.db"), { readonly: true });
    try {
      const { id } = db.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
      const dialect = new SQLiteSyncDialect();
      return [countSql(id, q, SQLITE), pageSql(id, q, SQLITE)]
        .map((s) => dialect.sqlToQuery(s))
        .map((s) => (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((r) => r.detail).join("\n"))
        .join("\n--\n");
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: at.url });
  await client.connect();
  try {
    const id = Number((await client.query("SELECT id FROM users WHERE email = $1", [email])).rows[0].id);
    const dialect = new PgDialect();
    const out: string[] = [];
    for (const s of [countSql(id, q, POSTGRES), pageSql(id, q, POSTGRES)].map((x) => dialect.sqlToQuery(x))) {
      const rows = (await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${s.sql}`, s.params)).rows as { "QUERY PLAN": string }[];
      out.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    return out.join("\n--\n");
  } finally {
    await client.end();
  }
}
