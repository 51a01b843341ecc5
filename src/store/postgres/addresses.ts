import { and, asc, eq } from "drizzle-orm";
import type { UserStore } from "../ports.js";
import { pgCode, UNIQUE_VIOLATION } from "./pg-errors.js";
import type { Pg } from "./client.js";
import { userAddresses, users } from "./schema.js";
import { userDomains } from "./schema-side.js";

async function inserted(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (pgCode(err) === UNIQUE_VIOLATION) return false;
    throw err;
  }
}

type AddressPorts = Pick<UserStore, "addAddress" | "removeAddress" | "domainsOf" | "addDomain" | "removeDomain" | "prefs" | "setPrefs">;

/** pgAddresses implements a user's further addresses, catch-all domains and preferences on PostgreSQL. */
export function pgAddresses(db: Pg): AddressPorts {
  return {
    addAddress: (userId, address) => inserted(db.insert(userAddresses).values({ address, userId, isPrimary: false })),
    async removeAddress(userId, address) {
      const where = and(eq(userAddresses.address, address), eq(userAddresses.userId, userId), eq(userAddresses.isPrimary, false));
      return ((await db.delete(userAddresses).where(where)).rowCount ?? 0) > 0;
    },
    async domainsOf(userId) {
      const rows = await db
        .select({ domain: userDomains.domain })
        .from(userDomains)
        .where(eq(userDomains.userId, userId))
        .orderBy(asc(userDomains.domain));
      return rows.map((r) => r.domain);
    },
    addDomain: (userId, domain) => inserted(db.insert(userDomains).values({ domain, userId })),
    removeDomain: async (domain) => ((await db.delete(userDomains).where(eq(userDomains.domain, domain))).rowCount ?? 0) > 0,
    prefs: async (userId) => (await db.select({ json: users.prefsJson }).from(users).where(eq(users.id, userId)))[0]?.json ?? "{}",
    setPrefs: async (userId, json) => void (await db.update(users).set({ prefsJson: json }).where(eq(users.id, userId))),
  };
}
