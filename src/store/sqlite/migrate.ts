import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client.js";
import { fromRoot } from "../../lib/root.js";

/** MIGRATIONS_DIR is the repository's drizzle/ folder, found from this module, never from cwd. */
export const MIGRATIONS_DIR = fromRoot("drizzle", "sqlite");

/** runMigrations applies every pending drizzle migration; it runs on every start, before listening. */
export function runMigrations(db: Db, migrationsFolder = MIGRATIONS_DIR): void {
  migrate(db, { migrationsFolder });
}
