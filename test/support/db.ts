import path from "node:path";
import Database from "better-sqlite3";
import type { TestApp } from "./app.js";

/**
 * sqliteOf opens a second connection to a test Sandpit's own SQLite file (WAL allows it), for
 * what a test must do behind the server's back: make time pass for a token, count rows, or make
 * the database refuse a row.
 */
export function sqliteOf(app: TestApp): Database.Database {
  const db = new Database(path.join(app.dataDir, "sandpit.db"));
  db.pragma("busy_timeout = 5000");
  return db;
}
