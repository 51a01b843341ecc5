import { eq } from "drizzle-orm";
import type { ChaosStore } from "../ports.js";
import type { Pg } from "./client.js";
import { userAddresses } from "./schema.js";
import { smtpChaos } from "./schema-side.js";

/** pgChaos implements the chaos port on PostgreSQL. */
export function pgChaos(db: Pg): ChaosStore {
  return {
    async get(userId) {
      const [r] = await db.select({ rule: smtpChaos.ruleJson }).from(smtpChaos).where(eq(smtpChaos.userId, userId));
      return r?.rule;
    },
    async set(userId, ruleJson) {
      if (ruleJson === undefined) {
        await db.delete(smtpChaos).where(eq(smtpChaos.userId, userId));
        return;
      }
      const updatedAt = Date.now();
      await db
        .insert(smtpChaos)
        .values({ userId, ruleJson, updatedAt })
        .onConflictDoUpdate({ target: smtpChaos.userId, set: { ruleJson, updatedAt } });
    },
    async forAddress(address) {
      const [r] = await db
        .select({ rule: smtpChaos.ruleJson })
        .from(userAddresses)
        .innerJoin(smtpChaos, eq(smtpChaos.userId, userAddresses.userId))
        .where(eq(userAddresses.address, address));
      return r?.rule;
    },
  };
}
