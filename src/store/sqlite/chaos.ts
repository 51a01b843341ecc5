import { eq, sql } from "drizzle-orm";
import type { ChaosStore } from "../ports.js";
import type { Db } from "./client.js";
import { get } from "./statements.js";
import { userAddresses } from "./schema.js";
import { smtpChaos } from "./schema-side.js";

/** sqliteChaos implements the chaos port on SQLite. */
export function sqliteChaos(db: Db): ChaosStore {
  return {
    // Read for every SMTP message (sender and each recipient): a cached statement, not a built query.
    async get(userId) {
      return get<{ rule: string }>(db, sql`SELECT ${smtpChaos.ruleJson} AS rule FROM ${smtpChaos} WHERE ${smtpChaos.userId} = ${userId}`)
        ?.rule;
    },
    async set(userId, ruleJson) {
      if (ruleJson === undefined) {
        db.delete(smtpChaos).where(eq(smtpChaos.userId, userId)).run();
        return;
      }
      const updatedAt = Date.now();
      db.insert(smtpChaos)
        .values({ userId, ruleJson, updatedAt })
        .onConflictDoUpdate({ target: smtpChaos.userId, set: { ruleJson, updatedAt } })
        .run();
    },
    async forAddress(address) {
      return get<{ rule: string }>(
        db,
        sql`SELECT ${smtpChaos.ruleJson} AS rule FROM ${userAddresses} JOIN ${smtpChaos} ON ${smtpChaos.userId} = ${userAddresses.userId}
            WHERE ${userAddresses.address} = ${address}`,
      )?.rule;
    },
  };
}
