import { eq } from "drizzle-orm";
import type { ChaosStore } from "../ports.js";
import type { Db } from "./client.js";
import { userAddresses } from "./schema.js";
import { smtpChaos } from "./schema-side.js";

/** sqliteChaos implements the chaos port on SQLite. */
export function sqliteChaos(db: Db): ChaosStore {
  return {
    async get(userId) {
      return db.select({ rule: smtpChaos.ruleJson }).from(smtpChaos).where(eq(smtpChaos.userId, userId)).get()?.rule;
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
      return db
        .select({ rule: smtpChaos.ruleJson })
        .from(userAddresses)
        .innerJoin(smtpChaos, eq(smtpChaos.userId, userAddresses.userId))
        .where(eq(userAddresses.address, address))
        .get()?.rule;
    },
  };
}
