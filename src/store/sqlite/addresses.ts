import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { userAddresses, users } from "./schema.js";
import { userDomains } from "./schema-side.js";

/** A user's further addresses, catch-all domains and preferences on SQLite. */

const taken = (err: unknown) => (err as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT") === true;

/** addAddress gives a user one more address; false when it is anyone's already. */
export function addAddress(db: Db, userId: number, address: string): boolean {
  try {
    db.insert(userAddresses).values({ address, userId, isPrimary: false }).run();
    return true;
  } catch (err) {
    if (taken(err)) return false;
    throw err;
  }
}

export function removeAddress(db: Db, userId: number, address: string): boolean {
  const where = and(eq(userAddresses.address, address), eq(userAddresses.userId, userId), eq(userAddresses.isPrimary, false));
  return db.delete(userAddresses).where(where).run().changes > 0;
}

export function domainsOf(db: Db, userId: number): string[] {
  const rows = db
    .select({ domain: userDomains.domain })
    .from(userDomains)
    .where(eq(userDomains.userId, userId))
    .orderBy(asc(userDomains.domain))
    .all();
  return rows.map((r) => r.domain);
}

export function addDomain(db: Db, userId: number, domain: string): boolean {
  try {
    db.insert(userDomains).values({ domain, userId }).run();
    return true;
  } catch (err) {
    if (taken(err)) return false;
    throw err;
  }
}

export function removeDomain(db: Db, domain: string): boolean {
  return db.delete(userDomains).where(eq(userDomains.domain, domain)).run().changes > 0;
}

export function prefs(db: Db, userId: number): string {
  return db.select({ json: users.prefsJson }).from(users).where(eq(users.id, userId)).get()?.json ?? "{}";
}

export function setPrefs(db: Db, userId: number, json: string): void {
  db.update(users).set({ prefsJson: json }).where(eq(users.id, userId)).run();
}
