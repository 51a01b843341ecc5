import { sql } from "drizzle-orm";
import type { Store, StoreOptions } from "../ports.js";
import { folderStore } from "../sql/program-stores.js";
import { pgRunner } from "./run-program.js";
import { accountStore, auditStore, secretStore } from "../sql/account-stores.js";
import { pgLimits } from "./limits.js";
import { pgChaos } from "./chaos.js";
import { pgTokens, pgUsers } from "./accounts.js";
import { openPg } from "./client.js";
import { pgEnvelopes } from "./envelopes.js";
import { pgSignals, pgTryLead } from "./coordination.js";
import { pgIndex } from "./index-store.js";
import { pgMailbox } from "./mailbox.js";
import { runMigrations } from "./migrate.js";
import { answerUnavailable } from "./unavailable.js";

/**
 * openPostgresStore connects to `url`, migrates under an advisory lock (replicas starting together
 * migrate once) and serves the store's ports. An unreachable server fails here, naming the host.
 */
export async function openPostgresStore(url: string, { plusAddressing = true }: StoreOptions = {}): Promise<Store> {
  const db = openPg(url);
  try {
    await db.execute(sql`SELECT 1`);
  } catch (err) {
    await db.$client.end();
    const where = safeUrl(url);
    throw new Error(`cannot reach PostgreSQL at ${where} (SANDPIT_DATABASE_URL): ${(err as Error).message}`, { cause: err });
  }
  await runMigrations(db);
  const run = pgRunner(db);
  return {
    kind: "postgres",
    users: answerUnavailable(pgUsers(db)),
    tokens: answerUnavailable(pgTokens(db)),
    index: answerUnavailable(pgIndex(db, plusAddressing)),
    mailbox: answerUnavailable(pgMailbox(db)),
    folders: answerUnavailable(folderStore(run)),
    chaos: answerUnavailable(pgChaos(db)),
    envelopes: answerUnavailable(pgEnvelopes(db)),
    accounts: answerUnavailable(accountStore(run, sql`SELECT pg_database_size(current_database()) AS n`)),
    audit: answerUnavailable(auditStore(run)),
    secrets: answerUnavailable(secretStore(run)),
    limits: pgLimits(db, run),
    signals: pgSignals(url, db.$client),
    tryLead: () => pgTryLead(url),
    async ping() {
      await db.execute(sql`SELECT 1`);
    },
    close: () => db.$client.end(),
  };
}

/** safeUrl is the URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
