import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Pg } from "./client.js";
import { fromRoot } from "../../lib/root.js";

/** MIGRATIONS_DIR is the repository's drizzle/postgres folder, found from this module. */
export const MIGRATIONS_DIR = fromRoot("drizzle", "postgres");

/** An arbitrary, fixed advisory-lock key: Sandpit's migrations. */
const MIGRATION_LOCK = 0x5a4e_d917;

/**
 * runMigrations applies pending migrations under a session advisory lock, so replicas that start
 * together on an empty database migrate once: the others wait, then find nothing to do.
 */
export async function runMigrations(db: Pg, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
