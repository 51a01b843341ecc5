import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "./postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test PostgreSQL cluster's admin URL, when SANDPIT_TEST_STORE=postgres. */
    pgAdminUrl: string;
  }
}

/** TEST_STORE is the store the suites run on: SANDPIT_TEST_STORE=postgres, else SQLite. */
export const TEST_STORE: "sqlite" | "postgres" = process.env.SANDPIT_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/**
 * storeEnv is the setting that points a Sandpit with this data folder at its store: nothing for
 * SQLite (the file in the data folder), or a database of its own in the test cluster, created on
 * first use and found again when a test restarts Sandpit on the same folder.
 */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_STORE === "sqlite") return {};
  const file = path.join(dataDir, ".test-database-url");
  if (fs.existsSync(file)) return { SANDPIT_DATABASE_URL: fs.readFileSync(file, "utf8") };
  const url = await newTestDatabase("sandpit");
  fs.writeFileSync(file, url);
  return { SANDPIT_DATABASE_URL: url };
}

/** testDb is a fresh database on the store the suites run on: a SQLite file, or a database of its own in the test cluster. */
export async function testDb(name: string): Promise<{ kind: "sqlite"; path: string } | { kind: "postgres"; url: string }> {
  if (TEST_STORE === "sqlite")
    return { kind: "sqlite", path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), `sandpit-${name}-`)), "sandpit.db") };
  return { kind: "postgres", url: await newTestDatabase(name) };
}

/** newTestDatabase creates a database of its own in the test cluster, named after `name`. */
async function newTestDatabase(name: string): Promise<string> {
  // Imported here, not at the top: the bench reuses these helpers outside of vitest.
  const { inject } = await import("vitest");
  return createDatabase(inject("pgAdminUrl"), `${name}_${randomBytes(6).toString("hex")}`);
}
