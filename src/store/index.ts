import type { Config } from "../config.js";
import type { Store } from "./ports.js";
import { openPostgresStore } from "./postgres/index.js";
import { openSqliteStore } from "./sqlite/index.js";

export type * from "./ports.js";

/** openStore opens the configured store (SQLite in the data folder, or PostgreSQL) and migrates it. */
export async function openStore(config: Pick<Config, "db"> & { auth?: Pick<Config["auth"], "plusAddressing"> }): Promise<Store> {
  const options = { plusAddressing: config.auth?.plusAddressing ?? true };
  return config.db.kind === "postgres" ? openPostgresStore(config.db.url, options) : openSqliteStore(config.db.path, options);
}
