import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as core from "./schema.js";
import * as side from "./schema-side.js";

const schema = { ...core, ...side };

/** Db is the drizzle handle every repo takes; `$client` is the underlying better-sqlite3 connection. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** openDb opens (creating if needed) the SQLite file in WAL mode with foreign keys on. */
export function openDb(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Statement and savepoint journals in memory: indexing a message nests a savepoint in a batch
  // and updates pages the batch already changed, and each such page went to a temporary file.
  sqlite.pragma("temp_store = MEMORY");
  // Checkpoint every 8,000 WAL pages (32 MB), not SQLite's 1,000: a checkpoint syncs the file, and
  // the index's hot pages are copied back once per checkpoint however often they changed. Together
  // these took SMTP through Sandpit from 0.40x to 0.50x of Mailpit's own rate (one run each).
  sqlite.pragma("wal_autocheckpoint = 8000");
  sqlite.pragma("journal_size_limit = 67108864");
  // Planner statistics from a sample, refreshed where stale (the indexer asks again after walks).
  sqlite.pragma("analysis_limit = 1000");
  sqlite.pragma("optimize = 0x10002");
  return drizzle({ client: sqlite, schema }) as Db;
}
