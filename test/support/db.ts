import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { TestApp } from "./app.js";
import { TEST_STORE } from "./test-store.js";

/** RawDb runs SQL on a test Sandpit's own database, behind the server's back. */
export interface RawDb {
  /** query runs one statement with `?` placeholders and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * rawDb opens a second connection to the database a test Sandpit uses (SQLite's file in WAL mode,
 * or its PostgreSQL database), for what a test must do behind the server's back: make time pass
 * for a token, count rows, or make the database refuse a row.
 */
export async function rawDb(app: TestApp): Promise<RawDb> {
  const config = app.server.deps.config;
  if (TEST_STORE === "postgres" && config.db.kind === "postgres") {
    const client = new pg.Client({ connectionString: config.db.url });
    await client.connect();
    return {
      async query(text, params = []) {
        let i = 0;
        return (
          await client.query(
            text.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      },
      close: () => client.end(),
    };
  }
  const db = new Database(path.join(app.dataDir, "sandpit.db"));
  db.pragma("busy_timeout = 5000");
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const stmt = db.prepare(text);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    },
    async close() {
      db.close();
    },
  };
}
